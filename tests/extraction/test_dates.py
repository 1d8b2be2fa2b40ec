"""rollcall/extraction/dates.py: the dates an article states, at the precision it states them.

What the event assembler relies on: absolute dates in the usual English orders, relative ones
("on Saturday", "last month", "on 13 December") resolved against the publication date and left out
without one, each with its precision, and no date made of a duration, an age, a time of day or a
count.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollcall.extraction.dates import date_spans, find_dates

ARTICLE = (
    Path(__file__).resolve().parents[2] / "rollcall/demo/fixtures/belarus-release-2025-12-13.txt"
)
SATURDAY = date(2025, 12, 13)


def found(text: str, published: date | None = SATURDAY) -> list[tuple[str, str, str]]:
    return [
        (text[m.start : m.end], m.value.isoformat(), m.precision)
        for m in find_dates(text, published)
    ]


# --- absolute dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A court in Minsk sentenced him on 13 December 2025.", ("13 December 2025", "2025-12-13")),
        (
            "The verdict came on December 13, 2025, after a closed trial.",
            ("December 13, 2025", "2025-12-13"),
        ),
        ("Sat 13th Dec, 2025", ("Sat 13th Dec, 2025", "2025-12-13")),
        ("Published Saturday, December 13, 2025", ("Saturday, December 13, 2025", "2025-12-13")),
        (
            "She was detained on the 7th of September 2020 in Minsk.",
            ("7th of September 2020", "2020-09-07"),
        ),
        ("Arrested Sept. 7, 2020, she tore up her passport.", ("Sept. 7, 2020", "2020-09-07")),
        ("He died in custody on 14 Feb 2024, his family said.", ("14 Feb 2024", "2024-02-14")),
        ("The decree (dated 2021-05-23) grounded the plane.", ("2021-05-23", "2021-05-23")),
        ("Приговор от 06.09.2021: the court's ruling of 06.09.2021.", ("06.09.2021", "2021-09-06")),
        ("The hearing, set for 25/11/2020, was postponed.", ("25/11/2020", "2020-11-25")),
        ("Obituary: Mikalai Klimovich (1961 – May 6, 2022)", ("May 6, 2022", "2022-05-06")),
    ],
)
def test_a_full_date_is_read_to_the_day(sentence: str, expected: tuple[str, str]) -> None:
    assert (*expected, "day") in found(sentence)


def test_a_full_date_does_not_need_the_publication_date() -> None:
    assert found("He was released on 26 July 2023.", None) == [
        ("26 July 2023", "2023-07-26", "day")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Maria Kolesnikova was arrested in September 2020.", ("September 2020", "2020-09-01")),
        ("Protests began in August, 2020, after the vote.", ("August, 2020", "2020-08-01")),
        ("He has been held since March of 2021.", ("March of 2021", "2021-03-01")),
        ("In Dec 2022 the Supreme Court upheld it.", ("Dec 2022", "2022-12-01")),
    ],
)
def test_a_month_and_year_is_read_to_the_month(sentence: str, expected: tuple[str, str]) -> None:
    assert found(sentence, None) == [(*expected, "month")]


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Thousands were detained in 2020.", "2020"),
        ("The contested 2020 presidential election set off protests.", "2020"),
        ("Since 2021, Viasna has counted the prisoners.", "2021"),
        ("By mid-2022 the number had doubled.", "2022"),
        ("In the summer of 2021 the blogger was seized from a plane.", "2021"),
    ],
)
def test_a_year_alone_is_read_to_the_year(sentence: str, surface: str) -> None:
    assert found(sentence, None) == [(surface, f"{surface}-01-01", "year")]


def test_both_ends_of_a_span_of_years_are_dates() -> None:
    assert found("Between 2019 and 2021, and again in 2022-2023.", None) == [
        ("2019", "2019-01-01", "year"),
        ("2021", "2021-01-01", "year"),
        ("2022", "2022-01-01", "year"),
        ("2023", "2023-01-01", "year"),
    ]


# --- relative dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Belarus freed 123 prisoners on Saturday.", ("Saturday", "2025-12-13", "day")),
        ("Lithuanian border guards met them on Friday.", ("Friday", "2025-12-12", "day")),
        ("The talks began last Saturday.", ("last Saturday", "2025-12-06", "day")),
        ("A second group will follow next Monday.", ("next Monday", "2025-12-15", "day")),
        ("He was freed yesterday, his wife said.", ("yesterday", "2025-12-12", "day")),
        ("Officials said today that more would follow.", ("today", "2025-12-13", "day")),
        ("He was pardoned on 13 December.", ("13 December", "2025-12-13", "day")),
        ("The envoy arrived on Dec. 11 and left Dec. 12.", ("Dec. 11", "2025-12-11", "day")),
        ("The blogger was detained on 20 December.", ("20 December", "2024-12-20", "day")),
        ("He was moved to a colony last month.", ("last month", "2025-11-01", "month")),
        ("Earlier this month, two more were freed.", ("Earlier this month", "2025-12-01", "month")),
        ("She was arrested in September.", ("September", "2025-09-01", "month")),
        ("Trials have continued since January.", ("January", "2025-01-01", "month")),
        ("He was sentenced last December.", ("last December", "2024-12-01", "month")),
        ("Last year the courts convicted 1,200 people.", ("Last year", "2024-01-01", "year")),
        ("Earlier this year, the amnesty law passed.", ("Earlier this year", "2025-01-01", "year")),
        (
            "Three years ago he was seized at the airport.",
            ("Three years ago", "2022-01-01", "year"),
        ),
        ("Two days ago, guards beat him.", ("Two days ago", "2025-12-11", "day")),
        ("Six months ago she fell ill in custody.", ("Six months ago", "2025-06-01", "month")),
        ("His lawyer visited him last week.", ("last week", "2025-12-01", "month")),
    ],
)
def test_a_relative_date_is_resolved_against_publication(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Belarus freed 123 prisoners on Saturday.",
        "He was freed yesterday.",
        "He was pardoned on 13 December.",
        "She was arrested in September.",
        "Last year the courts convicted 1,200 people.",
        "Three years ago he was seized.",
    ],
)
def test_a_relative_date_without_a_publication_date_is_left_out(sentence: str) -> None:
    assert found(sentence, None) == []


def test_a_span_of_days_is_one_date_its_first_day() -> None:
    assert found("Hearings on 8-9 August 2021 and on December 1 and 2, 2021.") == [
        ("8-9 August 2021", "2021-08-08", "day"),
        ("December 1 and 2, 2021", "2021-12-01", "day"),
    ]


def test_a_day_and_month_is_never_after_publication() -> None:
    assert found("He was detained on 14 December.", date(2025, 12, 13)) == [
        ("14 December", "2024-12-14", "day")
    ]
    assert found("He was detained on 29 February.", date(2025, 3, 1)) == [
        ("29 February", "2024-02-29", "day")
    ]


# --- what is not a date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "He was sentenced to five years in a penal colony.",
        "She is serving a 15-year sentence for 'extremism'.",
        "The activist, 45, was held for two months.",
        "A 45-year-old man was detained at 10:30 on the way home.",
        "Aged 62, he has spent 1,600 days behind bars.",
        "More than 2000 prisoners remain; at least 1999 people were freed.",
        "He was charged under Article 2020 of the code, case No. 1999.",
        "They march for freedom. May they be freed.",
        "The repression of the 1990s returned.",
        "The fine was $2020 and 2025 percent of nothing.",
        "Police held 2000 protesters.",
        "Over the past decade dozens of journalists were jailed.",
    ],
)
def test_durations_ages_times_counts_and_labels_are_not_dates(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "USA Today reported the release.",
        "The Sunday Times reported the release.",
        "He spoke on the anniversary of Bloody Sunday and the Good Friday Agreement.",
    ],
)
def test_newspapers_and_named_days_are_not_dates(sentence: str) -> None:
    assert found(sentence) == []


def test_a_weekday_beside_a_name_is_still_a_date() -> None:
    assert found("The Times said on Sunday that he was freed.") == [("Sunday", "2025-12-07", "day")]


# --- the example article and the spans used by the count finder -------------------------------


def test_the_example_article_gives_its_publication_day_the_election_year_and_the_arrest_month() -> (
    None
):
    text = ARTICLE.read_text(encoding="utf-8")
    assert found(text) == [
        ("Sat 13th Dec, 2025", "2025-12-13", "day"),
        ("2020", "2020-01-01", "year"),
        ("September 2020", "2020-09-01", "month"),
    ]


def test_date_spans_cover_dates_that_cannot_be_resolved() -> None:
    text = "On 13 December and on 12/11/2020, and in 2020."
    assert [text[start:end] for start, end in date_spans(text)] == [
        "13 December",
        "12/11/2020",
        "2020",
    ]
