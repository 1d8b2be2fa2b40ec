"""rollcall/names/parse.py: a raw name split once into comparable tokens.

What scoring relies on: which words are compared (initials and punctuation are not), which one is
a patronymic (set apart, never taken for a surname or a given name), hyphenated parts, Han names
and their pinyin readings, and tokens shared between equal words.
"""

from __future__ import annotations

import pytest

from rollcall.names.parse import looks_patronymic, make_token, parse


def words(name: str) -> list[str]:
    return [t.word for t in parse(name).tokens]


# --- splitting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "Maria Kalesnikava",
        "  Maria   Kalesnikava ",
        "«Maria Kalesnikava»",
        "Maria Kalesnikava.",
        "Maria (Kalesnikava)",
        "Maria/Kalesnikava",
    ],
)
def test_spaces_punctuation_and_quotes_only_separate_words(written: str) -> None:
    assert words(written) == ["maria", "kalesnikava"]


def test_the_raw_name_is_kept_without_outer_spaces() -> None:
    assert parse("  Марыя Калеснікава ").raw == "Марыя Калеснікава"


def test_initials_and_lone_punctuation_are_dropped() -> None:
    assert words("M. Kalesnikava") == ["kalesnikava"]
    assert words("Kalesnikava M. A.") == ["kalesnikava"]
    assert words("Ales Bialiatski -- ") == ["ales", "bialiatski"]


def test_an_empty_name_has_no_tokens() -> None:
    for blank in ("", "   ", "--", "M."):
        parsed = parse(blank)
        assert parsed.tokens == parsed.core == parsed.patronymics == ()
        assert parsed.zh == frozenset()


def test_hyphenated_parts_are_words_marked_as_parts() -> None:
    tokens = parse("Vladimir Kara-Murza").tokens
    assert [(t.word, t.hyphen) for t in tokens] == [
        ("vladimir", False),
        ("kara", True),
        ("murza", True),
    ]
    assert [t.word for t in parse("Uladzimir Kara–Murza").tokens] == ["uladzimir", "kara", "murza"]


# --- tokens ----------------------------------------------------------------------------------


def test_a_token_carries_the_ascii_word_its_skeletons_and_the_written_letters() -> None:
    token = make_token("Aleś")
    assert token.word == "ales"
    assert token.text == "aleś"  # lower-cased, accents kept: typing slips are judged on these
    assert token.forms == ("ales",)
    assert token.main == token.forms[0]


def test_cyrillic_and_latin_spellings_give_the_same_skeleton_and_given_name_group() -> None:
    belarusian, latin = make_token("Марыя"), make_token("Maryia")
    assert belarusian.forms == latin.forms
    assert "maria" in belarusian.groups
    assert belarusian.groups == latin.groups


def test_a_surname_belongs_to_no_given_name_group() -> None:
    assert make_token("Kalesnikava").groups == frozenset()


def test_equal_words_with_equal_flags_are_one_token() -> None:
    # Interned: 300,000 stored names share their words, and similarities are cached by key.
    assert make_token("Maria") is make_token("Maria")
    assert make_token("Kara", hyphen=True) is not make_token("Kara")
    assert make_token("Kara", hyphen=True).key != make_token("Kara").key


def test_a_patronymic_or_a_transcribed_foreign_word_is_never_a_given_name() -> None:
    assert make_token("Mikalai").groups
    assert make_token("Mikalai", patronymic=True).groups == frozenset()
    assert make_token("Mikalai", foreign=True).groups == frozenset()


# --- patronymics -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["Alexandrovna", "Aliaksandravich", "Viktorovich", "Mikalaevich", "Аляксандраўна"],
)
def test_a_patronymic_is_built_on_a_given_name(word: str) -> None:
    assert looks_patronymic(make_token(word))


@pytest.mark.parametrize("word", ["Statkevich", "Pratasevich", "Maria", "Kalesnikava"])
def test_a_surname_ending_like_a_patronymic_is_not_one(word: str) -> None:
    # Statkevich and Pratasevich end in -evich, but no given name starts like their stems.
    assert not looks_patronymic(make_token(word))


@pytest.mark.parametrize(
    ("name", "core", "patronymic"),
    [
        ("Maria Alexandrovna Kolesnikova", ["maria", "kolesnikova"], "alexandrovna"),
        ("Kolesnikova Maria Alexandrovna", ["kolesnikova", "maria"], "alexandrovna"),
        ("Марыя Аляксандраўна Калеснікава", ["maryya", "kalesnikava"], "alyaksandrauna"),
        ("Статкевич Николай Викторович", ["statkevich", "nikolay"], "viktorovich"),
        ("Mikalai Mikalaevich Statkevich", ["mikalai", "statkevich"], "mikalaevich"),
    ],
)
def test_the_patronymic_after_the_given_name_is_set_apart_in_either_word_order(
    name: str, core: list[str], patronymic: str
) -> None:
    parsed = parse(name)
    assert [t.word for t in parsed.core] == core
    assert [t.word for t in parsed.patronymics] == [patronymic]
    assert parsed.patronymics[0].patronymic


def test_a_two_word_name_has_no_patronymic() -> None:
    # Barysevich is a surname here, although Barys is a given name: with two words there is no
    # room for given name, patronymic and surname.
    parsed = parse("Maria Barysevich")
    assert [t.word for t in parsed.core] == ["maria", "barysevich"]
    assert parsed.patronymics == ()


# --- Han names and pinyin --------------------------------------------------------------------


def test_a_han_name_is_read_as_pinyin_in_both_orders() -> None:
    parsed = parse("刘晓波")
    assert parsed.han
    assert [t.word for t in parsed.tokens] == ["liu", "xiaobo"]
    assert {"liuxiaobo", "xiaoboliu"} <= parsed.zh


def test_a_transcribed_foreign_name_in_han_is_not_a_chinese_name() -> None:
    parsed = parse("伊力哈木·土赫提")  # Ilham Tohti, transcribed
    assert not parsed.han
    assert parsed.zh == frozenset()
    assert all(t.foreign for t in parsed.tokens)
    assert [t.word for t in parsed.tokens] == ["yilihamu", "tuheti"]


def test_pinyin_in_latin_letters_gets_its_unspaced_readings() -> None:
    assert {"liuxiaobo", "xiaoboliu"} <= parse("Liu Xiaobo").zh
    assert not parse("Liu Xiaobo").han


def test_a_lone_given_name_is_not_read_as_pinyin() -> None:
    # Hanna is a given name, not the pinyin Han Na; the two words Han Na are pinyin.
    assert parse("Hanna").zh == frozenset()
    assert "hanna" in parse("Han Na").zh


def test_a_slavic_name_has_no_pinyin_reading() -> None:
    assert parse("Maria Kalesnikava").zh == frozenset()
