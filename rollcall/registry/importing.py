"""Importing person lists: CSV (the contract's columns) and JSON Lines (`rollcall.person/1`).

Two phases, so a file is imported all or nothing: `read_csv` / `read_jsonl` read and check the
whole file without touching the database, reporting every problem at its physical line (the
header is line 1); only a file without a single problem reaches `import_rows` /
`import_records`, which write everything in one transaction. docs/import-export.md states the
rules users rely on (how rows find existing people, what an empty cell means).
"""

from __future__ import annotations

import calendar
import csv
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from rollcall.events.choices import DAY_ORDER, EventType, ReleaseKind, SentenceKind
from rollcall.events.custody import EventFact, derive_intervals
from rollcall.lib.countries import clean_country
from rollcall.lib.dates import DatePrecision, PartialDate
from rollcall.people.choices import Gender, NameKind, Publication, Visibility
from rollcall.sources.models import SourceKind

CSV_COLUMNS = (
    "name",
    "id",
    "aliases",
    "birth_year",
    "gender",
    "country",
    "detained_on",
    "released_on",
    "release_kind",
    "destination",
    "visibility",
    "source_url",
)
JSONL_SCHEMA = "rollcall.person/1"
_YEAR = re.compile(r"^\d{4}$")
_url_validator = URLValidator(schemes=["http", "https"])
# Computed once: `Choices.values` rebuilds its list on every access, 100,000 times a list.
_GENDERS, _VISIBILITIES = Gender.values, Visibility.values
_RELEASE_KINDS = ReleaseKind.values


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: {self.column}: {self.message}"


class BadInput(Exception):
    """The file cannot be imported; `problems` says every reason, each at its line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(slots=True)
class PersonRow:
    """One CSV row, checked; empty strings and None mean "the list does not say"."""

    line: int
    name: str
    uid: str = ""
    aliases: list[str] = field(default_factory=list)
    birth_year: int | None = None
    gender: str = ""
    country: str = ""
    detained: PartialDate | None = None
    released: PartialDate | None = None
    release_kind: str = ""
    destination: str = ""
    visibility: str = ""
    source_url: str = ""


def decoded_lines(path: Path, problems: list[Problem]) -> Iterator[str]:
    """Decode the file line by line, so a broken UTF-8 byte is reported at its own line.

    A broken line is still yielded (with replacement characters) so that the rows after it are
    checked too: the user gets every problem of the file in one run.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                problems.append(
                    Problem(
                        number,
                        "encoding",
                        f"byte {raw[error.start]:#04x} at position {error.start + 1} "
                        "is not UTF-8 (save the file as UTF-8)",
                    )
                )
                yield raw.decode("utf-8", errors="replace")


def read_csv(path: Path) -> list[PersonRow]:
    """Read and check every row; raise BadInput listing all problems of the file."""
    problems: list[Problem] = []
    rows: list[PersonRow] = []
    reader = csv.reader(decoded_lines(path, problems), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise BadInput([*problems, Problem(1, "row", f"malformed CSV: {error}")]) from None
    if header is None or not any(cell.strip() for cell in header):
        raise BadInput([*problems, Problem(1, "column", "no header row (the file is empty)")])
    columns = [cell.strip() for cell in header]
    for position, column in enumerate(columns):
        if column not in CSV_COLUMNS:
            problems.append(Problem(1, "column", f"unknown column {column!r}"))
        elif column in columns[:position]:
            problems.append(Problem(1, "column", f"duplicate column {column!r}"))
    if "name" not in columns:
        problems.append(Problem(1, "column", "required column 'name' is missing"))
    if problems and any(p.line == 1 for p in problems):
        # Without a usable header no cell can be read for what it is.
        raise BadInput(problems)
    seen_ids: dict[str, int] = {}
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(reader.line_num, "row", f"malformed CSV: {error}"))
            break
        if not cells:
            continue  # a blank line
        if len(cells) != len(columns):
            problems.append(
                Problem(line, "row", f"has {len(cells)} fields, the header has {len(columns)}")
            )
            continue
        row = parse_row(line, dict(zip(columns, cells, strict=True)), problems)
        if row.uid:
            if row.uid in seen_ids:
                problems.append(
                    Problem(
                        line, "id", f"duplicate id {row.uid!r} (also on line {seen_ids[row.uid]})"
                    )
                )
            else:
                seen_ids[row.uid] = line
        rows.append(row)
    if problems:
        problems.sort(key=lambda p: p.line)
        raise BadInput(problems)
    return rows


def parse_row(line: int, cells: dict[str, str], problems: list[Problem]) -> PersonRow:
    def report(column: str, message: str) -> None:
        problems.append(Problem(line, column, message))

    value = {key: text.strip() for key, text in cells.items()}
    row = PersonRow(line=line, name=value.get("name", ""), uid=value.get("id", ""))
    if not row.name:
        report("name", "empty; every row needs the name the registry shows")
    elif len(row.name) > 300:
        report("name", "longer than 300 characters")
    if len(row.uid) > 200:
        report("id", "longer than 200 characters")
    aliases = [alias.strip() for alias in value.get("aliases", "").split("|")]
    row.aliases = list(dict.fromkeys(a for a in aliases if a and a != row.name))
    for alias in row.aliases:
        if len(alias) > 300:
            report("aliases", f"alias {alias[:40]!r}… is longer than 300 characters")
    if year := value.get("birth_year", ""):
        if not _YEAR.match(year) or not 1850 <= int(year) <= date.today().year:
            report("birth_year", f"{year!r} is not a four-digit year of birth")
        else:
            row.birth_year = int(year)
    row.gender = _choice(value.get("gender", "").lower(), _GENDERS, "gender", report)
    row.visibility = _choice(
        value.get("visibility", "").lower(), _VISIBILITIES, "visibility", report
    )
    row.release_kind = _choice(
        value.get("release_kind", "").lower(), _RELEASE_KINDS, "release_kind", report
    )
    row.country = _country(value.get("country", ""), "country", report)
    row.destination = _country(value.get("destination", ""), "destination", report)
    row.detained = _partial(value.get("detained_on", ""), "detained_on", report)
    row.released = _partial(value.get("released_on", ""), "released_on", report)
    if row.detained and row.released and period_end(row.released) < row.detained.value:
        report("released_on", f"{row.released.iso()} is before detained_on {row.detained.iso()}")
    if not value.get("released_on"):
        for column in ("release_kind", "destination"):
            if value.get(column):
                report(column, "given without released_on")
    if url := value.get("source_url", ""):
        row.source_url = _url(url, "source_url", report)
    return row


def period_end(partial: PartialDate) -> date:
    """The last day a partial date may stand for: 2020-09 may be as late as 30 September."""
    day = partial.value
    if partial.precision == DatePrecision.YEAR:
        return date(day.year, 12, 31)
    if partial.precision == DatePrecision.MONTH:
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def _choice(text: str, allowed: list[str], column: str, report: Any) -> str:
    if text and text not in allowed:
        report(column, f"{text!r} is not one of {', '.join(allowed)}")
        return ""
    return text


def _country(text: str, column: str, report: Any) -> str:
    if not text:
        return ""
    try:
        return clean_country(text)
    except ValueError as error:
        report(column, str(error))
        return ""


def _partial(text: str, column: str, report: Any) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        report(column, str(error))
        return None


def _url(text: str, column: str, report: Any) -> str:
    problem = _url_problem(text)
    if problem:
        report(column, problem)
        return ""
    return text


@functools.lru_cache(maxsize=4096)
def _url_problem(text: str) -> str:
    """Why `text` is no source URL ("" if it is one); cached, as a list repeats its sources."""
    if len(text) > 2000:
        return "longer than 2000 characters"
    try:
        _url_validator(text)
    except ValidationError:
        return f"{text[:80]!r} is not an http(s) URL"
    return ""


# --- writing CSV rows ---------------------------------------------------------------------------

BATCH = 2000


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class ExistingPeople:
    """Finds the registry person a row without an `id` stands for.

    The rule (documented in docs/import-export.md): same primary name, and the same birth year
    when both the row and the person have one. Several rows of one file with the same name are
    paired, in file order, with the matching people in the order they were created, so importing
    the same list twice never duplicates anyone. People whose uid the file names are left out:
    their own row updates them. This is the boundary the fuzzy name matcher will extend.
    """

    def __init__(self, rows: list[PersonRow]) -> None:
        from rollcall.people.models import PersonName

        file_uids = {row.uid for row in rows if row.uid}
        names = sorted({row.name for row in rows if not row.uid})
        self._candidates: dict[str, list[tuple[int, int | None]]] = {}
        for offset in range(0, len(names), 900):
            chunk = names[offset : offset + 900]
            found = (
                PersonName.objects.filter(kind=NameKind.PRIMARY, value__in=chunk)
                .values_list("value", "person_id", "person__uid", "person__birth_date")
                .order_by("person_id")
            )
            for value, person_id, uid, birth in found:
                if uid not in file_uids:
                    year = birth.year if birth else None
                    self._candidates.setdefault(value, []).append((person_id, year))

    def find_existing(self, row: PersonRow) -> int | None:
        """The id of the person `row` updates, or None for a new person (consumes the match)."""
        candidates = self._candidates.get(row.name, [])
        for position, (person_id, year) in enumerate(candidates):
            if row.birth_year is None or year is None or row.birth_year == year:
                del candidates[position]
                return person_id
        return None


class RawInsert:
    """New rows of one model, and their "created" history rows, written with plain executemany.

    Why not `bulk_create_with_history`: on a 100,000-row list the ORM spent four fifths of the
    import compiling SQL value by value and building a model instance per history row (measured
    with cProfile: 75 s against a 30 s budget). Rows here are plain dicts over the model's own
    columns, ids are reserved up front (`reserve_ids`), and the history rows carry the same
    values, so the audit trail is exactly what simple_history would have written.
    """

    def __init__(self, model: type[Any], reason: str, now: Any) -> None:
        from django.db import connection, models

        self.model = model
        self.reason = reason
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.columns = [f.attname for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}
        stamp = connection.ops.adapt_datetimefield_value(now)
        self.stamp = stamp
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = stamp
        self.date_columns = {
            f.attname
            for f in fields
            if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
        }
        self.rows: list[dict[str, Any]] = []

    def add(self, **values: Any) -> dict[str, Any]:
        self.rows.append(values)
        return values

    def flush(self) -> list[int]:
        """Insert the pending rows; return their ids in order (also set as each row's "id")."""
        from django.db import connection

        if not self.rows:
            return []
        adapt = connection.ops.adapt_datefield_value
        ids = reserve_ids(self.model, len(self.rows))
        values = []
        for pk, row in zip(ids, self.rows, strict=True):
            row["id"] = pk
            for column in self.date_columns & row.keys():
                row[column] = adapt(row[column])
            values.append((pk, *[row.get(c, self.defaults[c]) for c in self.columns]))
        columns = ["id", *self.columns]
        history = self.model.history.model._meta.db_table
        extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
        history_values = [(*value, self.stamp, self.reason, "+", None) for value in values]
        _insert(self.model._meta.db_table, columns, values)
        _insert(history, columns + extra, history_values)
        self.rows = []
        return ids


def _insert(table: str, columns: list[str], values: list[tuple[Any, ...]]) -> None:
    """Insert many rows: one prepared statement on SQLite, COPY on PostgreSQL.

    psycopg's executemany sent a statement per row (88 s for the 100k benchmark list against
    SQLite's 21 s), and long multi-row VALUES lists spent longer still in client-side parsing.
    """
    from django.db import connection

    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    marks = f"({', '.join(['%s'] * len(columns))})"
    # Table and column names come from the models, never from the file being imported.
    head = f"INSERT INTO {quote(table)} ({names})"
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(f"{head} VALUES {marks}", values)
            return
        with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)


def reserve_ids(model: type[Any], count: int) -> list[int]:
    """Primary keys for `count` new rows, never reusing the id of a deleted row.

    Reuse would be harmful: the history tables still hold the deleted row under its id. On
    SQLite the import's transaction holds the write lock (IMMEDIATE), so nobody else can take
    ids meanwhile; on PostgreSQL the identity sequence hands them out.
    """
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        (high,) = cursor.fetchone()
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(high or 0, found[0] if found else 0) + 1
        return list(range(start, start + count))


@dataclass
class _Plan:
    """What one batch of rows will write; built without writing so --dry-run can count it."""

    new_rows: list[tuple[PersonRow, int | None]] = field(default_factory=list)
    person_updates: list[Any] = field(default_factory=list)
    person_fields: set[str] = field(default_factory=set)
    demoted: list[Any] = field(default_factory=list)
    promoted: list[Any] = field(default_factory=list)
    names: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    event_updates: list[Any] = field(default_factory=list)
    event_fields: set[str] = field(default_factory=set)
    citations: list[tuple[int, int | None]] = field(default_factory=list)
    custody: list[int] = field(default_factory=list)


def import_rows(rows: list[PersonRow], *, label: str, draft: bool, dry_run: bool) -> Outcome:
    """Write checked rows, all in one transaction; with `dry_run`, only count what would change."""
    from django.db import transaction

    from rollcall.events.custody import rebuild_custody
    from rollcall.registry.progress import progress

    reason = f"import {label}"
    outcome = Outcome()
    with transaction.atomic():
        sources = _sources({row.source_url for row in rows if row.source_url}, reason, dry_run)
        existing = ExistingPeople(rows)
        custody: list[int] = []
        batches = [rows[offset : offset + BATCH] for offset in range(0, len(rows), BATCH)]
        for batch in progress(batches, len(batches), f"Importing {len(rows)} rows"):
            plan = _plan(batch, existing, sources, outcome)
            if not dry_run:
                _apply(plan, reason, draft)
                custody += plan.custody
        if custody:
            rebuild_custody(custody)
    return outcome


def _sources(urls: set[str], reason: str, dry_run: bool) -> dict[str, int | None]:
    """url → Source id; list sources the registry lacks are created (kind: NGO list)."""
    from django.utils import timezone

    from rollcall.sources.models import Source

    known: dict[str, int | None] = {}
    ordered = sorted(urls)
    for offset in range(0, len(ordered), 900):
        found = Source.objects.filter(url__in=ordered[offset : offset + 900]).order_by("id")
        for url, pk in found.values_list("url", "id"):
            known.setdefault(url, pk)
    missing = [url for url in ordered if url not in known]
    if missing and not dry_run:
        insert = RawInsert(Source, reason, timezone.now())
        for url in missing:
            insert.add(kind=SourceKind.NGO_LIST, url=url)
        known.update(zip(missing, insert.flush(), strict=True))
    return {**dict.fromkeys(missing), **known}


def _plan(
    batch: list[PersonRow],
    existing: ExistingPeople,
    sources: dict[str, int | None],
    outcome: Outcome,
) -> _Plan:
    from django.contrib.contenttypes.models import ContentType

    from rollcall.events.models import Event
    from rollcall.people.models import Person, PersonName
    from rollcall.sources.models import Citation

    by_uid = {p.uid: p for p in Person.objects.filter(uid__in=[r.uid for r in batch if r.uid])}
    matched = {row.line: existing.find_existing(row) for row in batch if not row.uid}
    by_id = {p.pk: p for p in by_uid.values()}
    by_id.update(Person.objects.in_bulk([pk for pk in matched.values() if pk]))
    names: dict[int, dict[str, Any]] = {pk: {} for pk in by_id}
    for name in PersonName.objects.filter(person_id__in=list(by_id)):
        names[name.person_id][name.value] = name
    events: dict[int, list[Any]] = {pk: [] for pk in by_id}
    timeline = Event.objects.filter(
        person_id__in=list(by_id), type__in=[EventType.ARREST, EventType.RELEASE]
    )
    for event in sorted(timeline, key=lambda e: (e.date is None, e.date or date.min, e.pk)):
        events[event.person_id].append(event)
    person_type = ContentType.objects.get_for_model(Person)
    cited = set(
        Citation.objects.filter(content_type=person_type, object_id__in=list(by_id)).values_list(
            "object_id", "source_id"
        )
    )
    plan = _Plan()
    for row in batch:
        person = by_uid.get(row.uid) if row.uid else by_id.get(matched[row.line] or 0)
        if person is None:
            plan.new_rows.append((row, sources.get(row.source_url)))
            outcome.created += 1
        elif _plan_update(plan, row, person, names[person.pk], events[person.pk], sources, cited):
            outcome.updated += 1
        else:
            outcome.unchanged += 1
    return plan


def _event(person_id: int, kind: str, partial: PartialDate, row: PersonRow) -> dict[str, Any]:
    event = {
        "person_id": person_id,
        "type": kind,
        "date": partial.value,
        "date_precision": partial.precision,
        "country": row.country,
    }
    if kind == EventType.RELEASE:
        event.update(release_kind=row.release_kind, destination=row.destination)
    return event


def _plan_update(
    plan: _Plan,
    row: PersonRow,
    person: Any,
    names: dict[str, Any],
    events: list[Any],
    sources: dict[str, int | None],
    cited: set[tuple[int, int | None]],
) -> bool:
    """Plan the changes a row makes to an existing person; False when it changes nothing.

    An empty cell means "this list does not say", never "erase": the registry joins many
    sources, and one list's silence must not undo what another source established.
    """
    from django.utils import timezone

    changes: dict[str, Any] = {}
    if row.gender and row.gender != person.gender:
        changes["gender"] = row.gender
    if row.birth_year and (person.birth_date is None or person.birth_date.year != row.birth_year):
        changes.update(birth_date=date(row.birth_year, 1, 1), birth_precision=DatePrecision.YEAR)
    if row.visibility and row.visibility != person.visibility:
        changes["visibility"] = row.visibility
    if changes:
        for attribute, value in {**changes, "updated_at": timezone.now()}.items():
            setattr(person, attribute, value)
        plan.person_updates.append(person)
        plan.person_fields.update([*changes, "updated_at"])
    changed = bool(changes)

    primary = next((n for n in names.values() if n.kind == NameKind.PRIMARY), None)
    if primary is None or primary.value != row.name:
        changed = True
        if primary is not None:
            primary.kind = NameKind.ALIAS
            plan.demoted.append(primary)
        if row.name in names:
            names[row.name].kind = NameKind.PRIMARY
            plan.promoted.append(names[row.name])
        else:
            plan.names.append(_name(person.pk, row.name, NameKind.PRIMARY))
    for alias in row.aliases:
        if alias not in names:
            changed = True
            plan.names.append(_name(person.pk, alias, NameKind.ALIAS))

    arrests = [e for e in events if e.type == EventType.ARREST]
    releases = [e for e in events if e.type == EventType.RELEASE]
    # The CSV columns stand for the first arrest and the last release, as the export writes them.
    for partial, current, kind in (
        (row.detained, arrests[0] if arrests else None, EventType.ARREST),
        (row.released, releases[-1] if releases else None, EventType.RELEASE),
    ):
        if partial is None:
            continue
        if current is None:
            plan.events.append(_event(person.pk, kind, partial, row))
            plan.custody.append(person.pk)
            changed = True
            continue
        wanted = {
            "date": partial.value,
            "date_precision": partial.precision,
            "country": row.country,
        }
        if kind == EventType.RELEASE:
            wanted.update(release_kind=row.release_kind, destination=row.destination)
        differing = {k: v for k, v in wanted.items() if v and getattr(current, k) != v}
        if differing:
            for attribute, value in differing.items():
                setattr(current, attribute, value)
            plan.event_updates.append(current)
            plan.event_fields.update(differing)
            plan.custody.append(person.pk)
            changed = True

    if row.source_url and (person.pk, sources[row.source_url]) not in cited:
        plan.citations.append((person.pk, sources[row.source_url]))
        changed = True
    return changed


def _name(person_id: int, value: str, kind: str) -> dict[str, Any]:
    from rollcall.lib.scripts import guess_script

    return {"person_id": person_id, "value": value, "script": guess_script(value), "kind": kind}


def _apply(plan: _Plan, reason: str, draft: bool) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from simple_history.utils import bulk_update_with_history

    from rollcall.events.models import Event
    from rollcall.people.models import Person, PersonName, new_uid
    from rollcall.sources.models import Citation

    now = timezone.now()
    people = RawInsert(Person, reason, now)
    publication = Publication.DRAFT if draft else Publication.PUBLISHED
    for row, _ in plan.new_rows:
        people.add(
            uid=row.uid or new_uid(),
            gender=row.gender,
            birth_date=date(row.birth_year, 1, 1) if row.birth_year else None,
            visibility=row.visibility or Visibility.PUBLIC,
            publication=publication,
        )
    names = RawInsert(PersonName, reason, now)
    events = RawInsert(Event, reason, now)
    citations = list(plan.citations)
    custody: list[tuple[Any, ...]] = []
    for (row, source_id), person_id in zip(plan.new_rows, people.flush(), strict=True):
        names.add(**_name(person_id, row.name, NameKind.PRIMARY))
        for alias in row.aliases:
            names.add(**_name(person_id, alias, NameKind.ALIAS))
        facts = []
        for kind, partial in ((EventType.ARREST, row.detained), (EventType.RELEASE, row.released)):
            if partial is not None:
                event = events.add(**_event(person_id, kind, partial, row))
                facts.append(EventFact(id=len(facts), **{k: event.get(k, "") for k in _FACT}))
        custody += [(person_id, interval) for interval in derive_intervals(facts)]
        if row.source_url:
            citations.append((person_id, source_id))
    options: dict[str, Any] = {"batch_size": BATCH, "default_change_reason": reason}
    if plan.person_updates:
        bulk_update_with_history(plan.person_updates, Person, sorted(plan.person_fields), **options)
    # Demote before promoting: a person may have only one primary name at any moment.
    for renamed in (plan.demoted, plan.promoted):
        if renamed:
            bulk_update_with_history(renamed, PersonName, ["kind"], **options)
    for values in plan.names:
        names.add(**values)
    names.flush()
    for values in plan.events:
        events.add(**values)
    events.flush()
    if plan.event_updates:
        bulk_update_with_history(plan.event_updates, Event, sorted(plan.event_fields), **options)
    cites = RawInsert(Citation, reason, now)
    person_type = ContentType.objects.get_for_model(Person).pk
    for person_id, source_id in citations:
        cites.add(source_id=source_id, content_type_id=person_type, object_id=person_id)
    cites.flush()
    _insert_custody(custody)


_FACT = ("type", "date", "country", "release_kind", "destination")


def _insert_custody(intervals: list[tuple[int, Any]]) -> None:
    """Custody of new people, derived by events.custody from the rows themselves.

    Equivalent to `rebuild_custody` for people whose only events are the ones just written, and
    without its per-person queries: on PostgreSQL those ran against tables that had no
    statistics yet for the rows just copied in, and took half of the import.
    """
    from django.db import connection

    from rollcall.events.models import CustodyInterval

    day = connection.ops.adapt_datefield_value
    columns = ["person_id", "country", "start", "end", "end_type", "release_kind"]
    columns += ["destination", "deported"]
    rows = [
        (
            pk,
            i.country,
            day(i.start),
            day(i.end),
            i.end_type,
            i.release_kind,
            i.destination,
            i.deported,
        )
        for pk, i in intervals
    ]
    if rows:
        _insert(CustodyInterval._meta.db_table, columns, rows)


# --- JSON Lines: the lossless person record (`rollcall.person/1`, see exporting.person_record) --

_TEXT = {"note": 100_000, "regime": 100, "court": 300, "recognised_by": 200}
_SOURCE_TEXT = {"url": 2000, "title": 500, "publisher": 300, "quote": 100_000}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read and check every record; raise BadInput listing all problems of the file.

    Records come back in the export's own shape, defaults filled in, so that a record can be
    compared with what the registry holds by comparing the two serialisations.
    """
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
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
        record["line"] = line
        records.append(record)
    if problems:
        problems.sort(key=lambda p: p.line)
        raise BadInput(problems)
    return records


class _Reporter:
    def __init__(self, line: int, problems: list[Problem]) -> None:
        self.line = line
        self.problems = problems

    def __call__(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.line, where, message))

    def text(
        self, data: dict[str, Any], key: str, where: str, limit: int, need: bool = False
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

    def choice(self, data: dict[str, Any], key: str, where: str, allowed: list[str]) -> str:
        value = self.text(data, key, where, 50)
        if value and value not in allowed:
            self(where, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def country(self, data: dict[str, Any], key: str, where: str) -> str:
        value = self.text(data, key, where, 10)
        if value:
            try:
                return clean_country(value)
            except ValueError as error:
                self(where, str(error))
        return value

    def partial(self, data: dict[str, Any], key: str, where: str) -> str | None:
        value = data.get(key)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            self(where, "must be a string (YYYY, YYYY-MM or YYYY-MM-DD) or null")
            return None
        try:
            return PartialDate.parse(value).iso()
        except ValueError as error:
            self(where, str(error))
            return None

    def number(self, data: dict[str, Any], key: str, where: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self(where, "must be a whole number ≥ 0 or null")
            return None
        return value

    def items(self, data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self(where, "must be a list of objects")
            return []
        return value

    def known(self, data: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in keys:
                self(f"{where}{key}", "unknown field")


_PERSON_KEYS = ("schema", "id", "gender", "birth", "visibility", "publication", "note", "names")
_PERSON_KEYS += ("external_ids", "events", "sources")
_EVENT_KEYS = ("type", "date", "date_precision", "country", "release_kind", "destination")
_EVENT_KEYS += ("facility", "articles", "sentence_kind", "term_months", "regime", "court")
_EVENT_KEYS += ("term_ends_on", "recognised_by", "note", "collective", "sources")
_SOURCE_KEYS = ("url", "title", "publisher", "published_on", "kind", "quote", "start", "end")


def _check_record(data: dict[str, Any], report: _Reporter) -> dict[str, Any]:
    from rollcall.registry.exporting import dump

    report.known(data, _PERSON_KEYS, "")
    if data.get("schema") != JSONL_SCHEMA:
        report("schema", f"must be {JSONL_SCHEMA!r}")
    names = []
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
    external = []
    for n, item in enumerate(report.items(data, "external_ids", "external_ids")):
        at = f"external_ids[{n}]"
        report.known(item, ("scheme", "value"), f"{at}.")
        external.append(
            {
                "scheme": report.text(item, "scheme", f"{at}.scheme", 50, need=True),
                "value": report.text(item, "value", f"{at}.value", 200, need=True),
            }
        )
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
        "names": sorted(names, key=lambda n: (rank.get(n["kind"], 99), n["value"])),
        "external_ids": sorted(external, key=lambda x: (x["scheme"], x["value"])),
        "events": events,
        "sources": _check_sources(data, "sources", report),
    }


def _check_event(data: dict[str, Any], at: str, report: _Reporter) -> dict[str, Any]:

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
    articles = []
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
        "articles": sorted(articles, key=lambda a: (a["country"], a["code"], a["number"])),
        "sentence_kind": report.choice(
            data, "sentence_kind", f"{at}.sentence_kind", SentenceKind.values
        ),
        "term_months": report.number(data, "term_months", f"{at}.term_months"),
        "regime": report.text(data, "regime", f"{at}.regime", _TEXT["regime"]),
        "court": report.text(data, "court", f"{at}.court", _TEXT["court"]),
        "term_ends_on": ends,
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


def _check_sources(data: dict[str, Any], at: str, report: _Reporter) -> list[dict[str, Any]]:
    from rollcall.registry.exporting import dump

    sources = []
    for n, item in enumerate(report.items(data, "sources", at)):
        where = f"{at}[{n}]"
        report.known(item, _SOURCE_KEYS, f"{where}.")
        source = {
            key: report.text(item, key, f"{where}.{key}", limit)
            for key, limit in _SOURCE_TEXT.items()
            if key != "quote"
        }
        if source["url"]:
            source["url"] = _url(source["url"], f"{where}.url", report)
        source["published_on"] = report.partial(item, "published_on", f"{where}.published_on")
        source["kind"] = report.choice(item, "kind", f"{where}.kind", SourceKind.values) or (
            SourceKind.OTHER
        )
        source["quote"] = report.text(item, "quote", f"{where}.quote", _SOURCE_TEXT["quote"])
        source["start"] = report.number(item, "start", f"{where}.start")
        source["end"] = report.number(item, "end", f"{where}.end")
        if not (source["url"] or source["title"]):
            report(where, "a source needs a url or a title")
        sources.append(source)
    return sorted(sources, key=dump)


def import_records(
    records: list[dict[str, Any]], *, label: str, draft: bool, dry_run: bool
) -> Outcome:
    """Write checked JSON Lines records, all in one transaction.

    A record is everything the registry holds about that person: a record equal to what is
    stored changes nothing; any other replaces the person's fields, names, external ids, events
    and citations (each removal and creation recorded in the history). New people keep the
    record's `publication`, except that `--draft` makes them drafts.
    """
    from django.db import transaction

    from rollcall.events.custody import rebuild_custody
    from rollcall.people.models import Person
    from rollcall.registry.exporting import (
        dump,
        load_facts,
        person_record,
    )
    from rollcall.registry.progress import progress

    outcome = Outcome()
    writer = _RecordWriter(f"import {label}")
    with transaction.atomic():
        chunks = [records[offset : offset + 500] for offset in range(0, len(records), 500)]
        for chunk in progress(chunks, len(chunks), f"Importing {len(records)} records"):
            people = Person.objects.filter(uid__in=[r["id"] for r in chunk])
            by_uid = {p.uid: p for p in people}
            load_facts(by_uid.values())
            for record in chunk:
                record = {k: v for k, v in record.items() if k != "line"}
                person = by_uid.get(record["id"])
                if person is None:
                    outcome.created += 1
                    if draft:
                        record["publication"] = Publication.DRAFT
                elif dump(person_record(person)) == dump(record):
                    outcome.unchanged += 1
                    continue
                else:
                    outcome.updated += 1
                if not dry_run:
                    writer.write(person, record)
        if writer.custody:
            rebuild_custody(writer.custody)
    return outcome


class _RecordWriter:
    """Writes one record at a time; the things records point to are looked up once each."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.custody: list[int] = []
        self._sources: dict[str, Any] = {}
        self._facilities: dict[str, Any] = {}
        self._articles: dict[tuple[str, str, str], Any] = {}
        self._collectives: dict[str, Any] = {}

    def _save(self, obj: Any) -> Any:
        obj._change_reason = self.reason
        obj.save()
        return obj

    def write(self, person: Any, record: dict[str, Any]) -> None:
        from django.utils import timezone

        from rollcall.people.models import ExternalId, Person, PersonName

        if person is None:
            person = Person(uid=record["id"])
        else:
            self._clear(person)
        birth = PartialDate.parse(record["birth"]) if record["birth"] else None
        person.gender = record["gender"]
        person.birth_date = birth.value if birth else None
        person.birth_precision = birth.precision if birth else DatePrecision.YEAR
        person.visibility = record["visibility"]
        person.publication = record["publication"]
        person.note = record["note"]
        person.updated_at = timezone.now()
        self._save(person)
        for name in record["names"]:
            fields = {k: name[k] for k in ("value", "script", "kind")}
            self._cite(self._save(PersonName(person=person, **fields)), name["sources"])
        for item in record["external_ids"]:
            self._save(ExternalId(person=person, **item))
        for event in record["events"]:
            self._event(person, event)
        self._cite(person, record["sources"])
        self.custody.append(person.pk)

    def _clear(self, person: Any) -> None:
        """Remove what the record replaces, citations first (they do not cascade)."""
        from django.contrib.contenttypes.models import ContentType
        from django.db import models

        from rollcall.events.models import Event
        from rollcall.people.models import PersonName
        from rollcall.sources.models import Citation

        for model, queryset in (
            (PersonName, person.names.all()),
            (Event, person.events.all()),
            (type(person), [person]),
        ):
            ids = [obj.pk for obj in queryset]
            kind = ContentType.objects.get_for_model(model)
            for citation in Citation.objects.filter(content_type=kind, object_id__in=ids):
                citation._change_reason = self.reason
                citation.delete()
        for related in (person.names.all(), person.external_ids.all(), person.events.all()):
            for obj in list(related):
                obj._change_reason = self.reason
                # Model.delete, not Event.delete: custody is rebuilt once at the end.
                models.Model.delete(obj)

    def _event(self, person: Any, data: dict[str, Any]) -> None:
        from rollcall.events.models import Event

        when = PartialDate.parse(data["date"]) if data["date"] else None
        event = Event(
            person=person,
            type=data["type"],
            date=when.value if when else None,
            date_precision=data["date_precision"],
            **{k: data[k] for k in ("country", "release_kind", "destination", "sentence_kind")},
            **{k: data[k] for k in ("term_months", "regime", "court", "recognised_by", "note")},
            term_ends_on=date.fromisoformat(data["term_ends_on"]) if data["term_ends_on"] else None,
        )
        if data["facility"]:
            event.facility = self._facility(data["facility"], data["country"])
        if data["collective"]:
            event.collective = self._collective(data["collective"], data, when)
        event._change_reason = self.reason
        # Model.save: Event.save would rebuild custody per event; it is rebuilt once at the end.
        super(Event, event).save()
        if data["articles"]:
            event.articles.set([self._article(a) for a in data["articles"]])
        self._cite(event, data["sources"])

    def _cite(self, fact: Any, sources: list[dict[str, Any]]) -> None:
        from django.contrib.contenttypes.models import ContentType

        from rollcall.sources.models import Citation

        kind = ContentType.objects.get_for_model(fact)
        for spec in sources:
            citation = Citation(
                source=self._source(spec),
                content_type=kind,
                object_id=fact.pk,
                quote=spec["quote"],
                start=spec["start"],
                end=spec["end"],
            )
            self._save(citation)

    def _source(self, spec: dict[str, Any]) -> Any:
        """A source by url, or (without one) by title, publisher and date; created if new."""
        from rollcall.sources.models import Source

        published = PartialDate.parse(spec["published_on"]) if spec["published_on"] else None
        key = spec["url"] or json.dumps([spec["title"], spec["publisher"], spec["published_on"]])
        if key not in self._sources:
            found = Source.objects.order_by("id")
            if spec["url"]:
                found = found.filter(url=spec["url"])
            else:
                found = found.filter(
                    url="",
                    title=spec["title"],
                    publisher=spec["publisher"],
                    published_on=published.value if published else None,
                )
            self._sources[key] = found.first() or self._save(
                Source(
                    url=spec["url"],
                    title=spec["title"],
                    publisher=spec["publisher"],
                    kind=spec["kind"],
                    published_on=published.value if published else None,
                    published_precision=published.precision if published else DatePrecision.DAY,
                )
            )
        return self._sources[key]

    def _facility(self, name: str, country: str) -> Any:
        from rollcall.events.models import Facility

        if name not in self._facilities:
            found = Facility.objects.filter(name=name).order_by("id").first()
            self._facilities[name] = found or self._save(Facility(name=name, country=country))
        return self._facilities[name]

    def _article(self, spec: dict[str, str]) -> Any:
        from rollcall.events.models import CriminalArticle

        key = (spec["country"], spec["code"], spec["number"])
        if key not in self._articles:
            found = CriminalArticle.objects.filter(
                country=key[0], code=key[1], number=key[2]
            ).first()
            self._articles[key] = found or self._save(
                CriminalArticle(
                    title=spec["title"],
                    **dict(zip(("country", "code", "number"), key, strict=True)),
                )
            )
        return self._articles[key]

    def _collective(self, title: str, data: dict[str, Any], when: PartialDate | None) -> Any:
        """The reported mass event by title; a list naming an unknown one creates a stub."""
        from rollcall.collective.models import CollectiveEvent

        if title not in self._collectives:
            found = CollectiveEvent.objects.filter(title=title).order_by("id").first()
            self._collectives[title] = found or self._save(
                CollectiveEvent(
                    type=data["type"],
                    title=title,
                    date=when.value if when else None,
                    date_precision=when.precision if when else DatePrecision.DAY,
                    country=data["country"],
                    release_kind=data["release_kind"],
                )
            )
        return self._collectives[title]
