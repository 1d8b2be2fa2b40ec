"""The collective event pages: a mass release with its counts, destinations, people and deal.

Who each page names, for every role, is checked with every other page in tests/test_access.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from rollcall.collective.models import CollectiveEvent
from rollcall.demo.load import load_demo
from tests.cast import Cast, person

pytestmark = pytest.mark.django_db


def test_a_release_shows_its_counts_destinations_people_and_the_deal(client: Client) -> None:
    load_demo()
    release = CollectiveEvent.objects.get()
    body = client.get(f"/collective/{release.pk}/").content.decode()
    assert "<h1>Release of 123 political prisoners by Belarus</h1>" in body
    assert 'data-count="123"' in body
    assert "<strong>at least 9</strong> to Lithuania" in body
    assert "<strong>more than 100</strong> to Ukraine" in body
    assert "<q>Over 100 others were transferred by bus to Ukraine.</q>" in body
    for uid, name in [
        ("demo-maria-kalesnikava", "Maria Kolesnikova"),
        ("demo-ales-bialiatski", "Ales Bialiatski"),
    ]:
        assert f'<a href="/people/{uid}/">{name}</a>' in body
    agreement = body[body.index('id="agreement"') :]
    assert "Parties: Belarus, United States" in agreement
    assert "United States eased sanctions on Belarus: potash" in agreement
    assert "<q>The release is linked to the partial lifting of US sanctions" in agreement


def test_people_who_may_not_be_named_are_counted_without_their_names(cast: Cast) -> None:
    url = f"/collective/{cast.release.pk}/"
    visitor = cast.client("visitor").get(url).content.decode()
    assert cast.people["public"].name in visitor
    # The anonymous person is counted, as in the figures; hidden and draft records are not.
    assert "and 1 more person on record who asked not to be named" in visitor
    staff = cast.client("editor").get(url).content.decode()
    assert all(member.name in staff for member in cast.people.values())
    assert 'class="unnamed"' not in staff


def test_the_list_shows_every_collective_event_newest_first(client: Client) -> None:
    older = CollectiveEvent.objects.create(
        type="arrest",
        title="Detentions after the election",
        date=date(2020, 8, 10),
        country="BY",
        count_value=30,
    )
    newer = CollectiveEvent.objects.create(
        type="release",
        title="Release of 52",
        date=date(2025, 9, 11),
        country="BY",
        count_value=52,
        count_qualifier="at_least",
    )
    person("One Of Them", events=[("release", "2025-09-11", "BY", {"collective": newer})])
    body = client.get("/collective/").content.decode()
    assert body.index("Release of 52") < body.index(older.title)
    assert f'<a href="/collective/{newer.pk}/">Release of 52</a>' in body
    assert "<td>at least 52</td>" in body
    row = body[body.index("Release of 52") :]
    assert "<td>1</td>" in row[: row.index("</tr>")]


def test_an_unknown_collective_event_is_not_found(client: Client) -> None:
    assert client.get("/collective/999999/").status_code == 404
    assert client.get("/collective/x/").status_code == 404


def test_the_home_page_links_its_latest_collective_event(client: Client) -> None:
    load_demo()
    release = CollectiveEvent.objects.get()
    body = client.get("/").content.decode()
    assert f'<a href="/collective/{release.pk}/">{release.title}</a>' in body


def test_a_collective_path_without_its_slash_is_redirected_to_it(client: Client) -> None:
    load_demo()
    release = CollectiveEvent.objects.get()
    response = client.get(f"/collective/{release.pk}")
    assert response.status_code == 301
    assert response["Location"] == f"/collective/{release.pk}/"
    assert client.get("/collective").status_code == 301
