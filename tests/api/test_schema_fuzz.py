"""The read API against its own OpenAPI document, under Schemathesis.

Schemathesis reads the API's OpenAPI document and sends each GET route requests the document
allows and requests it forbids, over real HTTP to `rollcall serve --demo` (the `served_demo`
fixture, on 127.0.0.1). Every answer must be no server error, carry a status, content type and
body the document declares, and a request the document allows must not be refused. A parameter
bound or format missing from the document, or a 500 behind one, fails here.

The cases are made at collection from the document the code builds (Schemathesis's loading from
a fixture does not run under pytest 9), and a test checks that the server serves that same
document. The run is deterministic (derandomised, fixed seed) and bounded: every enum value and
boundary once (about 800 cases), then `MAX_EXAMPLES` random ones per route. Hypothesis and
Schemathesis write nothing into the working tree.

Requests that once made a server error are kept below as plain examples, which also run on
PostgreSQL (the served registry is always SQLite).
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import hypothesis.configuration
import pytest
import requests
import schemathesis
from django.test import Client
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from rollcall.api.routes import api
from rollcall.demo.load import load_demo

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiCase

API_ROOT = "/api/v1/"
SEED = 20251213
MAX_EXAMPLES = 25
CHECKS: list[CheckFunction] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    positive_data_acceptance,
]

# Hypothesis keeps caches in `.hypothesis/` of the working directory, and fills them as soon as
# the cases below are made: point it at a temporary directory first.
HYPOTHESIS_HOME = Path(tempfile.mkdtemp(prefix="rollcall-hypothesis-"))
hypothesis.configuration.set_hypothesis_home_dir(HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, HYPOTHESIS_HOME, ignore_errors=True)

DOCUMENT: dict[str, Any] = api.get_openapi_schema(path_prefix=API_ROOT)
read_api = schemathesis.openapi.from_dict(
    DOCUMENT,
    config=schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "cache": {"enabled": False},
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
        }
    ),
).include(method="GET")


@pytest.fixture(scope="module")
def http() -> Iterator[requests.Session]:
    """A session straight to the server, whatever proxy the environment names."""
    with requests.Session() as session:
        session.trust_env = False
        yield session


@pytest.mark.slow
def test_the_served_openapi_document_is_the_one_the_cases_are_made_from(served_demo: str) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{served_demo}{API_ROOT}openapi.json", timeout=30) as answer:
        assert json.load(answer) == DOCUMENT


@pytest.mark.slow
@read_api.parametrize()
def test_every_request_is_answered_as_the_openapi_document_says(
    case: OpenApiCase, served_demo: str, http: requests.Session
) -> None:
    case.call_and_validate(base_url=served_demo, session=http, checks=CHECKS, timeout=30)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status", "refused"),
    [
        # Past the 64-bit integers of SQLite and of PostgreSQL's OFFSET.
        ("people?offset=99999999999999999999", 422, ["query", "offset"]),
        # PostgreSQL refuses NUL in text.
        ("people?q=%00", 422, ["query", "q"]),
        ("people/%00", 422, ["path", "person_id"]),
        # A series of 96,000 months, and no month after December 9999 to end it.
        ("stats?as_of=9999-12-31&series=month", 422, ["query", "as_of"]),
        # 𠎈, a Han character the romaniser cannot read.
        ("match?name=%F0%A0%8E%88", 200, None),
        ("people?q=%F0%A0%8E%88", 200, None),
    ],
)
def test_a_request_that_once_made_a_server_error_is_answered_as_documented(
    client: Client, path: str, status: int, refused: list[str] | None
) -> None:
    response = client.get(f"{API_ROOT}{path}")
    assert response.status_code == status, response.content
    if refused is not None:
        assert [problem["loc"] for problem in response.json()["detail"]] == [refused]


@pytest.mark.django_db
def test_empty_filters_mean_no_filter_and_country_codes_may_be_lower_case(client: Client) -> None:
    load_demo()

    def get(path: str) -> Any:
        response = client.get(f"{API_ROOT}{path}")
        assert response.status_code == 200, response.content
        return response.json()

    every = get("people")
    assert every["count"] > 0
    assert get("people?q=&status=&country=") == every
    assert get("people?country=by") == get("people?country=BY") == every
    assert get("stats?as_of=&country=by&series=&from=") == get("stats?country=BY")
    assert get("events?type=&from=&to=") == get("events")
