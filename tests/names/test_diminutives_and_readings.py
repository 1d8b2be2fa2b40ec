"""Diminutives people are publicly known by, Western final spellings (-off, -ck), ц/дз before
в, Belarusian public forms of given names, and a/i look-alikes, on whole names.

The tables behind them are tested on their own: the diminutives in test_given_names.py, Han
name readings in test_chinese.py."""

from __future__ import annotations

import pytest

from rollcall.names import THRESHOLD, score
from rollcall.names.translit import skeletons


@pytest.mark.parametrize(
    ("public", "formal"),
    [
        # The names their own campaigns and the press use.
        ("Sasha Skochilenko", "Alexandra Skochilenko"),
        ("Саша Скочиленко", "Александра Скочиленко"),
        ("Nasta Loika", "Anastasia Loiko"),
        ("Наста Лойка", "Анастасия Лойко"),
        ("Zhenya Berkovich", "Evgenia Berkovich"),
        ("Женя Беркович", "Yevgenia Berkovich"),
    ],
)
def test_public_diminutive_finds_the_full_name(public: str, formal: str) -> None:
    s = score(public, formal)
    assert THRESHOLD <= s < 1.0  # a match, but weaker evidence than the full name


def test_ambiguous_diminutive_stands_for_both_names() -> None:
    # Sasha is Aleksandr or Aleksandra; the rest of the record must tell them apart.
    assert score("Sasha Skochilenko", "Aleksandr Skochilenko") >= THRESHOLD
    assert score("Zhenya Berkovich", "Evgeny Berkovich") >= THRESHOLD
    # ...but never a different name.
    assert score("Sasha Skochilenko", "Aleksei Skochilenko") < THRESHOLD
    assert score("Nasta Loika", "Natalia Loika") < THRESHOLD
    assert score("Sasha", "Alexandra Skochilenko") < THRESHOLD  # first name only
    # Two spellings of one diminutive are one word.
    assert score("Sasha Skochilenko", "Саша Скочиленко") == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Oleg Sentsov", "Oleg Sentsoff"),  # old French/English -off
        ("Maksim Znak", "Maxim Znack"),  # German/English final -ck
        ("Andrzej Poczobut", "Анджей Почобут"),  # Russian press form of a Polish name
        ("Dzmitry Miadzviedzieu", "Dmitry Medvedev"),  # дз before в = д
        ("Мацвей Купрэйчык", "Матвей Купрейчик"),
        ("Pavel Belavus", "Павел Белоус"),  # Belarusian в between а and у
        ("Andrei Navumenka", "Андрей Науменко"),
        ("Yuras Ziankovich", "Юрий Зенкович"),  # Юрась, the Belarusian form he uses
    ],
)
def test_spelling_variants(a: str, b: str) -> None:
    assert score(a, b) >= THRESHOLD


def test_polish_ck_inside_a_word_is_still_ts_k() -> None:
    assert score("Aleś Bialacki", "Ales Bialiatski") >= THRESHOLD
    assert skeletons("Znack") == skeletons("Znak")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Igor Losik", "Igor Lisik"),  # a/i in a short surname: another surname
        ("Ihar Losik", "Ihar Lisik"),
        ("Raman Zwirkau", "Roman Tvirkov"),  # word-initial Цв- is not Тв-
    ],
)
def test_lookalikes_stay_apart(a: str, b: str) -> None:
    assert score(a, b) < THRESHOLD
