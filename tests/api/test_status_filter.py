"""`GET /api/v1/people?status=S` keeps exactly the people whose own `status.value` is S.

One definition of a person's status on a date (events.status) serves the filter and each
person's JSON, so on any day the filter and the listed statuses agree. The stats count
differently on purpose (released stays released, whatever happened later), and one test here
shows both side by side. Dates are chosen for the arithmetic; names are invented.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from rollcall.api import routes
from rollcall.events.status import Status
from tests.cast import person

pytestmark = pytest.mark.django_db

# Days on which the cast below is in every status between them: before anything happened, during
# the first detentions, on a release day and the day after, at a death, and at the end.
DAYS = [
    date(2019, 1, 1),
    date(2021, 6, 1),
    date(2022, 5, 1),
    date(2022, 5, 2),
    date(2023, 2, 1),
    date(2024, 2, 16),
    date(2025, 12, 13),
    date(2026, 6, 1),
]


@pytest.fixture
def registry() -> None:
    person("Still Held", events=[("arrest", "2020-09-07", "BY")], uid="held")
    person(
        "Released Home",
        events=[("arrest", "2021-01-10", "BY"), ("release", "2023-06-01", "BY")],
        uid="released",
    )
    person(
        "Released Abroad",
        events=[
            ("arrest", "2020-08-10", "BY"),
            ("release", "2025-12-13", "BY", {"release_kind": "deal", "destination": "LT"}),
        ],
        uid="released-abroad",
    )
    person(
        "Expelled After Release",
        events=[
            ("arrest", "2021-03-01", "BY"),
            ("release", "2022-05-01", "BY"),
            ("deportation", "2022-05-02", "BY", {"destination": "PL"}),
        ],
        uid="expelled",
    )
    person(
        "Died In Custody",
        events=[("arrest", "2021-01-17", "RU"), ("death_in_custody", "2024-02-16", "RU")],
        uid="died-in-custody",
    )
    person(
        "Died While Held",
        events=[("arrest", "2021-05-01", "BY"), ("death", "2024-02-16", "BY")],
        uid="died",
    )
    person(
        "Detained Again",
        events=[
            ("arrest", "2021-01-10", "BY"),
            ("release", "2022-05-01", "BY"),
            ("arrest", "2023-02-01", "BY"),
        ],
        uid="re-detained",
    )
    # A list gave only the release date: held since a date nobody knows.
    person("Released Undated", events=[("release", "2022-05-01", "BY")], uid="start-unknown")
    # A list gave the day the term ends and never recorded the release.
    person(
        "Term Ended Unrecorded",
        events=[
            ("arrest", "2021-02-01", "BY"),
            (
                "sentence",
                "2021-09-01",
                "BY",
                {"sentence_kind": "term", "term_months": 36, "term_ends_on": "2024-02-01"},
            ),
        ],
        uid="term-ended",
    )
    # Charged in absentia: never held, so no custody on record.
    person("Charged Abroad", events=[("charge", "2021-02-01", "BY")], uid="never-held")


@pytest.fixture
def api_on(monkeypatch: pytest.MonkeyPatch, without_page_cache: None) -> Callable[[date], None]:
    """Make the API's "today" a chosen day: the people list has no as-of parameter. (Pages are
    kept per real day, so the page cache is off while the API's day is another.)"""

    def set_today(day: date) -> None:
        class Today(date):
            @classmethod
            def today(cls) -> Today:
                return cls(day.year, day.month, day.day)

        monkeypatch.setattr(routes, "date", Today)

    return set_today


def get(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def statuses(client: Client, url: str = "/api/v1/people?limit=500") -> dict[str, str]:
    """Each listed person's id → their own `status.value`."""
    return {p["id"]: p["status"]["value"] for p in get(client, url)["items"]}


def test_the_filter_and_each_persons_status_agree_on_every_day_for_every_status(
    client: Client, registry: None, api_on: Callable[[date], None]
) -> None:
    seen: set[str] = set()
    for day in DAYS:
        api_on(day)
        everyone = get(client, "/api/v1/people?limit=500")
        assert {p["status"]["as_of"] for p in everyone["items"]} == {day.isoformat()}
        own = {p["id"]: p["status"]["value"] for p in everyone["items"]}
        for status in Status.values:
            filtered = get(client, f"/api/v1/people?status={status}&limit=500")
            expected = {uid for uid, value in own.items() if value == status}
            assert {p["id"] for p in filtered["items"]} == expected, (day, status)
            assert filtered["count"] == len(expected), (day, status)
            assert {p["status"]["value"] for p in filtered["items"]} <= {status}
        seen |= set(own.values())
    # The cast passes through every status, so no status value went untested.
    assert seen == set(Status.values)


def test_a_persons_page_gives_the_status_the_list_gives(
    client: Client, registry: None, api_on: Callable[[date], None]
) -> None:
    for day in (date(2022, 5, 1), date(2026, 6, 1)):
        api_on(day)
        for uid, value in statuses(client).items():
            assert get(client, f"/api/v1/people/{uid}")["status"] == {
                "as_of": day.isoformat(),
                "value": value,
            }


def test_each_person_has_the_status_their_timeline_gives(
    client: Client, registry: None, api_on: Callable[[date], None]
) -> None:
    api_on(date(2019, 1, 1))
    before = statuses(client)
    # Only the undated custody may already have begun; nobody else has any custody yet.
    assert before.pop("start-unknown") == Status.HELD
    assert set(before.values()) == {Status.UNKNOWN}

    api_on(date(2022, 5, 1))  # released that day: free at its end
    on_release_day = statuses(client)
    assert on_release_day["re-detained"] == on_release_day["start-unknown"] == Status.RELEASED
    # Expelled the next day: a deportation shortly after a release makes that release one
    # abroad, from the release's own day (as the stats count it).
    assert on_release_day["expelled"] == Status.DEPORTED

    api_on(date(2024, 2, 16))
    assert statuses(client) == {
        "held": Status.HELD,
        "released": Status.RELEASED,
        "released-abroad": Status.HELD,
        "expelled": Status.DEPORTED,
        "died-in-custody": Status.DIED_IN_CUSTODY,
        "died": Status.DIED,
        "re-detained": Status.HELD,
        "start-unknown": Status.RELEASED,
        "term-ended": Status.TERM_ENDED_UNCONFIRMED,
        "never-held": Status.UNKNOWN,
    }
    api_on(date(2024, 1, 31))  # the day before the term ends: still held
    assert statuses(client)["term-ended"] == Status.HELD


def test_released_in_the_filter_is_one_status_while_the_stats_count_every_release(
    client: Client, registry: None, api_on: Callable[[date], None]
) -> None:
    day = date(2026, 6, 1)
    api_on(day)
    released = {p["id"] for p in get(client, "/api/v1/people?status=released")["items"]}
    deported = {p["id"] for p in get(client, "/api/v1/people?status=deported")["items"]}
    assert released == {"released", "start-unknown"}
    assert deported == {"released-abroad", "expelled"}
    totals = get(client, f"/api/v1/stats?as_of={day.isoformat()}")["totals"]
    # The stats' released also holds the deported and the re-detained (held again today).
    assert totals["released"] == len(released | deported | {"re-detained"})
    assert totals["deported"] == len(deported)
    assert totals["held"] == len(
        {p["id"] for p in get(client, "/api/v1/people?status=held")["items"]}
    )


def test_an_unknown_status_is_refused(client: Client, registry: None) -> None:
    assert client.get("/api/v1/people?status=asleep").status_code == 422
