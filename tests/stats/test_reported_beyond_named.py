"""What collective events report beyond the people on record (docs/stats.md).

"Belarus freed 123" with four of them in the registry is 4 released on record and 119 more
reported: each person is counted once, by the registry if they are on record, else by the report.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from rollcall.collective.choices import ReportedCount
from rollcall.collective.models import CollectiveEvent
from rollcall.people.models import Person
from rollcall.stats.figures import add_reported, beyond_named
from rollcall.stats.management.commands.stats import render_text
from rollcall.stats.queries import compute
from tests.cast import person

pytestmark = pytest.mark.django_db

RELEASED_ON = "2025-12-13"
AFTER = date(2025, 12, 31)


def count(value: int, qualifier: str = "exact") -> ReportedCount:
    return {"value": value, "qualifier": qualifier}


def collective(
    value: int | None, qualifier: str = "exact", kind: str = "release", when: str = RELEASED_ON
) -> CollectiveEvent:
    return CollectiveEvent.objects.create(
        type=kind,
        title=f"{kind} of {value}",
        date=date.fromisoformat(when),
        country="BY",
        count_value=value,
        count_qualifier=qualifier if value is not None else "",
    )


def freed_in(event: CollectiveEvent, name: str, **fields: str) -> Person:
    """A person arrested in 2021 and freed in `event`."""
    return person(
        name,
        events=[
            ("arrest", "2021-03-01", "BY"),
            ("release", RELEASED_ON, "BY", {"collective": event}),
        ],
        **fields,
    )


def beyond(measure: str = "released", day: date = AFTER) -> ReportedCount:
    return compute(day).reported_beyond_named[measure]


def test_a_release_of_123_with_4_on_record_is_4_released_and_119_more_reported() -> None:
    release = collective(123)
    for i in range(4):
        freed_in(release, f"Named Prisoner {i}")
    stats = compute(AFTER)
    assert stats.totals.released == 4
    assert stats.reported_beyond_named["released"] == count(119)


def test_the_qualifier_of_the_reported_count_carries_over_to_what_is_beyond_the_named() -> None:
    assert beyond_named(count(9, "at_least"), 4) == count(5, "at_least")
    assert beyond_named(count(100, "more_than"), 4) == count(97, "at_least")
    assert beyond_named(count(10, "fewer_than"), 4) == count(5, "at_most")
    assert beyond_named(count(100, "about"), 4) == count(96, "about")
    assert beyond_named(None, 4) is None


def test_more_people_on_record_than_reported_leave_nobody_beyond_them() -> None:
    assert beyond_named(count(3), 4) == count(0)
    assert beyond_named(count(3, "at_least"), 4) == count(0, "at_least")


def test_a_qualified_release_gives_a_qualified_figure_beyond_the_named() -> None:
    release = collective(9, "at_least")
    for i in range(4):
        freed_in(release, f"Named Prisoner {i}")
    assert beyond() == count(5, "at_least")


def test_a_release_of_an_unreported_number_adds_nobody_beyond_the_named() -> None:
    freed_in(collective(None), "Named Prisoner")
    assert beyond() == count(0)
    assert compute(AFTER).totals.released == 1


def test_an_anonymous_person_in_the_release_is_counted_once() -> None:
    release = collective(10)
    freed_in(release, "Named Prisoner")
    freed_in(release, "Unnamed Prisoner", visibility="anonymous")
    stats = compute(AFTER)
    assert stats.totals.released == 2
    assert stats.reported_beyond_named["released"] == count(8)


def test_hidden_and_draft_people_are_left_to_the_report_as_the_figures_leave_them_out() -> None:
    release = collective(10)
    freed_in(release, "Named Prisoner")
    freed_in(release, "Hidden Record", visibility="hidden")
    freed_in(release, "Draft Record", publication="draft")
    stats = compute(AFTER)
    assert stats.totals.released == 1
    assert stats.reported_beyond_named["released"] == count(9)


def test_a_person_with_two_events_in_one_release_is_subtracted_once() -> None:
    release = collective(10)
    person(
        "Freed And Deported",
        events=[
            ("arrest", "2021-03-01", "BY"),
            ("release", RELEASED_ON, "BY", {"collective": release}),
            ("deportation", RELEASED_ON, "BY", {"collective": release, "destination": "LT"}),
        ],
    )
    stats = compute(AFTER)
    assert stats.totals.released == 1
    assert stats.reported_beyond_named["released"] == count(9)


def test_the_figure_and_what_is_beyond_it_add_up_to_the_report_without_double_counting() -> None:
    release = collective(12)
    for i in range(3):
        freed_in(release, f"Named Prisoner {i}")
    # Freed on their own, in no collective event: in the figure, not in any report.
    person(
        "Freed Alone",
        events=[("arrest", "2021-03-01", "BY"), ("release", RELEASED_ON, "BY")],
    )
    stats = compute(AFTER)
    in_the_release = stats.totals.released - 1
    assert in_the_release + stats.reported_beyond_named["released"]["value"] == 12


def test_a_release_counts_from_its_day_on() -> None:
    freed_in(collective(10), "Named Prisoner")
    assert beyond(day=date(2025, 12, 12)) == count(0)
    assert beyond(day=date(2025, 12, 13)) == count(9)


def test_collective_events_of_each_type_sum_into_their_own_measure() -> None:
    collective(100, "more_than")
    collective(20, "exact", when="2025-01-10")
    collective(5, "exact", kind="death_in_custody")
    collective(50, "about", kind="arrest", when="2020-08-10")
    collective(7, "exact", kind="sentence")  # no measure counts sentences
    stats = compute(AFTER)
    assert stats.reported_beyond_named == {
        "released": count(121, "at_least"),
        "died_in_custody": count(5),
        "detained": count(50, "about"),
    }


def test_reported_counts_add_up_as_exactly_as_their_least_exact_part() -> None:
    assert add_reported([]) == count(0)
    assert add_reported([count(3), count(4)]) == count(7)
    assert add_reported([count(3), count(4, "at_least")]) == count(7, "at_least")
    assert add_reported([count(3), count(10, "fewer_than")]) == count(12, "at_most")
    assert add_reported([count(3, "at_least"), count(4, "at_most")]) == count(7, "about")
    assert add_reported([count(3), count(4, "about")]) == count(7, "about")


def test_a_country_keeps_the_collective_events_of_that_holding_state() -> None:
    freed_in(collective(10), "Named Prisoner")
    assert compute(AFTER, "BY").reported_beyond_named["released"] == count(9)
    assert compute(AFTER, "RU").reported_beyond_named["released"] == count(0)


def test_the_home_page_shows_what_the_api_gives(client: Client) -> None:
    release = collective(123)
    for i in range(3):
        freed_in(release, f"Named Prisoner {i}")
    freed_in(release, "Unnamed Prisoner", visibility="anonymous")
    api = client.get("/api/v1/stats").json()
    assert api["reported_beyond_named"]["released"] == count(119)
    html = client.get("/").content.decode()
    assert f'data-figure="released">{api["totals"]["released"]}<' in html
    shown = re.search(r'data-beyond="released">([^<]*)<', html)
    assert shown is not None
    assert " ".join(shown.group(1).split()) == (
        "on record, and 119 more reported in collective releases"
    )


def test_the_home_page_says_nothing_beyond_the_named_when_nothing_is_reported(
    client: Client,
) -> None:
    freed_in(collective(1), "Named Prisoner")
    html = client.get("/").content.decode()
    assert 'data-figure="released">1<' in html
    assert "data-beyond" not in html


def test_the_text_report_says_what_is_reported_beyond_the_named() -> None:
    freed_in(collective(9, "at_least"), "Named Prisoner")
    text = render_text(compute(AFTER))
    assert "and at least 8 more released reported in collective events" in text
