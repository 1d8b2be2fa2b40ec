"""The site benchmark's load generator, against a real HTTP server on loopback."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.site import wrk
from bench.site.client import drive, once


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        found = self.path == "/ok"
        body = b"x" * 100_000 if found else b"no such page"
        self.send_response(200 if found else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_every_answer_is_timed_or_counted_as_an_error_within_the_time_given(port: int) -> None:
    result = asyncio.run(drive("mixed", "127.0.0.1", port, ["/ok", "/missing"], 4, 0.5))

    assert result.latencies, "no page was answered"
    assert result.errors.keys() == {"404"}
    # Clients take the paths in turn, so about as many pages were found as were missing.
    assert abs(len(result.latencies) - result.errors["404"]) <= 4
    assert 0.5 <= result.seconds < 2.0
    assert result.rate == len(result.latencies) / result.seconds
    assert 0 < result.quantile(0.50) <= result.quantile(0.95)


def test_first_visits_ask_for_each_path_exactly_once(port: int) -> None:
    paths = ["/ok", "/missing", "/ok", "/ok", "/missing"]
    result = asyncio.run(once("first", "127.0.0.1", port, paths, 2))

    assert len(result.latencies) == 3
    assert result.errors == {"404": 2}
    assert result.seconds > 0


def test_wrk_counts_what_was_answered_and_what_was_not(port: int) -> None:
    """wrk (installed by scripts/test) asks for the paths in turn: about as many found as not."""
    summary = wrk.drive("mixed", "127.0.0.1", port, ["/ok", "/missing"], 4, 1)

    assert summary.answered > 0
    assert summary.errors.keys() == {"non_2xx_3xx"}
    assert abs(summary.answered - summary.errors["non_2xx_3xx"]) <= max(8, summary.answered // 5)
    assert 0.9 <= summary.seconds < 3.0
    assert 0 < summary.p50 <= summary.p95
