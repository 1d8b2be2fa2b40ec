"""Accepting an article's citizenships: counts on the collective event, a person's only when sure.

Each test ingests a short article as `rollcall ingest` does and accepts its proposals as
`rollcall review accept` does, so the citizenships are the ones the extractor reads; what the
extractor reads from each article is asserted first, so a change in its reading shows here as
that, not as a broken rule.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from rollcall.collective.models import CollectiveEvent, NationalsCount
from rollcall.ingest.citizenships import everyones_citizenships
from rollcall.ingest.matching import list_of
from rollcall.ingest.models import Proposal
from rollcall.people.matching import registry_index
from rollcall.people.models import Citizenship, Person
from rollcall.sources.models import Source
from tests.ingest.test_extract_command import table_counts

pytestmark = pytest.mark.django_db

MIXED = (
    "Belarus frees 52 prisoners\n\n"
    "VILNIUS, 11 September 2025 - Belarus released 52 prisoners on Thursday, among them "
    "Mikola Statkevich, Ihar Karnei, six Lithuanians and two Latvians.\n"
)
ONE_CITIZENSHIP = (
    "Three Ukrainians freed by Belarus\n\n"
    "KYIV, 2 March 2025 - Belarus released three Ukrainian nationals, Oleh Marchenko, "
    "Ivan Kovalenko and Petro Shevchuk, on Sunday.\n"
)
ONE_CITIZENSHIP_AGAIN = (
    "Three Ukrainians freed by Belarus return home\n\n"
    "KYIV, 4 March 2025 - Belarus released three Ukrainian nationals, Oleh Marchenko, "
    "Ivan Kovalenko and Petro Shevchuk, on Sunday, their families said.\n"
)
UNCOUNTED = (
    "Belarus frees Statkevich\n\n"
    "VILNIUS, 11 September 2025 - Belarus released Mikola Statkevich on Thursday; some "
    "Ukrainian nationals were among those freed.\n"
)
DUAL = (
    "Swedish researcher freed\n\n"
    "STOCKHOLM, 14 June 2025 - Iran released Ahmadreza Djalali, a dual Iranian-Swedish "
    "citizen, on Saturday.\n"
)


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    registry_index.reset()
    yield
    registry_index.reset()


def ingest(directory: Path, name: str, text: str) -> list[Proposal]:
    path = directory / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    call_command("ingest", str(path), stdout=io.StringIO())
    source = Source.objects.get(title=text.splitlines()[0])
    return list(source.proposals.order_by("position"))


def review(*args: str) -> str:
    out = io.StringIO()
    call_command("review", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def with_nationals(proposals: list[Proposal]) -> Proposal:
    (proposal,) = [p for p in proposals if list_of(p.proposal.get("nationals"))]
    return proposal


def read(proposal: Proposal) -> tuple[object, list[str], list[object]]:
    """What the extractor read: the event's count, its people, its citizenships."""
    fact = proposal.proposal
    return (
        fact.get("count"),
        [str(p["name"]) for p in list_of(fact.get("persons"))],
        list_of(fact.get("nationals")),
    )


def citizenships() -> dict[str, list[str]]:
    held: dict[str, list[str]] = {}
    for person in Person.objects.prefetch_related("names", "citizenships"):
        held[person.primary_name] = sorted(c.country for c in person.citizenships.all())
    return held


def test_a_mixed_group_gives_counts_per_citizenship_and_no_named_person_one(
    tmp_path: Path,
) -> None:
    proposal = with_nationals(ingest(tmp_path, "mixed", MIXED))
    assert read(proposal) == (
        {"value": 52, "qualifier": "exact"},
        ["Mikola Statkevich", "Ihar Karnei"],
        [
            {"country": "LT", "count": {"value": 6, "qualifier": "exact"}},
            {"country": "LV", "count": {"value": 2, "qualifier": "exact"}},
        ],
    )

    review("accept", proposal.uid)

    collective = made(proposal, CollectiveEvent)
    counts = {n.country: (n.count_value, n.count_qualifier) for n in collective.nationals.all()}
    assert counts == {"LT": (6, "exact"), "LV": (2, "exact")}
    for national in collective.nationals.all():
        assert national.citations.filter(source=proposal.source).exists()
    assert citizenships() == {"Mikola Statkevich": [], "Ihar Karnei": []}
    assert not Citizenship.objects.exists()


def test_a_group_all_of_one_citizenship_gives_each_named_person_that_citizenship(
    tmp_path: Path,
) -> None:
    proposal = with_nationals(ingest(tmp_path, "ukrainians", ONE_CITIZENSHIP))
    named = ["Oleh Marchenko", "Ivan Kovalenko", "Petro Shevchuk"]
    three_ukrainians = [{"country": "UA", "count": {"value": 3, "qualifier": "exact"}}]
    assert read(proposal) == ({"value": 3, "qualifier": "exact"}, named, three_ukrainians)

    review("accept", proposal.uid)

    assert citizenships() == {name: ["UA"] for name in named}
    for citizenship in Citizenship.objects.all():
        quotes = [c.quote for c in citizenship.citations.all()]
        assert any("three Ukrainian nationals" in q for q in quotes), quotes
    ukrainians = made(proposal, CollectiveEvent).nationals.get()
    assert (ukrainians.country, ukrainians.count_value) == ("UA", 3)


def test_an_uncounted_citizenship_beside_one_named_person_is_not_given_to_them(
    tmp_path: Path,
) -> None:
    # "Some Ukrainian nationals were among those freed" is no word on Statkevich's citizenship.
    proposal = with_nationals(ingest(tmp_path, "statkevich", UNCOUNTED))
    assert read(proposal) == (None, ["Mikola Statkevich"], [{"country": "UA", "count": None}])

    review("accept", proposal.uid)

    assert citizenships() == {"Mikola Statkevich": []}
    # Kept as the release's, uncounted, with Statkevich's own release part of it.
    collective = made(proposal, CollectiveEvent)
    ukrainians = collective.nationals.get()
    assert (ukrainians.country, ukrainians.count_value, ukrainians.count_qualifier) == (
        "UA",
        None,
        "",
    )
    assert collective.person_events.get().person.primary_name == "Mikola Statkevich"


def test_a_person_the_reviewer_counts_as_freed_alone_is_given_every_citizenship_named(
    tmp_path: Path,
) -> None:
    proposal = with_nationals(ingest(tmp_path, "djalali", DUAL))
    dual = [{"country": "IR", "count": None}, {"country": "SE", "count": None}]
    assert read(proposal) == (None, ["Ahmadreza Djalali"], dual)
    # Without a count the article does not say he was freed alone; the reviewer knows he was.
    proposal.proposal = {**proposal.proposal, "count": {"value": 1, "qualifier": "exact"}}
    proposal.save()

    review("accept", proposal.uid)

    assert citizenships() == {"Ahmadreza Djalali": ["IR", "SE"]}
    assert not NationalsCount.objects.exists()  # his own release: no batch to count them on


def test_accepting_twice_adds_no_citizenship_or_count_twice(tmp_path: Path) -> None:
    mixed = ingest(tmp_path, "mixed", MIXED)
    ukrainians = ingest(tmp_path, "ukrainians", ONE_CITIZENSHIP)
    review("accept", "--all")
    after = table_counts()
    assert after["people.Citizenship"] == 3
    assert after["collective.NationalsCount"] == 3

    for proposal in [*mixed, *ukrainians]:
        assert "already accepted" in review("accept", proposal.uid)
    review("accept", "--all")

    assert table_counts() == after


def test_a_citizenship_another_article_reports_again_gains_a_citation_not_a_second_row(
    tmp_path: Path,
) -> None:
    review("accept", with_nationals(ingest(tmp_path, "first", ONE_CITIZENSHIP)).uid)
    cited_before = {c.pk: c.citations.count() for c in Citizenship.objects.all()}
    again = with_nationals(ingest(tmp_path, "again", ONE_CITIZENSHIP_AGAIN))
    three_ukrainians = [{"country": "UA", "count": {"value": 3, "qualifier": "exact"}}]
    assert read(again)[0] == {"value": 3, "qualifier": "exact"}
    assert read(again)[2] == three_ukrainians
    matched = [p["match"]["person_id"] for p in list_of(again.proposal["persons"])]
    assert len(matched) == 3
    assert all(matched)

    review("accept", again.uid)

    assert citizenships() == {
        "Oleh Marchenko": ["UA"],
        "Ivan Kovalenko": ["UA"],
        "Petro Shevchuk": ["UA"],
    }
    evidence = len(again.evidence)
    assert evidence
    for citizenship in Citizenship.objects.all():
        assert citizenship.citations.filter(source=again.source).count() == evidence
        assert citizenship.citations.count() == cited_before[citizenship.pk] + evidence


def test_a_second_fact_read_from_the_same_sentence_cites_a_citizenship_once(
    tmp_path: Path,
) -> None:
    release = with_nationals(ingest(tmp_path, "ukrainians", ONE_CITIZENSHIP))
    review("accept", release.uid)
    cited = {c.pk: c.citations.count() for c in Citizenship.objects.all()}
    # The same article's deportation of the same three, read from the same sentences.
    deportation = Proposal.objects.create(
        source=release.source,
        position=release.position + 1,
        kind="deportation",
        schema=release.schema,
        proposal={**release.proposal, "type": "deportation"},
        evidence=release.evidence,
    )

    review("accept", deportation.uid)

    assert Citizenship.objects.count() == 3
    assert {c.pk: c.citations.count() for c in Citizenship.objects.all()} == cited
    assert Person.objects.count() == 3


@pytest.mark.parametrize(
    ("named", "count", "nationals", "given"),
    [
        # One person freed alone: every citizenship named is theirs (a dual citizen has two).
        (1, (1, "exact"), [("IR", None), ("SE", None)], ["IR", "SE"]),
        (1, (1, "exact"), [("SE", (1, "exact"))], ["SE"]),
        # One person, but not known to be alone.
        (1, None, [("UA", None)], []),
        (1, (1, "at_least"), [("UA", None)], []),
        (1, (1, "exact"), [("UA", (2, "exact"))], []),
        # A group all of one citizenship.
        (3, (3, "exact"), [("UA", (3, "exact"))], ["UA"]),
        (2, (3, "exact"), [("UA", (3, "exact"))], ["UA"]),
        # Not all of it, not exactly, or not one citizenship.
        (3, (52, "exact"), [("UA", (3, "exact"))], []),
        (3, None, [("UA", (3, "exact"))], []),
        (3, (3, "about"), [("UA", (3, "about"))], []),
        (4, (3, "exact"), [("UA", (3, "exact"))], []),
        (2, (8, "exact"), [("LT", (6, "exact")), ("LV", (2, "exact"))], []),
        (2, (2, "exact"), [("LT", None), ("LV", None)], []),
        # Nobody named, or no citizenship read.
        (0, (3, "exact"), [("UA", (3, "exact"))], []),
        (1, (1, "exact"), [], []),
    ],
)
def test_a_named_person_is_given_a_citizenship_only_when_it_covers_everyone_concerned(
    named: int,
    count: tuple[int, str] | None,
    nationals: list[tuple[str, tuple[int, str] | None]],
    given: list[str],
) -> None:
    assert everyones_citizenships(named, count, nationals) == given


def test_a_citizenship_that_is_no_country_code_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    proposal = with_nationals(ingest(tmp_path, "ukrainians", ONE_CITIZENSHIP))
    # A reviewer's edit that is two letters but no country.
    proposal.proposal = {**proposal.proposal, "nationals": [{"country": "XX", "count": None}]}
    proposal.save()
    before = table_counts()

    with pytest.raises(SystemExit):
        review("accept", proposal.uid)

    assert Proposal.objects.get(uid=proposal.uid).status == "pending"
    assert table_counts() == before


def test_the_api_shows_the_counts_of_nationals_and_each_persons_citizenships(
    client: Client, tmp_path: Path
) -> None:
    ingest(tmp_path, "mixed", MIXED)
    ingest(tmp_path, "ukrainians", ONE_CITIZENSHIP)
    review("accept", "--all")

    events = client.get("/api/v1/events?type=release&limit=100").json()["items"]
    nationals = {
        e["title"]: [(n["country"], n["count"]) for n in e["nationals"]]
        for e in events
        if e["kind"] == "collective" and e["nationals"]
    }
    assert nationals == {
        "Belarus frees 52 prisoners": [
            ("LT", {"value": 6, "qualifier": "exact"}),
            ("LV", {"value": 2, "qualifier": "exact"}),
        ],
        "Three Ukrainians freed by Belarus": [("UA", {"value": 3, "qualifier": "exact"})],
    }
    assert all(n["sources"] for e in events if e["kind"] == "collective" for n in e["nationals"])
    people = client.get("/api/v1/people?limit=100").json()["items"]
    assert {p["name"]: p["citizenships"] for p in people} == {
        "Mikola Statkevich": [],
        "Ihar Karnei": [],
        "Oleh Marchenko": ["UA"],
        "Ivan Kovalenko": ["UA"],
        "Petro Shevchuk": ["UA"],
    }
    marchenko = next(p for p in people if p["name"] == "Oleh Marchenko")
    assert client.get(f"/api/v1/people/{marchenko['id']}").json()["citizenships"] == ["UA"]


def made(proposal: Proposal, model: type[CollectiveEvent]) -> CollectiveEvent:
    """The one record of `model` accepting the proposal created."""
    (pk,) = Proposal.objects.get(uid=proposal.uid).created[model._meta.label]
    return model.objects.get(pk=pk)
