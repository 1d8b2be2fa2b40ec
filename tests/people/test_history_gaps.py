"""A name committed late, into history ids below the newest the index has read, is still found.

On PostgreSQL a transaction takes its history ids when it writes and commits when it is done, so
ids appear out of order. Here the late commit is made by hand: a history row is renumbered into
the gap, as a long import's rows would be numbered.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rollcall.people import history_gaps, index_file
from rollcall.people.matching import HistoricalPersonName, RegistryIndex
from rollcall.people.models import Person, PersonName
from tests.cast import person

pytestmark = pytest.mark.django_db


def uids(index: RegistryIndex, name: str) -> list[str]:
    return [c.person_id for c in index.match(name, limit=5, staff=True, min_score=0.7)]


def written_as(history_id: int, name: str, uid: str) -> None:
    """A person whose name's history row carries `history_id`, as its transaction numbered it."""
    someone = Person.objects.create(uid=uid)
    value = PersonName.objects.create(person=someone, value=name, kind="primary")
    row = HistoricalPersonName.objects.filter(id=value.pk).order_by("-history_id")
    HistoricalPersonName.objects.filter(history_id=row[0].history_id).update(history_id=history_id)


def newest() -> int:
    return max(HistoricalPersonName.objects.values_list("history_id", flat=True))


@pytest.fixture
def no_file() -> Iterator[None]:
    index_file.remove()
    yield
    index_file.remove()


def test_a_name_committed_below_the_newest_read_id_is_found() -> None:
    person("Ales Bialiatski", uid="bialiatski")
    index = RegistryIndex(persist=False)
    index.refresh()
    start = newest()
    written_as(start + 10, "Ihar Losik", "losik")  # a quick edit, numbered after the import
    assert uids(index, "Ihar Losik") == ["losik"]
    written_as(start + 5, "Maryia Kalesnikava", "kalesnikava")  # the import, committed later
    assert uids(index, "Maryia Kalesnikava") == ["kalesnikava"]


def test_the_gaps_are_saved_with_the_index_and_a_new_process_reads_them(no_file: None) -> None:
    person("Ales Bialiatski", uid="bialiatski")
    RegistryIndex().refresh()
    start = newest()
    written_as(start + 10, "Ihar Losik", "losik")
    saving = RegistryIndex()
    saving.refresh()
    saving._save()
    written_as(start + 5, "Maryia Kalesnikava", "kalesnikava")
    assert uids(RegistryIndex(), "Maryia Kalesnikava") == ["kalesnikava"]


def test_a_full_build_keeps_the_ids_missing_below_the_newest() -> None:
    person("Ales Bialiatski", uid="bialiatski")
    start = newest()
    written_as(start + 10, "Ihar Losik", "losik")
    index = RegistryIndex(persist=False)
    assert uids(index, "Ihar Losik") == ["losik"]  # built here, with ids start+1..start+9 unseen
    written_as(start + 3, "Maryia Kalesnikava", "kalesnikava")
    assert uids(index, "Maryia Kalesnikava") == ["kalesnikava"]


def test_ids_read_leave_the_gaps_and_the_rest_stay() -> None:
    gaps = history_gaps.after_reading([], 10, 20, [11, 12, 15, 20], now=100.0)
    assert gaps == [(13, 14, 100.0), (16, 19, 100.0)]
    filled = history_gaps.after_reading(gaps, 20, 22, [14, 16, 17, 18, 19, 21, 22], now=200.0)
    assert filled == [(13, 13, 100.0)]


def test_a_gap_older_than_a_day_is_given_up() -> None:
    gaps = history_gaps.after_reading([], 10, 20, [11, 20], now=0.0)
    assert gaps == [(12, 19, 0.0)]
    later = history_gaps.GAP_SECONDS + 1
    assert history_gaps.after_reading(gaps, 20, 20, [], now=later) == []


def test_only_the_newest_gaps_are_kept_when_there_are_too_many() -> None:
    top = 2 * history_gaps.MOST_GAPS + 10
    seen = range(0, top + 1, 2)  # every odd id missing: MOST_GAPS + 5 gaps
    gaps = history_gaps.after_reading([], -1, top, seen, now=0.0)
    assert len(gaps) == history_gaps.MOST_GAPS
    assert gaps[0] == (11, 11, 0.0)  # the five lowest were dropped
    assert gaps[-1] == (top - 1, top - 1, 0.0)
