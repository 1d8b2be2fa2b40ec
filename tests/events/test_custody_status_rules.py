"""What silent lists mean for custody: undated custody, terms that ended with no release on
record, and kinds of custody, on plain data and through the ORM."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rollcall.events.custody import (
    EventFact,
    derive_custody,
    derive_intervals,
    drifted_people,
    rebuild_custody,
)
from rollcall.events.models import CustodySpan, Event
from rollcall.events.status import Status, status_of, with_status
from rollcall.lib.dates import PartialDate
from rollcall.people.models import Person
from rollcall.stats.custody_kinds import held_by_custody_kind
from rollcall.stats.queries import over_time, totals
from tests.cast import person


def fact(i: int, kind: str, day: str | None, **extra: Any) -> EventFact:
    """A fact dated as a source gives it: `2024`, `2024-07` or `2024-07-03`."""
    if day is None:
        return EventFact(i, kind, None, **extra)
    partial = PartialDate.parse(day)
    return EventFact(i, kind, partial.value, date_precision=partial.precision, **extra)


def status(p: Person, day: date) -> str:
    return status_of(with_status(Person.objects.filter(pk=p.pk), day).get())


# Undated custody


def test_an_undated_sentence_is_ended_by_a_dated_death() -> None:
    (interval,) = derive_intervals(
        [fact(1, "sentence", None, country="CN"), fact(2, "death", "2017-07-13", country="CN")]
    )
    assert (interval.start, interval.end, interval.end_type) == (None, date(2017, 7, 13), "death")


def test_an_undated_arrest_is_ended_by_a_dated_release() -> None:
    (interval,) = derive_intervals(
        [fact(1, "arrest", None, country="CN"), fact(2, "release", "2020-01-02")]
    )
    assert (interval.start, interval.end, interval.end_type) == (None, date(2020, 1, 2), "release")


def test_an_undated_arrest_before_a_dated_one_adds_no_second_custody() -> None:
    intervals = derive_intervals(
        [fact(1, "arrest", None, country="BY"), fact(2, "arrest", "2021-01-10", country="BY")]
    )
    assert [(i.start, i.end) for i in intervals] == [(date(2021, 1, 10), None)]


def test_a_death_of_someone_with_no_custody_on_record_ends_nothing() -> None:
    assert derive_intervals([fact(1, "death", "2017-07-13", country="CN")]) == []


@pytest.mark.django_db
def test_a_person_held_with_no_date_who_died_is_counted_as_died_not_held() -> None:
    liu = person("刘晓波", events=[("sentence", None, "CN"), ("death", "2017-07-13", "CN")])
    t = totals(date(2024, 1, 1), "CN")
    assert (t.held, t.died, t.died_in_custody) == (0, 1, 0)
    assert totals(date(2017, 7, 12), "CN").held == 1
    assert status(liu, date(2024, 1, 1)) == Status.DIED
    assert drifted_people() == []


# Terms that ended with no release on record


def test_an_open_custody_carries_the_end_of_its_latest_sentence() -> None:
    (interval,) = derive_intervals(
        [
            fact(1, "arrest", "2019-01-10", country="BY"),
            fact(2, "sentence", "2019-06-01", sentence_kind="term", term_ends_on=date(2022, 1, 9)),
        ]
    )
    assert (interval.end, interval.term_ends) == (None, date(2022, 1, 9))


def test_an_event_after_the_terms_end_means_the_list_still_follows_the_person() -> None:
    (interval,) = derive_intervals(
        [
            fact(1, "arrest", "2019-01-10", country="BY"),
            fact(2, "sentence", "2019-06-01", sentence_kind="term", term_ends_on=date(2022, 1, 9)),
            fact(3, "transfer", "2022-03", country="BY"),
        ]
    )
    assert interval.term_ends is None


def test_a_later_sentence_without_an_end_replaces_the_earlier_terms_end() -> None:
    (interval,) = derive_intervals(
        [
            fact(1, "sentence", "2019-06-01", sentence_kind="term", term_ends_on=date(2020, 1, 1)),
            fact(2, "sentence", "2019-12-01", sentence_kind="life"),
        ]
    )
    assert interval.term_ends is None


def test_a_release_leaves_no_term_end_on_the_custody_it_closed() -> None:
    (interval,) = derive_intervals(
        [
            fact(1, "sentence", "2019-06-01", sentence_kind="term", term_ends_on=date(2020, 1, 1)),
            fact(2, "release", "2020-01-01"),
        ]
    )
    assert (interval.end, interval.term_ends) == (date(2020, 1, 1), None)


def test_an_undated_sentence_with_an_end_gives_the_undated_custody_its_end() -> None:
    (interval,) = derive_intervals(
        [fact(1, "sentence", None, sentence_kind="term", term_ends_on=date(2020, 6, 27))]
    )
    assert (interval.start, interval.term_ends) == (None, date(2020, 6, 27))


@pytest.mark.django_db
def test_a_term_that_ended_unrecorded_is_counted_apart_and_never_as_held() -> None:
    sentence = {"sentence_kind": "term", "term_months": 36, "term_ends_on": date(2022, 1, 9)}
    silent = person(
        "Ales Silent",
        events=[("arrest", "2019-01-10", "BY"), ("sentence", "2019-06-01", "BY", sentence)],
    )
    person("Still Held", events=[("arrest", "2020-01-10", "BY")])
    before, on_the_day = totals(date(2022, 1, 8), "BY"), totals(date(2022, 1, 9), "BY")
    assert (before.held, before.term_ended_unconfirmed) == (2, 0)
    assert (on_the_day.held, on_the_day.term_ended_unconfirmed) == (1, 1)
    assert (on_the_day.released, on_the_day.died) == (0, 0)
    assert status(silent, date(2022, 1, 8)) == Status.HELD
    assert status(silent, date(2022, 1, 9)) == Status.TERM_ENDED_UNCONFIRMED


@pytest.mark.django_db
def test_a_release_recorded_later_ends_the_unconfirmed_state_as_a_release() -> None:
    sentence = {"sentence_kind": "term", "term_ends_on": date(2022, 1, 9)}
    confirmed = person(
        "Ales Confirmed",
        events=[("sentence", "2019-06-01", "BY", sentence), ("release", "2022-01-09", "BY")],
    )
    assert status(confirmed, date(2023, 1, 1)) == Status.RELEASED
    t = totals(date(2023, 1, 1), "BY")
    assert (t.released, t.term_ended_unconfirmed) == (1, 0)


# Kinds of custody


def test_a_change_of_kind_splits_the_spans_and_not_the_custody() -> None:
    custody = derive_custody(
        [
            fact(1, "arrest", "2020-09-07", country="BY", custody_kind="pre_trial"),
            fact(2, "sentence", "2021-09-06", sentence_kind="term", custody_kind="prison"),
            fact(3, "transfer", "2024-03-01", custody_kind="house_arrest"),
            fact(4, "release", "2025-12-13"),
        ]
    )
    (interval,) = custody.intervals
    assert (interval.start, interval.end, interval.end_type) == (
        date(2020, 9, 7),
        date(2025, 12, 13),
        "release",
    )
    assert [(s.kind, s.start, s.end) for s in custody.spans] == [
        ("pre_trial", date(2020, 9, 7), date(2021, 9, 6)),
        ("prison", date(2021, 9, 6), date(2024, 3, 1)),
        ("house_arrest", date(2024, 3, 1), date(2025, 12, 13)),
    ]
    assert all(s.country == "BY" for s in custody.spans)


def test_an_event_without_a_kind_keeps_the_kind_in_force() -> None:
    custody = derive_custody(
        [
            fact(1, "arrest", "2020-09-07", country="BY", custody_kind="pre_trial"),
            fact(2, "transfer", "2021-01-01", country="BY"),
        ]
    )
    assert [(s.kind, s.start, s.end) for s in custody.spans] == [
        ("pre_trial", date(2020, 9, 7), None)
    ]


def test_restricted_freedom_with_referral_is_held_even_on_a_non_custodial_sentence() -> None:
    (interval,) = derive_intervals(
        [
            fact(
                1,
                "sentence",
                "2022-02-01",
                country="BY",
                sentence_kind="non_custodial",
                custody_kind="restricted_freedom",
            )
        ]
    )
    assert (interval.start, interval.end) == (date(2022, 2, 1), None)


def test_a_trial_while_free_opens_no_custody_and_ends_custody_as_a_release() -> None:
    custody = derive_custody(
        [
            fact(1, "arrest", "2021-05-01", country="RU", custody_kind="pre_trial"),
            fact(2, "transfer", "2021-08-01", country="RU", custody_kind="trial_while_free"),
            fact(3, "sentence", "2022-02-01", country="RU", custody_kind="prison"),
        ]
    )
    assert [(i.start, i.end, i.end_type) for i in custody.intervals] == [
        (date(2021, 5, 1), date(2021, 8, 1), "release"),
        (date(2022, 2, 1), None, ""),
    ]
    assert [(s.kind, s.start, s.end) for s in custody.spans] == [
        ("pre_trial", date(2021, 5, 1), date(2021, 8, 1)),
        ("trial_while_free", date(2021, 8, 1), date(2022, 2, 1)),
        ("prison", date(2022, 2, 1), None),
    ]


def test_undated_custody_takes_the_kind_its_undated_events_give() -> None:
    custody = derive_custody([fact(1, "arrest", None, country="CN", custody_kind="pre_trial")])
    assert [(s.kind, s.start, s.end) for s in custody.spans] == [("pre_trial", None, None)]


@pytest.mark.django_db
def test_the_held_by_kind_add_up_to_the_held_on_every_day() -> None:
    person(
        "Maria Moved",
        events=[
            ("arrest", "2020-09-07", "BY", {"custody_kind": "pre_trial"}),
            ("sentence", "2021-09-06", "BY", {"custody_kind": "prison"}),
            ("transfer", "2024-03-01", "BY", {"custody_kind": "house_arrest"}),
        ],
    )
    person("Kind Unknown", events=[("arrest", "2021-01-10", "BY")])
    person(
        "Freed To Trial",
        events=[
            ("arrest", "2021-05-01", "BY", {"custody_kind": "pre_trial"}),
            ("transfer", "2021-08-01", "BY", {"custody_kind": "trial_while_free"}),
        ],
    )
    for day in (date(2021, 1, 1), date(2021, 6, 1), date(2022, 1, 1), date(2025, 1, 1)):
        rows = held_by_custody_kind(day, "BY")
        assert sum(row.held for row in rows) == totals(day, "BY").held, day
    kinds = {row.custody_kind: row.held for row in held_by_custody_kind(date(2025, 1, 1))}
    assert (kinds["house_arrest"], kinds[None], kinds["prison"], kinds["pre_trial"]) == (1, 1, 0, 0)
    assert "trial_while_free" not in kinds  # not held, so never a row of the held
    assert totals(date(2022, 1, 1), "BY").released == 1  # freed to stand trial


@pytest.mark.django_db
def test_spans_are_re_derived_and_drift_is_found_when_they_are_changed_around_the_writers() -> None:
    moved = person(
        "Maria Moved",
        events=[
            ("arrest", "2020-09-07", "BY", {"custody_kind": "pre_trial"}),
            ("sentence", "2021-09-06", "BY", {"custody_kind": "prison"}),
        ],
    )
    assert list(CustodySpan.objects.filter(person=moved).values_list("kind", flat=True)) == [
        "pre_trial",
        "prison",
    ]
    Event.objects.filter(person=moved, type="sentence").update(custody_kind="house_arrest")
    assert drifted_people() == [moved.pk]
    rebuild_custody([moved.pk])
    assert drifted_people() == []
    kinds = CustodySpan.objects.filter(person=moved).values_list("kind", flat=True)
    assert list(kinds) == ["pre_trial", "house_arrest"]


@pytest.mark.django_db
def test_a_series_leaves_a_term_ended_unrecorded_out_of_held_from_its_month() -> None:
    sentence = {"sentence_kind": "term", "term_ends_on": date(2022, 1, 9)}
    person(
        "Ales Silent",
        events=[("arrest", "2019-01-10", "BY"), ("sentence", "2019-06-01", "BY", sentence)],
    )
    timeline = over_time(date(2022, 3, 31), "month", "BY", start=date(2021, 11, 1))
    held = {p.period: (p.held, p.term_ended_unconfirmed) for p in timeline.series}
    assert held == {
        "2021-11": (1, 0),
        "2021-12": (1, 0),
        "2022-01": (0, 1),
        "2022-02": (0, 1),
        "2022-03": (0, 1),
    }
    ended = {f.period: f.terms_ended for f in timeline.flows}
    assert ended == {"2021-11": 0, "2021-12": 0, "2022-01": 1, "2022-02": 0, "2022-03": 0}
