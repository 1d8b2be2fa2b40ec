"""`rollcall import FILE.csv`: all or nothing, every problem at its line, re-import updates."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from rollcall.events.custody import rebuild_custody
from rollcall.events.models import CustodyInterval, Event
from rollcall.people.models import Person, PersonName
from rollcall.sources.models import Citation, Source
from tests.interchange.conftest import HEADER, table_counts

pytestmark = pytest.mark.django_db

GOOD = f"""{HEADER}
by-1,Maria Kalesnikava,Марыя Калеснікава|Мария Колесникова,1982,female,BY,2020-09-07,2025-12-13,deal,UA,public,https://example.org/list
by-2,Ihar Losik,Ігар Лосік,1992,male,BY,2020-06,,,,,https://example.org/list
"""


def test_it_imports_people_names_events_and_their_source(write_file, run):
    result = run("import_list", str(write_file("list.csv", GOOD)))

    assert result.code == 0, result.err
    assert "2 new, 0 updated, 0 unchanged" in result.out
    maria = Person.objects.get(uid="by-1")
    assert maria.primary_name == "Maria Kalesnikava"
    assert maria.birth == "1982"
    assert maria.publication == "published"
    assert maria.visibility == "public"
    scripts = dict(maria.names.values_list("value", "script"))
    assert scripts["Марыя Калеснікава"] == "be-Cyrl"
    assert scripts["Мария Колесникова"] == "ru-Cyrl"
    arrest, release = maria.events.order_by("date")
    assert (arrest.type, arrest.when, arrest.country) == ("arrest", "2020-09-07", "BY")
    assert (release.type, release.release_kind, release.destination) == ("release", "deal", "UA")
    losik = Person.objects.get(uid="by-2")
    assert losik.events.get().date_precision == "month"
    assert Source.objects.get().kind == "ngo_list"
    person_citations = Citation.objects.filter(content_type__model="person")
    assert sorted(person_citations.values_list("object_id", flat=True)) == [maria.pk, losik.pk]
    # Custody is derived once for the whole import: Losik is still held, Kalesnikava is free.
    held = CustodyInterval.objects.filter(end__isnull=True).values_list("person__uid", flat=True)
    assert list(held) == ["by-2"]
    derived = list(CustodyInterval.objects.values_list("person_id", "start", "end", "deported"))
    rebuild_custody(Person.objects.values_list("pk", flat=True))
    rebuilt = CustodyInterval.objects.values_list("person_id", "start", "end", "deported")
    assert derived == list(rebuilt), "the importer derives custody as events.custody does"
    history = Person.history.get(uid="by-1")
    assert history.history_type == "+"
    assert history.history_change_reason.startswith("import ")
    assert Event.history.filter(person_id=maria.pk).count() == 2


def _refused(run, path: Path) -> list[str]:
    before = table_counts()
    result = run("import_list", str(path))
    assert result.code == 1
    assert result.out == ""
    assert table_counts() == before, "a refused file must leave every table untouched"
    return result.lines


def test_it_refuses_a_bad_date(write_file, run):
    path = write_file(
        "dates.csv",
        f"{HEADER}\nby-1,A B,,,,,2021-13-45,,,,,\nby-2,C D,,,,,2021-01-01,yesterday,,,,\n",
    )
    lines = _refused(run, path)
    assert lines == [
        f"{path}:2: detained_on: '2021-13-45' is not a calendar date",
        f"{path}:3: released_on: 'yesterday' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
    ]


def test_it_refuses_dates_still_to_come_and_writes_nothing(write_file, run):
    today = date.today()
    tomorrow, later = today + timedelta(days=1), today + timedelta(days=2)
    rows = [
        f"by-1,A B,,,,BY,{tomorrow.isoformat()},,,,,",  # a day of slack: accepted
        f"by-2,C D,,,,BY,{later.isoformat()},,,,,",
        f"by-3,E F,,,,BY,2020-01-01,{later.isoformat()},,,,",
        f"by-4,G H,,{today.year + 2},,BY,,,,,,",
    ]
    path = write_file("list.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    assert _refused(run, path) == [
        f"{path}:3: detained_on: {later.isoformat()} is in the future",
        f"{path}:4: released_on: {later.isoformat()} is in the future",
        f"{path}:5: birth_year: {today.year + 2} is in the future",
    ]


def test_a_month_or_year_is_in_the_future_only_when_it_has_not_begun(write_file, run):
    today = date.today()
    begun = [f"{today:%Y-%m}", f"{today:%Y}"]
    path = write_file(
        "list.csv",
        "name,detained_on\n" + "".join(f"P{n},{day}\n" for n, day in enumerate(begun)),
    )
    assert run("import_list", str(path)).code == 0
    month_after_next = (today.replace(day=1) + timedelta(days=62)).replace(day=1)
    path = write_file("later.csv", f"name,detained_on\nQ,{month_after_next:%Y-%m}\n")
    assert _refused(run, path) == [
        f"{path}:2: detained_on: {month_after_next:%Y-%m} is in the future"
    ]


def test_it_refuses_an_unknown_column(write_file, run):
    path = write_file("columns.csv", "name,foo\nA B,1\n")
    assert _refused(run, path) == [f"{path}:1: column: unknown column 'foo'"]


def test_it_refuses_a_duplicate_id_naming_both_lines(write_file, run):
    path = write_file(
        "dupes.csv", f"{HEADER}\nx-1,A B,,,,,,,,,,\nx-2,C D,,,,,,,,,,\nx-1,E F,,,,,,,,,,\n"
    )
    assert _refused(run, path) == [f"{path}:4: id: duplicate id 'x-1' (also on line 2)"]


def test_it_refuses_a_broken_utf8_byte(write_file, run):
    data = f"{HEADER}\nx-1,Ales,,,,,,,,,,\n".encode() + b"x-2,Bad \xff name,,,,,,,,,,\n"
    path = write_file("bytes.csv", data)
    lines = _refused(run, path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:3: encoding: byte 0xff")


def test_it_refuses_an_empty_name(write_file, run):
    path = write_file("names.csv", f"{HEADER}\nx-1,  ,,,,,,,,,,\n")
    lines = _refused(run, path)
    assert lines == [f"{path}:2: name: empty; every row needs the name the registry shows"]


def test_it_refuses_wrong_values_in_every_checked_column(write_file, run):
    rows = [
        "x-1,A,,19820,,,,,,,,",  # birth year
        "x-2,B,,,woman,,,,,,,",  # gender
        "x-3,C,,,,Belarus,,,,,,",  # country
        "x-4,D,,,,,,,,,secret,",  # visibility
        "x-5,E,,,,,,2020-01-01,freed,,,",  # release kind
        "x-6,F,,,,,2021-05-01,2021-04,,,,",  # released before detained
        "x-7,G,,,,,,,deal,LT,,",  # release facts without a release date
        "x-8,H,,,,,,,,,,not a url",  # source url
        "x-9,I,too,many,fields,,,,,,,,,",  # malformed row
    ]
    path = write_file("values.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    lines = _refused(run, path)
    columns = [(line.split(":")[1], line.split(": ")[1]) for line in lines]
    assert columns == [
        ("2", "birth_year"),
        ("3", "gender"),
        ("4", "country"),
        ("5", "visibility"),
        ("6", "release_kind"),
        ("7", "released_on"),
        ("8", "release_kind"),
        ("8", "destination"),
        ("9", "source_url"),
        ("10", "row"),
    ]


def test_it_reports_every_problem_of_a_file_at_once(write_file, run):
    data = (b"name,id,detained_on\nAles,a-1,2021-13-45\n  ,a-2,\nIhar,a-1,\n") + b"Bad \xfe,a-3,\n"
    path = write_file("many.csv", data)
    lines = _refused(run, path)
    assert [line.split(": ")[0] for line in lines] == [f"{path}:{n}" for n in (2, 3, 4, 5)]


def test_a_crash_while_writing_leaves_the_database_whole(write_file, run, monkeypatch):
    from rollcall.interchange.importing import csv_writer

    rows = "\n".join(f"crash-{n},Person {n},,,,BY,2020-01-01,,,,," for n in range(4500))
    path = write_file("big.csv", f"{HEADER}\n{rows}\n")
    calls = []
    original = csv_writer._apply

    def failing_apply(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(csv_writer, "_apply", failing_apply)
    before = table_counts()
    with pytest.raises(RuntimeError):
        run("import_list", str(path))
    assert len(calls) == 2, "the first batch was written before the crash"
    assert table_counts() == before


def test_reimporting_the_same_ids_updates_in_place(write_file, run):
    run("import_list", str(write_file("v1.csv", GOOD)))
    counts = table_counts()
    maria = Person.objects.get(uid="by-1")
    changed = GOOD.replace("2020-09-07", "2020-09-08").replace(",1982,", ",1983,")
    changed = changed.replace("Maria Kalesnikava,", "Maryia Kalesnikava,")

    result = run("import_list", str(write_file("v2.csv", changed)))

    assert result.code == 0, result.err
    assert "0 new, 1 updated, 1 unchanged" in result.out
    assert Person.objects.count() == 2
    maria.refresh_from_db()
    assert maria.primary_name == "Maryia Kalesnikava"
    assert maria.birth == "1983"
    assert maria.names.filter(value="Maria Kalesnikava", kind="alias").exists()
    assert maria.events.get(type="arrest").when == "2020-09-08"
    assert Event.objects.filter(person=maria).count() == 2
    assert Citation.objects.count() == counts["sources.Citation"]
    assert [h.birth_date for h in maria.history.order_by("history_date")] == [
        date(1982, 1, 1),
        date(1983, 1, 1),
    ]
    assert Event.history.filter(person_id=maria.pk, history_type="~").count() == 1

    again = run("import_list", str(write_file("v3.csv", changed)))
    assert "0 new, 0 updated, 2 unchanged" in again.out


def test_an_empty_cell_keeps_what_the_registry_knows(write_file, run):
    run("import_list", str(write_file("v1.csv", GOOD)))
    sparse = "id,name\nby-1,Maria Kalesnikava\n"
    result = run("import_list", str(write_file("v2.csv", sparse)))
    assert "1 unchanged" in result.out
    maria = Person.objects.get(uid="by-1")
    assert maria.birth == "1982"
    assert maria.events.count() == 2
    assert maria.names.count() == 3


def test_rows_without_an_id_match_by_name_and_birth_year(write_file, run):
    text = "name,birth_year\nAles Bialiatski,1962\nAles Bialiatski,1990\nIhar Losik,\n"
    run("import_list", str(write_file("v1.csv", text)))
    assert Person.objects.count() == 3
    assert all(uid.startswith("rc-") for uid in Person.objects.values_list("uid", flat=True))

    result = run("import_list", str(write_file("v2.csv", text + "Ihar Losik,\n")))

    assert "1 new, 0 updated, 3 unchanged" in result.out
    assert PersonName.objects.filter(value="Ales Bialiatski").count() == 2


def test_draft_creates_drafts_and_never_unpublishes(write_file, run):
    run("import_list", str(write_file("v1.csv", GOOD)))
    more = GOOD + "by-3,Mikalai Statkevich,,1956,male,BY,2020-05-31,,,,,\n"
    result = run("import_list", str(write_file("v2.csv", more)), "--draft")
    assert result.code == 0
    assert Person.objects.get(uid="by-3").publication == "draft"
    assert Person.objects.get(uid="by-1").publication == "published"
    assert not Person.objects.public().filter(uid="by-3").exists()


def test_dry_run_counts_and_writes_nothing(write_file, run):
    run("import_list", str(write_file("v1.csv", GOOD)))
    before = table_counts()
    changed = (
        GOOD.replace(",1982,", ",1983,") + "by-3,New Person,,,,,,,,,,https://example.org/new\n"
    )
    result = run("import_list", str(write_file("v2.csv", changed)), "--dry-run")
    assert result.code == 0
    assert "1 new, 1 updated, 1 unchanged (dry run: nothing written)" in result.out
    assert table_counts() == before


def test_a_missing_file_or_a_wrong_extension_is_bad_input(tmp_path, write_file, run):
    missing = run("import_list", str(tmp_path / "nope.csv"))
    assert missing.code == 1
    assert missing.lines == [f"{tmp_path / 'nope.csv'}: cannot read: no such file"]
    other = run("import_list", str(write_file("list.txt", "name\nA\n")))
    assert other.code == 1
    assert "unsupported file type '.txt'" in other.err


def test_the_console_script_exits_with_the_contract_codes(tmp_path, write_file):
    env = {
        **os.environ,
        "ROLLCALL_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    rollcall = str(Path(sys.executable).with_name("rollcall"))

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [rollcall, *args], env=env, capture_output=True, text=True, timeout=120, check=False
        )

    assert cli("migrate").returncode == 0
    bad = write_file("bad.csv", f"{HEADER}\nx-1,A,,,,,2021-13-45,,,,,\n")
    refused = cli("import", str(bad))
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"{bad}:2: detained_on: '2021-13-45' is not a calendar date"
    ]
    assert cli("import", str(bad), "--no-such-option").returncode == 2
    assert cli("import", str(bad), "--mapping", "missing.toml").returncode == 1
    good = write_file("good.csv", GOOD)
    done = cli("import", str(good))
    assert done.returncode == 0, done.stderr
    assert "2 new" in done.stdout
    exported = cli("export")
    assert exported.returncode == 0
    assert exported.stdout.splitlines()[1].startswith("Maria Kalesnikava,by-1,")


def _event_sources(person: Person) -> dict[str, list[str]]:
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(Event)
    return {
        event.type: sorted(
            Citation.objects.filter(content_type=kind, object_id=event.pk).values_list(
                "source__url", flat=True
            )
        )
        for event in person.events.all()
    }


def test_the_source_url_is_cited_by_the_arrest_and_release_too(write_file, run):
    run("import_list", str(write_file("v1.csv", GOOD)))
    maria = Person.objects.get(uid="by-1")
    first = "https://example.org/list"
    assert _event_sources(maria) == {"arrest": [first], "release": [first]}
    assert _event_sources(Person.objects.get(uid="by-2")) == {"arrest": [first]}

    # Another list moves the arrest, confirms the release and reports Losik's release.
    second = "https://example.org/other-list"
    other = (
        f"{HEADER}\n"
        f"by-1,Maria Kalesnikava,,,,BY,2020-09-08,2025-12-13,deal,UA,,{second}\n"
        f"by-2,Ihar Losik,,,,BY,,2025-06-21,pardon,,,{second}\n"
    )
    result = run("import_list", str(write_file("v2.csv", other)))

    assert "0 new, 2 updated, 0 unchanged" in result.out
    assert _event_sources(maria) == {"arrest": [first, second], "release": [first, second]}
    assert _event_sources(Person.objects.get(uid="by-2")) == {
        "arrest": [first],
        "release": [second],
    }
    again = run("import_list", str(write_file("v3.csv", other)))
    assert "0 new, 0 updated, 2 unchanged" in again.out, "each event cites a source once"
