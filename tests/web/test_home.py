"""The home page: today's figures, the estimate beside them, the latest collective event.

Who it names and counts, for each role, is checked with every other page in tests/test_access.py.
"""

from __future__ import annotations

import pytest
from django.test import Client

from rollcall.demo.load import load_demo
from tests.cast import person

pytestmark = pytest.mark.django_db


def test_it_shows_each_fact_with_its_source(client: Client) -> None:
    load_demo()
    html = client.get("/").content.decode()
    assert "Release of 123 political prisoners by Belarus" in html
    assert "123 people · freed under an agreement" in html
    assert "<q>with at least nine reportedly relocated directly to Lithuania</q>" in html
    assert 'according to <span class="attribution">Human rights organizations</span>' in html
    assert "United States eased sanctions on Belarus: potash" in html
    for name in ["Maria Kolesnikova", "Viktor Babariko", "Maksim Znak", "Ales Bialiatski"]:
        assert name in html


def test_it_works_on_an_empty_registry(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'data-figure="held">0<' in response.content.decode()


def test_it_refuses_a_post(client: Client) -> None:
    assert client.post("/").status_code == 405


def test_terms_ended_with_no_release_on_record_are_shown_apart_from_the_held(
    client: Client,
) -> None:
    sentence = {"sentence_kind": "term", "term_ends_on": "2022-01-09"}
    person("Ales Silent", events=[("sentence", "2019-06-01", "BY", sentence)])
    html = client.get("/").content.decode()
    assert 'data-figure="held">0<' in html
    assert 'data-figure="term_ended_unconfirmed">1<' in html
