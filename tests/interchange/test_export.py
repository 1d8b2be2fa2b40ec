"""`rollcall export`: only the public registry, in a stable order.

That no format names an anonymous, hidden or draft person is checked, for every format the command
accepts, in tests/test_access.py.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from rollcall.interchange.importing import CSV_COLUMNS
from rollcall.people.models import Person
from tests.interchange.conftest import HEADER, wipe_registry

pytestmark = pytest.mark.django_db


def test_csv_export_has_the_contract_columns_and_only_public_people(rich_registry, run):
    result = run("export")
    assert result.code == 0
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert result.out.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert set(CSV_COLUMNS) == set(HEADER.split(","))
    assert [row["id"] for row in rows] == ["by-maria"]
    maria = rows[0]
    assert maria["name"] == "Maria Kalesnikava"
    assert "Марыя Калеснікава" in maria["aliases"].split("|")
    assert maria["birth_year"] == "1982"
    assert (maria["detained_on"], maria["released_on"]) == ("2020-09-07", "2025-12-13")
    assert (maria["release_kind"], maria["destination"], maria["country"]) == ("deal", "UA", "BY")
    assert maria["source_url"] == "https://news.example.org/2021/09/06/sentence"
    for secret in ("Secret Name", "Hidden Name", "Draft Name"):
        assert secret not in result.out


def test_an_exported_csv_imports_into_an_empty_registry_and_exports_the_same(
    rich_registry, run, write_file
):
    first = run("export").out
    wipe_registry()
    assert run("import_list", str(write_file("export.csv", first))).code == 0
    assert run("export").out == first


def test_people_are_exported_in_uid_order(write_file, run):
    rows = "\n".join(f"{uid},Person {uid}" for uid in ("b-2", "a-10", "B-1", "a-9"))
    run("import_list", str(write_file("order.csv", f"id,name\n{rows}\n")))
    out = run("export", "--format", "jsonl").out
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["B-1", "a-10", "a-9", "b-2"]


def test_out_writes_a_file_and_stdout_stays_empty(rich_registry, run, tmp_path):
    target = tmp_path / "registry.jsonl"
    result = run("export", "--format", "jsonl", "--out", str(target))
    assert result.code == 0
    assert result.out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "by-maria"
    assert not list(tmp_path.glob(".*partial"))


def test_an_unknown_format_is_a_usage_error(run):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("export", "--format", "xml")
    assert Person.objects.count() == 0
