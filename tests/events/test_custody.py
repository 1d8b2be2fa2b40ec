"""Custody derivation rules, on plain data and through the ORM."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from rollcall.events.custody import (
    DEPORTATION_WINDOW,
    EventFact,
    derive_intervals,
    drifted_people,
    rebuild_custody,
    writing_events,
)
from rollcall.events.models import CustodyInterval, Event
from rollcall.lib.dates import PartialDate
from tests.cast import person


def fact(i: int, kind: str, day: str | None, **extra: str) -> EventFact:
    """A fact dated as a source gives it: `2024`, `2024-07` or `2024-07-03`."""
    if day is None:
        return EventFact(i, kind, None, **extra)
    partial = PartialDate.parse(day)
    return EventFact(i, kind, partial.value, date_precision=partial.precision, **extra)


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


def test_a_deportation_on_the_day_of_release_marks_that_release() -> None:
    (interval,) = derive_intervals(
        [
            fact(1, "arrest", "2020-09-07", country="BY"),
            fact(2, "deportation", "2025-12-13", destination="UA"),
            fact(3, "release", "2025-12-13", release_kind="deal"),
        ]
    )
    assert (interval.end, interval.end_type, interval.release_kind) == (
        date(2025, 12, 13),
        "release",
        "deal",
    )
    assert (interval.deported, interval.destination) == (True, "UA")


def deported_after(release: str, deportation: date) -> bool:
    (interval, *later) = derive_intervals(
        [
            fact(1, "arrest", "2020-01-01", country="BY"),
            fact(2, "release", release),
            fact(3, "deportation", deportation.isoformat(), destination="LT"),
        ]
    )
    assert later == [], "a deportation of a free person opens no custody"
    assert interval.end_type == "release", "the release stays what it was"
    return interval.deported


def test_a_deportation_within_the_window_after_release_marks_that_release() -> None:
    last_day = date(2024, 7, 3) + DEPORTATION_WINDOW
    assert deported_after("2024-07-03", last_day)


def test_a_deportation_after_the_window_does_not_rewrite_the_release() -> None:
    day_after = date(2024, 7, 3) + DEPORTATION_WINDOW + timedelta(days=1)
    assert not deported_after("2024-07-03", day_after)


def test_a_deportation_years_after_release_is_an_event_of_its_own() -> None:
    (interval,) = derive_intervals(
        [
            fact(1, "arrest", "2011-02-01", country="BY"),
            fact(2, "release", "2012-04-14", release_kind="pardon"),
            fact(3, "deportation", "2024-08-01", destination="LT"),
        ]
    )
    assert (interval.end, interval.release_kind) == (date(2012, 4, 14), "pardon")
    assert (interval.deported, interval.destination) == (False, "")


def test_a_release_known_only_by_its_month_counts_the_window_from_the_months_end() -> None:
    # "Released in July 2024" may mean 31 July: a deportation in late August may follow it.
    end_of_july = date(2024, 7, 31)
    assert deported_after("2024-07", end_of_july + DEPORTATION_WINDOW)
    assert not deported_after("2024-07", end_of_july + DEPORTATION_WINDOW * 2)


def test_a_deportation_after_a_re_arrest_ends_the_new_custody_not_the_old_release() -> None:
    first, second = derive_intervals(
        [
            fact(1, "arrest", "2020-01-01", country="BY"),
            fact(2, "release", "2021-01-01"),
            fact(3, "arrest", "2021-01-10", country="BY"),
            fact(4, "deportation", "2021-01-20", destination="LT"),
        ]
    )
    assert not first.deported
    assert (second.end, second.end_type, second.deported) == (
        date(2021, 1, 20),
        "deportation",
        True,
    )


@pytest.mark.django_db
def test_writing_events_re_derives_the_custody_of_everyone_concerned() -> None:
    losik = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    other = person("Mikalai Statkevich", events=[("arrest", "2020-05-31", "BY")])
    release = Event(person=losik, type="release", date=date(2025, 6, 21), country="BY")
    with writing_events(events=[release]):
        release.save()
    assert list(losik.custody.values_list("end", flat=True)) == [date(2025, 6, 21)]

    release.person = other  # filed under the wrong person: both timelines change
    with writing_events(events=[release]):
        release.save()
    assert list(losik.custody.values_list("end", flat=True)) == [None]
    assert list(other.custody.values_list("end", flat=True)) == [date(2025, 6, 21)]

    with writing_events(events=[release]):
        release.delete()
    assert list(other.custody.values_list("end", flat=True)) == [None]


@pytest.mark.django_db
def test_a_failed_re_derivation_undoes_the_write(monkeypatch: pytest.MonkeyPatch) -> None:
    losik = person(
        "Ihar Losik", events=[("arrest", "2020-06-25", "BY"), ("release", "2025-06-21", "BY")]
    )

    def crash(*_: object) -> None:
        raise RuntimeError("deriving custody failed")

    monkeypatch.setattr("rollcall.events.custody.derive_custody", crash)
    with pytest.raises(RuntimeError), writing_events(people=[losik.pk]):
        losik.events.filter(type="release").delete()
    assert losik.events.count() == 2
    assert list(losik.custody.values_list("end", flat=True)) == [date(2025, 6, 21)]


@pytest.mark.django_db
def test_a_write_around_the_writers_is_found_and_repaired() -> None:
    losik = person("Ihar Losik", uid="by-losik", events=[("arrest", "2020-06-25", "BY")])
    person("Mikalai Statkevich", events=[("arrest", "2020-05-31", "BY")])
    assert drifted_people() == []

    # A queryset update saves nothing through any writer: custody stays as it was.
    Event.objects.filter(person=losik).update(type="charge")
    assert drifted_people() == [losik.pk]

    rebuild_custody(drifted_people())
    assert drifted_people() == []
    assert not CustodyInterval.objects.filter(person=losik).exists()


@pytest.mark.django_db
def test_the_custody_command_names_who_drifted_and_rebuilds_everyone() -> None:
    losik = person("Ihar Losik", uid="by-losik", events=[("arrest", "2020-06-25", "BY")])
    Event.objects.filter(person=losik).update(date=date(2020, 6, 26))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("custody", stdout=out, stderr=err)
    assert stop.value.code == 1
    assert err.getvalue().splitlines()[0] == "by-losik: custody differs from the events"

    call_command("custody", "--rebuild", stdout=out)
    assert "custody re-derived for 1 people (1 had drifted)" in out.getvalue()
    assert list(losik.custody.values_list("start", flat=True)) == [date(2020, 6, 26)]
    call_command("custody", stdout=out)
    assert out.getvalue().endswith("custody follows the events of everyone\n")
