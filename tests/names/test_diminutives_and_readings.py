"""Session 2 additions: diminutives people are publicly known by, Han name readings,
Western final spellings (-off, -ck), ц/дз before в, and a/i look-alikes."""

from __future__ import annotations

import pytest

from rollcall.names import THRESHOLD, score
from rollcall.names.chinese import given_readings
from rollcall.names.given_names import _index, is_diminutive
from rollcall.names.parse import parse
from rollcall.names.resources import diminutives, given_name_groups
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


def test_diminutives_do_not_fold_onto_full_names() -> None:
    full = {sk for sk, gids in _index()[0].items() if not is_diminutive(gids)}
    known = set(given_name_groups())
    for did, (gids, forms) in diminutives().items():
        assert set(gids) <= known, did
        for form in forms:
            for sk in skeletons(form):
                assert sk not in full, (did, form, sk)


def test_han_name_readings() -> None:
    # 晟 reads cheng by pypinyin's first choice; in names it is sheng.
    assert score("高智晟", "Gao Zhisheng") == 1.0
    assert score("高智晟", "Zhisheng Gao") == 1.0
    assert given_readings("智晟")[0] == "zhicheng"  # pypinyin's reading stays first
    # Rare readings are not expanded: 波 is bo, not bei.
    assert score("刘晓波", "Liu Xiaobei") < THRESHOLD
    assert score("刘晓波", "Liu Xiaobo") == 1.0
    assert "liuxiaobo" in parse("刘晓波").zh


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
