"""Every import path holds a new person who looks like someone registered, or an earlier row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollcall.duplicates.merging import merge, undo
from rollcall.duplicates.models import DuplicateFlag
from rollcall.events.models import Event
from rollcall.interchange.models import ImportRun
from rollcall.people.models import Person, PersonName
from tests.api.test_writes import Writer, record
from tests.cast import Cast
from tests.duplicates.pairs import Ran, history_rows, run

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CHINESE = ROOT / "tests" / "interchange" / "data" / "chinese-political-prisoners.csv"
MAPPING = ROOT / "mappings" / "chinese-political-prisoners.toml"


def registered(uid: str, name: str, born: int, held_by: str) -> Person:
    person = Person.objects.create(uid=uid, birth_date=date(born, 1, 1))
    PersonName.objects.create(person=person, value=name, kind="primary")
    Event.objects.create(person=person, type="arrest", date=date(2021, 1, 1), country=held_by)
    return person


def by_name(name: str) -> list[Person]:
    return list(Person.objects.filter(names__value=name, names__kind="primary").order_by("pk"))


def import_chinese_list() -> Ran:
    done = run("import_list", str(CHINESE), "--mapping", str(MAPPING))
    assert done.code == 0, done.err
    return done


def test_the_chinese_lists_repeated_names_are_held_for_review_not_merged_nor_published():
    done = import_chinese_list()

    flags = list(DuplicateFlag.objects.order_by("line"))
    assert [(f.line, f.state) for f in flags] == [(150, "pending"), (449, "pending")]
    for flag, name in zip(flags, ("陈卫", "宋桂香"), strict=True):
        first, second = by_name(name)
        assert (flag.candidate, flag.held) == (first, second), "the later row is the one held"
        assert (first.publication, second.publication) == ("published", "draft")
        assert "other birth year" in flag.context
        assert f"{CHINESE}:{flag.line}: name: likely the same person as {first.uid}" in done.err
    assert ", 2 held for review as possible duplicates" in done.out
    # Names that only sound alike (韩颖 born 1973, 韩莹 born 1955) are other people.
    assert by_name("韩莹")[0].publication == "published"


def test_importing_the_chinese_list_again_changes_nothing_and_flags_nobody_twice():
    import_chinese_list()
    before = (history_rows(), Person.objects.count(), DuplicateFlag.objects.count())

    again = import_chinese_list()

    assert "926 rows read; 0 new, 0 updated, 926 unchanged" in again.out
    assert "likely the same person" not in again.err
    assert (history_rows(), Person.objects.count(), DuplicateFlag.objects.count()) == before
    assert {p.publication for p in by_name("陈卫")} == {"published", "draft"}


CSV = """id,name,birth_year,country,detained_on
slip,Ihar Lossik,1992,BY,2020-03-11
namesake,Ihar Losik,1970,RU,2022-01-01
look-alike,Maria Kolesnikova,1981,RU,2022-01-01
"""


def test_csv_rows_are_held_by_name_sharpened_by_birth_year_and_holding_state(tmp_path: Path):
    registered("losik", "Ihar Losik", 1992, "BY")
    registered("kalesnikava", "Maryia Kalesnikava", 1982, "BY")
    path = tmp_path / "list.csv"
    path.write_text(CSV, encoding="utf-8")

    done = run("import_list", str(path))

    assert done.code == 0, done.err
    held = {f.held_uid: f for f in DuplicateFlag.objects.all()}
    assert set(held) == {"slip", "namesake"}, "the look-alike of another age and state is not"
    assert held["slip"].candidate_uid == held["namesake"].candidate_uid == "losik"
    assert "same birth year 1992" in held["slip"].context
    assert "identical name" in held["namesake"].context
    publication = dict(Person.objects.values_list("uid", "publication"))
    assert (publication["slip"], publication["namesake"]) == ("draft", "draft")
    assert publication["look-alike"] == "published"
    assert [line.split(": name:")[0] for line in done.err.splitlines()] == [
        f"{path}:2",
        f"{path}:3",
    ]
    run_id = ImportRun.objects.get().pk
    assert {f.import_run_id for f in held.values()} == {run_id}, "each flag links its import"


def test_json_lines_records_are_held_likewise_and_a_draft_record_is_not_published_later(
    tmp_path: Path,
):
    registered("losik", "Ihar Losik", 1992, "BY")
    path = tmp_path / "people.jsonl"
    path.write_text(
        '{"schema": "rollcall.person/1", "id": "other", "publication": "draft", "birth": "1992", '
        '"names": [{"value": "Ihar Lossik", "kind": "primary"}]}\n',
        encoding="utf-8",
    )

    done = run("import_list", str(path), "--dry-run")
    assert done.err.endswith("would be held as a draft for review\n")
    assert not DuplicateFlag.objects.exists()

    run("import_list", str(path))
    flag = DuplicateFlag.objects.get()
    assert (flag.held_uid, flag.candidate_uid, flag.line) == ("other", "losik", 1)
    assert not flag.publish_on_keep, "the record itself was a draft"


def test_a_pending_hold_keeps_a_person_a_draft_when_their_record_is_imported_again(
    tmp_path: Path,
):
    registered("losik", "Ihar Losik", 1992, "BY")
    path = tmp_path / "people.jsonl"
    record = (
        '{"schema": "rollcall.person/1", "id": "other", "publication": "published", '
        '"names": [{"value": "Ihar Lossik", "kind": "primary"}], "gender": "%s"}\n'
    )
    path.write_text(record % "", encoding="utf-8")
    run("import_list", str(path))

    path.write_text(record % "male", encoding="utf-8")
    again = run("import_list", str(path))

    assert "0 new, 1 updated, 0 unchanged" in again.out
    person = Person.objects.get(uid="other")
    assert (person.gender, person.publication) == ("male", "draft")
    assert DuplicateFlag.objects.count() == 1


def test_after_a_merge_the_list_imported_again_recreates_nobody_and_undo_restores_it_all(
    shared_cast: Cast,
):
    import_chinese_list()
    before = run("export", "--format", "jsonl").out
    reviewer = shared_cast.users["reviewer"]
    flag = DuplicateFlag.objects.get(line=150)
    done = merge(flag, reviewer, "one man")

    again = import_chinese_list()

    assert "0 new, 0 updated, 926 unchanged" in again.out
    assert again.err.splitlines()[-1] == (
        f"{CHINESE}:150: id: {flag.held_uid} was merged into {flag.candidate_uid}; "
        "the row applies to nobody"
    )
    kept = Person.objects.get(uid=flag.candidate_uid)
    assert kept.events.count() == 2, "the list's record of the person kept left the merge alone"

    undo(done, reviewer, "two men")
    after_undo = import_chinese_list()

    assert "0 new, 0 updated, 926 unchanged" in after_undo.out
    assert run("export", "--format", "jsonl").out == before


def test_an_api_write_creates_its_draft_without_a_flag_and_a_reviewer_publishes_it(
    shared_cast: Cast,
):
    registered("sidarenka", "Hanna Sidarenka", 1990, "BY")
    editor, reviewer = Writer(shared_cast.users["editor"]), Writer(shared_cast.users["reviewer"])

    created = editor.post("/people", record("api-sidarenka"))
    published = reviewer.post("/people/api-sidarenka/publish")

    assert (created.status_code, published.status_code) == (201, 200)
    assert not DuplicateFlag.objects.exists()
