"""Query budgets of the site's people and collective pages: the same for 5 people as for 50.

The registry is the API budgets' (tests/api/test_query_budgets.py): every person has names in two
scripts, an arrest in a group detention, a sentence with articles and a facility, and a release
in one collective release under an agreement, each cited. The person shown by id then gains as
many events and names as the registry gained people, so a query per event, name, citation,
article or agreement on their page shows as a count that grows. A new page is one line in
QUERY_BUDGETS; a change that adds a query raises the budget in the same change, saying why.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from rollcall.interchange.records import load_facts
from rollcall.people.models import Person, PersonName
from tests.api.test_query_budgets import LARGE, SMALL, Registry
from tests.conftest import middleware_without_page_cache, rolled_back

pytestmark = pytest.mark.django_db

# Queries one GET may make, at any size. {n}: the whole registry; {uid}: the person whose facts
# grow with it; {release}: the collective release every person was part of.
QUERY_BUDGETS: dict[str, int] = {
    "/people/?limit={n}": 13,
    "/people/?limit={n}&q=Prisoner&sort=recent": 14,  # the name index's look-up of `q`
    "/people/{uid}/": 13,  # one for the kind of custody in force today
    "/collective/": 2,
    "/collective/{release}/": 17,
}
# The CSV streams every selected person, loading them a chunk at a time as the export does: its
# budget is one query to select them and what the export's loader takes for one chunk.
DOWNLOAD = "/people.csv"


def get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # a download queries as it streams
    assert response.status_code == 200, (url, response)


def queries(client: Client, page: str, registry: Registry) -> int:
    """Queries of one GET of `page`, asked a second time: the first also pays for what the
    process caches (content types, and the name index catching up with new names), once."""
    url = page.format(
        n=len(registry.people), uid=registry.people[0].uid, release=registry.release.pk
    )
    get(client, url)
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return len(captured.captured_queries)


def export_chunk(registry: Registry) -> int:
    """Queries of the export's loader for one chunk of people."""
    with CaptureQueriesContext(connection) as captured:
        load_facts(Person.objects.in_bulk([p.pk for p in registry.people]).values())
    return len(captured.captured_queries)


@dataclass(frozen=True)
class Measured:
    registry: Registry
    small: dict[str, int]
    large: dict[str, int]
    budgets: dict[str, int]


@pytest.fixture(scope="module")
def measured(django_db_setup: None, django_db_blocker: Any) -> Iterator[Measured]:
    """Every page measured with SMALL people, then with LARGE, in a registry built once."""
    pages = [*QUERY_BUDGETS, DOWNLOAD]
    # What the views cost: the page cache would answer the measured second GET without them.
    with (
        rolled_back(django_db_blocker),
        override_settings(MIDDLEWARE=middleware_without_page_cache()),
    ):
        with django_db_blocker.unblock():
            client = Client()
            registry = Registry()
            registry.grow_to(SMALL)
            small = {page: queries(client, page, registry) for page in pages}
            registry.grow_to(LARGE)
            subject = registry.people[0]
            for i in range(LARGE - SMALL):
                registry.add_facts(subject, collective=False)
                PersonName.objects.create(person=subject, value=f"Prisoner {i:03d}-bis")
            large = {page: queries(client, page, registry) for page in pages}
            budgets = QUERY_BUDGETS | {DOWNLOAD: 1 + export_chunk(registry)}
        yield Measured(registry, small, large, budgets)


@pytest.mark.parametrize("page", [*QUERY_BUDGETS, DOWNLOAD])
def test_a_page_costs_the_same_queries_for_5_people_as_for_50(
    measured: Measured, page: str
) -> None:
    small, large = measured.small[page], measured.large[page]
    assert large == small, f"{page}: {small} queries for {SMALL} people, {large} for {LARGE}"


@pytest.mark.parametrize("page", [*QUERY_BUDGETS, DOWNLOAD])
def test_a_page_keeps_within_its_query_budget(measured: Measured, page: str) -> None:
    worst = max(measured.small[page], measured.large[page])
    budget = measured.budgets[page]
    assert worst <= budget, f"{page}: {worst} queries, over its budget of {budget}"


def test_the_measured_pages_show_the_whole_registry(client: Client, measured: Measured) -> None:
    # A budget met by a page that shows little would prove nothing.
    registry = measured.registry
    listed = client.get(f"/people/?limit={LARGE}").content.decode()
    assert all(f'href="/people/{p.uid}/"' in listed for p in registry.people)
    subject = registry.people[0]
    page = client.get(f"/people/{subject.uid}/").content.decode()
    assert page.count('<li id="event-') == 3 * (1 + LARGE - SMALL)
    assert f"Prisoner {LARGE - SMALL - 1:03d}-bis" in page
    assert "Agreement on the release</a>" in page
    assert "art. 361" in page
    release = client.get(f"/collective/{registry.release.pk}/").content.decode()
    assert all(p.primary_name in release for p in registry.people)
    assert "eased sanctions" in release
