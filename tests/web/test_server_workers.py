"""`rollcall serve` replaces a worker whose own memory passes its budget, and answers go on."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from rollcall.web import gunicorn_conf
from tests.conftest import served


def test_a_worker_over_its_memory_budget_is_replaced_after_its_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a budget of one megabyte every worker is over it at its first check."""
    monkeypatch.setenv("ROLLCALL_WORKER_MEMORY_MB", "1")
    monkeypatch.setenv("ROLLCALL_PAGE_CACHE", "0")  # every request reaches a worker's search
    statuses = []
    with served(tmp_path, "--demo", "--workers", "2") as base_url:
        for _ in range(2 * gunicorn_conf.CHECK_EVERY + 6):
            url = f"{base_url}/api/v1/match?name=Maxim+Snak"
            with urllib.request.urlopen(url) as answer:  # noqa: S310 - the local test server
                statuses.append((answer.status, len(json.load(answer)["candidates"]) > 0))
    log = (tmp_path / "serve.log").read_text()
    assert "worker replaced:" in log
    assert log.count("Booting worker") > 2
    assert set(statuses) == {(200, True)}


def test_a_worker_reads_its_own_memory_where_the_kernel_tells_it() -> None:
    own = gunicorn_conf.private_mb()
    if not Path("/proc/self/smaps_rollup").exists():
        assert own is None
    else:
        assert own is not None
        assert own > 1
