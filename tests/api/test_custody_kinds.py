"""Kinds of custody where readers and staff meet them: the people filter `custody=` of the API
and the site, the held by kind in `/api/v1/stats`, the JSON Lines record, the data-entry rules
and the admin's event form. Dates are chosen for the arithmetic; names are invented."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from rollcall.events.models import Event
from rollcall.events.validation import event_problems
from rollcall.stats.queries import compute
from tests.cast import log_in, person, staff_user
from tests.interchange.conftest import wipe_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds() -> None:
    person(
        "Maria Moved",
        events=[
            ("arrest", "2020-09-07", "BY", {"custody_kind": "pre_trial"}),
            ("sentence", "2021-09-06", "BY", {"sentence_kind": "term", "custody_kind": "prison"}),
        ],
        uid="moved",
    )
    person(
        "Ihar Khimiya",
        events=[
            (
                "sentence",
                "2023-02-01",
                "BY",
                {"sentence_kind": "non_custodial", "custody_kind": "restricted_freedom"},
            )
        ],
        uid="khimiya",
    )
    person(
        "Freed To Trial",
        events=[
            ("arrest", "2021-05-01", "RU", {"custody_kind": "pre_trial"}),
            ("transfer", "2021-08-01", "RU", {"custody_kind": "trial_while_free"}),
        ],
        uid="on-trial",
    )
    person("Kind Unknown", events=[("arrest", "2021-01-10", "BY")], uid="unknown-kind")


def ids(client: Client, query: str) -> set[str]:
    response = client.get(f"/api/v1/people?{query}&limit=500")
    assert response.status_code == 200, response.content
    return {p["id"] for p in response.json()["items"]}


def test_the_custody_filter_finds_people_by_their_kind_of_custody_today(
    client: Client, kinds: None
) -> None:
    assert ids(client, "custody=prison") == {"moved"}
    assert ids(client, "custody=restricted_freedom") == {"khimiya"}
    assert ids(client, "custody=trial_while_free") == {"on-trial"}
    assert ids(client, "custody=pre_trial") == set()  # Maria's sentence changed her kind
    assert ids(client, "custody=prison&status=held") == {"moved"}
    assert ids(client, "custody=trial_while_free&status=held") == set()
    assert ids(client, "custody=") == ids(client, "status=")  # empty means any
    assert client.get("/api/v1/people?custody=colony").status_code == 422


def test_the_site_search_offers_and_applies_the_same_filter(client: Client, kinds: None) -> None:
    page = client.get("/people/?custody=restricted_freedom").content.decode()
    assert 'name="custody"' in page
    assert '<option value="restricted_freedom" selected>' in page
    assert "Ihar Khimiya" in page
    assert "Maria Moved" not in page
    response = client.get("/people.csv?custody=prison")
    csv_text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert "Maria Moved" in csv_text
    assert "Ihar Khimiya" not in csv_text


def test_the_stats_api_gives_the_held_by_kind_adding_up_to_the_held(
    client: Client, kinds: None
) -> None:
    answer = client.get("/api/v1/stats?as_of=2024-01-01").json()
    expected = compute(date(2024, 1, 1)).as_json()
    assert answer["held_by_custody_kind"] == expected["held_by_custody_kind"]
    by_kind = {row["custody_kind"]: row["held"] for row in answer["held_by_custody_kind"]}
    assert by_kind == {
        "pre_trial": 0,
        "prison": 1,
        "house_arrest": 0,
        "restricted_freedom": 1,
        "psychiatric": 0,
        None: 1,
    }
    assert sum(by_kind.values()) == answer["totals"]["held"] == 3


def test_a_persons_events_carry_their_kind_of_custody(client: Client, kinds: None) -> None:
    events = client.get("/api/v1/people/moved").json()["events"]
    assert [e["custody_kind"] for e in events] == ["pre_trial", "prison"]


def export_jsonl() -> str:
    out = io.StringIO()
    call_command("export", "--format", "jsonl", stdout=out)
    return out.getvalue()


def test_the_kind_of_custody_round_trips_through_json_lines(tmp_path: Any, kinds: None) -> None:
    first = export_jsonl()
    kinds_exported = {
        record["id"]: [e["custody_kind"] for e in record["events"]]
        for record in map(json.loads, first.splitlines())
    }
    assert kinds_exported["moved"] == ["pre_trial", "prison"]
    assert kinds_exported["unknown-kind"] == [""]
    path = tmp_path / "people.jsonl"
    path.write_text(first, encoding="utf-8")
    wipe_registry()
    call_command("import_list", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert export_jsonl() == first
    assert Event.objects.get(person__uid="khimiya").custody_kind == "restricted_freedom"


def test_a_record_without_kinds_is_read_as_kinds_not_given(tmp_path: Any) -> None:
    record = {
        "schema": "rollcall.person/1",
        "id": "no-kinds",
        "names": [{"value": "Older Export", "kind": "primary"}],
        "events": [{"type": "arrest", "date": "2021-01-10", "country": "BY"}],
    }
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    call_command("import_list", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Event.objects.get(person__uid="no-kinds").custody_kind == ""


def problems_of(**fields: Any) -> list[tuple[str, str]]:
    holder = person("Entered By Hand")
    event = Event(person=holder, country="BY", date=date(2022, 1, 1), **fields)
    return [(p.field, p.message) for p in event_problems(event)]


def test_data_entry_refuses_a_kind_of_custody_where_it_cannot_be() -> None:
    (release,) = problems_of(type="release", custody_kind="prison")
    assert release[0] == "custody_kind"
    assert "Only an arrest, a sentence or a transfer" in release[1]
    (trial,) = problems_of(type="sentence", sentence_kind="term", custody_kind="trial_while_free")
    assert trial[0] == "custody_kind"
    assert "A sentence ends the trial" in trial[1]
    (prison,) = problems_of(type="sentence", sentence_kind="non_custodial", custody_kind="prison")
    assert prison[0] == "custody_kind"
    assert "non-custodial sentence" in prison[1]
    khimiya = problems_of(
        type="sentence", sentence_kind="non_custodial", custody_kind="restricted_freedom"
    )
    assert khimiya == []
    assert problems_of(type="transfer", custody_kind="house_arrest") == []


def test_the_admins_event_form_shows_the_kind_of_custody(client: Client) -> None:
    log_in(client, staff_user("editor", "editor"))
    page = client.get("/admin/events/event/add/").content.decode()
    assert 'name="custody_kind"' in page
    assert "restricted freedom with referral (khimiya)" in page
