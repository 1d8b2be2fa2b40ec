"""rollcall/names/repair.py: slips undone where they were typed.

First the two functions on written words, then what they are for, on whole names: every
positive is a one-keystroke slip in a romanised or Cyrillic name whose skeleton the folding
turns into two or more edits; every negative is a different, plausible surname that a careless
repair would let meet."""

from __future__ import annotations

import pytest

from rollcall.names import THRESHOLD, NameIndex, score
from rollcall.names.parse import parse
from rollcall.names.repair import repaired_skeletons, undo_slip
from rollcall.names.score import compare


def skeleton(word: str) -> str:
    return parse(word).core[0].main


# --- undo_slip -------------------------------------------------------------------------------


def test_undo_slip_keeps_first_and_last_letters() -> None:
    repairs = undo_slip("znak")
    assert all(w[0] == "z" and w[-1] == "k" for w in repairs)
    assert "zank" in repairs  # swap
    assert "zak" in repairs  # extra letter removed
    assert "zbak" in repairs  # b is beside n on QWERTY


def test_undo_slip_puts_back_a_cyrillic_key_from_its_own_layout() -> None:
    # Валеоый: о typed for р, its neighbour on ЙЦУКЕН (they are far apart on QWERTY).
    assert "валерый" in undo_slip("валеоый")
    assert "валеоы" not in undo_slip("валеоый")  # the last letter is kept


def test_undo_slip_keeps_the_ending_it_is_told_to() -> None:
    # -ova/-ov, -na/-n: the gender of the name is in its last letters.
    repairs = undo_slip("ivanova", keep_end=2)
    assert repairs
    assert all(w.startswith("i") and w.endswith("va") for w in repairs)


def test_undo_slip_of_a_word_too_short_to_slip_inside_is_empty() -> None:
    assert undo_slip("ab") == set()
    assert undo_slip("") == set()


# --- repaired_skeletons ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "registered"),
    [
        ("tschysgawa", "Чыжава"),  # g for h breaks German sch
        ("anikejawitcsh", "Анікейавіч"),  # swap inside -tsch
        ("sneshowitach", "Снежавіч"),  # an extra a breaks -tsch: three letters become one
        ("kirilitssch", "Кирилич"),  # a doubled s inside -tsch
        ("glinskpvich", "Глинскович"),  # p typed beside o
        ("balahsavich", "Балашавіч"),  # h and s swapped: sh is one letter
    ],
)
def test_a_repair_gives_back_the_skeleton_of_the_name_meant(typed: str, registered: str) -> None:
    assert skeleton(registered) in repaired_skeletons(typed)


@pytest.mark.parametrize(
    ("written", "other"),
    [
        ("радзивович", "Радзівіч"),  # removing о would fold вв into в
        ("кравева", "Кравчева"),  # a consonant before the ending
        ("бобриков", "Бобров"),  # removing к would fold ио into о
        ("snehavich", "Snezhavich"),  # a broken digraph is another sound
        ("golubetsets", "Голубец"),  # ts-ts folding into one ц
        ("shakjonok", "Жукёнак"),  # a vowel for a vowel
    ],
)
def test_no_repair_turns_a_surname_into_a_look_alike(written: str, other: str) -> None:
    assert skeleton(other) not in repaired_skeletons(written)


def test_short_repaired_words_are_left_out() -> None:
    # Under six skeleton letters a slip cannot be told from another surname (Kazlaja/Kozelaja).
    assert skeleton("Козелая") not in repaired_skeletons("kazlaja")
    assert all(len(s) >= 6 for s in repaired_skeletons("kazlaja"))
    assert repaired_skeletons("losik") == frozenset()
    assert repaired_skeletons("") == frozenset()


# --- on whole names --------------------------------------------------------------------------

SLIPS = [
    ("Larysa Tschysgawa", "Ларыса Чыжава"),  # g for h breaks German sch
    ("Wiktoryja Anikejawitcsh", "Вікторыя Анікейавіч"),  # swap inside -tsch
    ("Darja Sneshowitach", "Дар'я Снежавіч"),  # extra a breaks -tsch
    ("Igor Kirilitssch", "Игорь Кирилич"),  # doubled s inside -tsch
    ("Yevgeny Glinskpvich", "Евгений Глинскович"),  # p beside o (the skeleton sees a/p)
    ("Veronika Karpoich", "Вераніка Карпавіч"),  # v dropped: no surname ends -oich
    ("Aleh Balahsavich", "Алег Балашавіч"),  # h-s swapped: sh is one letter
]

LOOKALIKES = [
    ("Галина Радзивович", "Галіна Радзівіч"),  # removing о would fold вв into в
    ("Елена Кравева", "Елена Кравчева"),  # a consonant before the ending
    ("Ivan Bobrov", "Иван Бобриков"),  # removing к would fold ио into о
    ("Marfa Rabkova", "Marfa Rybakova"),  # same consonants, vowels two edits apart
    ("Viachaslau Snehavich", "Vyachaslaw Snezhavich"),  # a broken digraph, another sound
    ("Golubetsets Yekaterina", "Екатерина Голубец"),  # ts-ts folding into one ц
    ("Oksana Solovich", "Аксана Салавьавіч"),  # the soft sign is looked through
    ("Alina Kazlaja", "Алина Козелая"),  # too short to tell a slip
    ("Sofya Tsvirkskaya", "Софія Туркская"),
    ("Margarita Shakjonok", "Маргарыта Жукёнак"),  # a vowel for a vowel
]


@pytest.mark.parametrize(("typed", "registered"), SLIPS)
def test_slip_hidden_by_the_folding_matches(typed: str, registered: str) -> None:
    s = score(typed, registered)
    assert THRESHOLD <= s < 0.8  # a match, but only just: one slip was assumed
    assert score(registered, typed) == s


@pytest.mark.parametrize(("a", "b"), LOOKALIKES)
def test_lookalike_surnames_stay_apart(a: str, b: str) -> None:
    assert score(a, b) < THRESHOLD
    assert score(b, a) < THRESHOLD


def test_repair_needs_the_rest_of_the_name_exact() -> None:
    assert score("Larysa Tschysgawa", "Ларыса Чыжава") >= THRESHOLD
    assert score("Halina Tschysgawa", "Ларыса Чыжава") < THRESHOLD


def test_compare_without_repair_is_the_strict_reading() -> None:
    typed, registered = parse("Larysa Tschysgawa"), parse("Ларыса Чыжава")
    assert compare(typed, registered, repair=False) < THRESHOLD
    assert compare(typed, registered) >= THRESHOLD


def test_index_finds_a_slip_only_a_repair_explains() -> None:
    ix = NameIndex()
    ix.add("p1", "Ларыса Чыжава")
    ix.add("p2", "Ларыса Чыжэвіч")
    ix.add("p3", "Вікторыя Анікейавіч")
    top = ix.search("Larysa Tschysgawa", limit=3)
    assert top[0].person_id == "p1"
    assert top[0].score >= THRESHOLD
    assert ix.search("Wiktoryja Anikejawitcsh")[0].person_id == "p3"
    # Two spellings of one name both match outright.
    ix.add("p4", "Larysa Tschyshawa")
    hits = ix.search("Larysa Tschyshawa", limit=5)
    assert {m.person_id for m in hits if m.score >= THRESHOLD} == {"p1", "p4"}
