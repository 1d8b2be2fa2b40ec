"""Visitors' pages are kept per registry version, never shared with staff, and never stale."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from rollcall.people.models import PersonName
from rollcall.web.pagecache import HIT_HEADER
from tests.api.test_writes import record
from tests.cast import Cast
from tests.conftest import run_rollcall, served

pytestmark = pytest.mark.django_db


def fetch(client: Client, path: str) -> tuple[int, str, str | None]:
    response = client.get(path)
    return response.status_code, response.content.decode(), response.get(HIT_HEADER)


def test_a_visitors_second_visit_is_served_from_the_store_unchanged(cast: Cast) -> None:
    public = cast.people["public"]
    path = f"/people/{public.uid}/"
    first = fetch(Client(), path)
    second = fetch(Client(), path)
    assert first[:1] + first[2:] == (200, "miss")
    assert second == (200, first[1], "hit")


def test_a_name_added_after_a_page_was_stored_is_on_the_next_visit(cast: Cast) -> None:
    public = cast.people["public"]
    path = f"/people/{public.uid}/"
    assert "Ales Stored-Afterwards" not in fetch(Client(), path)[1]
    PersonName.objects.create(person=public.person, value="Ales Stored-Afterwards", kind="alias")
    status, body, hit = fetch(Client(), path)
    assert (status, hit) == (200, "miss")
    assert "Ales Stored-Afterwards" in body


def test_a_person_hidden_after_their_page_was_stored_is_gone_for_the_next_visitor(
    cast: Cast,
) -> None:
    public = cast.people["public"]
    path = f"/people/{public.uid}/"
    assert fetch(Client(), path)[0] == 200
    listing = fetch(Client(), "/people/")[1]
    assert public.uid in listing
    public.person.visibility = "hidden"
    public.person.save()
    assert fetch(Client(), path)[0] == 404
    assert public.uid not in fetch(Client(), "/people/")[1]


def test_staff_neither_fill_the_store_nor_are_served_from_it(cast: Cast) -> None:
    draft = cast.people["draft"]
    # A visitor's listing, stored: it leaves the draft out.
    visitor_listing = fetch(Client(), "/people/")
    assert draft.uid not in visitor_listing[1]
    assert fetch(Client(), "/people/")[2] == "hit"
    # An editor sees the draft: the visitor's copy is not served to them...
    status, body, hit = fetch(cast.client("editor"), "/people/")
    assert (status, hit) == (200, None)
    assert draft.uid in body
    # ...and their page, draft and all, is not served to the next visitor.
    assert draft.uid not in fetch(Client(), "/people/")[1]


def test_each_language_and_each_query_is_a_page_of_its_own(cast: Cast) -> None:
    english = fetch(Client(), "/people/")[1]
    russian = fetch(Client(), "/ru/people/")
    assert russian[2] == "miss"
    assert russian[1] != english
    assert fetch(Client(), "/people/?q=nobody-by-this-name")[2] == "miss"
    assert fetch(Client(), "/people/?q=nobody-by-this-name")[2] == "hit"


def test_the_login_page_and_answers_other_than_200_are_not_stored(cast: Cast) -> None:
    for path in ("/login/", "/people/no-such-person/"):
        fetch(Client(), path)
        assert fetch(Client(), path)[2] is None


def test_an_api_answer_is_stored_for_visitors_but_not_for_a_bearer_of_a_token(cast: Cast) -> None:
    fetch(Client(), "/api/v1/stats")
    assert fetch(Client(), "/api/v1/stats")[2] == "hit"
    bearer = Client(headers={"Authorization": "Bearer not-a-token"})
    assert bearer.get("/api/v1/stats").get(HIT_HEADER) is None


def test_the_servers_workers_share_one_store_so_a_page_is_made_once(tmp_path: Path) -> None:
    """Ten visits in turn to `rollcall serve` with its two workers: one page made, nine read.

    With a store per worker, the visits the other worker took would each start with a miss.
    """
    with served(tmp_path, "--demo", "--workers", "2") as base_url:
        seen = []
        for _ in range(10):
            with urllib.request.urlopen(f"{base_url}/collective/") as answer:  # noqa: S310
                seen.append(answer.headers[HIT_HEADER])
    assert seen == ["miss"] + ["hit"] * 9


def test_a_person_imported_while_the_server_runs_is_found_by_every_worker(tmp_path: Path) -> None:
    """The workers start with the name index the server loaded before forking them; a person
    imported after that is found by the next search, whichever worker answers it, and the
    search pages stored before the import are not served again."""
    added = tmp_path / "added.jsonl"
    added.write_text(json.dumps(record("imported-later")) + "\n")

    def found() -> list[tuple[str, list[str]]]:
        answers = []
        for _ in range(6):  # sequential requests: both workers answer some
            with urllib.request.urlopen(f"{base_url}/api/v1/match?name=Hanna+Sidarenka") as a:  # noqa: S310
                answers.append(
                    (a.headers[HIT_HEADER], [c["person_id"] for c in json.load(a)["candidates"]])
                )
        return answers

    with served(tmp_path, "--demo", "--workers", "2") as base_url:
        assert all("imported-later" not in ids for _, ids in found())
        run_rollcall(tmp_path, "import", str(added))
        after = found()
    assert after[0][0] == "miss"
    assert all("imported-later" in ids for _, ids in after)
