from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from rollcall.lib.countries import clean_country
from rollcall.lib.dates import PartialDate, future_problem, not_in_the_future, period_end
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


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("2020", date(2020, 12, 31)),
        ("2024-02", date(2024, 2, 29)),
        ("2020-09-07", date(2020, 9, 7)),
    ],
)
def test_a_partial_date_ends_with_the_last_day_of_its_period(text: str, last: date) -> None:
    assert period_end(PartialDate.parse(text)) == last


def test_a_date_up_to_a_day_ahead_is_not_in_the_future() -> None:
    today = date(2026, 11, 29)
    assert future_problem(today, today=today) == ""
    assert future_problem(today + timedelta(days=1), today=today) == ""
    assert future_problem(date(2026, 11, 30) + timedelta(days=1), today=today) == (
        "2026-12-01 is in the future"
    )


def test_a_partial_date_is_in_the_future_when_its_period_has_not_begun() -> None:
    today = date(2026, 11, 29)
    for text, refused in [("2026", False), ("2026-11", False), ("2026-12", True), ("2027", True)]:
        partial = PartialDate.parse(text)
        problem = future_problem(partial.value, partial.precision, today=today)
        assert problem == (f"{text} is in the future" if refused else ""), text


def test_the_form_validator_names_the_date_still_to_come() -> None:
    later = date.today() + timedelta(days=2)
    with pytest.raises(ValidationError, match=f"{later.isoformat()} is in the future"):
        not_in_the_future(later)
    not_in_the_future(date.today() + timedelta(days=1))
    not_in_the_future(None)
