"""The import report: every run of `rollcall import` that read a file is kept with what it did,
the fields its rows left empty and the values it could not read with their lines; the staff read
it at /staff/imports/ and /staff/imports/<id>/."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcall.interchange.models import ImportResult, ImportRun
from rollcall.interchange.runs import login_name
from tests.cast import Cast
from tests.interchange.conftest import table_counts

pytestmark = pytest.mark.django_db

MAPPING = """
[source]
format = "csv"

[id]
column = "id"
prefix = "rep-"

[fields.name]
column = "Name"

[fields.birth]
column = "Born"
if_unreadable = "leave_empty"

[fields.place]
column = "Place"
"""
LIST = (
    "id,Name,Born,Place\n"
    "1,刘晓波,1955-12-28,长春\n"
    "2,王炳章,1954-02-29,\n"
    '3,"Ding, Zilin",19812,\n'
    "4,许志永,,北京\n"
)


@pytest.fixture
def mapped(write_file) -> tuple[Path, Path]:
    return write_file("list.csv", LIST), write_file("list.toml", MAPPING)


def test_a_mapped_import_keeps_its_report_with_who_ran_it_on_which_file(mapped, run, cast: Cast):
    path, mapping = mapped
    editor = cast.users["editor"]
    assert editor is not None

    result = run("import_list", str(path), "--mapping", str(mapping), "--as", editor.get_username())

    assert result.code == 0, result.err
    kept = ImportRun.objects.get()
    assert result.out.strip() == (
        f"{path}: 4 rows read; 4 new, 0 updated, 0 unchanged; missing: Born 1, Place 2; "
        f"2 values could not be read (left empty); report: /staff/imports/{kept.pk}/"
    )
    assert (kept.user, kept.login, kept.result) == (editor, "", ImportResult.IMPORTED)
    assert (kept.file_name, kept.format, kept.mapping_name) == (str(path), "csv", str(mapping))
    assert kept.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert kept.size == len(path.read_bytes())
    assert kept.mapping_text == mapping.read_text(encoding="utf-8")
    assert (kept.rows_read, kept.created, kept.updated, kept.unchanged) == (4, 4, 0, 0)
    assert kept.missing == [["Name", 0], ["Born", 1], ["Place", 2]]
    assert [(n["line"], n["column"]) for n in kept.unreadable] == [(3, "Born"), (4, "Born")]
    assert kept.unreadable_count == 2
    # Each noted line as the file has it, quotes and all.
    assert kept.lines == {"3": "2,王炳章,1954-02-29,", "4": '3,"Ding, Zilin",19812,'}


def test_the_report_page_links_each_unreadable_value_to_its_line(mapped, run, cast: Cast):
    path, mapping = mapped
    run("import_list", str(path), "--mapping", str(mapping))
    kept = ImportRun.objects.get()

    page = cast.client("reviewer").get(f"/staff/imports/{kept.pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert '<a href="#line-3">line 3</a>: Born:' in html
    assert '<a href="#line-4">line 4</a>: Born:' in html
    assert '<div class="line" id="line-4">' in html
    assert "<pre>3,&quot;Ding, Zilin&quot;,19812,</pre>" in html
    assert '<tr data-field="Place"><td>Place</td><td>2</td><td>50</td></tr>' in html
    assert kept.sha256 in html


def test_the_list_of_imports_names_who_ran_each_and_its_counts(mapped, run, cast: Cast):
    path, mapping = mapped
    run("import_list", str(path), "--mapping", str(mapping))
    kept = ImportRun.objects.get()

    page = cast.client("editor").get("/staff/imports/")

    assert page.status_code == 200
    html = page.content.decode()
    assert f'<a href="/staff/imports/{kept.pk}/">' in html
    assert f"<td>{login_name() or '—'}</td>" in html
    assert '<td data-result="imported">imported</td>\n    <td>4</td><td>4</td>' in html


def test_without_as_the_login_name_of_whoever_ran_it_is_kept(mapped, run):
    path, mapping = mapped
    assert run("import_list", str(path), "--mapping", str(mapping)).code == 0
    kept = ImportRun.objects.get()
    assert (kept.user, kept.login) == (None, login_name())


@pytest.mark.parametrize(
    ("make_user", "why"),
    [(False, "no such user"), (True, "not a staff user")],
)
def test_as_a_user_who_is_not_staff_is_refused_before_anything_is_read(mapped, run, make_user, why):
    path, mapping = mapped
    if make_user:
        User.objects.create_user(username="visitor")
    before = table_counts()
    result = run("import_list", str(path), "--mapping", str(mapping), "--as", "visitor")
    assert result.code == 1
    assert result.lines == [f"--as visitor: {why}"]
    assert table_counts() == before
    assert not ImportRun.objects.exists()


def test_a_refused_import_is_kept_with_its_problems_and_writes_nothing_else(
    write_file, run, cast: Cast
):
    path = write_file("list.csv", LIST)
    mapping = write_file("list.toml", MAPPING.replace('if_unreadable = "leave_empty"\n', ""))
    before = table_counts()

    result = run("import_list", str(path), "--mapping", str(mapping))

    assert result.code == 1
    assert table_counts() == before
    kept = ImportRun.objects.get()
    assert kept.result == ImportResult.REFUSED
    assert (kept.created, kept.problem_count) == (0, 2)
    assert [(p["line"], p["column"]) for p in kept.problems] == [(3, "Born"), (4, "Born")]
    html = cast.client("admin").get(f"/staff/imports/{kept.pk}/").content.decode()
    assert "2 problems; nothing of the file was written." in html
    assert '<a href="#line-4">line 4</a>: Born: &#x27;19812&#x27; is not a date' in html
    shown = '<div class="line" id="line-4"><h3>Line 4</h3><pre>3,&quot;Ding, Zilin&quot;,19812,'
    assert shown in html


def test_a_refused_mapping_is_kept_at_its_key(write_file, run):
    path = write_file("list.csv", LIST)
    mapping = write_file("list.toml", MAPPING.replace("[fields.place]", "[fields.plase]"))
    assert run("import_list", str(path), "--mapping", str(mapping)).code == 1
    kept = ImportRun.objects.get()
    assert kept.problems[0]["line"] is None
    assert kept.problems[0]["column"] == f"{mapping}: fields.plase"


def test_a_dry_run_reports_and_keeps_nothing(mapped, run):
    path, mapping = mapped
    result = run("import_list", str(path), "--mapping", str(mapping), "--dry-run")
    assert result.code == 0, result.err
    assert result.out.strip() == (
        f"{path}: 4 rows read; 4 new, 0 updated, 0 unchanged (dry run: nothing written); "
        "missing: Born 1, Place 2; 2 values could not be read (left empty)"
    )
    assert not ImportRun.objects.exists()


def test_a_plain_csv_reports_each_of_its_columns_left_empty(write_file, run):
    path = write_file(
        "people.csv",
        "id,name,birth_year,country\nby-1,Ihar Losik,1992,\nby-2,Maria Kalesnikava,,\n",
    )
    result = run("import_list", str(path))
    assert result.code == 0, result.err
    kept = ImportRun.objects.get()
    assert (kept.format, kept.rows_read, kept.created) == ("csv", 2, 2)
    assert kept.missing == [["id", 0], ["name", 0], ["birth_year", 1], ["country", 2]]
    assert "; missing: birth_year 1, country 2; report: " in result.out


def test_a_json_lines_file_reports_each_key_its_records_leave_empty(write_file, run):
    record = {
        "schema": "rollcall.person/1",
        "id": "old-1",
        "place": "Minsk",
        "names": [{"value": "Ihar Losik", "kind": "primary"}],
    }
    result = run("import_list", str(write_file("people.jsonl", json.dumps(record) + "\n")))
    assert result.code == 0, result.err
    kept = ImportRun.objects.get()
    assert dict(kept.missing) == {
        "gender": 1,
        "birth": 1,
        "note": 1,
        "place": 0,
        "external_ids": 1,
        "citizenships": 1,
        "events": 1,
        "sources": 1,
    }


def test_import_reports_are_for_staff_only(mapped, run, cast: Cast):
    path, mapping = mapped
    run("import_list", str(path), "--mapping", str(mapping))
    kept = ImportRun.objects.get()
    outsider = User.objects.create_user(username="outsider")
    client = Client()
    client.force_login(outsider)
    for url in ("/staff/imports/", f"/staff/imports/{kept.pk}/"):
        assert cast.client("visitor").get(url).status_code == 302
        assert client.get(url).status_code == 403


def test_a_csv_row_over_several_lines_is_kept_whole_below_a_title(write_file, run):
    path = write_file(
        "list.csv",
        'Political prisoners, December 2025\nid,Name,Born,Place\n1,"Liu\nXiaobo",19812,长春\n',
    )
    mapping = write_file(
        "list.toml", MAPPING.replace('format = "csv"', 'format = "csv"\nheader_row = 2')
    )

    result = run("import_list", str(path), "--mapping", str(mapping))

    assert result.code == 0, result.err
    assert result.lines == [
        f"{path}:3: Born: '19812' is not a date in any of the formats %Y-%m-%d, %Y-%m, %Y "
        "(fields.birth.formats); left empty"
    ]
    assert ImportRun.objects.get().lines == {"3": '1,"Liu\nXiaobo",19812,长春'}
