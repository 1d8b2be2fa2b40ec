"""Garbage given to `rollcall ingest`, as a user would give it: each is one clear line on
standard error naming what was given, a failing exit status, and a registry left exactly as it
was (every table's rows compared, not only the queue's)."""

from __future__ import annotations

import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.extraction.test_reading import Pages
from tests.ingest.test_extract_command import rollcall


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty registry in its own SQLite file, set up as a user sets one up."""
    database = tmp_path_factory.mktemp("garbage") / "registry.sqlite3"
    migrated = rollcall(database, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    return database


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    """A local web server answering with the pages of the reading tests (404, endless, …)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent() -> Iterator[str]:
    """An address whose server accepts the connection and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/article"


def rows(database: Path) -> dict[str, int]:
    """The number of rows of every table: what "changes nothing" is checked against."""
    with sqlite3.connect(database) as db:
        tables = [
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        # Table names come from the database itself, not from input.
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def empty_file(tmp: Path) -> str:
    path = tmp / "empty.txt"
    path.write_text("", encoding="utf-8")
    return str(path)


def binary_file(tmp: Path) -> str:
    path = tmp / "scan.txt"
    path.write_bytes(bytes(range(256)) * 4096)
    return str(path)


def huge_file(tmp: Path) -> str:
    """50 MB of plausible text: refused by its size, before it is read."""
    path = tmp / "huge.txt"
    line = b"Political prisoners were released on Saturday, the group said.\n"
    with path.open("wb") as out:
        for _ in range(50_000_000 // len(line) + 1):
            out.write(line)
    return str(path)


def html_without_text(tmp: Path) -> str:
    path = tmp / "menu.html"
    path.write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav>"
        "<script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    return str(path)


LOCAL: dict[str, tuple[Callable[[Path], str], str]] = {
    "an empty file": (empty_file, "empty"),
    "a binary file": (binary_file, "binary"),
    "a 50 MB file": (huge_file, "limit"),
    "HTML with no text": (html_without_text, "no article text"),
}


@pytest.mark.parametrize("garbage", LOCAL, ids=list(LOCAL))
def test_a_bad_file_is_one_line_and_changes_nothing(
    registry: Path, tmp_path: Path, garbage: str
) -> None:
    make, said = LOCAL[garbage]
    given = make(tmp_path)
    assert_refused(registry, given, said)


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/missing", "404"),
        ("/photo.png", "image/png"),
        ("/endless", "limit"),
        ("/trickle", "still arriving"),
    ],
)
def test_a_bad_address_is_one_line_and_changes_nothing(
    registry: Path, pages: str, path: str, said: str
) -> None:
    assert_refused(registry, f"{pages}{path}", said)


def test_an_address_that_never_answers_is_one_line_and_changes_nothing(
    registry: Path, silent: str
) -> None:
    assert_refused(registry, silent, "no answer within 1 seconds")


def assert_refused(registry: Path, given: str, said: str) -> None:
    before = rows(registry)
    result = rollcall(registry, "ingest", "--timeout", "1", given)
    assert result.returncode == 1, result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(given), errors[0]
    assert said in errors[0], errors[0]
    assert rows(registry) == before
