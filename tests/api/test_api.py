"""The read-only JSON API: shapes, filters, and who may be named."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcall.demo.load import load_demo
from tests.cast import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry() -> None:
    load_demo()
    person(
        "Secret Prisoner",
        visibility="anonymous",
        events=[("arrest", "2021-06-01", "BY")],
        uid="anon-1",
    )
    person(
        "Unverified Record",
        visibility="hidden",
        events=[("arrest", "2021-06-01", "BY")],
        uid="hidden-1",
    )


def get(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_people_lists_public_people_with_their_names(client: Client, registry: None) -> None:
    data = get(client, "/api/v1/people")
    assert data["count"] == 4
    znak = next(p for p in data["items"] if p["id"] == "demo-maksim-znak")
    assert znak["name"] == "Maksim Znak"
    assert {"value": "Максім Знак", "script": "be-Cyrl", "kind": "alias"} in znak["names"]
    assert znak["status"]["value"] == "released"


def test_q_finds_people_by_a_name_in_another_script(client: Client, registry: None) -> None:
    data = get(client, "/api/v1/people?q=Калеснікава")
    assert [p["id"] for p in data["items"]] == ["demo-maria-kalesnikava"]


def test_people_filters_by_status_and_country(client: Client, registry: None) -> None:
    assert get(client, "/api/v1/people?status=released&country=BY")["count"] == 4
    assert get(client, "/api/v1/people?status=held")["count"] == 0
    assert get(client, "/api/v1/people?country=RU")["count"] == 0
    get(client, "/api/v1/people?status=asleep", 422)
    get(client, "/api/v1/people?country=Belarus", 422)


def test_people_pages_with_limit_and_offset(client: Client, registry: None) -> None:
    first = get(client, "/api/v1/people?limit=3")
    rest = get(client, "/api/v1/people?limit=3&offset=3")
    assert first["count"] == rest["count"] == 4
    assert len(first["items"]) == 3
    assert len(rest["items"]) == 1


def test_a_person_comes_with_events_and_their_sources(client: Client, registry: None) -> None:
    data = get(client, "/api/v1/people/demo-maria-kalesnikava")
    arrest = next(e for e in data["events"] if e["type"] == "arrest")
    assert (arrest["date"], arrest["date_precision"], arrest["country"]) == (
        "2020-09",
        "month",
        "BY",
    )
    (source,) = arrest["sources"]
    assert "was arrested in September 2020" in source["quote"]
    assert source["start"] is not None
    assert source["end"] > source["start"]
    release = next(e for e in data["events"] if e["type"] == "release")
    assert release["release_kind"] == "deal"
    assert release["collective"]["title"].startswith("Release of 123")


def test_anonymous_and_hidden_people_are_never_named_to_the_public(
    client: Client, registry: None
) -> None:
    for url in [
        "/api/v1/people",
        "/api/v1/people?q=Secret",
        "/api/v1/events?limit=1000",
        "/api/v1/stats",
    ]:
        body = client.get(url).content.decode()
        for secret in ("Secret Prisoner", "anon-1", "Unverified Record", "hidden-1"):
            assert secret not in body, url
    get(client, "/api/v1/people/anon-1", 404)
    get(client, "/api/v1/people/hidden-1", 404)


def test_anonymous_people_are_counted_in_stats(client: Client, registry: None) -> None:
    data = get(client, "/api/v1/stats?as_of=2024-01-01&country=BY")
    # Kolesnikova, the anonymous person, and the three demo people whose arrest dates the article
    # does not give (held since an unknown date); never the hidden record.
    assert (data["totals"]["held"], data["totals"]["held_start_unknown"]) == (5, 3)


def test_staff_may_see_anonymous_and_hidden_people(client: Client, registry: None) -> None:
    client.force_login(User.objects.create_user("editor", is_staff=True))
    assert get(client, "/api/v1/people")["count"] == 6
    assert get(client, "/api/v1/people/anon-1")["name"] == "Secret Prisoner"


def test_events_include_the_collective_release_with_counts(client: Client, registry: None) -> None:
    data = get(client, "/api/v1/events?type=release&from=2025-12-13&to=2025-12-13")
    collective = next(e for e in data["items"] if e["kind"] == "collective")
    assert collective["count"] == {"value": 123, "qualifier": "exact"}
    assert {
        (d["country"], d["count"]["qualifier"], d["count"]["value"])
        for d in collective["destinations"]
    } == {("LT", "at_least", 9), ("UA", "more_than", 100)}
    assert collective["agreement"]["sanctions"][0]["target"] == "potash"
    assert data["count"] == 5  # the collective event and four named people's releases
    assert get(client, "/api/v1/events?from=2026-01-01")["count"] == 0
    get(client, "/api/v1/events?from=yesterday", 422)
    get(client, "/api/v1/events?type=party", 422)


def test_events_page_through_collective_and_person_events(client: Client, registry: None) -> None:
    ids = [
        (e["kind"], e["id"])
        for offset in range(0, 8, 2)
        for e in get(client, f"/api/v1/events?limit=2&offset={offset}")["items"]
    ]
    assert len(ids) == len(set(ids)) == get(client, "/api/v1/events")["count"]


def test_stats_answers_the_contract_shape(client: Client, registry: None) -> None:
    data = get(client, "/api/v1/stats?as_of=2025-12-31&series=month&from=2025-11-01")
    assert data["schema"] == "rollcall.stats/1"
    assert data["totals"]["released"] == 4
    assert [p["period"] for p in data["series"]] == ["2025-11", "2025-12"]
    assert data["estimates"][0]["count"] == {"value": 1000, "qualifier": "more_than"}
    get(client, "/api/v1/stats?as_of=31/12/2025", 422)
    get(client, "/api/v1/stats?series=week", 422)


def test_openapi_documents_every_route(client: Client) -> None:
    paths = get(client, "/api/v1/openapi.json")["paths"]
    for route in [
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/events",
        "/api/v1/stats",
    ]:
        assert route in paths
