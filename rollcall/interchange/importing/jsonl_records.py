"""Reading JSON Lines (`rollcall.person/1`, see records.person_record): every record checked.

Records come back in the export's own shape, defaults filled in, so that the writer can compare a
record with what the registry holds by comparing the two serialisations.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from rollcall.events.choices import (
    DAY_ORDER,
    CustodyKind,
    EventType,
    ReleaseKind,
    SentenceKind,
)
from rollcall.events.records import ArticleRecord, EventRecord
from rollcall.interchange.importing.csv_rows import checked_url, decoded_lines
from rollcall.interchange.importing.problems import BadInput, Problem
from rollcall.interchange.records import (
    JSONL_SCHEMA,
    CitizenshipRecord,
    ExternalIdRecord,
    NameRecord,
    PersonRecord,
    dump,
)
from rollcall.lib.countries import clean_country
from rollcall.lib.dates import DatePrecision, PartialDate, future_problem
from rollcall.people.choices import Gender, NameKind, Publication, Visibility
from rollcall.sources.models import SourceKind
from rollcall.sources.records import SourceRecord

# The largest number the registry's columns hold on every database (a positive integer column):
# a larger one failed on writing, after the whole file had been read as fine.
MAX_NUMBER = 2_147_483_647
_TEXT = {"note": 100_000, "place": 300, "regime": 100, "court": 300, "recognised_by": 200}
_SOURCE_TEXT = {"url": 2000, "title": 500, "publisher": 300, "quote": 100_000}


def read_jsonl(path: Path) -> list[PersonRecord]:
    """Read and check every record; raise BadInput listing all problems of the file.

    Records come back in the export's own shape, defaults filled in, so that a record can be
    compared with what the registry holds by comparing the two serialisations.
    """
    problems: list[Problem] = []
    records: list[PersonRecord] = []
    seen: dict[str, int] = {}
    for line, text in enumerate(decoded_lines(path, problems), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(
                Problem(line, "json", f"invalid JSON: {error.msg} (column {error.colno})")
            )
            continue
        if not isinstance(data, dict):
            problems.append(Problem(line, "json", "not a JSON object"))
            continue
        record = _check_record(data, _Reporter(line, problems))
        uid = record["id"]
        if uid in seen:
            problems.append(Problem(line, "id", f"duplicate id {uid!r} (also on line {seen[uid]})"))
        elif uid:
            seen[uid] = line
        records.append(record)
    if problems:
        problems.sort(key=lambda p: p.line)
        raise BadInput(problems)
    return records


def read_record(data: object) -> PersonRecord:
    """Check one record given alone (an API request's body), as `read_jsonl` checks each line;
    raise BadInput listing its problems (all at line 1)."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise BadInput([Problem(1, "json", "not a JSON object")])
    record = _check_record(data, _Reporter(1, problems))
    if problems:
        raise BadInput(problems)
    return record


def read_event(data: object) -> EventRecord[SourceRecord]:
    """Check one event of a record given alone (an API request's body): raise BadInput listing
    its problems, each at the event's own field (`date`, `articles[0].number`)."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise BadInput([Problem(1, "json", "not a JSON object")])
    event = _check_event(data, "", _Reporter(1, problems))
    if problems:
        raise BadInput([Problem(p.line, p.column.lstrip("."), p.message) for p in problems])
    return event


class _Reporter:
    def __init__(self, line: int, problems: list[Problem]) -> None:
        self.line = line
        self.problems = problems

    def __call__(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.line, where, message))

    def text(
        self, data: dict[str, object], key: str, where: str, limit: int, need: bool = False
    ) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self(where, "must be a string")
            return ""
        if need and not value.strip():
            self(where, "empty; required")
        if len(value) > limit:
            self(where, f"longer than {limit} characters")
        return value

    def choice(self, data: dict[str, object], key: str, where: str, allowed: list[str]) -> str:
        value = self.text(data, key, where, 50)
        if value and value not in allowed:
            self(where, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def country(self, data: dict[str, object], key: str, where: str) -> str:
        value = self.text(data, key, where, 10)
        if value:
            try:
                return clean_country(value)
            except ValueError as error:
                self(where, str(error))
        return value

    def partial(self, data: dict[str, object], key: str, where: str) -> str | None:
        """A date of something that happened (a birth, an event, a publication): not later
        than today. `term_ends_on`, a date that looks ahead, is not read through here."""
        value = data.get(key)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            self(where, "must be a string (YYYY, YYYY-MM or YYYY-MM-DD) or null")
            return None
        try:
            partial = PartialDate.parse(value)
        except ValueError as error:
            self(where, str(error))
            return None
        if problem := future_problem(partial.value, partial.precision):
            self(where, problem)
            return None
        return partial.iso()

    def number(self, data: dict[str, object], key: str, where: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_NUMBER:
            self(where, f"must be a whole number from 0 to {MAX_NUMBER}, or null")
            return None
        return value

    def items(self, data: dict[str, object], key: str, where: str) -> list[dict[str, object]]:
        value = data.get(key)
        if value is None:
            return []
        # Not `or []`: an object, "" or false where a list belongs is a mistake to report.
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self(where, "must be a list of objects")
            return []
        return value

    def known(self, data: dict[str, object], keys: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in keys:
                self(f"{where}{key}", "unknown field")


_PERSON_KEYS: tuple[str, ...] = (
    *("schema", "id", "gender", "birth", "visibility", "publication", "note", "place"),
    *("names", "external_ids", "citizenships", "events", "sources"),
)
_EVENT_KEYS: tuple[str, ...] = (
    *("type", "date", "date_precision", "country", "release_kind", "destination"),
    *("facility", "facility_address", "articles", "sentence_kind", "term_months", "regime"),
    "court",
    *("term_ends_on", "custody_kind", "recognised_by", "note", "collective", "sources"),
)
_SOURCE_KEYS = ("url", "title", "publisher", "published_on", "kind", "quote", "start", "end")


def _check_record(data: dict[str, object], report: _Reporter) -> PersonRecord:
    report.known(data, _PERSON_KEYS, "")
    if data.get("schema") != JSONL_SCHEMA:
        report("schema", f"must be {JSONL_SCHEMA!r}")
    names: list[NameRecord] = []
    for n, name in enumerate(report.items(data, "names", "names")):
        at = f"names[{n}]"
        report.known(name, ("value", "script", "kind", "sources"), f"{at}.")
        names.append(
            {
                "value": report.text(name, "value", f"{at}.value", 300, need=True).strip(),
                "script": report.text(name, "script", f"{at}.script", 20),
                "kind": report.choice(name, "kind", f"{at}.kind", NameKind.values)
                or NameKind.ALIAS,
                "sources": _check_sources(name, f"{at}.sources", report),
            }
        )
    if not names:
        report("names", "at least one name is required")
    if sum(n["kind"] == NameKind.PRIMARY for n in names) > 1:
        report("names", "more than one primary name")
    if len({n["value"] for n in names}) < len(names):
        report("names", "the same name is given twice")
    external: list[ExternalIdRecord] = []
    for n, item in enumerate(report.items(data, "external_ids", "external_ids")):
        at = f"external_ids[{n}]"
        report.known(item, ("scheme", "value"), f"{at}.")
        external.append(
            {
                "scheme": report.text(item, "scheme", f"{at}.scheme", 50, need=True),
                "value": report.text(item, "value", f"{at}.value", 200, need=True),
            }
        )
    citizenships: list[CitizenshipRecord] = []
    for n, item in enumerate(report.items(data, "citizenships", "citizenships")):
        at = f"citizenships[{n}]"
        report.known(item, ("country", "sources"), f"{at}.")
        country = report.country(item, "country", f"{at}.country")
        if not country:
            report(f"{at}.country", "empty; required")
        citizenships.append(
            {"country": country, "sources": _check_sources(item, f"{at}.sources", report)}
        )
    if len({c["country"] for c in citizenships}) < len(citizenships):
        report("citizenships", "the same country is given twice")
    events = [
        _check_event(event, f"events[{n}]", report)
        for n, event in enumerate(report.items(data, "events", "events"))
    ]
    rank = {kind: position for position, kind in enumerate(NameKind.values)}
    events.sort(
        key=lambda e: (e["date"] is None, e["date"] or "", DAY_ORDER.get(e["type"], 99), dump(e))
    )
    return {
        "schema": JSONL_SCHEMA,
        "id": report.text(data, "id", "id", 200, need=True).strip(),
        "gender": report.choice(data, "gender", "gender", Gender.values),
        "birth": report.partial(data, "birth", "birth"),
        "visibility": report.choice(data, "visibility", "visibility", Visibility.values)
        or Visibility.PUBLIC,
        "publication": report.choice(data, "publication", "publication", Publication.values)
        or Publication.PUBLISHED,
        "note": report.text(data, "note", "note", _TEXT["note"]),
        "place": report.text(data, "place", "place", _TEXT["place"]),
        "names": sorted(names, key=lambda n: (rank.get(n["kind"], 99), n["value"])),
        "external_ids": sorted(external, key=lambda x: (x["scheme"], x["value"])),
        "citizenships": sorted(citizenships, key=lambda c: c["country"]),
        "events": events,
        "sources": _check_sources(data, "sources", report),
    }


def _check_event(data: dict[str, object], at: str, report: _Reporter) -> EventRecord[SourceRecord]:
    report.known(data, _EVENT_KEYS, f"{at}.")
    kind = report.choice(data, "type", f"{at}.type", EventType.values)
    if not kind:
        report(f"{at}.type", "required")
    when = report.partial(data, "date", f"{at}.date")
    precision = report.choice(data, "date_precision", f"{at}.date_precision", DatePrecision.values)
    if when is not None:
        parsed = PartialDate.parse(when).precision
        if precision and precision != parsed:
            report(f"{at}.date_precision", f"{precision!r} does not match date {when!r}")
        precision = parsed
    articles: list[ArticleRecord] = []
    for n, item in enumerate(report.items(data, "articles", f"{at}.articles")):
        where = f"{at}.articles[{n}]"
        report.known(item, ("country", "code", "number", "title"), f"{where}.")
        articles.append(
            {
                "country": report.country(item, "country", f"{where}.country"),
                "code": report.text(item, "code", f"{where}.code", 50) or "criminal code",
                "number": report.text(item, "number", f"{where}.number", 30, need=True),
                "title": report.text(item, "title", f"{where}.title", 500),
            }
        )
    ends = data.get("term_ends_on")
    if ends is not None and (not isinstance(ends, str) or not _is_day(ends)):
        report(f"{at}.term_ends_on", f"{ends!r} is not a date (YYYY-MM-DD) or null")
        ends = None
    facility, collective = data.get("facility"), data.get("collective")
    for key, value, limit in (("facility", facility, 300), ("collective", collective, 300)):
        if value is not None and (not isinstance(value, str) or not value or len(value) > limit):
            report(f"{at}.{key}", f"must be a name of at most {limit} characters, or null")
    address = report.text(data, "facility_address", f"{at}.facility_address", 1000)
    if address and not facility:
        report(f"{at}.facility_address", "an address needs the facility it is of (facility)")
    return {
        "type": kind,
        "date": when,
        "date_precision": precision or DatePrecision.DAY,
        "country": report.country(data, "country", f"{at}.country"),
        "release_kind": report.choice(
            data, "release_kind", f"{at}.release_kind", ReleaseKind.values
        ),
        "destination": report.country(data, "destination", f"{at}.destination"),
        "facility": facility if isinstance(facility, str) and facility else None,
        "facility_address": address,
        "articles": sorted(articles, key=lambda a: (a["country"], a["code"], a["number"])),
        "sentence_kind": report.choice(
            data, "sentence_kind", f"{at}.sentence_kind", SentenceKind.values
        ),
        "term_months": report.number(data, "term_months", f"{at}.term_months"),
        "regime": report.text(data, "regime", f"{at}.regime", _TEXT["regime"]),
        "court": report.text(data, "court", f"{at}.court", _TEXT["court"]),
        "term_ends_on": ends if isinstance(ends, str) else None,
        "custody_kind": report.choice(
            data, "custody_kind", f"{at}.custody_kind", CustodyKind.values
        ),
        "recognised_by": report.text(data, "recognised_by", f"{at}.recognised_by", 200),
        "note": report.text(data, "note", f"{at}.note", _TEXT["note"]),
        "collective": collective if isinstance(collective, str) and collective else None,
        "sources": _check_sources(data, f"{at}.sources", report),
    }


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _check_sources(data: dict[str, object], at: str, report: _Reporter) -> list[SourceRecord]:
    sources: list[SourceRecord] = []
    for n, item in enumerate(report.items(data, "sources", at)):
        where = f"{at}[{n}]"
        report.known(item, _SOURCE_KEYS, f"{where}.")
        url, title, publisher = (
            report.text(item, key, f"{where}.{key}", _SOURCE_TEXT[key])
            for key in ("url", "title", "publisher")
        )
        source: SourceRecord = {
            "url": checked_url(url, f"{where}.url", report) if url else "",
            "title": title,
            "publisher": publisher,
            "published_on": report.partial(item, "published_on", f"{where}.published_on"),
            "kind": report.choice(item, "kind", f"{where}.kind", SourceKind.values)
            or SourceKind.OTHER,
            "quote": report.text(item, "quote", f"{where}.quote", _SOURCE_TEXT["quote"]),
            "start": report.number(item, "start", f"{where}.start"),
            "end": report.number(item, "end", f"{where}.end"),
        }
        if not (source["url"] or source["title"]):
            report(where, "a source needs a url or a title")
        sources.append(source)
    return sorted(sources, key=dump)
