"""Every way events are written leaves figures that follow from the events.

Each test writes through one real writer (the admin over HTTP with CSRF checks on, an import
command, the demo loader) and then recomputes everyone's custody from the events alone: the
stored custody, the published counts and each person's status must all equal the recomputation.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from rollcall.demo.load import load_demo
from rollcall.events.custody import writing_events
from rollcall.events.models import CustodyInterval, Event
from rollcall.events.status import Status, status_of, with_status
from rollcall.people.models import Person
from rollcall.stats.queries import totals
from tests.cast import person
from tests.events.admin_pages import (
    add_inline_row,
    admin_client,
    form_errors,
    forms,
    inline_row,
    page_form,
    post,
)
from tests.events.figures import assert_figures_follow_the_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def timelines() -> dict[str, Person]:
    """Held and sentenced; released into exile; held, anonymously; held."""
    return {
        "losik": person(
            "Ihar Losik",
            uid="by-losik",
            events=[
                ("arrest", "2020-06-25", "BY"),
                ("sentence", "2021-12-14", "BY", {"sentence_kind": "term"}),
            ],
        ),
        "kalesnikava": person(
            "Maria Kalesnikava",
            uid="by-kalesnikava",
            events=[
                ("arrest", "2020-09-07", "BY"),
                ("release", "2025-12-13", "BY", {"release_kind": "deal"}),
                ("deportation", "2025-12-13", "BY", {"destination": "UA"}),
            ],
        ),
        "anonymous": person(
            "Anonymous Prisoner",
            uid="by-anonymous",
            visibility="anonymous",
            events=[("arrest", "2022-03-01", "BY")],
        ),
        "statkevich": person(
            "Mikalai Statkevich", uid="by-statkevich", events=[("arrest", "2020-05-31", "BY")]
        ),
    }


@pytest.fixture
def admin() -> Client:
    return admin_client()


def status(p: Person) -> str:
    return status_of(with_status(Person.objects.filter(pk=p.pk), date.today()).get())


def held_today() -> int:
    return totals(date.today()).held


def event_of(p: Person, kind: str) -> Event:
    return Event.objects.get(person=p, type=kind)


# The admin: one event at a time


def test_adding_an_event_in_the_admin_keeps_the_figures_true(timelines, admin):
    losik = timelines["losik"]
    data = page_form(admin, "/admin/events/event/add/", has="type")
    data.update(
        person=[str(losik.pk)],
        type=["release"],
        date=["2025-06-21"],
        date_precision=["day"],
        country=["BY"],
        release_kind=["pardon"],
    )
    response = post(admin, "/admin/events/event/add/", data)

    assert response.status_code == 302, form_errors(response)
    assert status(losik) == Status.RELEASED
    assert_figures_follow_the_events()


def test_changing_an_event_in_the_admin_keeps_the_figures_true(timelines, admin):
    held_before = held_today()
    arrest = event_of(timelines["anonymous"], "arrest")
    url = f"/admin/events/event/{arrest.pk}/change/"
    data = page_form(admin, url, has="type")
    data["type"] = ["charge"]  # the source said charged in absentia, not arrested
    response = post(admin, url, data)

    assert response.status_code == 302, form_errors(response)
    assert held_today() == held_before - 1
    assert_figures_follow_the_events()


def test_reverting_an_event_to_an_earlier_version_in_the_admin_keeps_the_figures_true(
    timelines, admin
):
    anonymous = timelines["anonymous"]
    arrest = event_of(anonymous, "arrest")
    first = arrest.history.earliest()
    arrest.type = "charge"
    with writing_events(events=[arrest]):
        arrest.save()
    assert status(anonymous) == Status.UNKNOWN

    url = f"/admin/events/event/{arrest.pk}/history/{first.history_id}/"
    response = post(admin, url, page_form(admin, url, has="type"))

    assert response.status_code == 302, form_errors(response)
    assert status(anonymous) == Status.HELD
    assert_figures_follow_the_events()


def test_moving_an_event_to_another_person_in_the_admin_re_derives_both(timelines, admin):
    kalesnikava, statkevich = timelines["kalesnikava"], timelines["statkevich"]
    release = event_of(kalesnikava, "release")
    url = f"/admin/events/event/{release.pk}/change/"
    data = page_form(admin, url, has="type")
    data["person"] = [str(statkevich.pk)]  # the release was filed under the wrong person
    response = post(admin, url, data)

    assert response.status_code == 302, form_errors(response)
    assert status(statkevich) == Status.RELEASED
    assert_figures_follow_the_events()


def test_deleting_one_event_in_the_admin_keeps_the_figures_true(timelines, admin):
    held_before = held_today()
    arrest = event_of(timelines["anonymous"], "arrest")
    url = f"/admin/events/event/{arrest.pk}/delete/"
    response = post(admin, url, page_form(admin, url, has="post"))

    assert response.status_code == 302
    assert not Event.objects.filter(pk=arrest.pk).exists()
    assert held_today() == held_before - 1
    assert_figures_follow_the_events()


# The admin: many events at once


def bulk_delete(client: Client, changelist: str, ids: list[int]) -> None:
    """Tick records on a change list, choose "Delete selected", and confirm."""
    data = page_form(client, changelist, has="action")
    data.update(action=["delete_selected"], _selected_action=[str(pk) for pk in ids])
    confirm = post(client, changelist, data)
    assert confirm.status_code == 200, "the confirmation page"
    (answer,) = [f.data() for f in forms(confirm.content.decode()) if "post" in f.data()]
    done = post(client, changelist, answer)
    assert done.status_code == 302, form_errors(done)


def test_a_bulk_delete_in_the_admin_keeps_the_held_count_true(timelines, admin):
    kalesnikava = timelines["kalesnikava"]
    held_before = held_today()
    freed = Event.objects.filter(person=kalesnikava, type__in=["release", "deportation"])

    bulk_delete(admin, "/admin/events/event/", list(freed.values_list("pk", flat=True)))

    assert not freed.exists()
    assert status(kalesnikava) == Status.HELD
    assert held_today() == held_before + 1
    assert_figures_follow_the_events()


def test_a_crash_while_re_deriving_after_a_bulk_delete_leaves_the_registry_whole(
    timelines, admin, monkeypatch
):
    events_before = sorted(Event.objects.values_list("pk", flat=True))
    custody_before = sorted(CustodyInterval.objects.values_list("person_id", "start", "end"))

    def crash(*_: object) -> None:
        raise RuntimeError("the server went down while deriving custody")

    monkeypatch.setattr("rollcall.events.custody.derive_custody", crash)
    freed = Event.objects.filter(person=timelines["kalesnikava"], type="release")
    with pytest.raises(RuntimeError, match="went down"):
        bulk_delete(admin, "/admin/events/event/", list(freed.values_list("pk", flat=True)))
    monkeypatch.undo()

    assert sorted(Event.objects.values_list("pk", flat=True)) == events_before
    assert sorted(CustodyInterval.objects.values_list("person_id", "start", "end")) == (
        custody_before
    )
    assert_figures_follow_the_events()


# The admin: people, and their events inline


def test_deleting_a_person_in_the_admin_keeps_the_figures_true(timelines, admin):
    losik = timelines["losik"]
    url = f"/admin/people/person/{losik.pk}/delete/"
    response = post(admin, url, page_form(admin, url, has="post"))

    assert response.status_code == 302
    assert not Person.objects.filter(pk=losik.pk).exists()
    assert not CustodyInterval.objects.filter(person_id=losik.pk).exists()
    assert_figures_follow_the_events()


def test_a_bulk_delete_of_people_in_the_admin_keeps_the_figures_true(timelines, admin):
    gone = [timelines["kalesnikava"].pk, timelines["anonymous"].pk]

    bulk_delete(admin, "/admin/people/person/", gone)

    assert not Person.objects.filter(pk__in=gone).exists()
    assert not CustodyInterval.objects.filter(person_id__in=gone).exists()
    assert_figures_follow_the_events()


def test_adding_an_event_inline_in_the_person_admin_keeps_the_figures_true(timelines, admin):
    losik = timelines["losik"]
    url = f"/admin/people/person/{losik.pk}/change/"
    data = page_form(admin, url, has="uid")
    add_inline_row(
        data,
        "events",
        type="release",
        date="2025-06-21",
        date_precision="day",
        country="BY",
        release_kind="pardon",
    )
    response = post(admin, url, data)

    assert response.status_code == 302, form_errors(response)
    assert status(losik) == Status.RELEASED
    assert_figures_follow_the_events()


def test_changing_and_deleting_events_inline_in_the_person_admin_keeps_the_figures_true(
    timelines, admin
):
    kalesnikava = timelines["kalesnikava"]
    url = f"/admin/people/person/{kalesnikava.pk}/change/"
    data = page_form(admin, url, has="uid")
    data[inline_row(data, "events", event_of(kalesnikava, "deportation").pk) + "DELETE"] = ["on"]
    release = inline_row(data, "events", event_of(kalesnikava, "release").pk)
    data[release + "type"] = ["transfer"]
    data[release + "release_kind"] = [""]  # a transfer frees nobody (events/validation.py)
    response = post(admin, url, data)

    assert response.status_code == 302, form_errors(response)
    assert status(kalesnikava) == Status.HELD
    assert_figures_follow_the_events()


# Imports and the demo


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


def test_a_csv_import_keeps_the_figures_true(timelines, write):
    rows = (
        "id,name,country,detained_on,released_on,release_kind,destination\n"
        "by-losik,Ihar Losik,BY,2020-06-25,2025-06-21,pardon,\n"  # an update: released
        "by-anonymous,Anonymous Prisoner,BY,2021-03-01,,,\n"  # an update: arrested earlier
        "by-new,Nasta Loika,BY,2022-10-28,,,\n"  # a new person, held
        "by-gone,Ales Pushkin,BY,2021-03-26,2023-07-11,other,\n"  # a new person, released
    )
    call_command("import_list", str(write("list.csv", rows)), stdout=io.StringIO())

    assert status(Person.objects.get(uid="by-losik")) == Status.RELEASED
    assert status(Person.objects.get(uid="by-new")) == Status.HELD
    assert_figures_follow_the_events()


def exported_records() -> dict[str, dict[str, object]]:
    out = io.StringIO()
    call_command("export", "--format", "jsonl", stdout=out)
    return {record["id"]: record for record in map(json.loads, out.getvalue().splitlines())}


def test_a_json_lines_import_keeps_the_figures_true(timelines, write):
    records = exported_records()
    kalesnikava = records["by-kalesnikava"]
    # A corrected record: the release and deportation were someone else's.
    kalesnikava["events"] = [e for e in kalesnikava["events"] if e["type"] == "arrest"]  # type: ignore[attr-defined,index]
    new = {
        "schema": "rollcall.person/1",
        "id": "by-new",
        "names": [{"value": "Nasta Loika", "kind": "primary"}],
        "events": [{"type": "arrest", "date": "2022-10-28", "country": "BY"}],
    }
    text = "".join(json.dumps(record) + "\n" for record in (kalesnikava, new))
    call_command("import_list", str(write("people.jsonl", text)), stdout=io.StringIO())

    assert status(Person.objects.get(uid="by-kalesnikava")) == Status.HELD
    assert status(Person.objects.get(uid="by-new")) == Status.HELD
    assert_figures_follow_the_events()


def test_loading_the_demo_keeps_the_figures_true():
    assert load_demo()
    assert CustodyInterval.objects.exists()
    assert_figures_follow_the_events()


def test_loading_the_demo_over_a_registry_keeps_the_figures_true(timelines):
    assert load_demo(force=True)
    assert_figures_follow_the_events()
