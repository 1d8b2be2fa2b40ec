"""Article ingestion matches a name with what the article says of the person: holding states.

The scores these tests lean on are the name engine's own, read rather than written down: "Ales
Bialiatsky" is "Ales Bialiatski" spelled another way (a full name score) and "Ales Belyatsky"
less so; "Ksenia Lustkina" scores just above the threshold against "Ksenia Lutskina".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from rollcall.ingest.matching import list_of, match_people
from rollcall.names import THRESHOLD
from rollcall.people.likeness import likeness
from rollcall.people.matching import registry_index
from tests.cast import person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    """Each test's database is new; so must the process-wide name index be."""
    registry_index.reset()
    yield
    registry_index.reset()


def article(directory: Path, *paragraphs: str) -> Path:
    path = directory / "article.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def extracted(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, object]:
    call_command("extract", str(path))
    parsed: dict[str, object] = json.loads(capsys.readouterr().out)
    return parsed


def matches_of(extraction: dict[str, object], name: str) -> list[object]:
    """The match of every mention of a name, event by event."""
    return [
        person["match"]
        for event in list_of(extraction["events"])
        for person in list_of(event["persons"])
        if person["name"] == name
    ]


def the_match(extraction: dict[str, object], name: str) -> dict[str, object] | None:
    found = matches_of(extraction, name)
    assert found, f"the extractor no longer names {name}"
    assert all(match == found[0] for match in found)
    first = found[0]
    assert first is None or isinstance(first, dict)
    return first


def name_score(name: str, of: str) -> float:
    """The name engine's score for one registry name, context aside, as the match JSON rounds it."""
    (found,) = [c for c in registry_index.match(name, limit=10, staff=True) if c.person_id == of]
    return round(found.score, 4)


def without_states(extraction: dict[str, object]) -> dict[str, object]:
    """The same extraction as if the article named no holding state."""
    bare = json.loads(json.dumps(extraction))
    for event in list_of(bare["events"]):
        event["country"] = None
        for spec in list_of(event["persons"]):
            spec["match"] = None
    return match_people(bare)


def test_a_namesake_held_by_another_state_loses_to_the_person_the_articles_state_holds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person("Ales Bialiatski", [("arrest", "2023-03-03", "RU")], uid="namesake")
    person("Ales Belyatsky", [("arrest", "2021-07-14", "BY")], uid="defender")
    path = article(
        tmp_path,
        "Belarus frees rights defender",
        "13 December 2025",
        "Belarusian authorities released the human rights defender Ales Bialiatsky on "
        "Saturday, his colleagues said.",
    )
    by_name = name_score("Ales Bialiatsky", "namesake")
    assert by_name > name_score("Ales Bialiatsky", "defender")

    in_context = extracted(capsys, path)
    match = the_match(in_context, "Ales Bialiatsky")
    assert match is not None
    assert match["person_id"] == "defender"
    expected = likeness(name_score("Ales Bialiatsky", "defender"), states=({"BY"}, {"BY"}))
    assert (match["score"], match["name_score"]) == (expected.score, expected.name_score)
    assert match["context"] == ["same holding state BY"]

    alone = the_match(without_states(in_context), "Ales Bialiatsky")
    assert alone == {"person_id": "namesake", "name": "Ales Bialiatski", "score": by_name}


def test_a_look_alike_held_only_by_another_state_is_nobody(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person("Ksenia Lutskina", [("arrest", "2024-05-02", "RU")], uid="look-alike")
    path = article(
        tmp_path,
        "Journalist detained in Minsk",
        "13 December 2025",
        "Belarusian police arrested the journalist Ksenia Lustkina in Minsk on Friday, "
        "her colleagues said.",
    )
    in_context = extracted(capsys, path)
    assert the_match(in_context, "Ksenia Lustkina") is None

    alone = the_match(without_states(in_context), "Ksenia Lustkina")
    assert alone is not None
    assert alone["person_id"] == "look-alike"
    by_name = alone["score"]
    assert isinstance(by_name, float)
    assert likeness(by_name, states=({"BY"}, {"RU"})).score < THRESHOLD <= by_name


def test_a_person_named_in_events_of_two_states_shares_a_state_with_one_held_by_either(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person("Ksenia Lutskina", [("sentence", "2025-12-12", "BY")], uid="activist")
    path = article(
        tmp_path,
        "Activist sentenced in Belarus",
        "13 December 2025",
        "Russian police arrested the activist Ksenia Lustkina in Smolensk in March 2025, "
        "her lawyer said.",
        "A court in Minsk sentenced Ksenia Lustkina to five years in prison on Friday.",
    )
    in_context = extracted(capsys, path)
    states = {
        str(event["country"])
        for event in list_of(in_context["events"])
        if any(p["name"] == "Ksenia Lustkina" for p in list_of(event["persons"]))
    }
    assert states == {"RU", "BY"}
    match = the_match(in_context, "Ksenia Lustkina")
    assert match is not None
    expected = likeness(name_score("Ksenia Lustkina", "activist"), states=(states, {"BY"}))
    assert (match["person_id"], match["score"]) == ("activist", expected.score)
    assert match["context"] == ["same holding state BY"]


def test_a_registry_person_with_no_holding_state_is_scored_by_the_name_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person("Ksenia Lutskina", uid="unknown")  # no event, no birth date
    path = article(
        tmp_path,
        "Journalist detained in Minsk",
        "13 December 2025",
        "Belarusian police arrested the journalist Ksenia Lustkina in Minsk on Friday, "
        "her colleagues said.",
    )
    match = the_match(extracted(capsys, path), "Ksenia Lustkina")
    assert match is not None
    assert match["person_id"] == "unknown"
    assert match["score"] == match["name_score"] == name_score("Ksenia Lustkina", "unknown")
    assert match["context"] == []


def test_an_article_naming_no_state_matches_by_name_with_the_fields_it_always_had() -> None:
    person("Ksenia Lutskina", [("arrest", "2024-05-02", "RU")], uid="look-alike")
    extraction: dict[str, object] = {
        "schema": "rollcall.extraction/1",
        "document": {"title": "", "published": None, "sha256": ""},
        "events": [{"type": "arrest", "country": None, "persons": [{"name": "Ksenia Lustkina"}]}],
        "estimates": [],
    }
    match = the_match(match_people(extraction), "Ksenia Lustkina")
    assert match == {
        "person_id": "look-alike",
        "name": "Ksenia Lutskina",
        "score": name_score("Ksenia Lustkina", "look-alike"),
    }


# Ages: "Ales Bialiatsky, 63," in an article of 13 December 2025 was born in 1961 or 1962.


def an_aged_article(directory: Path, who: str) -> Path:
    """A release in a state the registry's people below were never held by: only the age
    moves their scores."""
    return article(
        directory,
        "Rights defender freed",
        "13 December 2025",
        f"Azerbaijani authorities released the human rights defender {who}, 63, on Saturday, "
        "his colleagues said.",
    )


def test_a_namesake_born_decades_apart_loses_to_the_person_of_the_articles_age(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person("Ales Bialiatski", uid="namesake", birth_date=date(1990, 5, 1))
    person("Ales Belyatsky", uid="defender", birth_date=date(1962, 9, 25))
    in_context = extracted(capsys, an_aged_article(tmp_path, "Ales Bialiatsky"))
    (spec,) = [
        p
        for event in list_of(in_context["events"])
        for p in list_of(event["persons"])
        if p["name"] == "Ales Bialiatsky"
    ]
    assert spec["age"] == 63
    by_name = name_score("Ales Bialiatsky", "namesake")
    assert by_name > name_score("Ales Bialiatsky", "defender")

    match = the_match(in_context, "Ales Bialiatsky")
    assert match is not None
    expected = likeness(name_score("Ales Bialiatsky", "defender"), birth_years=(1962, 1962))
    assert (match["person_id"], match["score"]) == ("defender", expected.score)
    assert match["context"] == ["same birth year 1962"]

    ageless = json.loads(json.dumps(in_context))
    for event in list_of(ageless["events"]):
        for p in list_of(event["persons"]):
            del p["age"]
    alone = the_match(match_people(ageless), "Ales Bialiatsky")
    assert alone is not None
    assert (alone["person_id"], alone["score"]) == ("namesake", by_name)


@pytest.mark.parametrize(
    ("born", "moved"),
    [
        (1961, ["same birth year 1961"]),
        (1962, ["same birth year 1962"]),
        (1964, ["other birth year 1962 ≠ 1964"]),
        (1940, ["other birth year 1962 ≠ 1940"]),
    ],
)
def test_an_age_counts_both_years_it_allows_as_the_birth_year_and_no_other(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, born: int, moved: list[str]
) -> None:
    person("Ales Bialiatski", uid="defender", birth_date=date(born, 6, 1))
    match = the_match(
        extracted(capsys, an_aged_article(tmp_path, "Ales Bialiatsky")), "Ales Bialiatsky"
    )
    by_name = name_score("Ales Bialiatsky", "defender")
    best = max(likeness(by_name, birth_years=(year, born)).score for year in (1961, 1962))
    if best < THRESHOLD:
        assert match is None
        return
    assert match is not None
    assert (match["score"], match["context"]) == (best, moved)
    if born == 1961:
        # Read as one year (2025 − 63), the age would have lowered the right person's score.
        assert likeness(by_name, birth_years=(1962, born)).score < by_name <= best


def test_an_age_says_nothing_of_a_registry_person_without_a_birth_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person("Ales Bialiatski", uid="defender")
    match = the_match(
        extracted(capsys, an_aged_article(tmp_path, "Ales Bialiatsky")), "Ales Bialiatsky"
    )
    assert match is not None
    assert (match["score"], match["context"]) == (match["name_score"], [])


def test_an_age_in_an_article_without_a_publication_date_is_no_birth_year() -> None:
    person("Ksenia Lutskina", uid="look-alike", birth_date=date(1940, 1, 1))
    extraction: dict[str, object] = {
        "schema": "rollcall.extraction/1",
        "document": {"title": "", "published": None, "sha256": ""},
        "events": [
            {"type": "arrest", "country": None, "persons": [{"name": "Ksenia Lustkina", "age": 48}]}
        ],
        "estimates": [],
    }
    match = the_match(match_people(extraction), "Ksenia Lustkina")
    assert match == {
        "person_id": "look-alike",
        "name": "Ksenia Lutskina",
        "score": name_score("Ksenia Lustkina", "look-alike"),
    }


def test_the_text_summary_gives_the_age_and_what_moved_the_score(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person("Ales Belyatsky", uid="defender", birth_date=date(1962, 9, 25))
    path = an_aged_article(tmp_path, "Ales Bialiatsky")
    match = the_match(extracted(capsys, path), "Ales Bialiatsky")
    assert match is not None
    call_command("extract", str(path), "--format", "text")
    text = capsys.readouterr().out
    assert (
        f"person: Ales Bialiatsky, 63 = Ales Belyatsky [defender, {match['score']}: "
        f"name {match['name_score']}; same birth year 1962]"
    ) in text
