"""A person's citizenships in the `rollcall.person/1` record: exported with their sources, and
read back by `rollcall import` exactly as the other facts of the record are."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from rollcall.people.models import Citizenship, Person
from tests.interchange.conftest import table_counts, wipe_registry

pytestmark = pytest.mark.django_db

PERSON = {"schema": "rollcall.person/1", "names": [{"value": "A", "kind": "primary"}]}
LETTER = {
    "url": "",
    "title": "Letter from prison (undated)",
    "publisher": "",
    "published_on": None,
    "kind": "other",
    "quote": "",
    "start": None,
    "end": None,
}


def export_jsonl() -> str:
    out = io.StringIO()
    call_command("export", "--format", "jsonl", stdout=out)
    return out.getvalue()


def test_an_export_carries_each_citizenship_with_its_sources_and_reimports_byte_identical(
    rich_registry, write_file, run
):
    first = export_jsonl()
    assert json.loads(first)["citizenships"] == [{"country": "BY", "sources": [LETTER]}]
    wipe_registry()

    result = run("import_list", str(write_file("people.jsonl", first)))

    assert result.code == 0, result.err
    assert export_jsonl() == first
    (citizenship,) = Citizenship.objects.all()
    assert (citizenship.person.uid, citizenship.country) == ("by-maria", "BY")
    assert citizenship.citations.get().source.title == LETTER["title"]


def test_a_changed_record_replaces_the_persons_citizenships(rich_registry, write_file, run):
    record = json.loads(export_jsonl())
    record["citizenships"] = [
        {"country": "UA", "sources": [LETTER]},
        {"country": "by", "sources": []},
    ]

    result = run("import_list", str(write_file("people.jsonl", json.dumps(record) + "\n")))

    assert "1 updated" in result.out
    maria = Person.objects.get(uid="by-maria")
    assert sorted(maria.citizenships.values_list("country", flat=True)) == ["BY", "UA"]
    assert not maria.citizenships.get(country="BY").citations.exists()
    assert maria.citizenships.get(country="UA").citations.exists()
    assert Citizenship.history.filter(history_type="-", country="BY").exists()
    exported = json.loads(export_jsonl())["citizenships"]
    assert exported == [{"country": "BY", "sources": []}, {"country": "UA", "sources": [LETTER]}]


def test_a_record_from_before_citizenships_were_kept_imports_without_any(write_file, run):
    result = run("import_list", str(write_file("old.jsonl", json.dumps({**PERSON, "id": "x-1"}))))

    assert result.code == 0, result.err
    assert not Citizenship.objects.exists()
    assert json.loads(export_jsonl())["citizenships"] == []


def test_citizenships_that_are_no_country_or_given_twice_are_refused_at_their_lines(
    write_file, run
):
    lines = [
        json.dumps({**PERSON, "id": "x-1", "citizenships": [{"country": "XX"}]}),
        json.dumps({**PERSON, "id": "x-2", "citizenships": [{"country": ""}]}),
        json.dumps({**PERSON, "id": "x-3", "citizenships": [{"country": "UA"}, {"country": "ua"}]}),
        json.dumps({**PERSON, "id": "x-4", "citizenships": [{"country": "UA", "since": "2020"}]}),
        json.dumps({**PERSON, "id": "x-5", "citizenships": "UA"}),
    ]
    path = write_file("bad.jsonl", "\n".join(lines) + "\n")
    before = table_counts()

    result = run("import_list", str(path))

    assert result.code == 1
    assert table_counts() == before
    assert result.lines == [
        f"{path}:1: citizenships[0].country: 'XX' is not an ISO 3166-1 alpha-2 country code",
        f"{path}:2: citizenships[0].country: empty; required",
        f"{path}:3: citizenships: the same country is given twice",
        f"{path}:4: citizenships[0].since: unknown field",
        f"{path}:5: citizenships: must be a list of objects",
    ]
