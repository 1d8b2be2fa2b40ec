"""`rollcall review`: accepting proposals creates cited records once; rejecting keeps why."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from rollcall.collective.models import CollectiveEvent, ReportedEstimate, SanctionsMeasure
from rollcall.duplicates.merging import merge
from rollcall.events.models import CustodyInterval, Event
from rollcall.ingest.models import Proposal, ProposalStatus
from rollcall.people.matching import registry_index
from rollcall.people.models import Person
from rollcall.sources.models import Citation, Source
from tests.cast import staff_user
from tests.duplicates.pairs import flagged_pair
from tests.ingest.test_extract_command import EXAMPLE, table_counts

NAMES = ["Ales Bialiatski", "Maria Kolesnikova", "Maxim Snak", "Viktor Babariko"]


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    registry_index.reset()
    yield
    registry_index.reset()


@pytest.fixture
def queued(db: None) -> list[Proposal]:
    call_command("ingest", str(EXAMPLE), stdout=io.StringIO())
    return list(Proposal.objects.order_by("position"))


def review(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("review", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_accepting_an_article_gives_the_api_its_release_and_people(queued: list[Proposal]) -> None:
    review("accept", "--all")
    client = Client()
    released = client.get("/api/v1/events?type=release&limit=100").json()["items"]
    collective = [e for e in released if e["kind"] == "collective"]
    assert len(collective) == 1
    batch = collective[0]
    assert (batch["date"], batch["country"], batch["release_kind"]) == ("2025-12-13", "BY", "deal")
    assert batch["count"] == {"value": 123, "qualifier": "exact"}
    destinations = {d["country"]: d["count"] for d in batch["destinations"]}
    assert destinations == {
        "LT": {"value": 9, "qualifier": "at_least"},
        "UA": {"value": 100, "qualifier": "more_than"},
    }
    people = client.get("/api/v1/people?limit=100").json()["items"]
    assert sorted(p["name"] for p in people) == NAMES
    source = Source.objects.get()
    for event in Event.objects.filter(type="release"):
        assert event.collective_id == CollectiveEvent.objects.get().pk
        assert event.citations.filter(source=source).exists()
    # Kolesnikova's three proposals attach to one person, not three.
    kolesnikova = Person.objects.get(names__value="Maria Kolesnikova")
    events = list(kolesnikova.events.values_list("type", flat=True))
    assert events.count("release") == 1
    assert events.count("arrest") == 1
    assert CustodyInterval.objects.filter(person=kolesnikova, end_type="release").exists()
    measure = SanctionsMeasure.objects.get()
    assert (measure.issuer, measure.target, measure.action) == ("US", "potash", "eased")
    assert CollectiveEvent.objects.get().agreement == measure.agreement
    estimate = ReportedEstimate.objects.get()
    assert (estimate.count_value, estimate.count_qualifier) == (1000, "more_than")
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.ACCEPTED}


def test_citations_keep_the_offsets_of_the_evidence(queued: list[Proposal]) -> None:
    review("accept", "--all")
    text = Source.objects.get().text
    citations = Citation.objects.all()
    assert citations
    for citation in citations:
        assert citation.start is not None
        assert citation.end is not None
        assert text[citation.start : citation.end] == citation.quote


def test_accepting_twice_creates_nothing_twice(queued: list[Proposal]) -> None:
    release = queued[0].uid
    review("accept", release)
    after_first = table_counts()
    out, err = review("accept", release)
    assert f"{release}: already accepted" in out
    assert not err
    review("accept", "--all")
    review("accept", "--all")
    after_all = table_counts()
    named = sum(len(p.proposal["persons"]) for p in queued[1:] if p.kind != "estimate")
    assert after_all["events.Event"] == after_first["events.Event"] + named
    assert after_all["people.Person"] == after_first["people.Person"] == 4
    review("accept", "--all")
    assert table_counts() == after_all


def test_ingesting_an_accepted_article_again_adds_nothing(queued: list[Proposal]) -> None:
    review("accept", "--all")
    before = table_counts()
    out = io.StringIO()
    call_command("ingest", str(EXAMPLE), stdout=out)
    assert "already ingested" in out.getvalue()
    assert table_counts() == before


def test_rejecting_keeps_the_reason_and_who_rejected(queued: list[Proposal]) -> None:
    get_user_model().objects.create_user("rev")
    estimate = queued[-1].uid
    review("reject", estimate, "--reason", "the figure is a year old", "--as", "rev")
    rejected = Proposal.objects.get(uid=estimate)
    assert rejected.status == ProposalStatus.REJECTED
    assert rejected.reason == "the figure is a year old"
    assert rejected.reviewed_by is not None
    assert rejected.reviewed_by.get_username() == "rev"
    assert rejected.history.first().history_user == rejected.reviewed_by  # type: ignore[union-attr]
    listed, _ = review("list")
    assert estimate not in listed
    assert len(listed.splitlines()) == len(queued) - 1
    review("accept", "--all")
    assert not ReportedEstimate.objects.exists()


def test_rejecting_an_accepted_proposal_is_refused(queued: list[Proposal]) -> None:
    release = queued[0].uid
    review("accept", release)
    with pytest.raises(SystemExit) as exit:
        review("reject", release, "--reason", "changed my mind")
    assert exit.value.code == 1
    assert Proposal.objects.get(uid=release).status == ProposalStatus.ACCEPTED


def test_an_unknown_id_is_one_line_and_the_others_are_accepted(queued: list[Proposal]) -> None:
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("review", "accept", "p-nosuch", queued[1].uid, stderr=err)
    assert exit.value.code == 1
    assert err.getvalue().strip() == "p-nosuch: no such proposal"
    assert Proposal.objects.get(uid=queued[1].uid).status == ProposalStatus.ACCEPTED


def test_a_name_the_reviewer_attaches_to_a_registry_person_adds_no_person(
    queued: list[Proposal],
) -> None:
    known = Person.objects.create()
    known.names.create(value="Maksim Znak", kind="primary")
    release = queued[0]
    fact = dict(release.proposal)
    fact["persons"] = [
        {**p, "match": {"person_id": known.uid, "name": "Maksim Znak", "score": 1.0}}
        if p["name"] == "Maxim Snak"
        else p
        for p in fact["persons"]
    ]
    release.proposal = fact
    release.save()
    review("accept", release.uid)
    assert Person.objects.count() == 4
    assert known.events.get().type == "release"


def test_list_prints_the_review_json_and_a_text_summary(queued: list[Proposal]) -> None:
    out, _ = review("list")
    first = json.loads(out.splitlines()[0])
    assert set(first) == {"id", "status", "type", "source", "proposal", "evidence"}
    assert first["source"]["sha256"] == Source.objects.get().sha256
    text, _ = review("list", "--format", "text")
    assert queued[0].uid in text
    assert "Maria Kolesnikova (not in the registry)" in text


def test_accept_with_neither_ids_nor_all_is_a_usage_error(queued: list[Proposal]) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        review("accept")


def test_a_person_accepted_from_one_article_is_found_by_an_article_queued_before(
    queued: list[Proposal], tmp_path: Path
) -> None:
    later = tmp_path / "later.txt"
    later.write_text(
        "Belarusian activist freed\n\n14 December 2025\n\n"
        "Belarus released Maria Kolesnikova from prison in Minsk on Sunday, her allies said.\n",
        encoding="utf-8",
    )
    call_command("ingest", str(later), stdout=io.StringIO())
    review("accept", "--all")
    kolesnikova = Person.objects.filter(names__value="Maria Kolesnikova")
    assert kolesnikova.count() == 1
    assert kolesnikova.get().events.filter(type="release").count() == 2


@pytest.mark.parametrize("key", ["country", "destination", "national"])
def test_a_country_that_is_no_iso_code_refuses_the_accept_and_writes_nothing(
    queued: list[Proposal], key: str
) -> None:
    release = next(p for p in queued if p.kind == "release" and p.proposal.get("destinations"))
    fact = dict(release.proposal)
    if key == "country":
        fact["country"] = "XY"
    elif key == "destination":
        fact["destinations"] = [{"country": "XY", "count": None}]
    else:
        fact["nationals"] = [{"country": "XY", "count": None}]
    release.proposal = fact
    release.save()
    before = table_counts()
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("review", "accept", release.uid, stdout=io.StringIO(), stderr=err)
    assert exit.value.code == 1
    assert "'XY' is not an ISO 3166-1 alpha-2 country code" in err.getvalue()
    release.refresh_from_db()
    assert release.status == ProposalStatus.PENDING
    after = table_counts()
    # Only the attempt's history rows may differ: no registry record was written.
    assert {k: v for k, v in after.items() if "Historical" not in k} == {
        k: v for k, v in before.items() if "Historical" not in k
    }


def test_a_proposal_naming_a_person_merged_since_is_accepted_for_the_person_kept(
    queued: list[Proposal],
) -> None:
    """The reviewer merged the matched record into another after the article was queued."""
    flag = flagged_pair("ingested")
    merge(flag, staff_user("rev", "reviewer"), "one woman")
    release = queued[0]
    fact = dict(release.proposal)
    fact["persons"] = [
        {**p, "match": {"person_id": "ingested-held", "name": p["name"], "score": 1.0}}
        if p["name"] == "Maria Kolesnikova"
        else p
        for p in fact["persons"]
    ]
    release.proposal = fact
    release.save()
    _, err = review("accept", release.uid)
    assert err == ""
    kept = Person.objects.get(uid="ingested-kept")
    assert kept.events.filter(type="release").count() == 1
    assert not Person.objects.filter(uid="ingested-held").exists()
