"""Which of a person's names a reader is shown first: one in the reader's own script."""

from __future__ import annotations

from rollcall.people.models import name_for_reader

KALESNIKAVA = [
    ("primary", "Maria Kolesnikova", "en"),
    ("alias", "Maryia Kalesnikava", "be-Latn"),
    ("alias", "Мария Колесникова", "ru-Cyrl"),
    ("alias", "Марыя Калеснікава", "be-Cyrl"),
]


def test_a_belarusian_reader_reads_the_belarusian_spelling_first() -> None:
    assert name_for_reader(KALESNIKAVA, "be") == "Марыя Калеснікава"


def test_a_russian_reader_reads_the_russian_spelling_first() -> None:
    assert name_for_reader(KALESNIKAVA, "ru") == "Мария Колесникова"


def test_an_english_reader_reads_the_primary_name() -> None:
    assert name_for_reader(KALESNIKAVA, "en") == "Maria Kolesnikova"


def test_without_a_name_in_the_readers_language_another_in_their_script_is_shown() -> None:
    names = [("primary", "Ales Bialiatski", ""), ("alias", "Алесь Бяляцкі", "be-Cyrl")]
    assert name_for_reader(names, "ru") == "Алесь Бяляцкі"


def test_a_cyrillic_primary_name_stays_first_when_no_name_is_in_the_readers_language() -> None:
    names = [("primary", "Ігар Лосік", "be-Cyrl"), ("alias", "Игорь Лосик", "und-Cyrl")]
    assert name_for_reader(names, "ru") == "Ігар Лосік"


def test_an_unrecorded_script_is_read_from_the_letters() -> None:
    names = [("primary", "Maksim Znak", ""), ("alias", "Максім Знак", "")]
    assert name_for_reader(names, "be") == "Максім Знак"


def test_a_misspelling_seen_in_a_source_is_never_shown_first() -> None:
    names = [("primary", "Maksim Znak", ""), ("misspelling", "Максим Знакк", "ru-Cyrl")]
    assert name_for_reader(names, "ru") == "Maksim Znak"


def test_a_person_with_names_only_in_latin_letters_keeps_the_primary_name() -> None:
    names = [("alias", "Viktar Babaryka", "be-Latn"), ("primary", "Viktor Babariko", "")]
    assert name_for_reader(names, "be") == "Viktor Babariko"
