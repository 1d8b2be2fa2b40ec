"""`rollcall extract`: an article's facts printed, its people matched, nothing written."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from rollcall.demo.load import load_demo
from rollcall.extraction import read_document
from rollcall.ingest.matching import match_people
from rollcall.people.matching import THRESHOLD, registry_index
from tests.cast import Cast

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "rollcall/demo/fixtures/belarus-release-2025-12-13.txt"


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    """Each test's database is new; so must the process-wide name index be."""
    registry_index.reset()
    yield
    registry_index.reset()


@pytest.fixture
def demo(db: None) -> None:
    load_demo()


def rollcall(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it, on its own SQLite file."""
    script = Path(sys.executable).with_name("rollcall")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "rollcall.cli"]
    env = dict(os.environ, ROLLCALL_DATABASE_URL=f"sqlite:///{database}")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
        cwd=database.parent,
    )


def table_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def extract_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    call_command("extract", *args)
    parsed: dict[str, object] = json.loads(capsys.readouterr().out)
    return parsed


def persons_of(extraction: dict[str, object]) -> list[dict[str, object]]:
    events = extraction["events"]
    assert isinstance(events, list)
    return [person for event in events for person in event["persons"]]


# Matching, on an extraction as the extractor hands it over (matches still empty)


def an_extraction(*names: str) -> dict[str, object]:
    return {
        "schema": "rollcall.extraction/1",
        "document": {"title": "", "published": None, "sha256": ""},
        "events": [{"type": "release", "persons": [{"name": n, "match": None} for n in names]}],
        "estimates": [],
    }


def test_the_articles_misspelling_is_matched_to_the_registry_person(demo: None) -> None:
    extraction = an_extraction("Maxim Snak", "Zygmunt Nobody-Known")
    matched = match_people(extraction)
    snak, stranger = persons_of(matched)
    match = snak["match"]
    assert isinstance(match, dict)
    assert match["name"] == "Maksim Znak"
    assert isinstance(match["score"], float)
    assert match["score"] >= THRESHOLD
    assert stranger["match"] is None
    # The extractor's own answer is left as it was.
    assert all(p["match"] is None for p in persons_of(extraction))


def test_people_the_public_may_not_see_are_matched_for_the_operator(cast: Cast) -> None:
    hidden = cast.people["hidden"]
    anonymous = cast.people["anonymous"]
    matched = match_people(an_extraction(hidden.name, anonymous.name))
    ids = [p["match"]["person_id"] for p in persons_of(matched)]  # type: ignore[index]
    assert ids == [hidden.uid, anonymous.uid]


# The command, in this process


@pytest.mark.django_db
def test_the_example_article_is_printed_as_the_extraction_json(
    demo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    extraction = extract_json(capsys, str(EXAMPLE))
    document = read_document(str(EXAMPLE))
    assert extraction["schema"] == "rollcall.extraction/1"
    assert extraction["document"] == {
        "title": document.title,
        "published": "2025-12-13",
        "sha256": document.sha256,
    }
    named = {p["name"]: p["match"] for p in persons_of(extraction)}
    snak = named["Maxim Snak"]
    assert isinstance(snak, dict)
    assert snak["name"] == "Maksim Znak"
    assert isinstance(snak["score"], float)
    assert snak["score"] >= THRESHOLD


@pytest.mark.django_db
def test_extracting_writes_nothing_to_the_registry(
    demo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = table_counts()
    extract_json(capsys, str(EXAMPLE))
    call_command("extract", str(EXAMPLE), "--format", "text")
    assert table_counts() == before


@pytest.mark.django_db
def test_the_text_summary_gives_each_event_with_its_people_and_their_matches(
    demo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    extraction = extract_json(capsys, str(EXAMPLE))
    call_command("extract", str(EXAMPLE), "--format", "text")
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0] == read_document(str(EXAMPLE)).title
    assert "published 2025-12-13" in lines
    events = extraction["events"]
    assert isinstance(events, list)
    heads = [line for line in lines if line.startswith("  ") and not line.startswith("      ")]
    for event in events:
        assert any(head.strip().startswith(str(event["type"])) for head in heads)
    assert "Maxim Snak = Maksim Znak [" in text


# The command as a user runs it


@pytest.mark.slow
def test_the_console_script_prints_the_example_and_leaves_the_database_as_it_was(
    tmp_path: Path,
) -> None:
    database = tmp_path / "registry.sqlite3"
    assert rollcall(database, "migrate", "-v0").returncode == 0
    env = dict(os.environ, ROLLCALL_DATABASE_URL=f"sqlite:///{database}")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    load = "import django; django.setup(); from rollcall.demo.load import load_demo; load_demo()"
    subprocess.run([sys.executable, "-c", load], env=env, cwd=ROOT, check=True, timeout=120)
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    result = rollcall(database, "extract", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    extraction = json.loads(result.stdout)
    assert "Maxim Snak" in {p["name"] for p in persons_of(extraction)}
    assert "\\u" not in result.stdout  # names in their own script, never escaped
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before


def garbage(tmp_path: Path, kind: str) -> tuple[str, str]:
    """A source that is not an article, and the end of the one line it is refused with."""
    if kind == "empty":
        (tmp_path / "empty.txt").write_bytes(b"")
        return str(tmp_path / "empty.txt"), "empty.txt: empty (no text at all)"
    if kind == "binary":
        (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
        return str(tmp_path / "photo.png"), "photo.png: not text (binary, or an unknown encoding)"
    if kind == "missing":
        return str(tmp_path / "gone.html"), "gone.html: no such file"
    if kind == "no text":
        (tmp_path / "menu.html").write_text("<html><body><nav>Home</nav></body></html>")
        return str(tmp_path / "menu.html"), "menu.html: no article text found"
    gopher = "gopher://example.org/1"
    return gopher, f"{gopher}: only http and https addresses are read, not gopher://"


@pytest.mark.parametrize("kind", ["empty", "binary", "missing", "no text", "other scheme"])
def test_garbage_is_refused_with_one_line_and_nothing_written(tmp_path: Path, kind: str) -> None:
    source, problem = garbage(tmp_path, kind)
    database = tmp_path / "registry.sqlite3"
    result = rollcall(database, "extract", source)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.endswith(problem + "\n")
    assert len(result.stderr.splitlines()) == 1
    assert not database.exists()  # the registry was never even opened


def test_without_a_registry_the_command_says_so_and_creates_none(tmp_path: Path) -> None:
    database = tmp_path / "nowhere.sqlite3"
    result = rollcall(database, "extract", str(EXAMPLE))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{database}: no registry here")
    assert len(result.stderr.splitlines()) == 1
    assert not database.exists()


def test_an_address_nobody_answers_is_refused_within_the_timeout(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # the system takes the connection; nobody ever answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/article"
        result = rollcall(tmp_path / "registry.sqlite3", "extract", url, "--timeout", "0.5")
    assert result.returncode == 1
    assert result.stderr == f"{url}: no answer within 0.5 seconds\n"


@pytest.mark.parametrize("args", [[], ["article.txt", "--format", "xml"]])
def test_a_wrong_command_line_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    result = rollcall(tmp_path / "registry.sqlite3", "extract", *args)
    assert result.returncode == 2
    assert "usage: rollcall extract" in result.stderr
