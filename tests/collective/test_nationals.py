"""How many of a collective event's people were citizens of each state, as reported."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rollcall.collective.models import CollectiveEvent, NationalsCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def release() -> CollectiveEvent:
    return CollectiveEvent.objects.create(
        type="release", title="Belarus frees 52 prisoners", country="BY", count_value=52
    )


@pytest.mark.parametrize("code", ["XX", "Lithuania", "lt", ""])
def test_a_nationals_count_of_no_upper_case_iso_code_is_refused(
    release: CollectiveEvent, code: str
) -> None:
    count = NationalsCount(collective=release, country=code, count_value=6)
    with pytest.raises(ValidationError) as refused:
        count.full_clean()
    assert list(refused.value.message_dict) == ["country"]


def test_a_nationals_count_may_be_uncounted_and_keeps_its_history(
    release: CollectiveEvent,
) -> None:
    some = NationalsCount(collective=release, country="UA")
    some.full_clean()
    some.save()
    some.count_value, some.count_qualifier = 4, "at_least"
    some.full_clean()
    some.save()
    history = some.history.order_by("history_date")
    assert [(h.count_value, h.count_qualifier) for h in history] == [(None, ""), (4, "at_least")]


def test_a_qualifier_outside_the_counts_choices_is_refused(release: CollectiveEvent) -> None:
    count = NationalsCount(collective=release, country="LT", count_value=6, count_qualifier="some")
    with pytest.raises(ValidationError) as refused:
        count.full_clean()
    assert list(refused.value.message_dict) == ["count_qualifier"]


def test_a_collective_event_counts_each_citizenship_once_largest_first(
    release: CollectiveEvent,
) -> None:
    NationalsCount.objects.create(collective=release, country="UA")
    NationalsCount.objects.create(collective=release, country="LV", count_value=2)
    NationalsCount.objects.create(collective=release, country="LT", count_value=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        NationalsCount.objects.create(collective=release, country="LT", count_value=7)
    assert [n.country for n in release.nationals.all()] == ["LT", "LV", "UA"]
