"""A person's page shows their citizenships, with sources, and where letters reach them, as the
API gives both (`citizenships`, `postal_address`)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from rollcall.events.models import Facility
from rollcall.people.models import Citizenship, Person
from rollcall.sources.models import Source
from rollcall.sources.services import cite
from tests.cast import person

pytestmark = pytest.mark.django_db

ADDRESS = "231300, г. Лида, ул. Кирова, 16, ИК-1"


def held_in_lida(name: str, released: str | None = None, **fields: object) -> Person:
    """Sentenced to a colony that publishes its postal address (and freed on `released`)."""
    freed = [("release", released, "BY")] if released else []
    colony = Facility.objects.create(
        name="Penal colony No. 1", locality="Lida", country="BY", postal_address=ADDRESS
    )
    return person(
        name,
        uid=name.lower().replace(" ", "-"),
        events=[
            ("arrest", "2021-03-01", "BY"),
            ("sentence", "2021-09-01", "BY", {"facility": colony, "term_months": 120}),
            *freed,
        ],
        **fields,
    )


def letters_section(html: str) -> str | None:
    found = re.search(r'<section aria-labelledby="letters">(.*?)</section>', html, re.S)
    return found.group(1) if found else None


def test_the_page_lists_each_citizenship_with_its_source(client: Client) -> None:
    dual = person("Dual Citizen", uid="dual-citizen")
    report = Source.objects.create(
        title="Two passports", publisher="Example News", url="https://news.example.org/dual"
    )
    cite(Citizenship.objects.create(person=dual, country="LT"), report, "a Lithuanian citizen")
    Citizenship.objects.create(person=dual, country="BY")
    html = client.get("/people/dual-citizen/").content.decode()
    api = client.get("/api/v1/people/dual-citizen").json()
    shown = re.findall(r'<li data-country="([A-Z]{2})">', html)
    assert shown == api["citizenships"] == ["BY", "LT"]
    assert "Lithuania" in html
    assert "Belarus" in html
    assert "<q>a Lithuanian citizen</q>" in html


def test_a_page_without_citizenships_has_no_citizenship_section(client: Client) -> None:
    person("Stateless Record", uid="stateless-record")
    html = client.get("/people/stateless-record/").content.decode()
    assert 'id="citizenship"' not in html


def test_the_page_gives_the_postal_address_the_api_gives(client: Client) -> None:
    held_in_lida("Writes Back", accepts_letters=True)
    api = client.get("/api/v1/people/writes-back").json()
    assert api["postal_address"] == ADDRESS
    section = letters_section(client.get("/people/writes-back/").content.decode())
    assert section is not None
    assert f'<address class="postal">{ADDRESS}</address>' in section
    assert 'href="/letters/"' in section


def test_no_address_is_shown_for_someone_who_did_not_agree_to_letters(client: Client) -> None:
    held_in_lida("No Letters")
    assert client.get("/api/v1/people/no-letters").json()["postal_address"] is None
    html = client.get("/people/no-letters/").content.decode()
    assert letters_section(html) is None
    assert ADDRESS not in html


def test_no_address_is_shown_once_the_person_is_released(client: Client) -> None:
    held_in_lida("Freed Writer", released="2025-06-21", accepts_letters=True)
    assert client.get("/api/v1/people/freed-writer").json()["postal_address"] is None
    assert letters_section(client.get("/people/freed-writer/").content.decode()) is None
