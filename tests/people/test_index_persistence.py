"""The name index saved beside the database: loaded by a new process, caught up, never stale.

Each `RegistryIndex()` here is what a new process starts with; the spy on `_build` tells a load
from a rebuild. The database is the suite's real SQLite file, and the index file sits beside it.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from rollcall.demo.load import load_demo
from rollcall.duplicates.merging import merge
from rollcall.names import NameIndex
from rollcall.people import index_file
from rollcall.people.matching import HistoricalPersonName, RegistryIndex
from rollcall.people.models import Person, PersonName
from tests.cast import Cast, person
from tests.duplicates.pairs import flagged_pair

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_file() -> Iterator[None]:
    index_file.remove()
    yield
    index_file.remove()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per full build from the database, in any `RegistryIndex`."""
    calls: list[int] = []
    real = RegistryIndex._build

    def counted(self: RegistryIndex) -> NameIndex:
        calls.append(1)
        return real(self)

    monkeypatch.setattr(RegistryIndex, "_build", counted)
    return calls


def saved_file() -> Path:
    return index_file.places()[0]


def uids(index: RegistryIndex, name: str) -> list[str]:
    return [c.person_id for c in index.match(name, limit=5, staff=True, min_score=0.7)]


def saved_registry() -> None:
    """Two people, and the index saved by a process that has answered once."""
    person("Maryia Kalesnikava", uid="kalesnikava")
    person("Ihar Losik", uid="losik")
    assert uids(RegistryIndex(), "Maryia Kalesnikava") == ["kalesnikava"]
    assert saved_file().exists()


def test_the_first_build_writes_a_private_file_that_the_next_process_loads_without_building(
    builds: list[int],
) -> None:
    saved_registry()
    assert len(builds) == 1
    path = saved_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    assert uids(RegistryIndex(), "Ігар Лосік") == ["losik"]
    assert len(builds) == 1


def test_a_loaded_index_answers_exactly_as_the_one_it_was_saved_from() -> None:
    load_demo()
    built = RegistryIndex()
    built.refresh()
    loaded = index_file.load()
    assert loaded is not None
    queries = ["Maxim Snak", "Марыя Калеснікава", "Алесь Беляцкий", "Kalinina", "Viktar"]
    for query in queries:
        assert loaded.index.search(query, limit=10) == built.refresh().search(query, limit=10)
    assert len(loaded.index) == len(built.refresh())


def test_a_name_changed_after_the_file_was_written_is_found_by_its_new_spelling(
    builds: list[int],
) -> None:
    saved_registry()
    name = PersonName.objects.get(person__uid="losik")
    name.value = "Siarhei Tsikhanouski"
    name.save()

    index = RegistryIndex()
    assert uids(index, "Siarhei Tsikhanouski") == ["losik"]
    assert uids(index, "Ihar Losik") == []
    assert len(builds) == 1


def test_a_person_imported_after_the_file_was_written_is_found(
    builds: list[int], tmp_path: Path
) -> None:
    saved_registry()
    path = tmp_path / "list.csv"
    path.write_text(
        "id,name,birth_year,country,detained_on\nlist-1,Ales Bialiatski,1962,BY,2021-07-14\n",
        encoding="utf-8",
    )
    call_command("import_list", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    builds.clear()  # the import's own duplicate check may start an index of its own

    assert uids(RegistryIndex(), "Алесь Бяляцкі") == ["list-1"]
    assert builds == []


def test_a_merge_after_the_file_was_written_leaves_only_the_person_kept(
    builds: list[int], cast: Cast
) -> None:
    flag = flagged_pair("m")
    RegistryIndex().refresh()
    assert sorted(uids(RegistryIndex(), "Maria Kolesnikova")) == ["m-held", "m-kept"]
    builds.clear()

    reviewer = cast.users["reviewer"]
    assert reviewer is not None
    merge(flag, reviewer, "one woman, two lists")

    assert uids(RegistryIndex(), "Maria Kolesnikova") == ["m-kept"]
    assert builds == []


def test_a_person_deleted_after_the_file_was_written_is_no_longer_named(
    builds: list[int],
) -> None:
    saved_registry()
    Person.objects.filter(uid="losik").delete()

    index = RegistryIndex()
    assert uids(index, "Ihar Losik") == []
    assert uids(index, "Maryia Kalesnikava") == ["kalesnikava"]
    assert len(builds) == 1


def test_a_large_catch_up_writes_the_file_again(
    builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved_registry()
    before = saved_file().stat().st_mtime_ns
    monkeypatch.setattr("rollcall.people.matching.REWRITE_AFTER", 1)
    person("Siarhei Tsikhanouski", uid="tsikhanouski")
    person("Ales Bialiatski", uid="bialiatski")

    assert uids(RegistryIndex(), "Ales Bialiatski") == ["bialiatski"]
    assert saved_file().stat().st_mtime_ns != before
    saved = index_file.load()
    assert saved is not None
    assert saved.version[0] == HistoricalPersonName.objects.order_by("-history_id")[0].history_id
    assert len(builds) == 1


def spoiled(how: str) -> None:
    path = saved_file()
    data = path.read_bytes()
    if how == "corrupt":
        path.write_bytes(b"not an index" + data[12:])
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "readable by others":
        os.chmod(path, 0o644)


@pytest.mark.parametrize("how", ["corrupt", "truncated", "empty", "readable by others"])
def test_a_spoiled_file_is_rebuilt_from_the_database(builds: list[int], how: str) -> None:
    saved_registry()
    spoiled(how)
    person("Ales Bialiatski", uid="bialiatski")

    assert uids(RegistryIndex(), "Ales Bialiatski") == ["bialiatski"]
    assert len(builds) == 2
    assert index_file.load() is not None  # written anew, and usable


def test_a_file_of_another_layout_or_engine_is_rebuilt(
    builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved_registry()
    monkeypatch.setattr(index_file, "FORMAT", index_file.FORMAT + 1)
    assert uids(RegistryIndex(), "Ihar Losik") == ["losik"]
    assert len(builds) == 2

    monkeypatch.setattr(index_file, "engine_fingerprint", lambda: "another engine")
    assert uids(RegistryIndex(), "Ihar Losik") == ["losik"]
    assert len(builds) == 3


def test_a_file_is_never_served_after_the_history_was_truncated_behind_it(
    builds: list[int],
) -> None:
    saved_registry()
    HistoricalPersonName.objects.all().delete()
    PersonName.objects.filter(person__uid="losik").update(value="Siarhei Tsikhanouski")

    index = RegistryIndex()
    assert uids(index, "Siarhei Tsikhanouski") == ["losik"]
    assert uids(index, "Ihar Losik") == []
    assert len(builds) == 2


def test_a_file_is_never_served_when_its_history_row_was_replaced(builds: list[int]) -> None:
    """SQLite hands out a rolled-back row's id again: the same id with another date means
    the changes the file saw were undone, and others made in their place."""
    saved_registry()
    newest = HistoricalPersonName.objects.order_by("-history_id")[0]
    HistoricalPersonName.objects.filter(pk=newest.pk).update(
        history_date=newest.history_date.replace(year=newest.history_date.year + 1)
    )
    PersonName.objects.filter(person__uid="losik").update(value="Siarhei Tsikhanouski")

    assert uids(RegistryIndex(), "Siarhei Tsikhanouski") == ["losik"]
    assert len(builds) == 2


def test_where_beside_the_database_cannot_be_written_the_cache_directory_holds_the_file(
    builds: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the directory would go", encoding="utf-8")
    elsewhere = tmp_path / "cache" / "names-index" / "index.pickle"
    monkeypatch.setattr(index_file, "places", lambda: [blocked / "index.pickle", elsewhere])
    person("Ihar Losik", uid="losik")

    assert uids(RegistryIndex(), "Ihar Losik") == ["losik"]
    assert elsewhere.exists()
    assert uids(RegistryIndex(), "Ihar Losik") == ["losik"]
    assert len(builds) == 1
