"""The API's writes: who may write what, what a write makes, and how bad input is answered.

Every test starts from the fixed cast (tests/cast.py) and writes as its staff: with an API token
as a script would (`Authorization: Bearer`), or with a logged-in session and its CSRF token as a
page would. The last test does it all over real HTTP, against `rollcall serve`, with the tokens
`rollcall createtoken` prints.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from django.contrib.auth.models import User
from django.test import Client

from rollcall.accounts.models import ApiToken
from rollcall.api.routes import api
from rollcall.api.write_schemas import REQUIRED
from rollcall.events.models import CustodyInterval, Event
from rollcall.people.models import Person
from tests.cast import Cast
from tests.conftest import run_rollcall, served

pytestmark = pytest.mark.django_db

API = "/api/v1"
WRITES = [
    ("/people", "post"),
    ("/people/{person_id}/events", "post"),
    ("/people/{person_id}/publish", "post"),
    ("/people/{person_id}/unpublish", "post"),
]


def record(uid: str = "api-hanna-sidarenka", **fields: Any) -> dict[str, Any]:
    """A person record of the JSON Lines import format: an arrest in 2024, cited."""
    return {
        "schema": "rollcall.person/1",
        "id": uid,
        "names": [{"value": "Hanna Sidarenka", "kind": "primary"}],
        "events": [
            {
                "type": "arrest",
                "date": "2024-03-02",
                "country": "BY",
                "sources": [{"url": "https://news.example.org/sidarenka", "title": "Detained"}],
            }
        ],
        **fields,
    }


class Writer:
    """A staff member's script: a client that sends their API token with every request."""

    def __init__(self, user: User | None) -> None:
        self.client = Client()
        self.token: ApiToken | None = None
        self.headers: dict[str, str] = {}
        if user is not None:
            self.token, secret = ApiToken.issue(user)
            self.headers = {"Authorization": f"Bearer {secret}"}

    def post(self, path: str, body: object = None) -> Any:
        data = "" if body is None else json.dumps(body)
        return self.client.post(
            f"{API}{path}", data, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def cast(shared_cast: Cast) -> Cast:
    return shared_cast


@pytest.fixture
def writers(cast: Cast) -> dict[str, Writer]:
    return {role: Writer(user) for role, user in cast.users.items()}


def visitor_get(path: str) -> Any:
    return Client().get(f"{API}{path}")


def held_now() -> int:
    response = visitor_get("/stats")
    assert response.status_code == 200, response.content
    return int(response.json()["totals"]["held"])


def refused_at(response: Any) -> list[list[object]]:
    assert response.status_code == 422, response.content
    return [problem["loc"] for problem in response.json()["detail"]]


@pytest.mark.parametrize(("path", "method"), WRITES)
def test_a_visitors_write_is_answered_401_with_the_scheme_to_use(
    cast: Cast, writers: dict[str, Writer], path: str, method: str
) -> None:
    response = writers["visitor"].post(path.format(person_id=cast.people["draft"].uid), record())
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert Person.objects.filter(uid="api-hanna-sidarenka").count() == 0


@pytest.mark.parametrize("kind", ["unknown", "revoked", "not a token at all"])
def test_a_bad_token_is_answered_401_and_writes_nothing(
    cast: Cast, writers: dict[str, Writer], kind: str
) -> None:
    editor = writers["editor"]
    assert editor.token is not None
    if kind == "unknown":
        editor.headers["Authorization"] = editor.headers["Authorization"][:-2] + "xx"
    elif kind == "revoked":
        editor.token.revoke()
    else:
        editor.headers["Authorization"] = "Bearer hunter2"
    response = editor.post("/people", record())
    assert response.status_code == 401
    assert response.json() == {"detail": "the API token is unknown or revoked"}
    assert not Person.objects.filter(uid="api-hanna-sidarenka").exists()


def test_a_bad_token_is_refused_even_beside_a_staff_session(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    editor = writers["editor"]
    editor.client.force_login(cast.users["editor"])
    editor.headers["Authorization"] = "Bearer rollcall_00000000_guessed"
    assert editor.post("/people", record()).status_code == 401


def test_an_editors_draft_is_neither_shown_nor_counted_until_a_reviewer_publishes_it(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    held_before = held_now()
    created = writers["editor"].post("/people", record(publication="published"))
    assert created.status_code == 201, created.content
    person = created.json()
    assert (person["id"], person["name"], person["publication"]) == (
        "api-hanna-sidarenka",
        "Hanna Sidarenka",
        "draft",
    )
    assert person["status"]["value"] == "held"
    assert visitor_get("/people/api-hanna-sidarenka").status_code == 404
    assert "Hanna Sidarenka" not in visitor_get("/people?limit=500").content.decode()
    assert held_now() == held_before

    refused = writers["editor"].post("/people/api-hanna-sidarenka/publish")
    assert refused.status_code == 403
    assert visitor_get("/people/api-hanna-sidarenka").status_code == 404

    published = writers["reviewer"].post("/people/api-hanna-sidarenka/publish")
    assert published.status_code == 200, published.content
    assert published.json()["publication"] == "published"
    assert visitor_get("/people/api-hanna-sidarenka").json()["name"] == "Hanna Sidarenka"
    assert held_now() == held_before + 1

    unpublished = writers["admin"].post("/people/api-hanna-sidarenka/unpublish")
    assert unpublished.json()["publication"] == "draft"
    assert visitor_get("/people/api-hanna-sidarenka").status_code == 404
    assert held_now() == held_before


def test_every_write_is_recorded_with_the_staff_member_who_made_it(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    writers["editor"].post("/people", record())
    writers["editor"].post(
        "/people/api-hanna-sidarenka/events",
        {"type": "release", "date": "2025-06-21", "country": "BY", "release_kind": "pardon"},
    )
    writers["reviewer"].post("/people/api-hanna-sidarenka/publish")
    person = Person.objects.get(uid="api-hanna-sidarenka")
    history = list(person.history.order_by("history_date", "history_id"))
    assert [(h.history_user.username, h.publication) for h in history] == [
        ("editor", "draft"),
        ("reviewer", "published"),
    ]
    assert history[-1].history_change_reason == "published"
    for event in person.events.all():
        (created,) = event.history.all()
        assert created.history_user == cast.users["editor"]


def test_an_event_added_through_the_api_changes_the_persons_custody(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    writers["editor"].post("/people", record())
    added = writers["editor"].post(
        "/people/api-hanna-sidarenka/events",
        {
            "type": "release",
            "date": "2025-06-21",
            "country": "BY",
            "release_kind": "deal",
            "destination": "LT",
            "sources": [{"url": "https://news.example.org/freed", "title": "Freed"}],
        },
    )
    assert added.status_code == 201, added.content
    assert added.json()["status"]["value"] == "deported"
    person = Person.objects.get(uid="api-hanna-sidarenka")
    (interval,) = CustodyInterval.objects.filter(person=person)
    assert (str(interval.start), str(interval.end), interval.destination) == (
        "2024-03-02",
        "2025-06-21",
        "LT",
    )
    release = person.events.get(type="release")
    assert release.citations.get().source.url == "https://news.example.org/freed"


def test_a_release_before_the_arrest_is_a_422_naming_the_date_and_writes_nothing(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    public = cast.people["public"]
    events_before = Event.objects.filter(person=public.person).count()
    response = writers["editor"].post(
        f"/people/{public.uid}/events", {"type": "release", "date": "2019-05-01", "country": "BY"}
    )
    assert refused_at(response) == [["body", "date"]]
    (problem,) = response.json()["detail"]
    assert "before the person's first arrest" in problem["msg"]
    assert Event.objects.filter(person=public.person).count() == events_before


def test_a_record_whose_own_events_disagree_is_refused_whole(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    bad = record()
    bad["events"].append(
        {"type": "release", "date": "2023-01-10", "country": "BY", "destination": "BY"}
    )
    response = writers["editor"].post("/people", bad)
    # The release (the body's second event) is before the arrest and takes the person nowhere;
    # the arrest, in turn, is after the release.
    assert sorted(map(str, refused_at(response))) == sorted(
        map(
            str,
            [
                ["body", "events", 0, "date"],
                ["body", "events", 1, "date"],
                ["body", "events", 1, "destination"],
            ],
        )
    )
    assert not Person.objects.filter(uid="api-hanna-sidarenka").exists()


@pytest.mark.parametrize(
    ("body", "place", "words"),
    [
        ("{not json", ["body"], "not JSON"),
        ([1, 2], ["body"], "not a JSON object"),
        ({"schema": "rollcall.person/1", "id": "x", "names": []}, ["body", "names"], "at least"),
        (record(colour="red"), ["body", "colour"], "unknown field"),
        (record(birth="2999"), ["body", "birth"], "future"),
        (record(note="a\x00b"), ["body", "note"], "NUL"),
        (record(sources={}), ["body", "sources"], "must be a list"),
        (
            record(events=[{"type": "sentence", "term_months": 10**20}]),
            ["body", "events", 0, "term_months"],
            "whole number",
        ),
        (
            record(events=[{"type": "arrest", "date": "2024-13-01"}]),
            ["body", "events", 0, "date"],
            "",
        ),
        (
            record(names=[{"value": "Hanna  Sidarenka", "kind": "primary"}]),
            ["body", "names", 0, "value"],
            "extra spaces",
        ),
    ],
)
def test_bad_input_is_a_422_that_names_the_field_and_says_what_is_wrong(
    cast: Cast, writers: dict[str, Writer], body: object, place: list[object], words: str
) -> None:
    editor = writers["editor"]
    response = (
        editor.client.post(
            f"{API}/people", body, content_type="application/json", headers=editor.headers
        )
        if isinstance(body, str)
        else editor.post("/people", body)
    )
    assert refused_at(response) == [place]
    assert words in response.json()["detail"][0]["msg"]


def test_an_article_the_registry_does_not_know_for_that_state_is_refused(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    public = cast.people["public"]
    response = writers["editor"].post(
        f"/people/{public.uid}/events",
        {
            "type": "charge",
            "date": "2020-09-01",
            "country": "BY",
            "articles": [{"number": "999.9"}],
        },
    )
    assert refused_at(response) == [["body", "articles"]]


def test_a_record_with_only_the_documented_required_fields_is_created(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    minimal = {"schema": "rollcall.person/1", "id": "api-minimal", "names": [{"value": "A B"}]}
    assert set(minimal) == set(REQUIRED[""])
    assert writers["editor"].post("/people", minimal).status_code == 201
    for field in REQUIRED[""]:
        lacking = {key: value for key, value in minimal.items() if key != field}
        lacking["id"] = lacking.get("id", "") and f"api-lacking-{field}"
        assert ["body", field] in refused_at(writers["editor"].post("/people", lacking))


def test_an_id_already_in_the_registry_is_a_409_and_changes_nothing(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    public = cast.people["public"]
    response = writers["editor"].post("/people", record(uid=public.uid))
    assert response.status_code == 409
    assert response.json()["detail"].startswith("id:")
    assert Person.objects.get(uid=public.uid).primary_name == public.name


@pytest.mark.parametrize("path", ["/people/nobody/events", "/people/nobody/publish"])
def test_a_write_to_an_unknown_person_is_a_404(writers: dict[str, Writer], path: str) -> None:
    response = writers["admin"].post(path, {"type": "arrest", "date": "2024-01-01"})
    assert response.status_code == 404
    assert response.json() == {"detail": "no person 'nobody'"}


def test_a_reviewer_may_publish_but_not_write_records(
    cast: Cast, writers: dict[str, Writer]
) -> None:
    assert writers["reviewer"].post("/people", record()).status_code == 403
    response = writers["reviewer"].post(
        f"/people/{cast.people['draft'].uid}/events", {"type": "transfer", "date": "2023-01-01"}
    )
    assert response.status_code == 403
    assert writers["admin"].post("/people", record()).status_code == 201


def test_the_tokens_last_use_is_recorded(cast: Cast, writers: dict[str, Writer]) -> None:
    editor = writers["editor"]
    assert editor.token is not None
    assert editor.token.last_used_at is None
    editor.post("/people", record())
    used = ApiToken.objects.get(pk=editor.token.pk).last_used_at
    assert used is not None
    assert used >= editor.token.created_at


def test_a_staff_session_writes_only_with_its_csrf_token(cast: Cast) -> None:
    page = Client(enforce_csrf_checks=True)
    page.force_login(cast.users["editor"])
    page.get("/api/v1/people")  # any page: the session and the CSRF cookie
    page.get("/login/")
    body = json.dumps(record())
    refused = page.post(f"{API}/people", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    csrf = page.cookies["csrftoken"].value
    created = page.post(
        f"{API}/people", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert created.status_code == 201, created.content
    history = Person.objects.get(uid="api-hanna-sidarenka").history.get()
    assert history.history_user == cast.users["editor"]


def test_every_write_route_is_in_the_openapi_document_with_its_bodies_and_security() -> None:
    # As served: JSON, with the statuses as text.
    document = json.loads(json.dumps(api.get_openapi_schema(path_prefix=f"{API}/")))
    schemes = document["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}
    for path, method in WRITES:
        operation = document["paths"][f"{API}{path}"][method]
        assert {"401", "403", "404", "422"} <= set(operation["responses"]), path
        ok = operation["responses"]["200" if path.endswith("publish") else "201"]
        assert ok["content"]["application/json"]["schema"], path
        assert {name for option in operation["security"] for name in option} == set(schemes)
        if not path.endswith("publish"):
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            assert body["type"] == "object"
            assert body["additionalProperties"] is False


@pytest.fixture(scope="module")
def served_registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """A served, empty registry with an editor and a reviewer, and a token for each."""
    workdir: Path = tmp_path_factory.mktemp("served-writes")
    run_rollcall(workdir, "migrate")
    tokens = []
    for name in ("editor", "reviewer"):
        password = {"ROLLCALL_PASSWORD": f"a long {name} password"}
        run_rollcall(workdir, "createuser", name, "--role", name, env=password)
        tokens.append(run_rollcall(workdir, "createtoken", name).strip())
    with served(workdir) as base_url:
        yield base_url, tokens[0], tokens[1]


@pytest.mark.slow
def test_over_http_an_editors_draft_appears_only_once_a_reviewer_publishes_it(
    served_registry: tuple[str, str, str],
) -> None:
    base_url, editor, reviewer = served_registry
    with requests.Session() as http:
        http.trust_env = False  # straight to the server, whatever proxy the environment names

        def post(path: str, token: str | None, body: object = None) -> requests.Response:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return http.post(f"{base_url}{API}{path}", json=body, headers=headers, timeout=30)

        assert post("/people", None, record()).status_code == 401
        assert post("/people", editor, record()).status_code == 201
        late = {"type": "release", "date": "2020-01-01", "country": "BY"}
        refused = post("/people/api-hanna-sidarenka/events", editor, late)
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "date"]
        assert http.get(f"{base_url}{API}/people/api-hanna-sidarenka").status_code == 404
        assert post("/people/api-hanna-sidarenka/publish", editor).status_code == 403
        assert post("/people/api-hanna-sidarenka/publish", reviewer).status_code == 200
        shown = http.get(f"{base_url}{API}/people/api-hanna-sidarenka", timeout=30)
        assert shown.json()["name"] == "Hanna Sidarenka"
