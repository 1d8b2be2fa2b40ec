"""Query budgets: a page costs the same number of queries for 5 people as for 50.

rollcall/api/serialize.py loads people with `person_queryset()` so that a page of people costs a
fixed number of queries, whatever it holds. An N+1 (a query per person, event, name or citation)
shows here as a count that grows with the page. Each page's budget is stated once, in
QUERY_BUDGETS: a new list page is one new line there. The budgets are what the pages take today
for a visitor (no session to read), so a change that adds a query says so by failing here: raise
the budget in the same change, saying why.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from rollcall.collective.models import (
    Agreement,
    AgreementParty,
    CollectiveEvent,
    DestinationCount,
    NationalsCount,
    ReportedEstimate,
    SanctionsMeasure,
)
from rollcall.events.models import CriminalArticle, Event, Facility
from rollcall.people.models import Citizenship, ExternalId, Person, PersonName
from rollcall.sources.models import Source
from rollcall.sources.services import cite
from tests.cast import person
from tests.conftest import middleware_without_page_cache, rolled_back

pytestmark = pytest.mark.django_db

# Queries one GET may make, at any size. {n}: the page size asked for (the whole registry);
# {uid}: the person whose facts grow with the registry.
# A person's citizenships are one query more; a collective event's nationals counts three (the
# counts, their citations, the cited sources), as its destinations do.
QUERY_BUDGETS: dict[str, int] = {
    "/api/v1/people?limit={n}": 12,
    "/api/v1/events?limit={n}": 24,
    "/api/v1/people/{uid}": 11,
    # One for what collective events report beyond the people on record, one for the registry's
    # version the cached figures are keyed on, one for the held by kind of custody (another
    # table than the totals'). Measured cold (the registry just written); a warm request reads
    # the figures from the cache (tests/stats/test_cached_figures.py).
    "/": 24,
}

SMALL, LARGE = 5, 50
RELEASED_ON = date(2025, 6, 21)


class Registry:
    """People whose every fact is of a kind the pages show: names in two scripts, an external id,
    a citizenship, an arrest in a group's mass detention, a sentence with a facility and articles,
    a release in one collective release under an agreement (parties, sanctions eased, a
    destination, a count of nationals), each with a cited source; and a reported estimate. Names
    and dates are made up."""

    GROUP = 5  # people detained together: each group is one more collective event

    def __init__(self) -> None:
        self.source = Source.objects.create(
            title="List of political prisoners",
            url="https://news.example.org/list",
            text="The list names everyone held, with the dates of arrest and release.",
        )
        self.quote = "The list names everyone held"
        deal = Agreement.objects.create(title="Agreement on the release", date=RELEASED_ON)
        for country in ("BY", "US"):
            AgreementParty.objects.create(agreement=deal, country=country)
        eased = SanctionsMeasure.objects.create(
            issuer="US", target_country="BY", target="potash", action="eased", agreement=deal
        )
        self.release = CollectiveEvent.objects.create(
            type="release",
            title="Release of political prisoners",
            date=RELEASED_ON,
            country="BY",
            release_kind="deal",
            count_value=LARGE,
            count_qualifier="at_least",
            agreement=deal,
        )
        abroad = DestinationCount.objects.create(
            collective=self.release, country="LT", count_value=9, count_qualifier="at_least"
        )
        ukrainians = NationalsCount.objects.create(
            collective=self.release, country="UA", count_value=2, count_qualifier="exact"
        )
        estimate = ReportedEstimate.objects.create(
            measure="held",
            country="BY",
            count_value=1000,
            count_qualifier="more_than",
            as_of=RELEASED_ON,
            attributed_to="Human rights organisations",
        )
        for fact in (deal, eased, self.release, abroad, ukrainians, estimate):
            cite(fact, self.source, self.quote)
        self.colony = Facility.objects.create(name="Penal colony No. 3", country="BY")
        self.articles = [
            CriminalArticle.objects.create(country="BY", number="342", title="gross violation"),
            CriminalArticle.objects.create(country="BY", number="361", title="calls to harm"),
        ]
        self.detentions: list[CollectiveEvent] = []
        self.people: list[Person] = []

    def grow_to(self, size: int) -> None:
        while len(self.people) < size:
            self.add_facts(self.add_person(len(self.people)))

    def add_person(self, i: int) -> Person:
        p = person(f"Prisoner {i:03d}", aliases=(f"Вязень {i:03d}",), uid=f"budget-{i:03d}")
        ExternalId.objects.create(person=p, scheme="viasna", value=str(1000 + i))
        cite(Citizenship.objects.create(person=p, country="BY"), self.source, self.quote)
        cite(p, self.source, self.quote)
        self.people.append(p)
        return p

    def _detention(self) -> CollectiveEvent:
        if not self.detentions or self.detentions[-1].person_events.count() >= self.GROUP:
            day = date(2021, 1, 10) + timedelta(days=len(self.detentions))
            detention = CollectiveEvent.objects.create(
                type="arrest", title=f"Detentions of {day}", date=day, country="BY"
            )
            cite(detention, self.source, self.quote)
            self.detentions.append(detention)
        return self.detentions[-1]

    def add_facts(self, p: Person, collective: bool = True) -> None:
        """An arrest, a sentence and a release; in the group's detention and the release unless
        `collective` is False."""
        detention = self._detention() if collective else None
        day = detention.date if detention else date(2021, 1, 10)
        arrest = Event.objects.create(
            person=p, type="arrest", date=day, country="BY", collective=detention
        )
        cite(arrest, self.source, "with the dates of arrest")
        sentence = Event.objects.create(
            person=p,
            type="sentence",
            date=date(2021, 9, 6),
            country="BY",
            sentence_kind="term",
            term_months=36,
            facility=self.colony,
        )
        sentence.articles.set(self.articles)
        cite(sentence, self.source, "")
        release = Event.objects.create(
            person=p,
            type="release",
            date=RELEASED_ON,
            country="BY",
            release_kind="deal",
            collective=self.release if collective else None,
        )
        cite(release, self.source, "and release")


def queries(client: Client, page: str, registry: Registry) -> int:
    """Queries one GET of `page` makes, with {n} the registry's size and {uid} its first person."""
    url = page.format(n=len(registry.people), uid=registry.people[0].uid)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:500])
    return len(captured.captured_queries)


@dataclass(frozen=True)
class Measured:
    registry: Registry  # grown to LARGE
    small: dict[str, int]  # queries per page with SMALL people
    large: dict[str, int]  # ... with LARGE people


@pytest.fixture(scope="module")
def measured(django_db_setup: None, django_db_blocker: Any) -> Iterator[Measured]:
    """Every page measured on SMALL people, then on LARGE, in a registry built once.

    Building 50 people with all their facts takes seconds: done once for the module, in a
    transaction rolled back after its last test (`tests.conftest.rolled_back`).
    """
    # What the views cost: the page cache would answer a repeated GET without them.
    with (
        rolled_back(django_db_blocker),
        override_settings(MIDDLEWARE=middleware_without_page_cache()),
    ):
        with django_db_blocker.unblock():
            client = Client()  # a visitor: no session or user to load
            registry = Registry()
            registry.grow_to(SMALL)
            small = {page: queries(client, page, registry) for page in QUERY_BUDGETS}
            registry.grow_to(LARGE)
            # The person shown by id gains as many facts and names as the registry gained people.
            subject = registry.people[0]
            for i in range(LARGE - SMALL):
                registry.add_facts(subject, collective=False)
                PersonName.objects.create(person=subject, value=f"Prisoner {i:03d}-bis")
            large = {page: queries(client, page, registry) for page in QUERY_BUDGETS}
        yield Measured(registry, small, large)


@pytest.mark.parametrize("page", QUERY_BUDGETS)
def test_a_page_costs_the_same_queries_for_5_people_as_for_50(
    measured: Measured, page: str
) -> None:
    small, large = measured.small[page], measured.large[page]
    assert large == small, f"{page}: {small} queries for {SMALL} people, {large} for {LARGE}"


@pytest.mark.parametrize("page", QUERY_BUDGETS)
def test_a_page_keeps_within_its_query_budget(measured: Measured, page: str) -> None:
    worst = max(measured.small[page], measured.large[page])
    assert worst <= QUERY_BUDGETS[page], f"{page}: {worst} queries, over its budget"


def test_the_measured_pages_show_the_whole_registry(client: Client, measured: Measured) -> None:
    # A budget met by a page that shows little would prove nothing.
    registry = measured.registry
    people = client.get(f"/api/v1/people?limit={LARGE}").json()
    assert len(people["items"]) == LARGE
    events = client.get(f"/api/v1/events?limit={LARGE}").json()["items"]
    assert len(events) == LARGE
    collectives = [e for e in events if e["kind"] == "collective"]
    assert len(collectives) == len(registry.detentions) + 1  # the detentions and the release
    release = next(e for e in collectives if e["type"] == "release")
    assert len(release["persons"]) == LARGE
    assert release["agreement"]["sanctions"][0]["sources"]
    assert release["nationals"][0]["sources"]
    assert all(p["citizenships"] == ["BY"] for p in people["items"])
    one = client.get(f"/api/v1/people/{registry.people[0].uid}").json()
    assert len(one["events"]) == 3 * (1 + LARGE - SMALL)
    assert len(one["names"]) == 2 + LARGE - SMALL
    assert all(e["sources"] for e in one["events"])
    home = client.get("/").content.decode()
    assert all(p.primary_name in home for p in registry.people)
