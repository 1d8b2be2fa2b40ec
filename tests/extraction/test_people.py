"""Person names in running text, and whether each is someone an event happened to."""

from __future__ import annotations

from rollcall.extraction.people import find_people
from rollcall.extraction.sentences import split_sentences


def _people(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.role) for p in find_people(text, split_sentences(text))]


def test_a_list_of_people_yields_each_with_its_descriptor_stripped() -> None:
    text = (
        "The release included opposition figures. Among those freed are Maria Kolesnikova, "
        "Viktor Babariko, Maxim Snak, and Nobel Peace Prize laureate Ales Bialiatski."
    )
    assert _people(text) == [
        ("Maria Kolesnikova", "person"),
        ("Viktor Babariko", "person"),
        ("Maxim Snak", "person"),
        ("Ales Bialiatski", "person"),
    ]


def test_a_title_before_a_name_or_a_role_after_it_makes_an_official() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky thanked the mediators. The decision was signed by "
        "Sergei Ivanov, the deputy foreign minister, on Monday."
    )
    assert _people(text) == [("Volodymyr Zelensky", "official"), ("Sergei Ivanov", "official")]


def test_an_opposition_leader_is_not_an_official() -> None:
    assert _people("Police detained opposition leader Ilya Yashin in Moscow.") == [
        ("Ilya Yashin", "person")
    ]


def test_a_speaker_is_quoted() -> None:
    assert _people('"We will appeal," lawyer friend Anna Stepanova said.') == [
        ("Anna Stepanova", "quoted")
    ]


def test_places_organisations_and_months_are_not_people() -> None:
    text = (
        "He was held in Ghezel Hesar prison near Tehran. Human Rights Watch and Amnesty "
        "International said in September that the European Union should act."
    )
    assert _people(text) == []


def test_particles_and_prefixes_stay_inside_a_name() -> None:
    text = "The court sentenced Abdullah bin Ahmed al-Harbi and Pieter van der Berg on Tuesday."
    assert [name for name, _ in _people(text)] == [
        "Abdullah bin Ahmed al-Harbi",
        "Pieter van der Berg",
    ]


def test_a_cyrillic_name_is_found() -> None:
    assert _people("Суд приговорил Марию Колесникову к 11 годам.") == [
        ("Марию Колесникову", "person")
    ]


def test_a_lone_surname_stands_for_the_full_name_given_before() -> None:
    text = "Police arrested Dmitry Kovrigin in March. Kovrigin denied the charges."
    assert [name for name, _ in _people(text)] == ["Dmitry Kovrigin", "Dmitry Kovrigin"]


def test_a_sentence_initial_word_is_not_taken_for_a_given_name() -> None:
    assert _people("Reports Indicate nothing. Despite Everything, the talks went on.") == []
