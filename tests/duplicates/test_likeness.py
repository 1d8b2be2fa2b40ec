"""The name score sharpened by what both records say: birth year and holding state."""

from __future__ import annotations

from rollcall.names import THRESHOLD, score
from rollcall.people.likeness import likeness, same_spelling


def alike(a: str, b: str, years: tuple[int | None, int | None], states: tuple[str, str]) -> float:
    return likeness(
        score(a, b),
        birth_years=years,
        states=({states[0]} - {""}, {states[1]} - {""}),
        identical=same_spelling(a, b),
    ).score


def test_a_one_letter_slip_with_the_same_birth_year_is_likely_the_same_person():
    assert alike("Ihar Losik", "Ihar Lossik", (1992, 1992), ("BY", "")) >= THRESHOLD


def test_the_same_birth_year_and_state_raise_the_score_and_say_so():
    found = likeness(0.6, birth_years=(1982, 1982), states=({"BY"}, {"BY"}))
    assert found.likely_same
    assert found.moved_by == ("same birth year 1982", "same holding state BY")


def test_an_identical_name_stays_likely_the_same_whatever_else_differs():
    for years, states in (((1969, 1967), ("CN", "CN")), ((1945, 1957), ("CN", "RU"))):
        assert alike("陈卫", "陈卫", years, states) >= THRESHOLD, (years, states)


def test_a_look_alike_with_another_birth_year_and_another_state_is_someone_else():
    name_score = score("Maria Kolesnikova", "Maryia Kalesnikava")
    assert name_score >= THRESHOLD, "alike by name alone"
    assert alike("Maria Kolesnikova", "Maryia Kalesnikava", (1982, 1981), ("BY", "RU")) < THRESHOLD


def test_names_that_sound_alike_a_generation_apart_are_someone_else():
    # 韩颖 and 韩莹 are both read "Han Ying"; the list has one born 1973, the other 1955.
    assert score("韩颖", "韩莹") >= THRESHOLD
    assert alike("韩颖", "韩莹", (1973, 1955), ("CN", "CN")) < THRESHOLD
    assert alike("韩颖", "韩莹", (1973, 1972), ("CN", "CN")) >= THRESHOLD


def test_a_side_that_does_not_say_moves_nothing():
    found = likeness(0.8, birth_years=(1990, None), states=(set(), {"BY"}))
    assert (found.score, found.moved_by) == (0.8, ())
    assert found.explained() == "0.80"


def test_the_same_spelling_ignores_case_spacing_and_unicode_form_only():
    assert same_spelling("Maria  Kolesnikova", "maria kolesnikova")
    assert same_spelling(
        "\u0419\u043e\u0441\u0438\u0444", "\u0418\u0306\u043e\u0441\u0438\u0444"
    )  # Й, И + ̆
    assert not same_spelling("Maria Kolesnikova", "Maria Kolesnikowa")
    assert not same_spelling("", "")
