"""A person's age, read only where the article gives it right after their name."""

from __future__ import annotations

from datetime import date

import pytest

from bench.extraction import contract
from rollcall.extraction import Document, extract
from rollcall.extraction.ages import ages_of
from rollcall.extraction.people import find_people
from rollcall.extraction.sentences import split_sentences


def ages(text: str) -> dict[str, int]:
    return ages_of(text, find_people(text, split_sentences(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Police detained Ihar Losik, 33, in Minsk on Friday.",
        "Police detained Ihar Losik, aged 33, in Minsk on Friday.",
        "Police detained Ihar Losik, a 33-year-old blogger, in Minsk on Friday.",
    ],
)
def test_an_age_in_apposition_is_the_persons(text: str) -> None:
    assert ages(text) == {"Ihar Losik": 33}


def test_each_person_of_a_list_keeps_their_own_age() -> None:
    text = "Freed were Maria Kolesnikova, 43, Maksim Znak, 44, and Ihar Losik, aged 33."
    assert ages(text) == {"Maria Kolesnikova": 43, "Maksim Znak": 44, "Ihar Losik": 33}


def test_an_age_elsewhere_in_the_sentence_is_nobodys() -> None:
    text = "Ihar Losik was detained with a 33-year-old man, and at the age of 60 his father too."
    assert [p.name for p in find_people(text, split_sentences(text))] == ["Ihar Losik"]
    assert ages(text) == {}


def test_a_name_given_two_ages_has_none() -> None:
    text = "Police detained Ihar Losik, 33, on Friday. A court later heard Ihar Losik, 35, speak."
    assert ages(text) == {}


def test_a_number_no_one_could_be_old_is_no_age() -> None:
    assert ages("Police detained Ihar Losik, 330, and Maksim Znak, 4, on Friday.") == {}


def test_the_extraction_gives_a_person_an_age_only_where_the_article_does() -> None:
    text = (
        "Belarus frees rights defender\n\n"
        "Belarusian authorities released the human rights defender Ales Bialiatski, 63, and "
        "Maria Kolesnikova on Saturday, their colleagues said."
    )
    document = Document(
        text=text, title="Belarus frees rights defender", published=date(2025, 12, 13)
    )
    events = extract(document)["events"]
    assert isinstance(events, list)
    persons = [person for event in events for person in event["persons"]]
    assert persons == [
        {"name": "Ales Bialiatski", "age": 63, "match": None},
        {"name": "Maria Kolesnikova", "match": None},
    ]


def test_an_extraction_giving_ages_keeps_to_the_extraction_contract() -> None:
    text = "Belarus frees rights defender\n\nBelarusian authorities released Ales Bialiatski, 63."
    document = Document(
        text=text, title="Belarus frees rights defender", published=date(2025, 12, 13)
    )
    extraction = extract(document)
    assert contract.problems(extraction, text) == []
    events = extraction["events"]
    assert isinstance(events, list)
    events[0]["persons"][0]["age"] = "sixty-three"
    assert "age 'sixty-three' is not a number of years" in "\n".join(
        contract.problems(extraction, text)
    )
