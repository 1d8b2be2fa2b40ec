"""The write API against its own OpenAPI document, under Schemathesis, with an admin's token.

As the read routes are fuzzed (tests/api/test_schema_fuzz.py), every write route is sent the
bodies, ids and parameters its document allows and forbids, over real HTTP to `rollcall serve`
on the demo registry, as an admin whose token `rollcall createtoken` printed: the one role that
may make every write. Every answer must be no server error, and carry a status, a content type
and a body the document declares. Refusals are expected: a schema-valid record may still break a
data-entry rule (a 422 naming its field), and most drawn ids name nobody (a 404).

Drawn ids almost never name a person, so each person route is also sent drawn bodies for a demo
person who exists, and the same routes are asked without a token (401, as documented).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.test_schema_fuzz import (
    API_ROOT,
    DOCUMENT,
    MAX_EXAMPLES,
    SEED,
    cases_from_the_document_alone,  # noqa: F401 - a fixture used by name
)
from tests.conftest import run_rollcall, served

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiCase

CHECKS: list[CheckFunction] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
write_api = schemathesis.openapi.from_dict(
    DOCUMENT,
    config=schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "cache": {"enabled": False},
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
        }
    ),
).include(method="POST")
PERSON_ROUTES = [
    path
    for path in DOCUMENT["paths"]
    if "{person_id}" in path and "post" in DOCUMENT["paths"][path]
]


@pytest.fixture(scope="module")
def served_as_admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """The demo registry served, an admin's token, and the id of a published demo person."""
    workdir: Path = tmp_path_factory.mktemp("served-write-fuzz")
    run_rollcall(workdir, "migrate")
    password = {"ROLLCALL_PASSWORD": "a long admin password for the fuzzer"}
    run_rollcall(workdir, "createuser", "fuzzer", "--role", "admin", env=password)
    token = run_rollcall(workdir, "createtoken", "fuzzer").strip()
    with served(workdir, "--demo") as base_url:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"{base_url}{API_ROOT}people?limit=1", timeout=30) as answer:
            (someone,) = json.load(answer)["items"]
        yield base_url, token, someone["id"]


@pytest.fixture(scope="module")
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        session.trust_env = False  # straight to the server, whatever proxy the environment names
        yield session


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.slow
@write_api.parametrize()
def test_every_write_is_answered_as_the_openapi_document_says(
    case: OpenApiCase,
    served_as_admin: tuple[str, str, str],
    http: requests.Session,
    cases_from_the_document_alone: None,  # noqa: F811 - the fixture imported above
) -> None:
    base_url, token, _ = served_as_admin
    case.call_and_validate(
        base_url=base_url, session=http, checks=CHECKS, headers=bearer(token), timeout=30
    )


@pytest.mark.slow
@pytest.mark.parametrize("path", PERSON_ROUTES)
def test_writes_about_a_person_who_exists_are_answered_as_documented(
    path: str,
    served_as_admin: tuple[str, str, str],
    http: requests.Session,
    cases_from_the_document_alone: None,  # noqa: F811 - the fixture imported above
) -> None:
    base_url, token, someone = served_as_admin
    operation = write_api[path]["POST"]
    answered: set[int] = set()

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        case.path_parameters = {"person_id": someone}
        answer = case.call_and_validate(
            base_url=base_url, session=http, checks=CHECKS, headers=bearer(token), timeout=30
        )
        answered.add(answer.status_code)

    check()
    # The person exists: some drawn body must have got past the 404 to the route's own work.
    assert answered - {404}, f"{path}: every case was answered 404"


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in DOCUMENT["paths"] if "post" in DOCUMENT["paths"][p]])
def test_a_write_without_a_token_is_a_documented_401(
    path: str, served_as_admin: tuple[str, str, str], http: requests.Session
) -> None:
    base_url, _, someone = served_as_admin
    url = base_url + path.replace("{person_id}", someone)
    answer = http.post(url, json={}, timeout=30)
    assert answer.status_code == 401
    assert "401" in DOCUMENT["paths"][path]["post"]["responses"]
