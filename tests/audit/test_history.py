"""Every change to a record is kept with who, when and what, and can be listed per record."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from rollcall.audit.changes import changes
from tests.cast import log_in, person, staff_user

pytestmark = pytest.mark.django_db


def test_it_lists_creation_and_each_change_with_its_fields() -> None:
    p = person("Maryia Kalesnikava", uid="audit-1")
    p.gender = "female"
    p.save()
    p.visibility = "anonymous"
    p.save()
    entries = changes("person", "audit-1")
    assert [e["action"] for e in entries] == ["created", "changed", "changed"]
    assert entries[1]["changes"]["gender"] == ("", "female")
    assert entries[2]["changes"]["visibility"] == ("public", "anonymous")


def test_it_records_who_made_a_change_through_the_site(client: Client) -> None:
    admin = staff_user("admin", "admin")
    p = person("Ihar Losik", uid="audit-2")
    log_in(client, admin)
    response = client.post(
        f"/admin/people/person/{p.pk}/change/",
        {
            "uid": "audit-2",
            "gender": "male",
            "birth_precision": "year",
            "visibility": "public",
            "publication": "published",
            "note": "edited by hand",
            **{
                f"{prefix}-{key}": value
                for prefix in ("names", "external_ids", "citizenships", "events")
                for key, value in [
                    ("TOTAL_FORMS", "0"),
                    ("INITIAL_FORMS", "0"),
                    ("MIN_NUM_FORMS", "0"),
                    ("MAX_NUM_FORMS", "1000"),
                ]
            },
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    last = changes("person", "audit-2")[-1]
    assert last["who"] == "admin"
    assert last["changes"]["note"] == ("", "edited by hand")


def test_the_history_command_prints_each_change(capsys: pytest.CaptureFixture[str]) -> None:
    p = person("Mikalai Statkevich", uid="audit-3")
    p.note = "re-sentenced"
    p.save()
    call_command("history", "person", "audit-3", "--format", "json")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["action"] for line in lines] == ["created", "changed"]
    assert lines[1]["changes"] == {"note": ["", "re-sentenced"]}


def test_events_are_audited_too() -> None:
    p = person("Ihar Karnei", events=[("arrest", "2023-02-01", "BY")])
    event = p.events.get()
    event.date_precision = "month"
    event.save()
    assert [e["action"] for e in changes("event", str(event.pk))] == ["created", "changed"]


def test_it_names_an_unknown_record() -> None:
    with pytest.raises(CommandError, match="id: no person 'nobody'"):
        call_command("history", "person", "nobody")
