"""Where a release's people were taken is listed largest first, an uncounted destination last,
on SQLite and on PostgreSQL alike (which sorts nulls first when descending unless told)."""

from __future__ import annotations

from datetime import date

import pytest

from rollcall.collective.models import CollectiveEvent, DestinationCount

pytestmark = pytest.mark.django_db


def test_destinations_are_largest_first_and_uncounted_last() -> None:
    release = CollectiveEvent.objects.create(
        type="release", title="A release", date=date(2025, 12, 13), country="BY"
    )
    for country, count in (("PL", None), ("LT", 9), ("UA", 100), ("DE", None)):
        DestinationCount.objects.create(
            collective=release,
            country=country,
            count_value=count,
            count_qualifier="at_least" if count else "",
        )
    listed = list(release.destinations.values_list("country", flat=True))
    assert listed == ["UA", "LT", "DE", "PL"]
