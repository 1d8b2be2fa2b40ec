"""What each role may see and do on every route, read from the URL configuration itself.

Every route the site serves (walked from Django's URL resolver, the API's routes included) must
have a rule in RULES, or `test_every_route_the_site_serves_has_a_rule` fails: a new page, form or
API route cannot ship without saying who may use it. Each rule is asked of every role (a
visitor, an editor, a reviewer, an admin) and, where the route is about a person, of every kind
of person (public, anonymous, hidden, draft: tests/cast.py), and the answer's status must be the
one the rule gives. What a page names once it answers is checked in tests/test_access.py; the
admin's pages, generated per model, are checked there for every model it registers.

The rules (docs/staff.md, docs/api.md):
- the public site and the read API answer everyone; a person's page answers only those who may
  see the person (404 otherwise: anonymous, hidden and draft people are staff-only);
- the staff pages send a visitor to log in and answer any staff role; reviewing articles and
  publishing need a reviewer or an admin (403 for an editor);
- the API's writes answer a visitor 401; creating records and adding events need an editor or an
  admin, publishing a reviewer or an admin (403 otherwise).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from rollcall.duplicates.merging import merge
from rollcall.ingest.models import Proposal
from tests.api.test_writes import record
from tests.cast import PEOPLE, ROLES, Cast
from tests.duplicates.pairs import flagged_pair
from tests.ingest.test_extract_command import EXAMPLE
from tests.test_access import NAMED_TO

pytestmark = pytest.mark.django_db

Answer = Callable[[str, str], int]  # (role, kind of person) → the status expected


def everyone(status: int = 200) -> Answer:
    return lambda role, kind: status


def shown_to(role: str, kind: str) -> int:
    """A page about one person: there for whoever may see them, else as if they did not exist."""
    return 200 if kind in NAMED_TO[role] else 404


def staff_page(needs: str | None = None, done: int = 200) -> Answer:
    """A staff page: a visitor logs in first (302); a role without `needs` is refused (403)."""

    def answer(role: str, kind: str) -> int:
        if role == "visitor":
            return 302
        return 403 if needs is not None and role not in MAY[needs] else done

    return answer


def api_write(needs: str, done: int) -> Answer:
    """An API write: a visitor is not authenticated (401); a role without `needs`, 403."""

    def answer(role: str, kind: str) -> int:
        if role == "visitor":
            return 401
        return done if role in MAY[needs] else 403

    return answer


# Which staff roles may do what (rollcall/accounts/roles.py).
MAY = {
    "review": {"reviewer", "admin"},
    "publish": {"reviewer", "admin"},
    "write": {"editor", "admin"},
}


@dataclass(frozen=True)
class Ask:
    """One request, and the status each role and kind of person gets for it.

    `url` may hold {uid} (the person asked about: asked once per kind), {collective} (the cast's
    release), {source} and {proposal} (an ingested article and one of its proposals), {flag}
    and {merge} (a likely duplicate awaiting a decision, and a merge of another).
    """

    method: str
    url: str
    answers: Answer
    body: Callable[[str, str], dict[str, Any]] | None = None
    data: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.method} {self.url}"


def new_record(role: str, kind: str) -> dict[str, Any]:
    return record(f"matrix-{role}-{kind}")


def re_arrest(role: str, kind: str) -> dict[str, Any]:
    """An arrest after the cast's release, which the data-entry rules accept for everyone."""
    return {"type": "arrest", "date": "2025-09-01", "country": "BY"}


API = "/api/v1"
RULES: dict[str, tuple[Ask, ...]] = {
    # The public site
    "": (Ask("GET", "/", everyone()), Ask("GET", "/be/", everyone())),
    "people/": (Ask("GET", "/people/", everyone()), Ask("GET", "/ru/people/?q=x", everyone())),
    "people.csv": (Ask("GET", "/people.csv", everyone()),),
    "people/<str:person_id>/": (
        Ask("GET", "/people/{uid}/", shown_to),
        Ask("GET", "/be/people/{uid}/", shown_to),
    ),
    "collective/": (Ask("GET", "/collective/", everyone()),),
    "collective/<int:collective_id>/": (Ask("GET", "/collective/{collective}/", everyone()),),
    "letters/": (Ask("GET", "/letters/", everyone()),),
    "stats/": (Ask("GET", "/stats/", everyone()),),
    "stats/<slug:slug>.csv": (
        Ask("GET", "/stats/held.csv", everyone()),
        Ask("GET", "/stats/no-such-chart.csv", everyone(404)),
    ),
    "feed.atom": (Ask("GET", "/feed.atom", everyone()),),
    "sitemap.xml": (Ask("GET", "/sitemap.xml", everyone()),),
    "robots.txt": (Ask("GET", "/robots.txt", everyone()),),
    # Logging in and out (the flows themselves: tests/security/)
    "login/": (Ask("GET", "/login/", everyone()),),
    "login/code/": (
        Ask("GET", "/login/code/", lambda role, kind: 302),  # no password step under way
    ),
    "login/two-factor/": (Ask("GET", "/login/two-factor/", staff_page()),),
    "logout/": (Ask("GET", "/logout/", everyone(405)), Ask("POST", "/logout/", everyone(302))),
    # Reviewing what articles report
    "review/": (Ask("GET", "/review/", staff_page("review")),),
    "review/<int:source_id>/": (Ask("GET", "/review/{source}/", staff_page("review")),),
    "review/proposals/<str:uid>/": (
        Ask("GET", "/review/proposals/{proposal}/", everyone(405)),
        Ask(
            "POST",
            "/review/proposals/{proposal}/",
            staff_page("review", done=302),
            data={"action": "reject", "reason": "not about a political prisoner"},
        ),
    ),
    # The staff's own pages about people
    "staff/people/": (Ask("GET", "/staff/people/", staff_page()),),
    "staff/people/<str:uid>/": (Ask("GET", "/staff/people/{uid}/", staff_page()),),
    "staff/people/<str:uid>/publication/": (
        Ask("GET", "/staff/people/{uid}/publication/", everyone(405)),
        Ask(
            "POST",
            "/staff/people/{uid}/publication/",
            staff_page("publish", done=302),
            data={"action": "publish"},
        ),
    ),
    # Import reports (a run that does not exist: staff are answered 404, a visitor logs in)
    "staff/imports/": (Ask("GET", "/staff/imports/", staff_page()),),
    "staff/imports/<int:run_id>/": (Ask("GET", "/staff/imports/0/", staff_page(done=404)),),
    # Likely duplicates: any staff role looks; reviewers and admins decide and undo
    "staff/duplicates/": (Ask("GET", "/staff/duplicates/", staff_page()),),
    "staff/duplicates/<int:flag_id>/": (Ask("GET", "/staff/duplicates/{flag}/", staff_page()),),
    "staff/duplicates/<int:flag_id>/decision/": (
        Ask("GET", "/staff/duplicates/{flag}/decision/", everyone(405)),
        Ask(
            "POST",
            "/staff/duplicates/{flag}/decision/",
            staff_page("review", done=302),
            data={"action": "keep_apart", "reason": "two people"},
        ),
    ),
    "staff/duplicates/merges/<int:merge_id>/undo/": (
        Ask("GET", "/staff/duplicates/merges/{merge}/undo/", everyone(405)),
        Ask("POST", "/staff/duplicates/merges/{merge}/undo/", staff_page("review", done=302)),
    ),
    # The API: its documents, its reads and its writes
    "api/v1/": (Ask("GET", f"{API}/", everyone(404)),),
    "api/v1/openapi.json": (Ask("GET", f"{API}/openapi.json", everyone()),),
    "api/v1/docs": (Ask("GET", f"{API}/docs", everyone()),),
    "api/v1/people": (
        Ask("GET", f"{API}/people", everyone()),
        Ask("POST", f"{API}/people", api_write("write", 201), body=new_record),
    ),
    "api/v1/people/<person_id>": (Ask("GET", f"{API}/people/{{uid}}", shown_to),),
    "api/v1/people/<person_id>/events": (
        Ask("POST", f"{API}/people/{{uid}}/events", api_write("write", 201), body=re_arrest),
    ),
    "api/v1/people/<person_id>/publish": (
        Ask("POST", f"{API}/people/{{uid}}/publish", api_write("publish", 200)),
    ),
    "api/v1/people/<person_id>/unpublish": (
        Ask("POST", f"{API}/people/{{uid}}/unpublish", api_write("publish", 200)),
    ),
    "api/v1/events": (Ask("GET", f"{API}/events", everyone()),),
    "api/v1/stats": (Ask("GET", f"{API}/stats", everyone()),),
    "api/v1/match": (Ask("GET", f"{API}/match?name=x", everyone()),),
}


def served_routes() -> set[str]:
    """Every route of the URL configuration, as its pattern reads (the admin's apart)."""

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return {
        route for route in walk(get_resolver().url_patterns, "") if not route.startswith("admin/")
    }


def test_every_route_the_site_serves_has_a_rule() -> None:
    served = served_routes()
    assert not served - RULES.keys(), "routes without a rule here"
    assert not RULES.keys() - served, "rules for routes the site no longer serves"


@pytest.fixture
def cast(shared_cast: Cast) -> Cast:
    return shared_cast


@pytest.fixture
def article() -> tuple[int, str]:
    """An ingested article and the uid of one of its proposals."""
    call_command("ingest", str(EXAMPLE), stdout=io.StringIO())
    first = Proposal.objects.order_by("source_id", "position").first()
    assert first is not None, "the example article proposed nothing"
    return first.source_id, first.uid


@pytest.fixture
def duplicate(cast: Cast) -> tuple[int, int]:
    """A flag awaiting a decision, and a merge (of another flag) that may be undone."""
    pending = flagged_pair("matrix-a")
    merged = merge(flagged_pair("matrix-b"), cast.users["admin"], "one person")
    return pending.pk, merged.pk


ASKS = [(route, ask) for route, asks in RULES.items() for ask in asks]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("route", "ask"), ASKS, ids=[f"{r or '/'}: {a}" for r, a in ASKS])
def test_each_role_gets_the_answer_the_rule_gives(
    cast: Cast, request: pytest.FixtureRequest, route: str, ask: Ask, role: str
) -> None:
    kinds = PEOPLE if "{uid}" in ask.url else ("public",)
    source, proposal = (
        request.getfixturevalue("article")
        if "{source}" in ask.url or "{proposal}" in ask.url
        else (0, "")
    )
    flag, merge = (
        request.getfixturevalue("duplicate")
        if "{flag}" in ask.url or "{merge}" in ask.url
        else (0, 0)
    )
    for kind in kinds:
        client: Client = cast.client(role)
        url = ask.url.format(
            uid=cast.people[kind].uid,
            collective=cast.release.pk,
            source=source,
            proposal=proposal,
            flag=flag,
            merge=merge,
        )
        if ask.body is not None:
            response = client.generic(
                ask.method,
                url,
                data=json.dumps(ask.body(role, kind)),
                content_type="application/json",
            )
        elif ask.method == "POST":
            response = client.post(url, ask.data)
        else:
            response = client.get(url)
        expected = ask.answers(role, kind)
        assert response.status_code == expected, (role, kind, str(ask), response.content[:300])
