"""Who may see whom, on every page: the site, the read API, the admin and the exports.

Every test starts from the fixed cast of tests/cast.py: a public, an anonymous, a hidden and a
draft person, and a visitor, an editor, a reviewer and an admin. The pages are listed once, in
PAGES: a new page is one new line there, and it is then checked for every role against every cast
person. The rules (docs/data-model.md, `visibility` and `publication`):

- anonymous people are counted in every figure, but never named to anyone without staff rights;
- hidden and draft people never appear publicly: not in lists, not by id (404), not in figures;
- staff see everyone, in the API and in the admin;
- the admin sends visitors to its login page; reviewers may view, editors may also add and
  change, and only admins delete or manage users (rollcall/accounts/roles.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote, unquote

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http.response import HttpResponseBase

from rollcall.accounts.roles import REGISTRY_APPS
from rollcall.interchange.management.commands.export import Command as ExportCommand
from rollcall.people.models import Person
from tests.cast import HELD_ON, PEOPLE, ROLES, STAFF, Cast, Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(shared_cast: Cast) -> Cast:
    """Every test here starts from the cast and undoes its changes: one cast serves them all."""
    return shared_cast


# Whose names each role may read.
NAMED_TO: dict[str, frozenset[str]] = {
    "visitor": frozenset({"public"}),
    **{role: frozenset(PEOPLE) for role in STAFF},
}
# Who the public figures count: anonymous people are counted although never named.
COUNTED = frozenset({"public", "anonymous"})
# What each role may do in the admin ("users": the user and group pages) and on the staff pages
# ("review": decide what an article's proposed facts become).
MAY: dict[str, frozenset[str]] = {
    "visitor": frozenset(),
    "reviewer": frozenset({"view", "review"}),
    "editor": frozenset({"view", "add", "change"}),
    "admin": frozenset({"view", "add", "change", "delete", "users", "review"}),
}


class Shows(Enum):
    EVERYONE = "everyone"  # names every person the role may see
    ONE = "one"  # is about the one person its URL gives by {uid}, {pk} or {name}
    # ({collective}: the collective event the person's release was part of)
    NOBODY = "nobody"  # names no one: figures, forms, documentation


@dataclass(frozen=True)
class Page:
    url: str
    shows: Shows
    needs: str | None = None  # what the role must be allowed (MAY) to open it; None: public
    missing: int = 200  # the answer about a person the role may not see

    def __str__(self) -> str:
        return self.url


PAGES = [
    # The public site
    Page("/", Shows.EVERYONE),
    Page("/feed.atom", Shows.NOBODY),
    Page("/sitemap.xml", Shows.NOBODY),
    Page("/robots.txt", Shows.NOBODY),
    Page("/people/", Shows.EVERYONE),
    Page("/people/?q={name}", Shows.ONE),
    Page("/people/{uid}/", Shows.ONE, missing=404),
    Page("/people.csv", Shows.EVERYONE),
    Page("/collective/", Shows.NOBODY),
    Page("/collective/{collective}/", Shows.EVERYONE),
    Page("/stats/", Shows.NOBODY),
    Page("/stats/?series=year&from=2020-01-01", Shows.NOBODY),
    Page("/stats/by-country.csv", Shows.NOBODY),
    Page("/letters/", Shows.NOBODY),
    # The same pages in Belarusian and Russian (names in Cyrillic first)
    Page("/be/", Shows.EVERYONE),
    Page("/ru/people/", Shows.EVERYONE),
    Page("/be/people/{uid}/", Shows.ONE, missing=404),
    Page("/ru/collective/{collective}/", Shows.EVERYONE),
    Page("/ru/letters/", Shows.NOBODY),
    # The read API
    Page("/api/v1/people?limit=500", Shows.EVERYONE),
    Page("/api/v1/people?q={name}", Shows.ONE),
    Page("/api/v1/people/{uid}", Shows.ONE, missing=404),
    Page("/api/v1/events?limit=1000", Shows.EVERYONE),
    Page("/api/v1/events?type=release&limit=1000", Shows.EVERYONE),
    Page("/api/v1/stats", Shows.NOBODY),
    Page("/api/v1/stats?series=month&from=2020-01-01", Shows.NOBODY),
    Page("/api/v1/match?name={name}", Shows.ONE),
    Page("/api/v1/openapi.json", Shows.NOBODY),
    Page("/api/v1/docs", Shows.NOBODY),
    # The staff pages
    Page("/review/", Shows.NOBODY, needs="review"),
    Page("/staff/people/", Shows.NOBODY, needs="view"),
    Page("/staff/people/{uid}/", Shows.ONE, needs="view"),
    Page("/staff/imports/", Shows.NOBODY, needs="view"),
    Page("/staff/duplicates/", Shows.NOBODY, needs="view"),
    # The admin
    Page("/admin/", Shows.NOBODY, needs="view"),
    Page("/admin/people/person/", Shows.EVERYONE, needs="view"),
    Page("/admin/people/person/?q={name}", Shows.ONE, needs="view"),
    Page("/admin/people/person/{pk}/change/", Shows.ONE, needs="view"),
    Page("/admin/people/person/{pk}/history/", Shows.ONE, needs="view"),
    Page("/admin/people/person/{pk}/delete/", Shows.ONE, needs="delete"),
    Page("/admin/events/event/", Shows.EVERYONE, needs="view"),
    Page("/admin/auth/user/", Shows.NOBODY, needs="users"),
    Page("/admin/auth/group/", Shows.NOBODY, needs="users"),
]


def _admin_model_pages() -> list[Page]:
    """The list and add page of every registry model in the admin, so a new model is covered
    without a line here."""
    listed = {page.url for page in PAGES}
    admin.autodiscover()  # as the URLs do at their first load: no request has been made yet
    pages = []
    for label in REGISTRY_APPS:
        for model in apps.get_app_config(label).get_models():
            if not admin.site.is_registered(model):
                continue
            meta = model._meta
            base = f"/admin/{meta.app_label}/{meta.model_name}/"
            pages += [Page(base, Shows.NOBODY, "view"), Page(f"{base}add/", Shows.NOBODY, "add")]
    return [page for page in pages if page.url not in listed]


ALL_PAGES = PAGES + _admin_model_pages()


def naming(member: Member, url: str) -> list[str]:
    """The strings that would name `member` on a page, less those the URL itself holds (a search
    may echo its query)."""
    return [s for s in (member.uid, *member.spellings) if s not in unquote(url)]


def fill(url: str, member: Member) -> str:
    collective = member.person.events.exclude(collective=None).values("collective").first()
    return url.format(
        uid=member.uid,
        pk=member.person.pk,
        name=quote(member.name),
        collective=collective["collective"] if collective else None,
    )


def assert_refused(response: HttpResponseBase, role: str, url: str) -> None:
    """A visitor is sent to a login page (the admin's, or the site's for the staff pages); staff
    without the permission get a 403."""
    if role == "visitor":
        assert response.status_code == 302, url
        login = "/admin/login/" if url.startswith("/admin/") else "/login/"
        assert response["Location"].startswith(f"{login}?next="), url
    else:
        assert response.status_code == 403, (role, url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ALL_PAGES, ids=str)
def test_each_page_names_only_the_people_the_role_may_see(
    cast: Cast, page: Page, role: str
) -> None:
    client = cast.client(role)
    about: list[Member | None] = list(cast.people.values()) if "{" in page.url else [None]
    for subject in about:
        url = fill(page.url, subject) if subject else page.url
        response = client.get(url)
        # A download (the people CSV) is streamed.
        chunks = response.streaming_content if response.streaming else [response.content]
        body = b"".join(chunks).decode()
        if page.needs is not None and page.needs not in MAY[role]:
            assert_refused(response, role, url)
            continue
        seen = subject is None or subject.kind in NAMED_TO[role]
        assert response.status_code == (200 if seen else page.missing), (role, url)
        for member in cast.people.values():
            names = naming(member, url)
            if member.kind not in NAMED_TO[role]:
                leaked = [s for s in names if s in body]
                assert not leaked, f"{url} names the {member.kind} person to a {role}: {leaked}"
            elif page.shows is Shows.EVERYONE or (page.shows is Shows.ONE and member is subject):
                assert any(s in body for s in names), f"{url} hides {member.kind} from a {role}"


@pytest.mark.parametrize("role", ROLES)
def test_anonymous_people_are_counted_and_hidden_or_draft_people_are_not(
    cast: Cast, role: str
) -> None:
    client = cast.client(role)
    # HELD_ON the whole cast is held; by today the whole cast has been released.
    totals = client.get(f"/api/v1/stats?as_of={HELD_ON}").json()["totals"]
    assert totals["held"] == len(COUNTED)
    home = client.get("/").content.decode()
    assert f'data-figure="released">{len(COUNTED)}<' in home


@pytest.mark.parametrize("role", ROLES)
def test_lists_count_only_the_people_the_role_may_see(cast: Cast, role: str) -> None:
    client = cast.client(role)
    assert client.get("/api/v1/people").json()["count"] == len(NAMED_TO[role])
    released = client.get("/api/v1/events?type=release").json()
    # The collective release, and one release of each person the role may see.
    assert released["count"] == 1 + len(NAMED_TO[role])
    (collective,) = [e for e in released["items"] if e["kind"] == "collective"]
    assert len(collective["persons"]) == len(NAMED_TO[role])


def _change_form(cast: Cast, url: str, **changes: str) -> dict[str, str]:
    """The admin's change form at `url` as a browser posts it, with `changes` made.

    Read from the page itself (as the admin sees it), so the test follows the form when fields
    or inlines are added. The inlines are posted empty, which leaves their rows as they are.
    """
    page = cast.client("admin").get(url)
    assert page.status_code == 200, url
    form = page.context["adminform"].form
    data = {
        name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields
    }
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | changes


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_admins_change_a_person_in_the_admin(cast: Cast, role: str) -> None:
    # A copy of its own: the cast's instance is shared with the module's other tests.
    hidden = Person.objects.get(pk=cast.people["hidden"].person.pk)
    url = f"/admin/people/person/{hidden.pk}/change/"
    response = cast.client(role).post(url, _change_form(cast, url, note="identity confirmed"))
    hidden.refresh_from_db()
    if "change" in MAY[role]:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == "/admin/people/person/"
        assert hidden.note == "identity confirmed"
    else:
        assert_refused(response, role, url)
        assert hidden.note == ""


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_delete_a_person_in_the_admin(cast: Cast, role: str) -> None:
    draft = cast.people["draft"].person
    url = f"/admin/people/person/{draft.pk}/delete/"
    response = cast.client(role).post(url, {"post": "yes"})
    if "delete" in MAY[role]:
        assert response.status_code == 302
        assert not Person.objects.filter(pk=draft.pk).exists()
    else:
        assert_refused(response, role, url)
        assert Person.objects.filter(pk=draft.pk).exists()


def _export_formats() -> list[str]:
    """Every format `rollcall export --format` accepts, so a new one is checked unasked."""
    parser = ExportCommand().create_parser("rollcall", "export")
    (option,) = [a for a in parser._actions if "--format" in a.option_strings]
    return list(option.choices or ())


@pytest.mark.parametrize("fmt", _export_formats())
def test_exports_name_only_what_a_visitor_may_see(cast: Cast, fmt: str) -> None:
    out = io.StringIO()
    call_command("export", "--format", fmt, stdout=out, stderr=io.StringIO())
    body = out.getvalue()
    for member in cast.people.values():
        if member.kind in NAMED_TO["visitor"]:
            assert member.uid in body
        else:
            leaked = [s for s in naming(member, "") if s in body]
            assert not leaked, f"the {fmt} export names the {member.kind} person: {leaked}"


@pytest.mark.parametrize("role", STAFF)
def test_the_cast_staff_are_made_as_rollcall_createuser_makes_them(
    cast: Cast, role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLLCALL_PASSWORD", "a-long-password-1")
    call_command("createuser", f"new-{role}", "--role", role, stdout=io.StringIO())
    made = User.objects.get(username=f"new-{role}")
    ours = cast.users[role]
    assert ours is not None

    def rights(user: User) -> tuple[bool, bool, list[str], set[str]]:
        groups = list(user.groups.values_list("name", flat=True))
        return (user.is_staff, user.is_superuser, groups, user.get_all_permissions())

    assert rights(ours) == rights(made)
