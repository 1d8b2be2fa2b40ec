"""The read API against its own OpenAPI document, under Schemathesis.

Schemathesis reads the API's OpenAPI document and sends each GET route requests the document
allows and requests it forbids, over real HTTP to `rollcall serve --demo` (the `served_demo`
fixture, on 127.0.0.1). Every answer must be no server error, carry a status, content type and
body the document declares, and a request the document allows must not be refused. A parameter
bound or format missing from the document, or a 500 behind one, fails here.

The cases are made at collection from the document the code builds (Schemathesis's loading from
a fixture does not run under pytest 9), and a test checks that the server serves that same
document. The run is bounded: every enum value and boundary once (about 800 cases), then
`MAX_EXAMPLES` random ones per route. It is deterministic: derandomised with a fixed seed, and
drawing from the document alone. Hypothesis also mixes in literals it finds in whatever local
modules happen to be imported (and stops reading them after a time limit), so the cases changed
with the rest of the suite, the code of the day and the machine's load: a whole-suite run once
drew a name long enough to be refused by the server. Hypothesis and Schemathesis write nothing
into the working tree.

A request line longer than gunicorn takes (`REQUEST_LINE_LIMIT`) is answered 414 before Django
sees it. Every request the document allows fits, which a test checks against the longest one
(each text at its `maxLength` in four-byte characters, 12 bytes once percent-encoded). Requests
the document forbids may be longer (a name past its `maxLength`), so every route declares 414.

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
from unittest import mock
from urllib.parse import quote

import hypothesis.configuration
import pytest
import requests
import schemathesis
from django.test import Client
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from rollcall.api.routes import api
from rollcall.demo.load import load_demo
from rollcall.web.management.commands.serve import REQUEST_LINE_LIMIT

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiCase

API_ROOT = "/api/v1/"
# 𠎈: four bytes in UTF-8, so twelve in a URL.
WIDEST_CHARACTER = "\U00020388"
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


@pytest.fixture(scope="module")
def cases_from_the_document_alone() -> Iterator[None]:
    """Keep Hypothesis from drawing literals out of whatever local modules are imported.

    Which modules those are, what they hold and how many of them are read before Hypothesis's
    time limit all vary between runs; the document does not. Hypothesis has no setting for this,
    hence its internal hook, and its cache of constants is emptied on the way in and out.
    """
    with mock.patch.object(providers, "_get_local_constants", Constants):
        providers.CONSTANTS_CACHE.cache.clear()
        yield
    providers.CONSTANTS_CACHE.cache.clear()


def longest_allowed(parameter: dict[str, Any]) -> str:
    """The allowed value of `parameter` that takes the most bytes in a URL."""
    schema = parameter["schema"]
    if "enum" in schema:
        return max((str(value) for value in schema["enum"]), key=lambda value: len(quote(value)))
    if schema["type"] == "integer":
        return max(str(schema["minimum"]), str(schema["maximum"]), key=len)
    if schema.get("format") == "date":
        return "2099-12-31"
    assert "maxLength" in schema, f"{parameter['name']} has no bound on its length"
    return WIDEST_CHARACTER * schema["maxLength"]


def request_line(prepared: requests.PreparedRequest) -> str:
    return f"{prepared.method} {prepared.path_url} HTTP/1.1"


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", [path for path in DOCUMENT["paths"] if "get" in DOCUMENT["paths"][path]]
)
def test_the_longest_request_the_document_allows_is_not_refused_as_too_long(
    path: str, served_demo: str, http: requests.Session
) -> None:
    operation = DOCUMENT["paths"][path]["get"]
    values = {p["name"]: longest_allowed(p) for p in operation.get("parameters", [])}
    path_values = {
        p["name"]: values.pop(p["name"]) for p in operation["parameters"] if p["in"] == "path"
    }
    url = served_demo + path.format(
        **{name: quote(value, safe="") for name, value in path_values.items()}
    )
    prepared = http.prepare_request(requests.Request("GET", url, params=values))
    assert len(request_line(prepared).encode()) <= REQUEST_LINE_LIMIT
    answer = http.send(prepared, timeout=30)
    assert answer.status_code != 414
    assert str(answer.status_code) in {str(status) for status in operation["responses"]}


@pytest.mark.slow
def test_a_request_line_past_the_servers_limit_is_refused_with_the_documented_414(
    served_demo: str, http: requests.Session
) -> None:
    name = WIDEST_CHARACTER * (REQUEST_LINE_LIMIT // 12 + 1)
    case = read_api[f"{API_ROOT}match"]["GET"].Case(query={"name": name})
    answer = case.call_and_validate(base_url=served_demo, session=http, checks=CHECKS, timeout=30)
    assert answer.status_code == 414


@pytest.mark.slow
def test_the_served_openapi_document_is_the_one_the_cases_are_made_from(served_demo: str) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{served_demo}{API_ROOT}openapi.json", timeout=30) as answer:
        assert json.load(answer) == DOCUMENT


@pytest.mark.slow
@read_api.parametrize()
def test_every_request_is_answered_as_the_openapi_document_says(
    case: OpenApiCase, served_demo: str, http: requests.Session, cases_from_the_document_alone: None
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
