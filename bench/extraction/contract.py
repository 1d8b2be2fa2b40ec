"""Whether an extraction keeps to the `rollcall.extraction/1` contract: its vocabulary, codes, dates
and evidence spans. Checked on every gold file (by the tests) and on every system output (by the
benchmark, which reports violations beside the scores: a fact in a made-up vocabulary is as useless
to the review queue as a missing one)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

import pycountry

SCHEMA = "rollcall.extraction/1"
TYPES = frozenset({"arrest", "sentence", "transfer", "release", "deportation", "death_in_custody"})
RELEASE_KINDS = frozenset(
    {"exchange", "deal", "amnesty", "pardon", "end_of_term", "acquittal", "other"}
)
QUALIFIERS = frozenset({"exact", "at_least", "more_than", "about", "at_most", "fewer_than"})
LINK_TYPES = frozenset({"sanctions_relief", "agreement", "exchange", "mediation"})
MEASURES = frozenset({"held", "detained", "released", "died_in_custody"})
PRECISIONS = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "month": re.compile(r"\d{4}-\d{2}"),
              "year": re.compile(r"\d{4}")}  # fmt: skip

TOP_FIELDS = frozenset({"schema", "document", "events", "estimates"})
DOCUMENT_FIELDS = frozenset({"title", "published", "sha256"})
EVENT_FIELDS = frozenset(
    {
        "type",
        "release_kind",
        "date",
        "date_precision",
        "country",
        "count",
        "persons",
        "destinations",
        "linked",
        "nationals",
        "evidence",
    }
)
ESTIMATE_FIELDS = frozenset({"measure", "country", "count", "attributed_to", "evidence"})


def is_country(code: object) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 2
        and pycountry.countries.get(alpha_2=code) is not None
    )


def _count(where: str, count: object, problems: list[str]) -> None:
    if count is None:
        return
    if not isinstance(count, Mapping) or set(count) - {"value", "qualifier"}:
        problems.append(f"{where}: count {count!r} is not {{value, qualifier}}")
        return
    value = count.get("value")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        problems.append(f"{where}: count value {value!r} is not a whole number")
    if count.get("qualifier") not in QUALIFIERS:
        problems.append(f"{where}: qualifier {count.get('qualifier')!r} is not in the contract")


def _country(where: str, code: object, problems: list[str], *, required: bool = False) -> None:
    if code is None and not required:
        return
    if not is_country(code):
        problems.append(f"{where}: {code!r} is not an ISO 3166-1 alpha-2 code")


def _date(where: str, value: object, precision: object, problems: list[str]) -> None:
    if value is None and precision is None:
        return
    if not isinstance(value, str) or precision not in PRECISIONS:
        problems.append(f"{where}: date {value!r} with precision {precision!r}")
        return
    if not PRECISIONS[str(precision)].fullmatch(value):
        problems.append(f"{where}: date {value!r} does not have {precision} precision")
        return
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        problems.append(f"{where}: {value!r} is not a date")


def _evidence(where: str, evidence: object, text: str | None, problems: list[str]) -> None:
    if evidence is None:
        return
    if not isinstance(evidence, Sequence) or isinstance(evidence, str):
        problems.append(f"{where}: evidence is not a list")
        return
    for item in evidence:
        if not isinstance(item, Mapping):
            problems.append(f"{where}: evidence item {item!r} is not an object")
            continue
        start, end, quoted = item.get("start"), item.get("end"), item.get("text")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end:
            problems.append(f"{where}: evidence span {start!r}-{end!r} is not a span")
            continue
        if text is None:
            continue
        if end > len(text):
            problems.append(f"{where}: evidence ends at {end}, after the text ({len(text)} chars)")
        elif isinstance(quoted, str) and text[start:end] != quoted:
            problems.append(
                f"{where}: evidence {start}-{end} reads {text[start:end][:60]!r},"
                f" not {quoted[:60]!r}"
            )


def _objects(where: str, value: object, problems: list[str]) -> list[Mapping[str, object]]:
    if value is None:
        return []
    if not isinstance(value, Sequence) or isinstance(value, str):
        problems.append(f"{where} is not a list")
        return []
    items = [v for v in value if isinstance(v, Mapping)]
    if len(items) != len(value):
        problems.append(f"{where} holds something other than objects")
    return items


def problems(extraction: Mapping[str, object], text: str | None = None) -> list[str]:
    """Everything in an extraction that breaks the contract; `text`, when given, is the document's
    plain text that evidence offsets must index."""
    found: list[str] = []
    if extraction.get("schema") != SCHEMA:
        found.append(f"schema is {extraction.get('schema')!r}, not {SCHEMA!r}")
    if extra := set(extraction) - TOP_FIELDS:
        found.append(f"fields outside the contract: {sorted(extra)}")
    document = extraction.get("document")
    if not isinstance(document, Mapping):
        found.append("document is missing")
    elif extra := set(document) - DOCUMENT_FIELDS:
        found.append(f"document fields outside the contract: {sorted(extra)}")
    for i, event in enumerate(_objects("events", extraction.get("events"), found)):
        where = f"event {i} ({event.get('type')})"
        if extra := set(event) - EVENT_FIELDS:
            found.append(f"{where}: fields outside the contract: {sorted(extra)}")
        if event.get("type") not in TYPES:
            found.append(f"{where}: type {event.get('type')!r} is not in the contract")
        kind = event.get("release_kind")
        if kind is not None and kind not in RELEASE_KINDS:
            found.append(f"{where}: release kind {kind!r} is not in the contract")
        if kind is not None and event.get("type") != "release":
            found.append(f"{where}: a release kind on an event that is not a release")
        _date(where, event.get("date"), event.get("date_precision"), found)
        _country(where, event.get("country"), found)
        _count(where, event.get("count"), found)
        for person in _objects(f"{where}: persons", event.get("persons"), found):
            if not isinstance(person.get("name"), str) or not str(person.get("name")).strip():
                found.append(f"{where}: a person without a name")
            if set(person) - {"name", "age", "match"}:
                found.append(f"{where}: person fields outside the contract: {sorted(person)}")
            age = person.get("age")
            if "age" in person and (not isinstance(age, int) or isinstance(age, bool) or age < 1):
                found.append(f"{where}: age {age!r} is not a number of years")
        for part in ("destinations", "nationals"):
            for item in _objects(f"{where}: {part}", event.get(part), found):
                _country(f"{where}: {part}", item.get("country"), found, required=True)
                _count(f"{where}: {part}", item.get("count"), found)
        for link in _objects(f"{where}: linked", event.get("linked"), found):
            if link.get("type") not in LINK_TYPES:
                found.append(f"{where}: link type {link.get('type')!r} is not in the contract")
            _country(f"{where}: link", link.get("by"), found)
            target = link.get("target")
            if target is not None and not isinstance(target, str):
                found.append(f"{where}: link target {target!r} is not text")
        _evidence(where, event.get("evidence"), text, found)
    for i, estimate in enumerate(_objects("estimates", extraction.get("estimates"), found)):
        where = f"estimate {i}"
        if extra := set(estimate) - ESTIMATE_FIELDS:
            found.append(f"{where}: fields outside the contract: {sorted(extra)}")
        if estimate.get("measure") not in MEASURES:
            found.append(f"{where}: measure {estimate.get('measure')!r} is not in the contract")
        _country(where, estimate.get("country"), found)
        _count(where, estimate.get("count"), found)
        attributed = estimate.get("attributed_to")
        if attributed is not None and not isinstance(attributed, str):
            found.append(f"{where}: attributed_to {attributed!r} is not text")
        _evidence(where, estimate.get("evidence"), text, found)
    return found
