"""The staff person pages: drafts, hidden and anonymous people in full, with their history,
to every staff role; visitors are sent to log in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcall.people.publishing import set_publication
from tests.cast import PEOPLE, STAFF, Cast

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", STAFF)
@pytest.mark.parametrize("kind", PEOPLE)
def test_staff_see_every_record_in_full(cast: Cast, role: str, kind: str) -> None:
    member = cast.people[kind]
    response = cast.client(role).get(f"/staff/people/{member.uid}/")
    assert response.status_code == 200
    page = response.content.decode()
    for spelling in member.spellings:
        assert spelling in page
    arrest = member.person.events.get(type="arrest")
    assert f"/admin/events/event/{arrest.pk}/change/" in page
    assert f"/admin/people/person/{member.person.pk}/change/" in page
    assert "Detained" in page or f"{member.name} detained" in page  # the cited source


@pytest.mark.parametrize("url", ["/staff/people/", "/staff/people/cast-draft/"])
def test_a_visitor_is_sent_to_the_login_page(cast: Cast, url: str) -> None:
    response = cast.client("visitor").get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_the_list_shows_drafts_hidden_and_anonymous_people_and_not_public_ones(
    cast: Cast,
) -> None:
    page = cast.client("editor").get("/staff/people/").content.decode()
    for kind in ("draft", "hidden", "anonymous"):
        assert cast.people[kind].name in page
    assert cast.people["public"].name not in page
    assert page.index(cast.people["draft"].name) < page.index(cast.people["hidden"].name)


def test_only_those_who_may_publish_are_offered_the_button(cast: Cast) -> None:
    url = "/staff/people/cast-draft/"
    assert "/publication/" not in cast.client("editor").get(url).content.decode()
    page = cast.client("reviewer").get(url).content.decode()
    assert 'action="/staff/people/cast-draft/publication/"' in page
    assert "csrfmiddlewaretoken" in page


def test_the_history_shows_who_published_and_who_changed_an_event(cast: Cast) -> None:
    draft = cast.people["draft"].person
    reviewer = cast.users["reviewer"]
    assert reviewer is not None
    set_publication(draft, "published", reviewer)
    arrest = draft.events.get(type="arrest")
    arrest.regime = "general"
    arrest._history_user = cast.users["editor"]  # type: ignore[attr-defined]
    arrest.save()

    page = cast.client("admin").get(f"/staff/people/{draft.uid}/").content.decode()

    history = page[page.index('id="history"') :]
    assert 'data-reason="published"' in history
    published_row = history[history.index('data-reason="published"') :].split("</tr>")[0]
    assert "reviewer" in published_row
    assert "publication draft → published" in published_row
    assert "regime — → general" in history
    assert "editor" in history


def test_the_staff_page_is_never_cached(cast: Cast) -> None:
    response = cast.client("editor").get("/staff/people/cast-hidden/")
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_a_logged_in_user_without_staff_rights_is_refused(cast: Cast) -> None:
    outsider = User.objects.create_user("outsider")
    client = Client()
    client.force_login(outsider)
    assert client.get("/staff/people/cast-hidden/").status_code == 403


def test_the_admins_person_page_links_to_the_staff_page(cast: Cast) -> None:
    hidden = cast.people["hidden"]
    page = cast.client("editor").get(f"/admin/people/person/{hidden.person.pk}/change/")
    assert f'href="/staff/people/{hidden.uid}/"' in page.content.decode()
