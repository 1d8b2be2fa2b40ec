"""One row of a list, read as its mapping says, into a `rollcall.person/1` record.

The record is built as plain data and then checked by the JSON Lines reader (`read_record`), so
a mapped list and a JSON Lines file reach the registry through the same checks and the same
writer. What the record format cannot hold yet is not forced into it: docs/mapping.md lists it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from rollcall.events.choices import CustodyKind, EventType, SentenceKind
from rollcall.interchange.importing.csv_rows import checked_url
from rollcall.interchange.importing.problems import Problem
from rollcall.interchange.mapping.dates import read_date
from rollcall.interchange.mapping.rows import SourceRow
from rollcall.interchange.mapping.spec import FieldSpec, MappingSpec
from rollcall.interchange.mapping.targets import SENTENCE_WORDS, TARGETS, Kind
from rollcall.interchange.records import JSONL_SCHEMA
from rollcall.lib.countries import clean_country
from rollcall.lib.dates import DatePrecision, PartialDate, future_problem, period_end
from rollcall.lib.scripts import guess_script
from rollcall.people.choices import NameKind
from rollcall.sources.models import SourceKind

# Dates of things that have happened; a sentence's end looks ahead and is not checked.
_PAST = ("birth", "death", "detained_on", "sentenced_on", "released_on")
_SENTENCE_KINDS = {
    "term": SentenceKind.TERM,
    "life": SentenceKind.LIFE,
    "death_penalty": SentenceKind.DEATH_PENALTY,
    "non_custodial": SentenceKind.NON_CUSTODIAL,
    "unknown": "",
}


@dataclass
class RowReport:
    """A row's problems (the row is refused) and notices (a value left empty, as the mapping
    allows with `if_unreadable = "leave_empty"`)."""

    line: int
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)

    def unreadable(self, spec: FieldSpec, message: str) -> None:
        where = spec.column or f"fields.{spec.target}"
        if spec.if_unreadable == "leave_empty":
            self.notices.append(Problem(self.line, where, f"{message}; left empty"))
        else:
            self.problems.append(Problem(self.line, where, message))


@dataclass
class _Sentence:
    kind: str | None = None  # None: the row gives no sentence
    ends: PartialDate | None = None


def row_id(mapping: MappingSpec, row: SourceRow) -> str:
    """The person's id: the row's own, or a hash of the chosen columns (stable across imports as
    long as those cells do not change)."""
    if mapping.id.column:
        return mapping.id.prefix + _joined(row.cells.get(mapping.id.column, "")).strip()
    values = [_joined(row.cells.get(column, "")).strip() for column in mapping.id.hash]
    digest = hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()
    return mapping.id.prefix + digest[:12]


def build_record(mapping: MappingSpec, row: SourceRow, report: RowReport) -> dict[str, object]:
    """The row as a person record (unchecked: `read_record` checks it next)."""
    read = _Reader(mapping, row, report)
    uid = row_id(mapping, row)
    if uid == mapping.id.prefix:
        report.problems.append(Problem(row.line, mapping.id.column, "empty; the id is required"))
    country = read.one("country")
    kind = mapping.fields["sources"].kind if "sources" in mapping.fields else ""
    sources = [{"url": url, "kind": kind or SourceKind.OTHER} for url in read.many("sources")]
    events = _events(read, country)
    for event in events:
        event["sources"] = sources
    name = read.one("name")
    if not name:
        where = mapping.fields["name"].column or "fields.name"
        report.problems.append(Problem(row.line, where, "empty; every person needs a name"))
    names = [_name(name, NameKind.PRIMARY, mapping.fields["name"])] if name else []
    if "aliases" in mapping.fields:
        spec = mapping.fields["aliases"]
        names += [
            _name(alias, spec.kind or NameKind.ALIAS, spec)
            for alias in dict.fromkeys(read.many("aliases"))
            if alias != name
        ]
    birth = read.date("birth")
    note = read.one("note")
    if note and mapping.fields["note"].label:  # a note is read only when mapped
        note = f"{mapping.fields['note'].label}: {note}"
    record: dict[str, object] = {
        "schema": JSONL_SCHEMA,
        "id": uid,
        "gender": read.one("gender"),
        "birth": birth.iso() if birth else None,
        "visibility": read.one("visibility"),
        "note": note,
        "place": read.one("place"),
        "names": names,
        "external_ids": [],
        "citizenships": [
            {"country": code, "sources": []} for code in dict.fromkeys(read.many("citizenship"))
        ],
        "events": events,
        "sources": sources,
    }
    return record


def _events(read: _Reader, country: str) -> list[dict[str, object]]:
    events: list[dict[str, object]] = []
    detained = read.date("detained_on")
    sentence = read.sentence()
    sentenced = read.date("sentenced_on")
    term_months = read.number("term_months")
    court = read.one("court")
    facility = read.one("facility") or None
    facility_address = read.one("facility_address")
    if facility_address and not facility:
        read.problem("facility_address", "given without the facility it is of (fields.facility)")
    articles = [
        {
            "country": country,
            "code": read.mapping.fields["articles"].code,
            "number": number,
            "title": "",
        }
        for number in dict.fromkeys(read.many("articles"))
    ]
    custody_kind = read.one("custody_kind")
    if detained or sentence.kind == "not_sentenced":
        event = _event(EventType.ARREST, detained, country)
        # "Not sentenced yet" says the kind of custody itself; a kind the mapping gives for the
        # whole list (every sentence served in prison) does not override it.
        held_before_trial = sentence.kind == "not_sentenced"
        event["custody_kind"] = CustodyKind.PRE_TRIAL.value if held_before_trial else custody_kind
        events.append(event)
    gives_sentence = sentence.kind not in (None, "not_sentenced")
    if gives_sentence or sentenced or term_months is not None or court:
        event = _event(EventType.SENTENCE, sentenced, country)
        event["sentence_kind"] = _SENTENCE_KINDS.get(sentence.kind or "unknown", "")
        event["term_months"] = term_months
        event["court"] = court
        event["custody_kind"] = custody_kind
        if events:  # the arrest of a row with a sentence: the kind is the sentence's
            events[0]["custody_kind"] = ""
        if sentence.ends is not None:
            event["sentence_kind"] = SentenceKind.TERM
            # The record holds a term's end as a day. A list that gives only the month or the
            # year is recorded as that period's last day, the first day the term has certainly
            # ended: the person is never counted "term ended" before it may have, and the note
            # keeps what the list said, so nobody reads the day as the list's.
            event["term_ends_on"] = period_end(sentence.ends).isoformat()
            if sentence.ends.precision != DatePrecision.DAY:
                event["note"] = (
                    f"the term ends in {sentence.ends.iso()}; its last day is recorded as the end"
                )
        events.append(event)
    if (facility or articles or custody_kind) and not events:
        events.append(_event(EventType.ARREST, None, country))
        events[-1]["custody_kind"] = custody_kind
    if events:
        events[-1]["facility"] = facility
        events[-1]["facility_address"] = facility_address if facility else ""
        events[-1]["articles"] = articles
    released = read.date("released_on")
    if released:
        event = _event(EventType.RELEASE, released, country)
        event["release_kind"] = read.one("release_kind")
        events.append(event)
    elif read.one("release_kind"):
        read.problem("release_kind", "given without a release date (fields.released_on)")
    died = read.date("death")
    if died:
        events.append(_event(EventType.DEATH, died, country))
    return events


def _event(kind: str, when: PartialDate | None, country: str) -> dict[str, object]:
    return {
        "type": kind,
        "date": when.iso() if when else None,
        "country": country,
        "facility": None,
        "articles": [],
        "term_ends_on": None,
        "collective": None,
        "sources": [],
    }


def _name(value: str, kind: str, spec: FieldSpec) -> dict[str, object]:
    return {"value": value, "script": spec.script or guess_script(value), "kind": kind}


def _joined(cell: str | list[str]) -> str:
    return " ".join(cell) if isinstance(cell, list) else cell


class _Reader:
    """Reads the row's cell for each target the mapping names, translated into registry words."""

    def __init__(self, mapping: MappingSpec, row: SourceRow, report: RowReport) -> None:
        self.mapping = mapping
        self.row = row
        self.report = report

    def problem(self, target: str, message: str) -> None:
        spec = self.mapping.fields[target]
        self.report.problems.append(
            Problem(self.row.line, spec.column or f"fields.{target}", message)
        )

    def raw(self, target: str) -> list[str]:
        """The target's values in the list's own words; [] when the list does not say."""
        spec = self.mapping.fields.get(target)
        if spec is None:
            return []
        if spec.value is not None:
            cell: str | list[str] = spec.value
        else:
            cell = self.row.cells.get(spec.column, "")
        parts = cell if isinstance(cell, list) else [cell]
        if spec.separator:
            parts = [piece for part in parts for piece in part.split(spec.separator)]
        values = [part.strip() for part in parts if part.strip()]
        if not values and spec.default is not None:
            values = [spec.default]
        words = [spec.values.get(value.casefold(), value) for value in values]
        return [word for word in words if word]

    def many(self, target: str) -> list[str]:
        checked: list[str] = []
        for value in self.raw(target):
            word = self._checked(target, value)
            if word:
                checked.append(word)
        return checked

    def one(self, target: str) -> str:
        values = self.many(target)
        if len(values) > 1 and not TARGETS[target].multiple:
            self.problem(target, f"{len(values)} values where one belongs")
        return values[0] if values else ""

    def _checked(self, target: str, value: str) -> str:
        spec = self.mapping.fields[target]
        kind = TARGETS[target].kind
        words = TARGETS[target].words
        if kind is Kind.WORD and value not in words:
            self.report.unreadable(spec, _untranslated(target, value, words))
            return ""
        if kind is Kind.URL:
            # Checked here, once at its column: the record cites each URL for every event too,
            # and the record's check would name the same bad URL once per event.
            return checked_url(
                value, spec.column, lambda _, message: self.report.unreadable(spec, message)
            )
        if kind is Kind.COUNTRY:
            try:
                return clean_country(value)
            except ValueError as error:
                hint = f'translate it under fields.{target}.values, e.g. {value!r} = "BY"'
                self.report.unreadable(spec, f"{error}; {hint}")
                return ""
        return value

    def date(self, target: str) -> PartialDate | None:
        text = self.one(target)
        if not text:
            return None
        spec = self.mapping.fields[target]
        try:
            when = read_date(text, spec.formats, spec.months)
        except ValueError as error:
            self.report.unreadable(spec, f"{error} (fields.{target}.formats)")
            return None
        if target in _PAST and (problem := future_problem(when.value, when.precision)):
            self.report.unreadable(spec, problem)
            return None
        return when

    def number(self, target: str) -> int | None:
        text = self.one(target)
        if not text:
            return None
        if not text.isdigit():
            self.report.unreadable(self.mapping.fields[target], f"{text!r} is not a whole number")
            return None
        return int(text)

    def sentence(self) -> _Sentence:
        text = self.one("sentence")
        if not text:
            return _Sentence()
        if text in SENTENCE_WORDS:
            return _Sentence(text)
        spec = self.mapping.fields["sentence"]
        try:
            return _Sentence("term", read_date(text, spec.formats, spec.months))
        except ValueError:
            words = (*SENTENCE_WORDS, "a date in fields.sentence.formats")
            self.report.unreadable(spec, _untranslated("sentence", text, words))
            return _Sentence()


def _untranslated(target: str, value: str, words: tuple[str, ...]) -> str:
    return (
        f"{value!r} is not translated; add it under fields.{target}.values "
        f"(registry words: {', '.join(words)})"
    )
