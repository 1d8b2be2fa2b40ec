"""The review pages: a reviewer reads an article with its evidence highlighted and decides each
proposed fact; every decision goes through the same functions as `rollcall review`."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from rollcall.events.models import Event
from rollcall.ingest.models import Proposal, ProposalStatus
from rollcall.people.matching import registry_index
from rollcall.people.models import Person, PersonName
from rollcall.sources.models import Source
from tests.cast import staff_user
from tests.ingest.test_extract_command import EXAMPLE


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    registry_index.reset()
    yield
    registry_index.reset()


@pytest.fixture
def source(db: None) -> Source:
    call_command("ingest", str(EXAMPLE), stdout=io.StringIO())
    return Source.objects.get()


@pytest.fixture
def reviewer(db: None) -> User:
    return staff_user("rev", "reviewer")


@pytest.fixture
def client(reviewer: User) -> Client:
    client = Client()
    client.force_login(reviewer)
    return client


def proposal(kind: str, **match: object) -> Proposal:
    """The first proposal of that kind whose fact has the given values."""
    for p in Proposal.objects.filter(kind=kind).order_by("position"):
        fact = p.proposal if isinstance(p.proposal, dict) else {}
        if all(fact.get(k) == v for k, v in match.items()):
            return p
    raise AssertionError(f"no {kind} proposal with {match}")


def the_release() -> Proposal:
    return proposal("release", release_kind="deal")


def decide(client: Client, p: Proposal, **form: object) -> str:
    """Post a decision as the page's form does; the messages the article page then shows."""
    response = client.post(f"/review/proposals/{p.uid}/", form)
    assert response.status_code == 302
    assert response["Location"] == f"/review/{p.source_id}/#{p.uid}"
    page = client.get(response["Location"])
    return " ".join(re.findall(r'<li class="(?:success|error)">(.*?)</li>', page.content.decode()))


def test_a_visitor_is_sent_to_log_in_and_an_editor_may_not_review(source: Source) -> None:
    response = Client().get(f"/review/{source.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/review/{source.pk}/"
    editor = Client()
    editor.force_login(staff_user("ed", "editor"))
    assert editor.get(f"/review/{source.pk}/").status_code == 403
    p = the_release()
    assert editor.post(f"/review/proposals/{p.uid}/", {"action": "accept"}).status_code == 403
    assert Client().post(f"/review/proposals/{p.uid}/", {"action": "accept"}).status_code == 302
    p.refresh_from_db()
    assert p.status == ProposalStatus.PENDING


def test_a_reviewer_logs_in_on_the_site_and_lands_on_the_queue(source: Source) -> None:
    user = staff_user("alice", "reviewer")
    user.set_password("correct horse battery staple")
    user.save()
    client = Client()
    wrong = client.post("/login/", {"username": "alice", "password": "nope"})
    assert wrong.status_code == 200
    assert "did not match" in wrong.content.decode()
    response = client.post(
        "/login/", {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/review/"
    queue = client.get("/review/").content.decode()
    assert source.title in queue
    pending = Proposal.objects.filter(status=ProposalStatus.PENDING).count()
    assert f'<td data-count="pending">{pending}</td>' in queue


def test_the_article_page_highlights_each_proposals_evidence_beside_it(
    client: Client, source: Source
) -> None:
    body = client.get(f"/review/{source.pk}/").content.decode()
    release = the_release()
    # Each proposal is on the page, and the text holds a highlighted span that links to it.
    for p in Proposal.objects.all():
        assert f'id="{p.uid}"' in body
        assert f'id="ev-{p.uid}"' in body
    marked = re.findall(r"<mark data-proposals=\"([^\"]*)\">(.*?)</mark>", body, re.S)
    assert any(release.uid in uids.split() for uids, _ in marked)
    evidence = release.evidence[0]["text"]
    highlighted = "".join(text for uids, text in marked if release.uid in uids.split())
    assert " ".join(evidence.split()[:6]) in " ".join(highlighted.replace("<br>", " ").split())
    # On an empty registry every name is a new person.
    assert "new person" in body
    assert "Maxim Snak" in body


def test_a_name_the_registry_holds_shows_the_person_it_matched(db: None) -> None:
    znak = Person.objects.create()
    PersonName.objects.create(person=znak, value="Maksim Znak", kind="primary")
    registry_index.reset()
    call_command("ingest", str(EXAMPLE), stdout=io.StringIO())
    client = Client()
    client.force_login(staff_user("rev", "reviewer"))
    body = client.get(f"/review/{Source.objects.get().pk}/").content.decode()
    row = re.search(r'<li data-name="Maxim Snak">(.*?)</li>', body, re.S)
    assert row is not None
    assert "Maksim Znak" in row.group(1)
    assert znak.uid in row.group(1)


def test_accepting_on_the_page_creates_the_records_once(client: Client, source: Source) -> None:
    release = the_release()
    assert "accepted" in decide(client, release, action="accept")
    release.refresh_from_db()
    assert release.status == ProposalStatus.ACCEPTED
    assert release.reviewed_by is not None
    assert release.reviewed_by.get_username() == "rev"
    events = Event.objects.filter(type="release").count()
    assert events == 4
    decide(client, release, action="accept")
    assert Event.objects.filter(type="release").count() == events
    page = client.get(f"/review/{source.pk}/").content.decode()
    assert "Accepted by rev" in page


def test_rejecting_needs_a_reason_and_keeps_it(client: Client, source: Source) -> None:
    estimate = proposal("estimate")
    said = decide(client, estimate, action="reject", reason="   ")
    assert "give the reason" in said
    estimate.refresh_from_db()
    assert estimate.status == ProposalStatus.PENDING
    decide(client, estimate, action="reject", reason="figure  from another year")
    estimate.refresh_from_db()
    assert estimate.status == ProposalStatus.REJECTED
    assert estimate.reason == "figure from another year"
    said = decide(client, estimate, action="accept")
    assert "cannot be accepted" in said


def test_a_corrected_proposal_is_accepted_as_corrected_and_the_history_keeps_both(
    client: Client, source: Source
) -> None:
    arrest = proposal("arrest")
    names = [p["name"] for p in arrest.proposal["persons"]]
    form: dict[str, object] = {
        "action": "save_accept",
        "date": "2020-09-07",
        "country": "by",
        "count_value": "",
        "person_name": names,
    }
    decide(client, arrest, **form)
    arrest.refresh_from_db()
    assert arrest.status == ProposalStatus.ACCEPTED
    assert (arrest.proposal["date"], arrest.proposal["date_precision"]) == ("2020-09-07", "day")
    event = Event.objects.get(type="arrest")
    assert (event.date.isoformat(), event.date_precision, event.country) == (
        "2020-09-07",
        "day",
        "BY",
    )
    before = [h.proposal.get("date") for h in arrest.history.order_by("history_id")]
    assert before[0] == "2020-09"
    assert "2020-09-07" in before
    assert arrest.history.filter(history_user__username="rev").exists()


def test_a_name_can_be_attached_to_another_existing_person(client: Client, source: Source) -> None:
    znak = Person.objects.create()
    PersonName.objects.create(person=znak, value="Maksim Znak", kind="primary")
    release = the_release()
    names = [p["name"] for p in release.proposal["persons"]]
    snak = names.index("Maxim Snak")
    form: dict[str, object] = {
        "action": "save_accept",
        "date": release.proposal["date"],
        "country": release.proposal["country"],
        "release_kind": "deal",
        "count_qualifier": "exact",
        "count_value": "123",
        "person_name": names,
        "person_id": ["" if i != snak else znak.uid for i in range(len(names))],
    }
    decide(client, release, **form)
    assert Person.objects.filter(names__value="Maxim Snak").count() == 0
    assert znak.events.filter(type="release", release_kind="deal").count() == 1
    assert Person.objects.count() == 1 + len(names) - 1


def test_a_name_that_is_not_someone_it_happened_to_can_be_left_out(
    client: Client, source: Source
) -> None:
    release = the_release()
    names = [p["name"] for p in release.proposal["persons"]]
    decide(client, release, action="save", person_name=names, person_drop=["0"], count_value="123")
    release.refresh_from_db()
    assert [p["name"] for p in release.proposal["persons"]] == names[1:]
    assert release.status == ProposalStatus.PENDING


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("date", "2020-13-45", "date: '2020-13-45' is not a calendar date"),
        ("date", "next week", "date: 'next week' is not a date"),
        ("date", "2999-01-01", "date: 2999-01-01 is in the future"),
        ("country", "ZZ", "country: 'ZZ' is not an ISO 3166-1 alpha-2 country code"),
        ("country", "Belarus", "country: Ensure this value has at most 2 characters"),
        ("count_value", "-5", "count_value: Ensure this value is greater than or equal to 0"),
        ("count_value", "many", "count_value: Enter a whole number"),
        ("count_qualifier", "roughly", "count_qualifier: Select a valid choice"),
        ("release_kind", "<script>", "release_kind: Select a valid choice"),
        ("date", "x" * 100_000, "date: Ensure this value has at most 10 characters"),
    ],
)
def test_a_bad_correction_says_what_is_wrong_and_changes_nothing(
    client: Client, source: Source, field: str, value: str, said: str
) -> None:
    release = the_release()
    before = release.proposal
    form: dict[str, object] = {"action": "save_accept", "count_value": "123", field: value}
    message = decide(client, release, **form)
    assert said in message.replace("&#x27;", "'")
    release.refresh_from_db()
    assert release.proposal == before
    assert release.status == ProposalStatus.PENDING


def test_attaching_a_name_to_a_person_who_does_not_exist_is_refused(
    client: Client, source: Source
) -> None:
    release = the_release()
    names = [p["name"] for p in release.proposal["persons"]]
    message = decide(
        client,
        release,
        action="save_accept",
        count_value="123",
        person_name=names,
        person_id=["p-nobody"] + [""] * (len(names) - 1),
    )
    assert "no registry person p-nobody" in message
    release.refresh_from_db()
    assert release.status == ProposalStatus.PENDING
    assert Person.objects.count() == 0


def test_an_unknown_action_and_a_get_change_nothing(client: Client, source: Source) -> None:
    release = the_release()
    assert "unknown action" in decide(client, release, action="delete")
    assert client.get(f"/review/proposals/{release.uid}/").status_code == 405
    assert client.post("/review/proposals/p-nonexistent/", {"action": "accept"}).status_code == 404
    release.refresh_from_db()
    assert release.status == ProposalStatus.PENDING


def test_a_decision_without_the_csrf_token_is_refused(reviewer: User, source: Source) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    release = the_release()
    assert client.post(f"/review/proposals/{release.uid}/", {"action": "accept"}).status_code == 403
    release.refresh_from_db()
    assert release.status == ProposalStatus.PENDING
