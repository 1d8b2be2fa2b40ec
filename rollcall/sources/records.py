"""Citations as plain data: the one home of the fields a cited source is shown with.

Every published shape of a citation takes its values from `citation_fields()`; the shapes differ
only in which fields they keep and in their key order, and both are frozen (readers parse them
and exports are compared byte for byte), so each is spelled out here side by side:

- `SourceRecord`: the lossless `rollcall.person/1` citation of JSON Lines exports and imports,
  `citation_fields()` whole. It keeps the source's kind, so an export imported into an empty
  registry recreates the same source.
- `PUBLIC`: a source as the API and the site show it, beside a person, event or collective event.
- `BRIEF`: a reported estimate's source in the stats JSON: who said it, where, in which words.

A source's stored text is never part of any shape: it is what the quote's offsets index, and
republishing whole articles is not the registry's to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypedDict

from rollcall.lib.dates import format_partial
from rollcall.sources.models import Citation

PUBLIC = ("title", "url", "publisher", "published_on", "quote", "start", "end")
BRIEF = ("title", "url", "quote")


class SourceRecord(TypedDict):
    url: str
    title: str
    publisher: str
    published_on: str | None
    kind: str
    quote: str
    start: int | None
    end: int | None


def citation_fields(citation: Citation) -> SourceRecord:
    """Every field any shape shows: the source's description and the cited words."""
    source = citation.source
    return {
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "published_on": format_partial(source.published_on, source.published_precision) or None,
        "kind": source.kind,
        "quote": citation.quote,
        "start": citation.start,
        "end": citation.end,
    }


def citation_record(citation: Citation, shape: tuple[str, ...]) -> dict[str, object]:
    """One citation in `shape` (`PUBLIC` or `BRIEF`), keys in the shape's order."""
    fields: Mapping[str, object] = citation_fields(citation)
    return {name: fields[name] for name in shape}


def citation_records(
    citations: Iterable[Citation], shape: tuple[str, ...]
) -> list[dict[str, object]]:
    """Citations in `shape`, in the order given (each caller decides what order it publishes)."""
    return [citation_record(citation, shape) for citation in citations]
