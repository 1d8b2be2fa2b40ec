"""rollcall/names/phonetic.py: the weighted distance between skeletons, the blocking keys, and
the rules that tell a keystroke slip from a different surname.

Skeletons are taken from real spellings through translit.skeletons, as the matcher takes them.
"""

from __future__ import annotations

import pytest

from rollcall.names.phonetic import (
    KEYBOARD_NEIGHBOURS,
    ROW_NEIGHBOURS,
    WRITTEN_NEIGHBOURS,
    consonants,
    deletion_keys,
    distance,
    edge_slip,
    indel_cost,
    plausible_typo,
    single_edit,
    sub_cost,
    typo_position,
    written_slip,
)
from rollcall.names.translit import skeletons, spellings


def skeleton(word: str) -> str:
    return skeletons(word)[0]


# --- costs ------------------------------------------------------------------------------------


def test_a_vowel_change_costs_less_than_voicing_and_voicing_less_than_another_consonant() -> None:
    assert sub_cost("a", "e") < sub_cost("b", "p") < sub_cost("k", "x")
    assert sub_cost("k", "x") == 1.0  # к and ш: nothing relates them
    assert sub_cost("r", "r") == 0.0


def test_a_substitution_costs_the_same_both_ways() -> None:
    for x, y in [("a", "e"), ("b", "p"), ("l", "r"), ("o", "p"), ("k", "x")]:
        assert sub_cost(x, y) == sub_cost(y, x)


def test_dropping_a_vowel_or_a_glide_costs_less_than_dropping_a_consonant() -> None:
    assert indel_cost("i") < indel_cost("h") < indel_cost("k")


# --- distance -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "same", "other"),
    [
        # Belarusian yakanye against a different root one consonant away.
        ("Bialiatski", "Belyatski", "Bialitski"),
        # A swap in a long surname against an unrelated consonant.
        ("Kolesnikova", "Kolesinkova", "Kolesnikora"),
        # Voicing (Snak for Znak in the press) against another surname.
        ("Znak", "Snak", "Zhak"),
    ],
)
def test_two_spellings_of_one_name_are_nearer_than_two_names(
    one: str, same: str, other: str
) -> None:
    assert distance(skeleton(one), skeleton(same)) < distance(skeleton(one), skeleton(other))


def test_distance_prices_each_kind_of_difference() -> None:
    assert distance(skeleton("Bialiatski"), skeleton("Belyatski")) == pytest.approx(0.3)  # a vowel
    assert distance(skeleton("Kolesnikova"), skeleton("Kolesinkova")) == pytest.approx(0.6)  # swap
    assert distance(skeleton("Zhuk"), skeleton("Zhak")) == pytest.approx(0.65)  # u/a: no scheme
    assert distance(skeleton("Losik"), skeleton("Lozin")) == pytest.approx(1.0)  # another consonant
    assert distance(skeleton("Pratasevich"), skeleton("Prataseich")) == pytest.approx(0.8)


def test_distance_is_zero_only_for_equal_skeletons_and_symmetric() -> None:
    assert distance("kalesnikava", "kalesnikava") == 0.0
    assert distance("", "") == 0.0
    assert distance("", "ales") == distance("ales", "") > 0
    for a, b in [("Tsikhanouskaya", "Tikhanovskaya"), ("Babaryka", "Babarkya"), ("Znak", "Zhak")]:
        assert distance(skeleton(a), skeleton(b)) == distance(skeleton(b), skeleton(a))


# --- blocking keys ---------------------------------------------------------------------------


def test_consonants_keep_the_frame_of_a_skeleton() -> None:
    assert consonants(skeleton("Kalesnikava")) == "klsnkv"
    assert consonants(skeleton("Калеснікава")) == "klsnkv"  # the same frame from Cyrillic
    assert consonants("ia") == ""


@pytest.mark.parametrize(
    "slipped",
    [
        "Kalesnilava",  # a keyboard neighbour for a consonant (k/l)
        "Kalensikava",  # two consonants swapped
        "Kalesnikav",  # the last consonant's vowel lost: the frame is the same
        "Kalesnka",  # a consonant dropped
    ],
)
def test_frames_one_edit_apart_share_a_deletion_key(slipped: str) -> None:
    ours = deletion_keys(consonants(skeleton("Kalesnikava")))
    assert ours & deletion_keys(consonants(skeleton(slipped)))


def test_unrelated_surnames_share_no_deletion_key() -> None:
    statkevich = deletion_keys(consonants(skeleton("Statkevich")))
    assert not statkevich & deletion_keys(consonants(skeleton("Lukashenka")))


def test_short_frames_are_their_own_only_key() -> None:
    # One deletion from two consonants leaves one letter, which half the registry shares.
    assert deletion_keys("sn") == {"sn"}
    assert deletion_keys("snk") == {"snk", "nk", "sk", "sn"}


# --- one edit --------------------------------------------------------------------------------


def test_single_edit() -> None:
    assert single_edit("ruslan", "rulsan") == ("swap", 2, "s", "l")
    assert single_edit("kabsarska", "kabsarka") == ("indel", 6, "s", "")
    assert single_edit("ribalenka", "ribakenka") == ("sub", 4, "l", "k")
    assert single_edit("abc", "abc") is None
    assert single_edit("abcd", "badc") is None


def test_single_edit_names_the_letter_of_the_longer_word_either_way() -> None:
    assert single_edit("karpaic", "karpavic") == single_edit("karpavic", "karpaic")
    assert single_edit("karpaic", "karpavic") == ("indel", 5, "v", "")


def test_plausible_typo_positions() -> None:
    assert plausible_typo("statkevic", "statekvic", 7)
    assert not plausible_typo("statkevic", "tsatkevic", 7)  # first letter
    assert not plausible_typo("ribaluk", "ribalik", 7)  # last two letters
    assert not plausible_typo("kabsarska", "kabsarka", 7)  # suffix consonant
    assert not plausible_typo("masurevic", "masubevic", 7)  # r/b: not neighbours
    assert not plausible_typo("lasik", "lsaik", 7)  # too short


@pytest.mark.parametrize(
    ("registered", "typed"),
    [
        ("Kolesnikova", "Kolesnkova"),  # a vowel dropped in the stem
        ("Babaryka", "Babarkya"),  # a vowel dropped
        ("Pratasevich", "Prataseich"),  # в dropped just before -ich
    ],
)
def test_a_slip_well_inside_the_word_is_a_plausible_typo(registered: str, typed: str) -> None:
    assert plausible_typo(skeleton(registered), skeleton(typed), 7)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Melnikevich", "Melnikavich"),  # -evich/-avich: e and a are not neighbours
        ("Garbuzevich", "Gorbulevich"),  # z/l: an unrelated consonant in the stem
        ("Kabzarskaya", "Kabzarka"),  # -ska/-ka: a suffix consonant
    ],
)
def test_a_different_surname_one_edit_away_is_not_a_typo(one: str, other: str) -> None:
    assert not plausible_typo(skeleton(one), skeleton(other), 7)


def test_typo_position_allows_a_lost_consonant_before_the_ending_only_between_vowels() -> None:
    # Karpoich for Karpovich: no surname ends -aic, so the lost в is a slip.
    a, b = skeleton("Karpovich"), skeleton("Karpoich")
    edit = single_edit(a, b)
    assert edit == ("indel", 5, "v", "")
    assert typo_position(a, b, edit)
    # Kabzarka for Kabzarskaya: -ska and -ka are both real endings.
    a, b = skeleton("Kabzarskaya"), skeleton("Kabzarka")
    edit = single_edit(a, b)
    assert edit is not None
    assert not typo_position(a, b, edit)


# --- keyboards -------------------------------------------------------------------------------


def test_keyboard_neighbours_are_qwerty_keys_that_touch() -> None:
    assert frozenset("op") in KEYBOARD_NEIGHBOURS
    assert frozenset("sd") in KEYBOARD_NEIGHBOURS
    assert frozenset("rb") not in KEYBOARD_NEIGHBOURS
    assert frozenset("ap") not in KEYBOARD_NEIGHBOURS


def test_written_neighbours_include_the_russian_and_belarusian_layouts() -> None:
    assert frozenset("ро") in WRITTEN_NEIGHBOURS  # Russian and Belarusian ЙЦУКЕН
    assert frozenset("ав") in WRITTEN_NEIGHBOURS
    assert frozenset("ўз") in WRITTEN_NEIGHBOURS  # ў sits where Russian has щ
    assert frozenset("іт") in WRITTEN_NEIGHBOURS  # і sits where Russian has и
    assert frozenset("ая") not in WRITTEN_NEIGHBOURS
    assert KEYBOARD_NEIGHBOURS <= WRITTEN_NEIGHBOURS


def test_a_broken_digraph_is_never_a_keyboard_neighbour() -> None:
    # translit.spellings keeps ж/ч/ш as placeholders (Snezhik: sneJik), apart from plain h/j/c,
    # although j and h touch on QWERTY.
    assert spellings("Snezhik") == ("sneJik",)
    assert frozenset("hj") in WRITTEN_NEIGHBOURS
    assert frozenset("hJ") not in WRITTEN_NEIGHBOURS


def test_row_neighbours_are_side_by_side_in_one_row() -> None:
    assert frozenset("yu") in ROW_NEIGHBOURS
    assert frozenset("yh") in KEYBOARD_NEIGHBOURS
    assert frozenset("yh") not in ROW_NEIGHBOURS  # diagonal
    assert ROW_NEIGHBOURS <= WRITTEN_NEIGHBOURS


# --- slips on the written word ---------------------------------------------------------------


def is_written_slip(a: str, b: str, min_length: int = 7) -> bool:
    a, b = a.lower(), b.lower()
    return written_slip(
        a, b, spellings(a), spellings(b), skeletons(a), skeletons(b), min_length=min_length
    )


def is_edge_slip(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return edge_slip(skeletons(a), skeletons(b), spellings(a), spellings(b))


@pytest.mark.parametrize(
    ("registered", "typed"),
    [
        ("Buslevich", "Buslevch"),  # the folding reads в before a consonant as ў
        ("Tsvirkskii", "Tsivrkskii"),  # ts before i reads т
        ("Глушакенко", "Глушвкенко"),  # а/в side by side on ЙЦУКЕН
    ],
)
def test_a_written_slip_the_skeleton_misjudges(registered: str, typed: str) -> None:
    assert is_written_slip(registered, typed)
    assert is_written_slip(typed, registered)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Snezhik", "Snehik"),  # a broken digraph: ж is not г
        ("Kravets", "Kravchets"),  # one consonant more: another root
        ("Buslevich", "Buslevich"),  # the same word is no slip
    ],
)
def test_what_is_not_a_written_slip(one: str, other: str) -> None:
    assert not is_written_slip(one, other)


def test_a_written_slip_needs_a_long_enough_word() -> None:
    assert is_written_slip("Buslevich", "Buslevch", min_length=8)
    assert not is_written_slip("Buslevich", "Buslevch", min_length=10)


@pytest.mark.parametrize(
    ("registered", "typed"),
    [
        ("Марчуко", "Марчкуо"),  # a swap near the ending, not of the last letter
        ("Klimin", "Kilmin"),  # a vowel and a consonant swapped in a short word
        ("Клімін", "Клмін"),  # a vowel dropped in a short word
    ],
)
def test_an_edge_slip(registered: str, typed: str) -> None:
    assert is_edge_slip(registered, typed)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Zubko", "Zubok"),  # the last letter: -ko/-ok
        ("Vertsin", "Vetryn"),  # two consonants swapped in a short root
        ("Kravets", "Kravchets"),  # a consonant more
        ("Baikau", "Baikeu"),  # a substitution near the ending: -au/-eu
        ("Znak", "Zank"),  # too short for any slip
    ],
)
def test_what_is_not_an_edge_slip(one: str, other: str) -> None:
    assert not is_edge_slip(one, other)
