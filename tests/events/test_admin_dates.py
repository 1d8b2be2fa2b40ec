"""The admin refuses dates of things that happened when they are still to come.

An arrest, a release, a birth, a publication or a collective release dated after tomorrow is a
typing error, and the figures would count it; a sentence's end (`term_ends_on`) looks ahead by
nature and is accepted.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import HttpResponse
from django.test import Client

from rollcall.collective.models import CollectiveEvent
from rollcall.events.models import Event
from rollcall.sources.models import Source
from tests.cast import person
from tests.events.admin_pages import add_inline_row, admin_client, form_errors, page_form, post

pytestmark = pytest.mark.django_db

LATER = date.today() + timedelta(days=2)
TOMORROW = date.today() + timedelta(days=1)


@pytest.fixture
def admin() -> Client:
    return admin_client()


def field_errors(response: HttpResponse) -> dict[str, list[str]]:
    assert response.status_code == 200, "the form is shown again with its errors"
    form = response.context["adminform"].form  # type: ignore[attr-defined]
    return {name: list(errors) for name, errors in form.errors.items()}


def future(day: date) -> list[str]:
    return [f"{day.isoformat()} is in the future"]


def test_an_event_dated_after_tomorrow_is_refused_on_its_date(admin):
    losik = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    data = page_form(admin, "/admin/events/event/add/", has="type")
    data.update(person=[str(losik.pk)], type=["release"], date=[LATER.isoformat()])

    response = post(admin, "/admin/events/event/add/", data)

    assert field_errors(response) == {"date": future(LATER)}
    assert losik.events.count() == 1


def test_an_event_dated_tomorrow_and_a_term_ending_years_ahead_are_accepted(admin):
    losik = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    data = page_form(admin, "/admin/events/event/add/", has="type")
    ends = date(date.today().year + 5, 6, 25)
    data.update(
        person=[str(losik.pk)],
        type=["sentence"],
        date=[TOMORROW.isoformat()],  # a day of slack for time zones ahead of the server's
        sentence_kind=["term"],
        term_ends_on=[ends.isoformat()],
    )

    response = post(admin, "/admin/events/event/add/", data)

    assert response.status_code == 302, form_errors(response)
    assert Event.objects.get(person=losik, type="sentence").term_ends_on == ends


def test_an_event_added_inline_dated_after_tomorrow_is_refused(admin):
    losik = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    url = f"/admin/people/person/{losik.pk}/change/"
    data = page_form(admin, url, has="uid")
    add_inline_row(data, "events", type="release", date=LATER.isoformat(), country="BY")

    response = post(admin, url, data)

    assert response.status_code == 200
    (events,) = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "events"
    ]
    assert [errors for errors in events.formset.errors if errors] == [{"date": future(LATER)}]
    assert losik.events.count() == 1


def test_a_birth_date_after_tomorrow_is_refused(admin):
    losik = person("Ihar Losik")
    url = f"/admin/people/person/{losik.pk}/change/"
    data = page_form(admin, url, has="uid")
    data.update(birth_date=[LATER.isoformat()], birth_precision=["day"])

    response = post(admin, url, data)

    assert field_errors(response) == {"birth_date": future(LATER)}
    losik.refresh_from_db()
    assert losik.birth_date is None


def test_a_source_published_after_tomorrow_is_refused(admin):
    data = page_form(admin, "/admin/sources/source/add/", has="title")
    data.update(title=["Released"], kind=["article"], published_on=[LATER.isoformat()])

    response = post(admin, "/admin/sources/source/add/", data)

    assert field_errors(response) == {"published_on": future(LATER)}
    assert not Source.objects.exists()


def test_a_collective_event_dated_after_tomorrow_is_refused(admin):
    data = page_form(admin, "/admin/collective/collectiveevent/add/", has="title")
    data.update(
        title=["Release of political prisoners"],
        type=["release"],
        country=["BY"],
        date=[LATER.isoformat()],
    )

    response = post(admin, "/admin/collective/collectiveevent/add/", data)

    assert field_errors(response) == {"date": future(LATER)}
    assert not CollectiveEvent.objects.exists()
