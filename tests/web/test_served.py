"""`rollcall serve --demo` as a real process, read over real HTTP: the home page and every route
of the API contract."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

pytestmark = pytest.mark.slow


def fetch(url: str) -> tuple[int, str, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode()


def fetch_json(url: str) -> Any:
    status, content_type, body = fetch(url)
    assert status == 200
    assert content_type.startswith("application/json")
    return json.loads(body)


def test_the_home_page_shows_figures_estimate_and_the_latest_release(served_demo: str) -> None:
    status, content_type, html = fetch(f"{served_demo}/")
    assert status == 200
    assert content_type.startswith("text/html")
    assert 'data-figure="released">4<' in html
    assert "more than 1,000" in html
    assert "Human rights organizations" in html
    assert "at least 9</strong> to Lithuania" in html
    assert "more than 100</strong> to Ukraine" in html
    assert "Maksim Znak" in html


def test_static_files_are_served(served_demo: str) -> None:
    status, content_type, css = fetch(f"{served_demo}/static/web/site.css")
    assert status == 200
    assert content_type.startswith("text/css")
    assert ".figures" in css


def test_every_api_route_of_the_contract_answers(served_demo: str) -> None:
    api = f"{served_demo}/api/v1"
    spec = fetch_json(f"{api}/openapi.json")
    for path in [
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/events",
        "/api/v1/stats",
        "/api/v1/match",
    ]:
        assert path in spec["paths"], path

    people = fetch_json(f"{api}/people?q=Znak")
    assert [p["id"] for p in people["items"]] == ["demo-maksim-znak"]

    person = fetch_json(f"{api}/people/demo-maria-kalesnikava")
    assert person["name"] == "Maria Kolesnikova"
    assert any(e["type"] == "arrest" and e["date"] == "2020-09" for e in person["events"])

    events = fetch_json(f"{api}/events?type=release&from=2025-12-13&to=2025-12-13")
    assert events["count"] == 5
    assert events["items"][0]["count"] == {"value": 123, "qualifier": "exact"}

    stats = fetch_json(f"{api}/stats?as_of=2025-12-31&country=BY")
    assert stats["schema"] == "rollcall.stats/1"
    assert stats["totals"]["released"] == 4

    match = fetch_json(f"{api}/match?name=Maxim%20Snak")
    assert match["candidates"][0]["person_id"] == "demo-maksim-znak"
    assert match["candidates"][0]["score"] >= 0.7
