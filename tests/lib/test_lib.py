from __future__ import annotations

from datetime import date

import pytest

from rollcall.lib.countries import clean_country
from rollcall.lib.dates import PartialDate
from rollcall.lib.scripts import guess_script


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("Maksim Znak", "und-Latn"),
        ("Aleś Bialacki", "und-Latn"),
        ("Максім Знак", "be-Cyrl"),
        ("Максим Знак", "ru-Cyrl"),
        ("Алесь Бяляцкі", "be-Cyrl"),
        ("Олександр Їжак", "uk-Cyrl"),
        ("刘晓波", "zh-Hans"),
        ("123", "und"),
    ],
)
def test_it_guesses_the_script_and_cyrillic_language(name: str, script: str) -> None:
    assert guess_script(name) == script


@pytest.mark.parametrize(
    ("text", "value", "precision", "iso"),
    [
        ("2020", date(2020, 1, 1), "year", "2020"),
        ("2020-09", date(2020, 9, 1), "month", "2020-09"),
        ("2020-09-07", date(2020, 9, 7), "day", "2020-09-07"),
    ],
)
def test_partial_dates_keep_their_precision(
    text: str, value: date, precision: str, iso: str
) -> None:
    parsed = PartialDate.parse(text)
    assert (parsed.value, parsed.precision, parsed.iso()) == (value, precision, iso)


@pytest.mark.parametrize("text", ["2021-13-01", "2021-02-30", "yesterday", "21-01-01", ""])
def test_a_bad_date_says_what_is_wrong(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text)):
        PartialDate.parse(text)


def test_country_codes_are_iso_alpha_2() -> None:
    assert clean_country(" by ") == "BY"
    assert clean_country("DD") == "DD"  # East Germany: withdrawn, but its prisoners are history
    for bad in ["Belarus", "XX", "EU", "B", ""]:
        with pytest.raises(ValueError, match="not an ISO 3166-1 alpha-2"):
            clean_country(bad)
