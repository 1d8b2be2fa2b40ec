"""`rollcall import` holds likely duplicates of registry people, or of earlier rows, for review.

The examples are clear-cut on purpose (scores near 1.0 or near 0): the name engine is being tuned,
and these tests are about what the import does with its answer, not about the answer itself.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from rollcall.duplicates.models import DuplicateFlag
from rollcall.people.matching import registry_index
from rollcall.people.models import Person, PersonName
from tests.interchange.conftest import table_counts

pytestmark = pytest.mark.django_db

LIST = """id,name,aliases,birth_year,country,detained_on
,Maria Kolesnikova,,1982,BY,2020-09-07
new-1,Марыя Калеснікава,,1982,BY,2020-09-07
,Maria Kalinina,,1990,BY,2021-03-01
"""
SCORE = r"\(score (0\.[7-9]\d|1\.00)\)"


@pytest.fixture
def kalesnikava() -> Person:
    person = Person.objects.create(uid="kalesnikava", gender="female")
    PersonName.objects.create(person=person, value="Maryia Kalesnikava", kind="primary")
    PersonName.objects.create(person=person, value="Мария Колесникова", kind="alias")
    return person


def by_name(name: str) -> Person:
    return PersonName.objects.get(value=name, kind="primary").person


def public_export() -> str:
    out = io.StringIO()
    call_command("export", stdout=out)
    return out.getvalue()


def assert_notices(lines: list[str], path: object, held: str) -> None:
    assert len(lines) == 2, lines
    for line, number in zip(lines, (2, 3), strict=True):
        pattern = (
            rf"{re.escape(str(path))}:{number}: name: likely the same person as kalesnikava "
            rf'"Maryia Kalesnikava" {SCORE}; {held} as a draft for review'
        )
        assert re.fullmatch(pattern, line), line


def counts(out: str) -> str:
    """The import summary's counts, before what its report adds (fields missing, its page)."""
    return out.split("; missing:")[0]


def test_likely_duplicates_are_held_as_drafts_and_strangers_published(kalesnikava, write_file, run):
    path = write_file("list.csv", LIST)

    result = run("import_list", str(path))

    assert result.code == 0, result.err
    assert counts(result.out) == (
        f"{path}: 3 rows read; 3 new, 0 updated, 0 unchanged, "
        "2 held for review as possible duplicates"
    )
    assert_notices(result.lines, path, "held")
    for held in (by_name("Maria Kolesnikova"), Person.objects.get(uid="new-1")):
        assert (held.publication, held.note) == ("draft", "")
        flag = DuplicateFlag.objects.get(held=held)
        assert (flag.candidate, flag.state, flag.import_label) == (
            kalesnikava,
            "pending",
            str(path),
        )
    stranger = by_name("Maria Kalinina")
    assert (stranger.publication, stranger.note) == ("published", "")
    kalesnikava.refresh_from_db()
    assert kalesnikava.publication == "published", "the registry person is left as it was"
    exported = public_export()
    assert "Maria Kalinina" in exported
    assert "Maria Kolesnikova" not in exported
    assert "new-1" not in exported, "held people stay out of exports until reviewed"


def test_dry_run_lists_the_same_flags_and_writes_nothing(kalesnikava, write_file, run):
    path = write_file("list.csv", LIST)
    before = table_counts()

    result = run("import_list", str(path), "--dry-run")

    assert result.code == 0, result.err
    assert counts(result.out) == (
        f"{path}: 3 rows read; 3 new, 0 updated, 0 unchanged, "
        "2 held for review as possible duplicates (dry run: nothing written)"
    )
    assert_notices(result.lines, path, "would be held")
    assert table_counts() == before


def test_reimporting_the_same_file_creates_nobody_twice(kalesnikava, write_file, run):
    path = write_file("list.csv", LIST)
    run("import_list", str(path))
    people = Person.objects.count()

    again = run("import_list", str(path))

    assert again.code == 0, again.err
    assert counts(again.out) == f"{path}: 3 rows read; 0 new, 0 updated, 3 unchanged"
    assert again.err == ""
    assert Person.objects.count() == people == 4
    # new-1 was found by its id; the id-less row by its exact name, the draft's primary name.
    assert Person.objects.get(uid="new-1").publication == "draft"
    assert by_name("Maria Kolesnikova").publication == "draft"


def test_a_row_with_the_registry_persons_own_id_is_an_update(kalesnikava, write_file, run):
    path = write_file("own.csv", "id,name\nkalesnikava,Maria Kolesnikova\n")

    result = run("import_list", str(path))

    assert result.code == 0, result.err
    assert counts(result.out) == f"{path}: 1 rows read; 0 new, 1 updated, 0 unchanged"
    assert result.err == ""
    kalesnikava.refresh_from_db()
    assert kalesnikava.primary_name == "Maria Kolesnikova"
    assert (kalesnikava.publication, kalesnikava.note) == ("published", "")


def test_draft_option_still_flags_the_likely_duplicate(kalesnikava, write_file, run):
    path = write_file("list.csv", LIST)
    result = run("import_list", str(path), "--draft")
    assert "2 held for review" in result.out
    flag = DuplicateFlag.objects.get(held=by_name("Maria Kolesnikova"))
    assert flag.candidate == kalesnikava
    assert not flag.publish_on_keep, "keeping them apart leaves a --draft import's person a draft"
    stranger = by_name("Maria Kalinina")
    assert (stranger.publication, stranger.note) == ("draft", "")


def test_an_anonymous_person_is_named_to_the_operator_and_never_in_a_note(
    kalesnikava, write_file, run
):
    kalesnikava.visibility = "anonymous"
    kalesnikava.save()
    path = write_file("list.csv", "name\nMaria Kolesnikova\n")

    result = run("import_list", str(path))

    assert "1 held for review" in result.out
    # The operator of `rollcall import` is staff and is told; a note may be published one day.
    assert '"Maryia Kalesnikava"' in result.err
    assert by_name("Maria Kolesnikova").note == ""


def test_a_row_like_an_earlier_row_of_the_same_file_is_held(
    kalesnikava, write_file, run, monkeypatch
):
    from rollcall.interchange.importing import csv_writer

    # One row per batch: the first is written before the second is planned.
    monkeypatch.setattr(csv_writer, "BATCH", 1)
    path = write_file("pair.csv", "name\nMaria Kalinina\nМарыя Калініна\n")

    result = run("import_list", str(path))

    assert counts(result.out) == (
        f"{path}: 2 rows read; 2 new, 0 updated, 0 unchanged, "
        "1 held for review as possible duplicates"
    )
    assert result.err.startswith(f"{path}:3: name: likely the same person as ")
    assert '"Maria Kalinina" (line 2)' in result.err
    assert by_name("Марыя Калініна").publication == "draft"
    assert by_name("Maria Kalinina").publication == "published"


def test_an_empty_registry_never_consults_the_index(write_file, run, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index was consulted")

    monkeypatch.setattr(registry_index, "refresh", refuse)
    result = run("import_list", str(write_file("list.csv", LIST)))
    assert result.code == 0, result.err
    assert "3 new" in result.out


def test_json_lines_records_are_held_likewise(kalesnikava, write_file, run):
    """JSON Lines is Rollcall's lossless transfer format, but another registry's record of a
    person this registry holds would count them twice just the same."""
    record = (
        '{"schema": "rollcall.person/1", "id": "by-other", "publication": "published", '
        '"names": [{"value": "Maria Kolesnikova", "kind": "primary"}]}\n'
    )
    path = write_file("people.jsonl", record)
    result = run("import_list", str(path))
    assert result.code == 0, result.err
    assert result.err.startswith(f"{path}:1: name: likely the same person as kalesnikava ")
    assert Person.objects.get(uid="by-other").publication == "draft"
    assert DuplicateFlag.objects.get(held__uid="by-other").publish_on_keep

    again = run("import_list", str(path))
    assert counts(again.out) == f"{path}: 1 rows read; 0 new, 0 updated, 1 unchanged"
    assert (again.err, DuplicateFlag.objects.count()) == ("", 1)
