"""rollcall/extraction/numbers.py: the counts an article states, with qualifier and counted noun.

What the event assembler relies on: digits and spelled-out numbers are read with the qualifier the
article puts on them and the noun they count, and the many numbers that are not counts (years,
dates, ages, terms, money, percentages, times, labels, ordinals, the pronoun "one") are left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollcall.extraction.numbers import find_counts

ARTICLE = (
    Path(__file__).resolve().parents[2] / "rollcall/demo/fixtures/belarus-release-2025-12-13.txt"
)


def found(text: str) -> list[tuple[str, int, str, str]]:
    return [(text[m.start : m.end], m.value, m.qualifier, m.noun) for m in find_counts(text)]


# --- numbers and qualifiers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Belarus has released 123 individuals identified as political prisoners.",
            ("123", 123, "exact", "individuals"),
        ),
        (
            "At least nine were reportedly relocated directly to Lithuania.",
            ("At least nine", 9, "at_least", ""),
        ),
        (
            "Over 100 others were transferred by bus to Ukraine.",
            ("Over 100", 100, "more_than", "others"),
        ),
        (
            "Rights groups estimate that more than 1,000 political prisoners are still held.",
            ("more than 1,000", 1000, "more_than", "prisoners"),
        ),
        (
            "Viasna says some 1,400 people remain behind bars.",
            ("some 1,400", 1400, "about", "people"),
        ),
        (
            "Police detained about 30 protesters outside the court in Baku.",
            ("about 30", 30, "about", "protesters"),
        ),
        (
            "Fifty-two Iranian nationals were deported on Tuesday.",
            ("Fifty-two", 52, "exact", "nationals"),
        ),
        (
            "Up to 20 journalists are thought to be in custody in Eritrea.",
            ("Up to 20", 20, "at_most", "journalists"),
        ),
        (
            "Nearly 50 women were pardoned under the amnesty.",
            ("Nearly 50", 50, "about", "women"),
        ),
        (
            "Almost 300 detainees went on hunger strike.",
            ("Almost 300", 300, "about", "detainees"),
        ),
        (
            "Fewer than 10 defendants were acquitted, the court reported.",
            ("Fewer than 10", 10, "fewer_than", "defendants"),
        ),
        (
            "No fewer than 14 bloggers were convicted in Vietnam this year.",
            ("No fewer than 14", 14, "at_least", "bloggers"),
        ),
        (
            "The court jailed one hundred and twenty-three protesters in a single week.",
            ("one hundred and twenty-three", 123, "exact", "protesters"),
        ),
        (
            "Two dozen opposition figures were freed in the swap.",
            ("Two dozen", 24, "exact", "figures"),
        ),
        (
            "A dozen Cuban dissidents were sent to Spain.",
            ("A dozen", 12, "exact", "dissidents"),
        ),
        (
            "An estimated 3,000 people have fled since the crackdown.",
            ("An estimated 3,000", 3000, "about", "people"),
        ),
        (
            "100 or more prisoners could be released under the deal.",
            ("100 or more", 100, "at_least", "prisoners"),
        ),
        (
            "A 100-plus list of names was handed over.",
            ("100-plus", 100, "at_least", ""),
        ),
        (
            "The amnesty covers 1 400 inmates, the ministry said.",
            ("1 400", 1400, "exact", "inmates"),
        ),
        (
            "Nicaragua expelled 222 political prisoners to Washington.",
            ("222", 222, "exact", "prisoners"),
        ),
        (
            "Roughly 1.5 million people signed the petition.",
            ("Roughly 1.5 million", 1_500_000, "about", "people"),
        ),
        (
            "Upwards of 70 Ukrainian civilians were returned in the exchange.",
            ("Upwards of 70", 70, "more_than", "civilians"),
        ),
        (
            "Russia freed 16 people in the swap, and five Germans were among them.",
            ("16", 16, "exact", "people"),
        ),
        (
            "Only one person was released; the others remain in Evin prison.",
            ("one", 1, "exact", "person"),
        ),
        (
            "A dozen or so relatives gathered outside the court.",
            ("A dozen or so", 12, "about", "relatives"),
        ),
        (
            "One man died in custody, and nine others were injured.",
            ("One", 1, "exact", "man"),
        ),
    ],
)
def test_a_count_is_read_with_its_qualifier_and_its_noun(
    sentence: str, expected: tuple[str, int, str, str]
) -> None:
    assert found(sentence)[0] == expected


def test_every_count_in_a_sentence_is_found_in_order() -> None:
    text = "Of the 52 freed, nine went to Lithuania, 14 to Poland and more than 20 to Ukraine."
    assert [(m.value, m.qualifier) for m in find_counts(text)] == [
        (52, "exact"),
        (9, "exact"),
        (14, "exact"),
        (20, "more_than"),
    ]


def test_a_count_after_an_age_is_still_a_count() -> None:
    text = "A woman aged 45, and 30 other detainees, were moved to the colony."
    assert found(text) == [("30", 30, "exact", "detainees")]


def test_two_numbers_joined_by_or_are_a_range() -> None:
    assert found("Two or three journalists were detained.") == [
        ("Two", 2, "at_least", "journalists"),
        ("three", 3, "at_most", "journalists"),
    ]


def test_two_numbers_joined_by_and_are_two_counts() -> None:
    assert found("It freed 9 and 14 prisoners.") == [
        ("9", 9, "exact", ""),
        ("14", 14, "exact", "prisoners"),
    ]


def test_counts_in_headlines_and_after_headings_are_read() -> None:
    assert found("BELARUS FREES 123 PRISONERS") == [("123", 123, "exact", "prisoners")]
    assert found("Freed: 52. Still held: 1,143.") == [
        ("52", 52, "exact", ""),
        ("1,143", 1143, "exact", ""),
    ]


def test_a_verb_after_a_count_is_not_taken_for_its_noun() -> None:
    text = "18 prisoners were released; the remaining 1,250 stay in custody."
    assert found(text) == [("18", 18, "exact", "prisoners"), ("1,250", 1250, "exact", "")]


def test_an_unknown_plural_after_a_count_is_its_noun() -> None:
    assert found("Iran seized two tankers and 24 sailors.") == [
        ("two", 2, "exact", "tankers"),
        ("24", 24, "exact", "sailors"),
    ]


def test_a_people_named_by_their_state_is_the_counted_noun() -> None:
    assert found("The swap freed five Germans and two Americans.") == [
        ("five", 5, "exact", "germans"),
        ("two", 2, "exact", "americans"),
    ]


def test_a_range_gives_its_lower_and_upper_bounds() -> None:
    assert found("Between 100 and 200 people were detained; 30-40 were later freed.") == [
        ("100", 100, "at_least", "people"),
        ("200", 200, "at_most", "people"),
        ("30", 30, "at_least", ""),
        ("40", 40, "at_most", ""),
    ]


# --- what is not a count ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Protests followed the contested 2020 presidential election.",
        "She was arrested in September 2020 and sentenced on 6 September 2021.",
        "He was freed on 13 December, two days early.",
        "Sat 13th Dec, 2025",
        "The blogger, aged 45, was beaten.",
        "A 45-year-old teacher was detained.",
        "He is 45 years old.",
        "Ales Bialiatski, 62, received the Nobel Peace Prize.",
        "She was sentenced to 11 years in a penal colony.",
        "He is serving a 15-year sentence.",
        "The activist was jailed for five years and banned for two months.",
        "Lawyers were paid $5 million, or €3 million, by the state.",
        "Turnout was 45 percent, or 45% by another count.",
        "It was his 13th arrest and the second in a row.",
        "He was charged under Article 342 of the Criminal Code.",
        "They were charged under Articles 130 and 361.",
        "He is held in Penal Colony No. 3 in Mahilioŭ.",
        "Case No. 1-234/2021 was heard in camera.",
        "Call the hotline on +375 29 123 4567.",
        "The hearing began at 10:30 and ended at 4 pm.",
        "Maria Kolesnikova, one of the most prominent opposition leaders, was freed.",
        "No one knows where he is held.",
        "One day, one of the guards told her.",
        "Charter 97 reported the verdict.",
        "Dozens of people, several journalists and hundreds of workers were detained.",
        "Thousands marched in Minsk.",
        "The price rose by 20, from 30 to 50.",
        "He faces between 10 and 15 years, or five or six months in pre-trial detention.",
        "Detainees aged between 18 and 25 were held apart; others aged over 60.",
        "The trial was held on 13-14 December and on 8 and 9 August.",
    ],
)
def test_years_dates_ages_terms_money_labels_and_pronouns_are_not_counts(sentence: str) -> None:
    assert found(sentence) == []


def test_a_count_next_to_a_date_is_kept_and_the_date_is_not() -> None:
    text = "On 13 December 2025, 123 prisoners were freed; in 2020, 2,000 people were detained."
    assert found(text) == [
        ("123", 123, "exact", "prisoners"),
        ("2,000", 2000, "exact", "people"),
    ]


def test_the_example_article_gives_its_release_destination_and_estimate_counts() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    counts = found(text)
    assert ("123", 123, "exact", "individuals") in counts
    assert ("at least nine", 9, "at_least", "") in counts
    assert ("Over 100", 100, "more_than", "others") in counts
    assert ("more than 1,000", 1000, "more_than", "prisoners") in counts
    assert all(value not in {2020, 2025, 13} for _, value, _, _ in counts)
