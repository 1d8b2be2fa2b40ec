"""The article-extraction benchmark's scorer on small hand-made cases, and its gold files against
the extraction contract."""

from __future__ import annotations

import copy
from datetime import date

import pycountry
import pytest

from bench.extraction import articles, contract
from bench.extraction.__main__ import main
from bench.extraction.score import loose_agrees, match_events, norm, score, total

GOLD: dict[str, object] = {
    "schema": "rollcall.extraction/1",
    "document": {"title": "t", "published": "2025-12-13", "sha256": "0" * 64},
    "events": [
        {
            "type": "release",
            "release_kind": "deal",
            "date": "2025-12-13",
            "date_precision": "day",
            "country": "BY",
            "count": {"value": 123, "qualifier": "exact"},
            "persons": [{"name": "Maria Kolesnikova"}, {"name": "Maxim Snak"}],
            "destinations": [{"country": "LT", "count": {"value": 9, "qualifier": "at_least"}}],
            "linked": [{"type": "sanctions_relief", "by": "US", "target": "potash"}],
            "nationals": [{"country": "UA", "count": None}],
        },
        {
            "type": "arrest",
            "date": "2020-09",
            "date_precision": "month",
            "country": "BY",
            "persons": [{"name": "Maria Kolesnikova"}],
            "destinations": [],
            "linked": [],
            "nationals": [],
        },
    ],
    "estimates": [
        {
            "measure": "held",
            "country": "BY",
            "count": {"value": 1000, "qualifier": "more_than"},
            "attributed_to": "human rights organizations",
        }
    ],
}
# event, date, country, release_kind, count, 2 persons, destination, link, national; event, date,
# country, person; estimate
GOLD_FACTS = 10 + 4 + 1


def events(extraction: dict[str, object]) -> list[dict[str, object]]:
    value = extraction["events"]
    assert isinstance(value, list)
    return value


def test_the_gold_scored_against_itself_is_perfect() -> None:
    precision, recall, f1, gold_facts = score(GOLD, GOLD).figures()
    assert (precision, recall, f1) == (1.0, 1.0, 1.0)
    assert gold_facts == GOLD_FACTS


def test_a_missing_person_lowers_recall_by_one_fact_and_leaves_precision_whole() -> None:
    system = copy.deepcopy(GOLD)
    events(system)[0]["persons"] = [{"name": "Maria Kolesnikova"}]
    tally = score(GOLD, system)
    precision, recall, _f1, _gold = tally.figures()
    assert precision == 1.0
    assert recall == (GOLD_FACTS - 1) / GOLD_FACTS
    assert tally.figures("person") == (1.0, 2 / 3, 0.8, 3)
    assert tally.missed == ["person: release BY 2025-12-13 (day): maxim snak"]


def test_an_extra_event_lowers_precision_by_every_fact_it_holds() -> None:
    system = copy.deepcopy(GOLD)
    events(system).append(
        {
            "type": "death_in_custody",
            "date": "2024-05-01",
            "date_precision": "day",
            "country": "RU",
            "persons": [{"name": "Someone Else"}],
        }
    )
    tally = score(GOLD, system)
    precision, recall, _f1, _gold = tally.figures()
    assert recall == 1.0
    # its event, date, country and person: four false facts
    assert precision == GOLD_FACTS / (GOLD_FACTS + 4)
    assert tally.fp["event"] == 1


def test_a_count_with_another_qualifier_is_a_wrong_count() -> None:
    system = copy.deepcopy(GOLD)
    events(system)[0]["count"] = {"value": 123, "qualifier": "more_than"}
    tally = score(GOLD, system)
    assert (tally.tp["count"], tally.fp["count"], tally.fn["count"]) == (0, 1, 1)
    assert tally.figures()[:2] == (
        (GOLD_FACTS - 1) / GOLD_FACTS,
        (GOLD_FACTS - 1) / GOLD_FACTS,
    )


def test_an_unmatched_gold_event_counts_every_fact_it_holds_as_missed() -> None:
    system = copy.deepcopy(GOLD)
    del events(system)[1]
    tally = score(GOLD, system)
    assert sum(tally.fn.values()) == 4
    assert sum(tally.fp.values()) == 0


def test_an_event_of_another_type_is_never_paired_with_a_gold_event() -> None:
    system = copy.deepcopy(GOLD)
    events(system)[1]["type"] = "sentence"
    tally = score(GOLD, system)
    assert (tally.fn["event"], tally.fp["event"]) == (1, 1)


def test_events_pair_by_the_closest_date_and_people_not_by_order() -> None:
    gold = [
        {"type": "arrest", "date": "2021-03", "date_precision": "month", "country": "RU",
         "persons": [{"name": "Anna A"}]},
        {"type": "arrest", "date": "2024", "date_precision": "year", "country": "RU",
         "persons": [{"name": "Boris B"}]},
    ]  # fmt: skip
    system = [
        {"type": "arrest", "date": "2024-06-02", "date_precision": "day", "country": "RU",
         "persons": [{"name": "Boris B"}]},
        {"type": "arrest", "date": "2021-03-09", "date_precision": "day", "country": "RU",
         "persons": [{"name": "Anna A"}]},
    ]  # fmt: skip
    assert match_events(gold, system) == [(0, 1), (1, 0)]


def test_a_wrong_date_precision_is_a_wrong_date_but_the_event_still_pairs() -> None:
    system = copy.deepcopy(GOLD)
    events(system)[1]["date"] = "2020-09-01"
    events(system)[1]["date_precision"] = "day"
    tally = score(GOLD, system)
    assert tally.tp["event"] == 2
    assert (tally.fp["date"], tally.fn["date"]) == (1, 1)


def test_names_compare_without_accents_case_or_punctuation() -> None:
    assert norm("Aleś  Bialiacki") == norm("ales bialiacki")
    assert norm("Barysevich-Lapko") == "barysevich lapko"
    system = copy.deepcopy(GOLD)
    events(system)[0]["persons"] = [{"name": "MARIA KOLESNIKOVA"}, {"name": "Maxim  Snak"}]
    assert score(GOLD, system).figures("person")[2] == 1.0


def test_who_gives_an_estimate_is_compared_loosely_and_its_figure_exactly() -> None:
    assert loose_agrees("human rights organizations", "Several human rights organizations")
    assert loose_agrees("the Viasna human rights centre", "Viasna")
    assert not loose_agrees("human rights organizations", "human rights groups")
    assert not loose_agrees("Memorial", "")
    system = copy.deepcopy(GOLD)
    estimates = system["estimates"]
    assert isinstance(estimates, list)
    estimates[0]["attributed_to"] = "Human rights organizations"
    assert score(GOLD, system).figures("estimate")[2] == 1.0
    estimates[0]["count"] = {"value": 1000, "qualifier": "exact"}
    assert score(GOLD, system).figures("estimate")[:2] == (0.0, 0.0)


def test_scores_are_micro_averaged_over_articles() -> None:
    empty = {"schema": "rollcall.extraction/1", "events": [], "estimates": []}
    summed = total([score(GOLD, GOLD), score(GOLD, empty)])
    precision, recall, _f1, gold_facts = summed.figures()
    assert (precision, recall, gold_facts) == (1.0, 0.5, 2 * GOLD_FACTS)


# -- the gold files ----------------------------------------------------------------------------

ALL = articles.load("all")


def test_the_sets_hold_enough_articles_split_about_two_to_one() -> None:
    dev = [a for a in ALL if a.set == "dev"]
    heldout = [a for a in ALL if a.set == "heldout"]
    assert len(ALL) >= 28
    assert len(heldout) >= 9
    assert 0.55 <= len(dev) / len(ALL) <= 0.75
    assert any(a.name == "belarus-release-2025-12-13" for a in dev)


@pytest.mark.parametrize("article", ALL, ids=[f"{a.set}/{a.name}" for a in ALL])
def test_every_gold_file_keeps_to_the_contract(article: articles.Article) -> None:
    assert contract.problems(article.gold, article.text) == []
    assert 150 <= article.words <= 900
    assert (
        article.path.with_name(article.name + ".gold.json").read_text().startswith("// SYNTHETIC")
    )
    document = article.gold["document"]
    assert isinstance(document, dict)
    assert document["title"] == article.text.split("\n", 1)[0]
    date.fromisoformat(str(document["published"]))
    for event in events(article.gold):
        for person in event["persons"]:  # type: ignore[attr-defined]
            assert person["name"] in article.text


def test_the_contract_check_catches_what_breaks_the_vocabulary() -> None:
    broken = copy.deepcopy(GOLD)
    events(broken)[0].update(
        {
            "type": "liberation",
            "release_kind": "mercy",
            "country": "XX",
            "count": {"value": 3, "qualifier": "nearly"},
            "date": "2025-12",
            "date_precision": "day",
            "evidence": [{"text": "something else", "start": 0, "end": 14}],
        }
    )
    events(broken)[1]["linked"] = [{"type": "bribe", "by": "US", "target": None}]
    estimates = broken["estimates"]
    assert isinstance(estimates, list)
    estimates[0]["measure"] = "jailed"
    found = "\n".join(contract.problems(broken, "Belarus freed 123 people."))
    for problem in (
        "type 'liberation' is not in the contract",
        "release kind 'mercy' is not in the contract",
        "a release kind on an event that is not a release",
        "'XX' is not an ISO 3166-1 alpha-2 code",
        "qualifier 'nearly' is not in the contract",
        "date '2025-12' does not have day precision",
        "evidence 0-14 reads 'Belarus freed ', not 'something else'",
        "link type 'bribe' is not in the contract",
        "measure 'jailed' is not in the contract",
    ):
        assert problem in found
    assert len(found.splitlines()) == 9
    assert pycountry.countries.get(alpha_2="XX") is None


def test_the_example_article_is_the_one_the_extractor_is_specified_from() -> None:
    example = next(a for a in ALL if a.name == "belarus-release-2025-12-13")
    original = articles.HERE.parent.parent / "rollcall/demo/fixtures/belarus-release-2025-12-13.txt"
    assert example.text == original.read_text(encoding="utf-8")
    evidence = [e for ev in events(example.gold) for e in ev.get("evidence", [])]  # type: ignore[attr-defined]
    assert evidence, "the example's gold quotes its evidence"


def test_verbose_output_on_the_heldout_set_is_refused_without_show_heldout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--set", "heldout", "--verbose"])
    assert exit_info.value.code == 2
    assert "--show-heldout" in capsys.readouterr().err
