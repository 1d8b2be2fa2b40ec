"""Attaching evidence to facts."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from rollcall.sources.models import Citation, Source


def cite(fact: models.Model, source: Source, quote: str = "", at: int | None = None) -> Citation:
    """Cite `source` for `fact`, locating the quote in the stored text.

    A quote that is not in the stored text is refused: evidence that cannot be found in the
    document it claims to come from is not evidence. `at` is where the caller read the quote
    (an extraction's evidence offset): kept when the quote is there, since the same sentence
    may occur twice in a text; otherwise the quote's first occurrence is cited.
    """
    start = end = None
    if quote and source.text and at is not None and source.text[at : at + len(quote)] == quote:
        start, end = at, at + len(quote)
    elif quote and source.text:
        start = source.text.find(quote)
        if start < 0:
            raise ValueError(f"quote not found in source {source}: {quote[:80]!r}")
        end = start + len(quote)
    return Citation.objects.create(
        source=source,
        content_type=ContentType.objects.get_for_model(fact),
        object_id=fact.pk,
        quote=quote,
        start=start,
        end=end,
    )
