"""Dates on the pages say no more than their sources did, in the reader's language: an arrest
reported to the month is "September 2020", never a made-up first of September."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from rollcall.web.templatetags.rollcall import partial_date
from tests.cast import person

SHOWN = {
    "en": {"2020-09": "September 2020", "2025-12-13": "13 December 2025", "2020": "2020"},
    "be": {"2020-09": "верасень 2020 г.", "2025-12-13": "13 снежня 2025 г.", "2020": "2020"},
    "ru": {"2020-09": "Сентябрь 2020 г.", "2025-12-13": "13 декабря 2025 г.", "2020": "2020"},
}


@pytest.mark.parametrize("language", SHOWN)
def test_each_precision_is_written_as_the_readers_language_writes_it(language: str) -> None:
    with translation.override(language):
        shown = {iso: partial_date(iso) for iso in SHOWN[language]}
    assert {iso: text.lower() for iso, text in shown.items()} == {
        iso: text.lower() for iso, text in SHOWN[language].items()
    }


@pytest.mark.parametrize("value", ["", None, "not a date", "2020-13"])
def test_what_is_not_a_partial_date_is_shown_as_it_is(value: str | None) -> None:
    assert partial_date(value) == (value or "")


@pytest.mark.django_db
def test_a_person_page_gives_a_month_as_a_month_in_every_language() -> None:
    person("Month Only", events=[("arrest", "2020-09", "BY")], uid="month-only")
    client = Client()
    english = client.get("/people/month-only/").content.decode()
    assert '<time datetime="2020-09">September 2020</time>' in english
    assert "1 September 2020" not in english
    belarusian = client.get("/be/people/month-only/").content.decode()
    assert "верасень 2020 г." in belarusian.lower()
