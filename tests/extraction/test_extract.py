"""What the extractor reports for whole articles: the example release, articles in other styles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollcall.extraction import Document, extract

FIXTURE = (
    Path(__file__).resolve().parents[2] / "rollcall/demo/fixtures/belarus-release-2025-12-13.txt"
)


def _article(text: str, published: date | None = date(2025, 6, 14)) -> dict[str, object]:
    title = text.strip().split("\n")[0]
    return extract(Document(text=text, title=title, published=published))


def _events(result: dict[str, object], kind: str | None = None) -> list[dict[str, object]]:
    events = result["events"]
    assert isinstance(events, list)
    return [e for e in events if kind is None or e["type"] == kind]


def _names(event: dict[str, object]) -> list[str]:
    persons = event["persons"]
    assert isinstance(persons, list)
    return [p["name"] for p in persons]


@pytest.fixture(scope="module")
def example() -> dict[str, object]:
    text = FIXTURE.read_text(encoding="utf-8")
    return extract(Document(text=text, title=text.split("\n")[0], published=date(2025, 12, 13)))


def test_the_example_reports_one_release_of_123_people_in_belarus_on_the_publication_day(
    example: dict[str, object],
) -> None:
    releases = _events(example, "release")
    assert len(releases) == 1
    release = releases[0]
    assert (release["date"], release["date_precision"], release["country"]) == (
        "2025-12-13",
        "day",
        "BY",
    )
    assert release["count"] == {"value": 123, "qualifier": "exact"}
    assert release["release_kind"] == "deal"


def test_the_example_release_names_the_four_people_freed_and_not_the_quoted_president(
    example: dict[str, object],
) -> None:
    release = _events(example, "release")[0]
    names = _names(release)
    assert sorted(names) == sorted(
        ["Maria Kolesnikova", "Viktor Babariko", "Maxim Snak", "Ales Bialiatski"]
    )
    everyone = [name for event in _events(example) for name in _names(event)]
    assert not any("Zelensky" in name for name in everyone)
    assert all(p["match"] is None for p in release["persons"])  # type: ignore[attr-defined]


def test_the_example_release_has_its_destinations_links_and_nationals(
    example: dict[str, object],
) -> None:
    release = _events(example, "release")[0]
    assert release["destinations"] == [
        {"country": "LT", "count": {"value": 9, "qualifier": "at_least"}},
        {"country": "UA", "count": {"value": 100, "qualifier": "more_than"}},
    ]
    linked = release["linked"]
    assert isinstance(linked, list)
    assert {"type": "agreement", "by": "US"} in linked
    assert {"type": "sanctions_relief", "by": "US", "target": "potash"} in linked
    assert release["nationals"] == [{"country": "UA", "count": None}]


def test_the_example_recounts_kolesnikovas_arrest_in_september_2020_as_its_own_event(
    example: dict[str, object],
) -> None:
    arrests = _events(example, "arrest")
    assert len(arrests) == 1
    arrest = arrests[0]
    assert (arrest["date"], arrest["date_precision"], arrest["country"]) == (
        "2020-09",
        "month",
        "BY",
    )
    assert _names(arrest) == ["Maria Kolesnikova"]


def test_the_example_estimates_more_than_1000_still_held_by_human_rights_organizations(
    example: dict[str, object],
) -> None:
    assert [{k: v for k, v in e.items() if k != "evidence"} for e in example["estimates"]] == [  # type: ignore[attr-defined]
        {
            "measure": "held",
            "country": "BY",
            "count": {"value": 1000, "qualifier": "more_than"},
            "attributed_to": "human rights organizations",
        }
    ]


def test_every_evidence_span_indexes_the_document_text(example: dict[str, object]) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    items = [*_events(example), *example["estimates"]]  # type: ignore[misc]
    for item in items:
        for evidence in item["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_the_json_keeps_the_contracts_keys_in_order(example: dict[str, object]) -> None:
    assert list(example) == ["schema", "document", "events", "estimates"]
    assert example["schema"] == "rollcall.extraction/1"
    assert example["document"] == {
        "title": "Belarus Releases 123 Political Prisoners Amidst US-Driven Diplomatic Agreement",
        "published": "2025-12-13",
        "sha256": Document(FIXTURE.read_text(encoding="utf-8")).sha256,
    }
    release = _events(example, "release")[0]
    assert list(release) == [
        "type",
        "release_kind",
        "date",
        "date_precision",
        "country",
        "count",
        "persons",
        "destinations",
        "linked",
        "nationals",
        "evidence",
    ]


def test_a_russian_court_report_gives_a_sentence_with_its_date_and_no_judge_as_a_person() -> None:
    result = _article(
        "Moscow court jails activist\n\n"
        "A court in Moscow on Tuesday sentenced the activist Igor Baranov to six years in a penal "
        "colony. "
        "Judge Olga Petrova said the defendant had spread false information about the army. "
        "Baranov, 45, was detained in March 2024 at his home."
    )
    sentences = _events(result, "sentence")
    assert len(sentences) == 1
    assert sentences[0]["country"] == "RU"
    assert sentences[0]["date"] == "2025-06-10"
    assert _names(sentences[0]) == ["Igor Baranov"]
    assert "count" not in sentences[0]  # six years is a term, 45 an age
    arrests = _events(result, "arrest")
    assert [(a["date"], a["date_precision"]) for a in arrests] == [("2024-03", "month")]
    assert not any("Petrova" in n for e in _events(result) for n in _names(e))


def test_an_amnesty_in_myanmar_is_one_release_of_kind_amnesty_with_its_count() -> None:
    result = _article(
        "Myanmar junta frees thousands in amnesty\n\n"
        "Myanmar's military government released 3,113 prisoners on Friday under an amnesty "
        "marking a "
        "Buddhist holiday, state media reported. Among those freed were 98 foreigners, who will "
        "be deported. "
        "The release was announced on state television."
    )
    releases = _events(result, "release")
    assert len(releases) == 1
    release = releases[0]
    assert release["release_kind"] == "amnesty"
    assert release["country"] == "MM"
    assert release["count"] == {"value": 3113, "qualifier": "exact"}
    assert release["date"] == "2025-06-13"


def test_a_prisoner_exchange_is_kind_exchange_linked_to_the_other_state() -> None:
    result = _article(
        "Iran frees two Europeans in prisoner swap\n\n"
        "Iran released two French nationals on Wednesday in exchange for an Iranian engineer held "
        "in France, "
        "in a deal mediated by Oman. The two men, Louis Arnaud and Paul Girard, landed in Paris "
        "hours later."
    )
    releases = _events(result, "release")
    assert len(releases) == 1
    release = releases[0]
    assert release["release_kind"] == "exchange"
    assert release["country"] == "IR"
    linked = release["linked"]
    assert isinstance(linked, list)
    assert {"type": "mediation", "by": "OM"} in linked
    assert {"type": "exchange", "by": "FR"} in linked
    assert release["nationals"] == [{"country": "FR", "count": {"value": 2, "qualifier": "exact"}}]


def test_a_pardon_of_one_prisoner_is_kind_pardon() -> None:
    result = _article(
        "Azerbaijan pardons jailed journalist\n\n"
        "President Ilham Aliyev on Monday pardoned the journalist Sevinj Vagifgizi, who had been "
        "sentenced "
        "to nine years in prison. Vagifgizi was freed from a prison in Baku the same day."
    )
    releases = _events(result, "release")
    assert len(releases) == 1
    assert releases[0]["release_kind"] == "pardon"
    assert releases[0]["country"] == "AZ"
    assert _names(releases[0]) == ["Sevinj Vagifgizi"]


def test_people_deported_abroad_are_a_deportation_with_a_destination() -> None:
    result = _article(
        "Nicaragua expels 135 political prisoners\n\n"
        "The Nicaraguan government deported 135 political prisoners to Guatemala on Thursday, "
        "stripping them "
        "of their citizenship. Dozens of others remain in Nicaraguan jails, rights groups said."
    )
    deportations = _events(result, "deportation")
    assert len(deportations) == 1
    deportation = deportations[0]
    assert deportation["country"] == "NI"
    assert deportation["count"] == {"value": 135, "qualifier": "exact"}
    assert deportation["destinations"] == [{"country": "GT", "count": None}] or deportation[
        "destinations"
    ] == [{"country": "GT", "count": {"value": 135, "qualifier": "exact"}}]
    assert result["estimates"] == []  # "dozens" gives no number


def test_a_death_in_custody_is_reported_with_its_date_and_person() -> None:
    result = _article(
        "Chinese dissident dies in prison\n\n"
        "Rights groups said on Sunday that the dissident Li Wenzu died in custody in a prison in "
        "Shandong "
        "province last month. Li had been arrested in 2019 and sentenced to eleven years for "
        "subversion."
    )
    deaths = _events(result, "death_in_custody")
    assert len(deaths) == 1
    assert deaths[0]["country"] == "CN"
    assert deaths[0]["date_precision"] == "month"
    assert deaths[0]["date"] == "2025-05"
    assert _names(deaths[0]) == ["Li Wenzu"]


def test_a_transfer_to_a_penal_colony_is_a_transfer_event() -> None:
    result = _article(
        "Activist moved to penal colony\n\n"
        "Belarusian authorities have transferred the jailed activist Nasta Loika to a penal "
        "colony in Gomel, "
        "the human rights centre Viasna said on Friday."
    )
    transfers = _events(result, "transfer")
    assert len(transfers) == 1
    assert transfers[0]["country"] == "BY"
    assert _names(transfers[0]) == ["Nasta Loika"]
    assert _events(result, "release") == []


def test_calls_for_a_release_are_not_a_release() -> None:
    result = _article(
        "UN urges release of detained journalists\n\n"
        "The United Nations on Monday called for the release of all journalists detained in "
        "Azerbaijan. "
        "Several journalists could be freed next month, officials said."
    )
    assert _events(result, "release") == []


def test_an_ngo_count_of_people_detained_since_a_date_is_an_estimate_not_an_arrest() -> None:
    result = _article(
        "Crackdown continues\n\n"
        "More than 35,000 people have been detained since August 2020, according to Viasna. "
        "About 1,150 political prisoners remain behind bars in Belarus."
    )
    assert _events(result, "arrest") == []
    estimates = result["estimates"]
    assert isinstance(estimates, list)
    measures = [(e["measure"], e["country"], e["count"], e["attributed_to"]) for e in estimates]
    assert ("detained", "BY", {"value": 35000, "qualifier": "more_than"}, "Viasna") in measures
    assert ("held", "BY", {"value": 1150, "qualifier": "about"}, "") in measures
