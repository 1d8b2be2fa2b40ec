"""Custody derivation rules, on plain data and through the ORM."""

from __future__ import annotations

from datetime import date

import pytest

from rollcall.events.custody import EventFact, derive_intervals
from rollcall.events.models import CustodyInterval, Event
from tests.cast import person


def fact(i: int, kind: str, day: str | None, **extra: str) -> EventFact:
    return EventFact(i, kind, date.fromisoformat(day) if day else None, **extra)


def test_it_opens_custody_on_arrest_and_closes_it_on_release() -> None:
    intervals = derive_intervals(
        [fact(1, "arrest", "2020-09-07", country="BY"), fact(2, "release", "2025-12-13")]
    )
    assert [(i.start, i.end, i.end_type) for i in intervals] == [
        (date(2020, 9, 7), date(2025, 12, 13), "release")
    ]


def test_it_opens_a_new_interval_on_re_arrest() -> None:
    intervals = derive_intervals(
        [
            fact(1, "arrest", "2021-01-10", country="BY"),
            fact(2, "release", "2022-05-01"),
            fact(3, "arrest", "2023-02-01", country="BY"),
        ]
    )
    assert [(i.start, i.end) for i in intervals] == [
        (date(2021, 1, 10), date(2022, 5, 1)),
        (date(2023, 2, 1), None),
    ]


def test_it_orders_events_by_date_not_by_input_order() -> None:
    intervals = derive_intervals(
        [fact(2, "release", "2022-05-01"), fact(1, "arrest", "2021-01-10", country="BY")]
    )
    assert [(i.start, i.end) for i in intervals] == [(date(2021, 1, 10), date(2022, 5, 1))]


def test_a_same_day_arrest_and_release_ends_the_day_free() -> None:
    intervals = derive_intervals(
        [fact(2, "release", "2021-03-03"), fact(1, "arrest", "2021-03-03", country="BY")]
    )
    assert [(i.start, i.end) for i in intervals] == [(date(2021, 3, 3), date(2021, 3, 3))]


def test_a_release_without_a_recorded_arrest_closes_custody_of_unknown_start() -> None:
    (interval,) = derive_intervals([fact(1, "release", "2025-12-13", country="BY")])
    assert interval.start is None
    assert interval.end == date(2025, 12, 13)
    assert interval.country == "BY"


def test_a_release_abroad_is_a_deportation_and_a_release_at_home_is_not() -> None:
    abroad, home = (
        derive_intervals(
            [
                fact(1, "arrest", "2020-01-01", country="BY"),
                fact(2, "release", "2025-12-13", destination=dest),
            ]
        )[0]
        for dest in ("LT", "BY")
    )
    assert abroad.deported
    assert abroad.destination == "LT"
    assert not home.deported


def test_a_deportation_after_release_marks_that_release() -> None:
    (interval,) = derive_intervals(
        [
            fact(1, "arrest", "2020-01-01", country="BY"),
            fact(2, "release", "2024-07-03"),
            fact(3, "deportation", "2024-07-05", destination="LT"),
        ]
    )
    assert interval.end == date(2024, 7, 3)
    assert interval.deported
    assert interval.destination == "LT"


def test_a_non_custodial_sentence_does_not_open_custody() -> None:
    assert (
        derive_intervals(
            [fact(1, "sentence", "2021-05-05", country="BY", sentence_kind="non_custodial")]
        )
        == []
    )


def test_an_undated_arrest_records_custody_since_an_unknown_date() -> None:
    (interval,) = derive_intervals([fact(1, "arrest", None, country="CN")])
    assert (interval.start, interval.end, interval.country) == (None, None, "CN")


def test_a_charge_alone_does_not_open_custody() -> None:
    assert derive_intervals([fact(1, "charge", "2021-05-05", country="BY")]) == []


@pytest.mark.django_db
def test_event_writes_keep_the_derived_intervals_in_step() -> None:
    p = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    assert list(CustodyInterval.objects.filter(person=p).values_list("start", "end")) == [
        (date(2020, 6, 25), None)
    ]
    release = Event.objects.create(person=p, type="release", date=date(2025, 6, 21), country="BY")
    assert list(CustodyInterval.objects.filter(person=p).values_list("end", flat=True)) == [
        date(2025, 6, 21)
    ]
    release.delete()
    assert list(CustodyInterval.objects.filter(person=p).values_list("end", flat=True)) == [None]
