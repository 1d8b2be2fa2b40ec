"""`rollcall import FILE.jsonl`: the lossless person record, checked like a CSV."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from rollcall.events.models import CustodyInterval
from rollcall.people.models import Person
from tests.interchange.conftest import table_counts, wipe_registry

pytestmark = pytest.mark.django_db


def export_jsonl() -> str:
    out = io.StringIO()
    call_command("export", "--format", "jsonl", stdout=out)
    return out.getvalue()


def test_an_export_imported_into_an_empty_registry_exports_byte_identical(
    rich_registry, write_file, run
):
    first = export_jsonl()
    assert first.count("\n") == 1, "only the public person is exported"
    record = json.loads(first)
    assert {e["type"] for e in record["events"]} >= {"arrest", "sentence", "release", "death"}
    wipe_registry()
    assert Person.objects.count() == 0

    result = run("import_list", str(write_file("people.jsonl", first)))

    assert result.code == 0, result.err
    assert "1 new" in result.out
    assert export_jsonl() == first
    maria = Person.objects.get(uid="by-maria")
    assert CustodyInterval.objects.filter(person=maria).exists()
    assert maria.history.get().history_change_reason.startswith("import ")


def test_reimporting_an_unchanged_record_changes_nothing(rich_registry, write_file, run):
    path = write_file("people.jsonl", export_jsonl())
    before = table_counts()
    result = run("import_list", str(path))
    assert "0 new, 0 updated, 1 unchanged" in result.out
    assert table_counts() == before


def test_a_changed_record_replaces_the_persons_facts(rich_registry, write_file, run):
    record = json.loads(export_jsonl())
    record["names"] = [n for n in record["names"] if n["kind"] != "misspelling"]
    record["events"] = [e for e in record["events"] if e["type"] != "death"]
    record["note"] = "updated"
    result = run("import_list", str(write_file("people.jsonl", json.dumps(record) + "\n")))
    assert "1 updated" in result.out
    maria = Person.objects.get(uid="by-maria")
    assert maria.note == "updated"
    assert not maria.names.filter(kind="misspelling").exists()
    assert not maria.events.filter(type="death").exists()
    assert maria.history.filter(history_type="~").exists()
    assert json.loads(export_jsonl()) == record


def test_it_refuses_bad_records_at_their_lines_and_writes_nothing(write_file, run):
    good = {
        "schema": "rollcall.person/1",
        "id": "x-1",
        "names": [{"value": "A", "kind": "primary"}],
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "x-2", "birth": "1982-13"}),
        json.dumps({**good, "id": "x-1"}),
        json.dumps({**good, "id": "x-3", "colour": "red"}),
        json.dumps({**good, "id": "x-4", "events": [{"type": "party", "country": "XX"}]}),
        json.dumps({**good, "id": "x-5", "names": []}),
    ]
    path = write_file("bad.jsonl", "\n".join(lines) + "\n")
    before = table_counts()
    result = run("import_list", str(path))
    assert result.code == 1
    assert table_counts() == before
    assert result.lines == [
        f"{path}:2: json: invalid JSON: Expecting property name enclosed in double quotes"
        " (column 2)",
        f"{path}:3: birth: '1982-13' is not a calendar date",
        f"{path}:4: id: duplicate id 'x-1' (also on line 1)",
        f"{path}:5: colour: unknown field",
        f"{path}:6: events[0].type: 'party' is not one of "
        "arrest, charge, sentence, transfer, release, deportation, death_in_custody, death, "
        "recognition",
        f"{path}:6: events[0].country: 'XX' is not an ISO 3166-1 alpha-2 country code",
        f"{path}:7: names: at least one name is required",
    ]


def test_it_refuses_dates_still_to_come_but_not_a_sentences_end(write_file, run):
    later = (date.today() + timedelta(days=2)).isoformat()
    person = {"schema": "rollcall.person/1", "names": [{"value": "A", "kind": "primary"}]}
    sentence = {"type": "sentence", "date": "2021-09-06", "country": "BY", "term_ends_on": later}
    source = {"title": "A list", "published_on": later}
    lines = [
        json.dumps({**person, "id": "x-1", "events": [sentence]}),  # a term ends ahead: fine
        json.dumps({**person, "id": "x-2", "events": [{**sentence, "date": later}]}),
        json.dumps({**person, "id": "x-3", "birth": later}),
        json.dumps({**person, "id": "x-4", "sources": [source]}),
    ]
    path = write_file("future.jsonl", "\n".join(lines) + "\n")
    before = table_counts()
    result = run("import_list", str(path))
    assert result.code == 1
    assert table_counts() == before
    assert result.lines == [
        f"{path}:2: events[0].date: {later} is in the future",
        f"{path}:3: birth: {later} is in the future",
        f"{path}:4: sources[0].published_on: {later} is in the future",
    ]

    path = write_file("ahead.jsonl", lines[0] + "\n")
    assert run("import_list", str(path)).code == 0


def test_draft_makes_new_records_drafts(write_file, run):
    record = {
        "schema": "rollcall.person/1",
        "id": "x-1",
        "names": [{"value": "A", "kind": "primary"}],
    }
    run("import_list", str(write_file("one.jsonl", json.dumps(record))), "--draft")
    assert Person.objects.get(uid="x-1").publication == "draft"
