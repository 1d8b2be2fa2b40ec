"""rollcall/extraction/countries.py: which states an article mentions, by which kind of word.

What the event assembler relies on: every state's usual English forms are found (names, official
and short, adjectives, demonyms singular and plural, capitals), the longest form wins, possessives
and hyphenated compounds still count, and what is not a state (the European Union, "us", "New
Mexico") is never reported as one.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from rollcall.extraction.countries import country_code, find_countries

ARTICLE = (
    Path(__file__).resolve().parents[2] / "rollcall/demo/fixtures/belarus-release-2025-12-13.txt"
)


def found(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.code, m.form) for m in find_countries(text)]


def codes(text: str) -> list[str]:
    return [m.code for m in find_countries(text)]


# --- forms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "MINSK (Reuters) - Belarus freed 123 prisoners, a day after talks in Minsk.",
            [("MINSK", "BY", "capital"), ("Belarus", "BY", "name"), ("Minsk", "BY", "capital")],
        ),
        (
            "The Republic of Belarus said the pardoned Belarusians had left for Lithuania.",
            [
                ("Republic of Belarus", "BY", "name"),
                ("Belarusians", "BY", "demonym"),
                ("Lithuania", "LT", "name"),
            ],
        ),
        (
            "Belarussian and Byelorussian spellings still appear in older wire copy.",
            [("Belarussian", "BY", "adjective"), ("Byelorussian", "BY", "adjective")],
        ),
        (
            "Two Lithuanians and three Latvians were handed over at the border.",
            [("Lithuanians", "LT", "demonym"), ("Latvians", "LV", "demonym")],
        ),
        (
            "Kyiv said the exchange, which Kiev had long sought, was brokered by Washington.",
            [("Kyiv", "UA", "capital"), ("Kiev", "UA", "capital"), ("Washington", "US", "capital")],
        ),
        (
            "Myanmar's junta, which still calls itself Burma's rightful government, freed Burmese "
            "activists jailed in Naypyidaw.",
            [
                ("Myanmar", "MM", "name"),
                ("Burma", "MM", "name"),
                ("Burmese", "MM", "adjective"),
                ("Naypyidaw", "MM", "capital"),
            ],
        ),
        (
            "Iran's judiciary said the Iranian-British aid worker would fly from Tehran to London.",
            [
                ("Iran", "IR", "name"),
                ("Iranian", "IR", "adjective"),
                ("British", "GB", "adjective"),
                ("Tehran", "IR", "capital"),
                ("London", "GB", "capital"),
            ],
        ),
        (
            "Azerbaijan detained the journalist in Baku; Azerbaijani courts jailed two Azeris.",
            [
                ("Azerbaijan", "AZ", "name"),
                ("Baku", "AZ", "capital"),
                ("Azerbaijani", "AZ", "adjective"),
                ("Azeris", "AZ", "demonym"),
            ],
        ),
        (
            "Nicaragua expelled 222 prisoners to the United States; Managua stripped them of it.",
            [
                ("Nicaragua", "NI", "name"),
                ("United States", "US", "name"),
                ("Managua", "NI", "capital"),
            ],
        ),
        (
            "Türkiye, long called Turkey in English, holds more journalists than Ankara admits.",
            [("Türkiye", "TR", "name"), ("Turkey", "TR", "name"), ("Ankara", "TR", "capital")],
        ),
        (
            "A court in Hong Kong convicted the 47 democrats; Beijing praised the Chinese judges.",
            [
                ("Hong Kong", "HK", "name"),
                ("Beijing", "CN", "capital"),
                ("Chinese", "CN", "adjective"),
            ],
        ),
        (
            "Saudi Arabia, Bahrain and Egypt were named in the report, as were Riyadh and Cairo.",
            [
                ("Saudi Arabia", "SA", "name"),
                ("Bahrain", "BH", "name"),
                ("Egypt", "EG", "name"),
                ("Riyadh", "SA", "capital"),
                ("Cairo", "EG", "capital"),
            ],
        ),
        (
            "Rights groups in Tajikistan, Kazakhstan, Uzbekistan and Turkmenistan, and in Eritrea.",
            ["TJ", "KZ", "UZ", "TM", "ER"],
        ),
        (
            "Vietnam, Viet Nam in UN documents, jailed the blogger in Hanoi.",
            [("Vietnam", "VN", "name"), ("Viet Nam", "VN", "name"), ("Hanoi", "VN", "capital")],
        ),
        (
            "Venezuela and Cuba released prisoners; Caracas and Havana called it goodwill.",
            ["VE", "CU", "VE", "CU"],
        ),
        (
            "Georgia's opposition leader was detained in Tbilisi by Georgian police.",
            ["GE", "GE", "GE"],
        ),
        (
            "Poland's foreign ministry in Warsaw said a Polish citizen and two Poles were freed.",
            ["PL", "PL", "PL", "PL"],
        ),
    ],
)
def test_names_adjectives_demonyms_and_capitals_are_found_with_their_kind(
    sentence: str, expected: list[object]
) -> None:
    if expected and isinstance(expected[0], str):
        assert codes(sentence) == expected
    else:
        assert found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("the US delegation arrived", "US"),
        ("the U.S. embassy in Vilnius", "U.S."),
        ("a U.S.-brokered deal", "U.S."),
        ("talks with the USA resumed", "USA"),
        ("the United States of America and its allies", "United States of America"),
        ("sanctions eased by the United States", "United States"),
        ("an American citizen was among them", "American"),
        ("two Americans were freed", "Americans"),
    ],
)
def test_the_united_states_is_found_in_all_its_usual_spellings(sentence: str, surface: str) -> None:
    assert (found(sentence)[0][0], found(sentence)[0][1]) == (surface, "US")


@pytest.mark.parametrize(
    "sentence", ["the UK Foreign Office", "a U.K. citizen", "Britain said", "British diplomats"]
)
def test_the_united_kingdom_is_found_in_its_short_forms(sentence: str) -> None:
    assert codes(sentence) == ["GB"]


@pytest.mark.parametrize(
    ("plural", "code"),
    [
        ("Germans", "DE"),
        ("Frenchmen", "FR"),
        ("Scotswomen", "GB"),
        ("Swiss", "CH"),
        ("Chinese", "CN"),
        ("Czechs", "CZ"),
        ("Saudis", "SA"),
        ("Filipinos", "PH"),
        ("Poles", "PL"),
        ("Britons", "GB"),
    ],
)
def test_plural_demonyms_are_found(plural: str, code: str) -> None:
    assert codes(f"Three {plural} were freed.") == [code]


def test_the_longest_form_wins_over_the_words_inside_it() -> None:
    assert found("South Sudanese and Sudanese detainees") == [
        ("South Sudanese", "SS", "adjective"),
        ("Sudanese", "SD", "adjective"),
    ]
    assert found("He was born in Papua New Guinea, not Guinea-Bissau or Guinea.") == [
        ("Papua New Guinea", "PG", "name"),
        ("Guinea-Bissau", "GW", "name"),
        ("Guinea", "GN", "name"),
    ]
    assert codes("North Korean and South Korean officials") == ["KP", "KR"]


def test_a_possessive_is_not_part_of_the_mention() -> None:
    text = "Belarus's support for Russia's war and Lukashenko’s Minsk’s line"
    assert [text[m.start : m.end] for m in find_countries(text)] == ["Belarus", "Russia", "Minsk"]


def test_hyphenated_compounds_still_name_the_state() -> None:
    assert codes("a Russian-backed court and an anti-American campaign, Belarus-based") == [
        "RU",
        "US",
        "BY",
    ]


# --- traps -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Let us know, he told us.",
        "The European Union kept its sanctions in place.",
        "European Union sanctions remain in place.",
        "He studied in New Mexico and New Jersey.",
        "She went to Latin America and South America.",
        "Ships crossed the South China Sea.",
        "He was brought up in New South Wales.",
        "a russian doll and china plates",
        "they polish the floor",
        "The Soviet Union collapsed.",
        "Radio Free Europe reported it.",
    ],
)
def test_words_that_look_like_states_but_are_not_are_ignored(sentence: str) -> None:
    assert find_countries(sentence) == []


def test_the_european_union_beside_a_state_leaves_the_state_alone() -> None:
    assert codes("The EU and Belarus, and the European Union's envoy to Minsk") == ["BY", "BY"]


def test_datelines_and_headlines_in_capitals_are_read() -> None:
    assert found("KYIV, Dec 13 (Reuters) - BELARUS FREES PRISONERS") == [
        ("KYIV", "UA", "capital"),
        ("BELARUS", "BY", "name"),
    ]
    assert codes("US AND UK OFFICIALS") == ["US", "GB"]


def test_capitals_that_are_common_given_names_are_not_taken_for_states() -> None:
    assert find_countries("Sofia Sapega and Victoria Santiago were freed") == []


def test_mentions_are_in_text_order_and_do_not_overlap() -> None:
    mentions = find_countries(ARTICLE.read_text(encoding="utf-8"))
    assert mentions == sorted(mentions, key=lambda m: m.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_the_example_article_mentions_its_states_and_not_the_european_union() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    mentions = find_countries(text)
    assert {m.code for m in mentions} == {"BY", "US", "LT", "UA", "RU"}
    assert ("Kyiv", "UA", "capital") in found(text)
    assert all(not text[m.start : m.end].startswith("Europ") for m in mentions)


# --- country_code ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Belarus", "BY"),
        ("Belarusian", "BY"),
        ("Belarusians", "BY"),
        ("Minsk", "BY"),
        ("the US", "US"),
        ("U.S.", "US"),
        ("Russia's", "RU"),
        ("belarus", "BY"),
        ("Burma", "MM"),
        ("Kiev", "UA"),
        ("BY", "BY"),
        ("Russian Federation", "RU"),
        ("Islamic Republic of Iran", "IR"),
    ],
)
def test_country_code_reads_one_form(word: str, code: str) -> None:
    assert country_code(word) == code


@pytest.mark.parametrize("word", ["us", "European Union", "EU", "Europe", "prisoners", "", "by"])
def test_country_code_refuses_what_is_not_a_state(word: str) -> None:
    assert country_code(word) is None


def test_every_state_in_the_table_is_found_by_its_name_and_its_own_adjective() -> None:
    from rollcall.extraction.countries import _table_rows

    rows = _table_rows()
    assert len(rows) >= 195
    shared = {"Korean", "Dominican", "Congolese", "Sudanese", "New Zealand"}
    for code, names, adjectives, _demonyms, _capitals in rows:
        name = names.split("|")[0]
        assert codes(f"They were held in {name} until May.") == [code], name
        for adjective in set(filter(None, adjectives.split("|"))) - shared:
            assert codes(f"Two {adjective} citizens were freed.") == [code], adjective
