"""A steady search asks the database nothing; any write to a name is still seen by the next one.

The index learns of writes from a file every writing process replaces on commit
(`rollcall.people.name_signal`); only when it changed, or when the recheck time is up, is the
history table asked.
"""

from __future__ import annotations

import json
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from rollcall.people import index_place, name_signal
from rollcall.people.matching import RegistryIndex
from rollcall.people.models import PersonName
from tests.api.test_writes import record
from tests.cast import person
from tests.conftest import run_rollcall, served

pytestmark = pytest.mark.django_db


def uids(index: RegistryIndex, name: str) -> list[str]:
    return [c.person_id for c in index.match(name, limit=5, staff=True, min_score=0.7)]


@pytest.fixture
def steady(settings: Settings) -> RegistryIndex:
    """An index that has answered once, with a recheck time no test run can reach."""
    settings.NAME_INDEX_RECHECK_SECONDS = 3600
    index = RegistryIndex(persist=False)
    index.refresh()
    return index


def test_a_steady_search_asks_the_database_nothing(steady: RegistryIndex) -> None:
    person("Ales Bialiatski", uid="bialiatski")
    steady.refresh()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            pks = steady.person_pks("Ales Bialiatski")
    assert len(pks) == 1
    assert list(queries) == []


def test_a_name_written_here_is_found_by_the_next_search_before_it_commits(
    steady: RegistryIndex,
) -> None:
    ales = person("Ales Bialiatski", uid="bialiatski")
    assert uids(steady, "Ales Bialiatski") == ["bialiatski"]
    PersonName.objects.create(person=ales, value="Алесь Бяляцкі", script="Cyrl")
    assert uids(steady, "Алесь Бяляцкі") == ["bialiatski"]


def test_a_name_deleted_here_is_no_longer_found_by_the_next_search(steady: RegistryIndex) -> None:
    person("Ales Bialiatski", uid="bialiatski")
    assert uids(steady, "Ales Bialiatski") == ["bialiatski"]
    PersonName.objects.filter(value="Ales Bialiatski").delete()
    assert uids(steady, "Ales Bialiatski") == []


def test_a_changed_signal_file_makes_the_next_search_ask(steady: RegistryIndex) -> None:
    """What another process's commit does to this one: the token differs, so it asks."""
    seen = name_signal.look()
    assert seen.token is not None
    assert not name_signal.changed_since(seen)
    path = name_signal.signal_path(index_place.database_identity())
    assert path is not None
    path.write_bytes(uuid.uuid4().hex.encode())  # another process committed
    assert name_signal.changed_since(seen)


def test_a_missing_signal_file_is_made_again_and_a_changed_one_makes_the_next_search_ask(
    steady: RegistryIndex,
) -> None:
    path = name_signal.signal_path(index_place.database_identity())
    assert path is not None
    path.unlink()
    seen = name_signal.look()
    assert path.exists()
    assert seen.token == path.read_bytes()
    path.write_bytes(uuid.uuid4().hex.encode())  # another process committed
    with CaptureQueriesContext(connection) as queries:
        steady.refresh()
    assert len(queries) >= 1


def test_where_no_signal_can_be_read_every_search_asks(
    steady: RegistryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(name_signal, "_read_token", lambda: None)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            steady.refresh()
        assert len(queries) >= 1


def test_past_the_recheck_time_a_search_asks_even_when_the_file_says_nothing(
    settings: Settings,
) -> None:
    """Writers that cannot replace the file (another user, another machine) are seen in time."""
    settings.NAME_INDEX_RECHECK_SECONDS = 0
    index = RegistryIndex(persist=False)
    index.refresh()
    with CaptureQueriesContext(connection) as queries:
        index.refresh()
    assert len(queries) == 1


def test_a_person_imported_by_another_process_is_found_by_the_servers_next_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the signal file can tell the server's workers of the import here: their recheck
    time is an hour, and the search comes right after the import's commit."""
    monkeypatch.setenv("ROLLCALL_NAME_RECHECK_SECONDS", "3600")
    added = tmp_path / "added.jsonl"
    added.write_text(json.dumps(record("imported-later")) + "\n")

    def found() -> list[list[str]]:
        answers = []
        for _ in range(4):  # sequential requests: both workers answer some
            url = f"{base_url}/api/v1/match?name=Hanna+Sidarenka"
            with urllib.request.urlopen(url) as answer:  # noqa: S310 - the local test server
                answers.append([c["person_id"] for c in json.load(answer)["candidates"]])
        return answers

    with served(tmp_path, "--demo", "--workers", "2") as base_url:
        assert all("imported-later" not in ids for ids in found())
        run_rollcall(tmp_path, "import", str(added))
        after = found()
    assert all("imported-later" in ids for ids in after)


def test_workers_replaced_after_their_requests_find_names_imported_since_the_server_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker is replaced by a fresh fork of the master after a few requests (here three),
    which starts from the master's index: caught up before the fork, it knows the import.
    Each request asks another page (its own `limit`), so none is a visitor's cached page."""
    monkeypatch.setenv("GUNICORN_CMD_ARGS", "--max-requests 3 --max-requests-jitter 0")
    added = tmp_path / "added.jsonl"
    added.write_text(json.dumps(record("imported-later")) + "\n")
    url_of = "{}/api/v1/match?name=Hanna+Sidarenka&limit={}"
    with served(tmp_path, "--demo", "--workers", "2") as base_url:
        run_rollcall(tmp_path, "import", str(added))
        answers = []
        for limit in range(5, 17):
            with urllib.request.urlopen(url_of.format(base_url, limit)) as answer:  # noqa: S310
                answers.append([c["person_id"] for c in json.load(answer)["candidates"]])
    booted = (tmp_path / "serve.log").read_text().count("Booting worker")
    assert booted >= 4, "no worker was replaced"
    assert all("imported-later" in ids for ids in answers)
