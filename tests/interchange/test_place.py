"""A person's place: read from a list's column through a mapping, carried by the JSON Lines
record, shown on the person's public and staff pages."""

from __future__ import annotations

import json

import pytest

from rollcall.people.models import Person
from tests.cast import Cast

pytestmark = pytest.mark.django_db

MAPPING = """
[source]
format = "csv"

[id]
column = "id"
prefix = "pl-"

[fields.name]
column = "Name"

[fields.place]
column = "Place"
"""


def test_a_lists_place_column_becomes_the_persons_place_shown_on_their_pages(
    write_file, run, cast: Cast
):
    mapping = write_file("places.toml", MAPPING)
    path = write_file("places.csv", "id,Name,Place\n1,刘晓波,长春\n2,王炳章,\n")

    result = run("import_list", str(path), "--mapping", str(mapping))

    assert result.code == 0, result.err
    assert Person.objects.get(uid="pl-1").place == "长春"
    assert Person.objects.get(uid="pl-2").place == ""
    public = cast.client("visitor").get("/people/pl-1/")
    assert '<span class="place">长春</span>' in public.content.decode()
    staff = cast.client("editor").get("/staff/people/pl-1/")
    assert '<dd class="place">长春</dd>' in staff.content.decode()
    assert cast.client("visitor").get("/api/v1/people/pl-1").json()["place"] == "长春"
    assert cast.client("visitor").get("/api/v1/people/pl-2").json()["place"] is None


def test_importing_the_list_again_without_its_place_column_keeps_the_place(write_file, run):
    mapping = write_file("places.toml", MAPPING)
    path = write_file("places.csv", "id,Name,Place\n1,刘晓波,长春\n")
    assert run("import_list", str(path), "--mapping", str(mapping)).code == 0
    without = write_file("names.toml", MAPPING.replace('[fields.place]\ncolumn = "Place"\n', ""))

    again = run("import_list", str(path), "--mapping", str(without))

    assert again.code == 0, again.err
    assert "1 unchanged" in again.out
    assert Person.objects.get(uid="pl-1").place == "长春"


def test_a_record_written_before_places_were_kept_is_read_as_having_none(write_file, run):
    record = {
        "schema": "rollcall.person/1",
        "id": "old-1",
        "names": [{"value": "Ihar Losik", "kind": "primary"}],
    }
    result = run("import_list", str(write_file("old.jsonl", json.dumps(record) + "\n")))
    assert result.code == 0, result.err
    assert Person.objects.get(uid="old-1").place == ""


def test_a_place_longer_than_the_registry_keeps_is_named_at_its_field(write_file, run):
    record = {
        "schema": "rollcall.person/1",
        "id": "long-1",
        "place": "x" * 301,
        "names": [{"value": "Ihar Losik", "kind": "primary"}],
    }
    path = write_file("long.jsonl", json.dumps(record) + "\n")
    result = run("import_list", str(path))
    assert result.code == 1
    assert result.lines == [f"{path}:1: place: longer than 300 characters"]
