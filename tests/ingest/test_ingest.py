"""`rollcall ingest`: articles stored as sources, their facts queued for review, once."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from rollcall.extraction import extract, read_document
from rollcall.ingest.matching import list_of
from rollcall.ingest.models import Proposal, ProposalStatus
from rollcall.people.matching import registry_index
from rollcall.sources.models import Source
from tests.ingest.test_extract_command import EXAMPLE, rollcall, table_counts


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    registry_index.reset()
    yield
    registry_index.reset()


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """An empty registry in its own SQLite file, set up as a user sets one up."""
    database = tmp_path / "registry.sqlite3"
    migrated = rollcall(database, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    return database


def another_article(directory: Path) -> Path:
    path = directory / "b-arrest.txt"
    path.write_text(
        "Journalist detained in Minsk\n\n13 December 2025\n\n"
        "Belarusian police arrested the journalist Ihar Losik in Minsk on Friday, "
        "his colleagues said.\n",
        encoding="utf-8",
    )
    return path


def facts_of_the_example() -> list[str]:
    """The kinds of the facts the extractor reads from the example article, in its order: the
    queue must hold exactly these, whatever the extractor's rules come to find."""
    extraction = extract(read_document(str(EXAMPLE)))
    kinds = [str(event["type"]) for event in list_of(extraction["events"])]
    return kinds + ["estimate" for _ in list_of(extraction["estimates"])]


def review_list(database: Path) -> list[dict[str, object]]:
    listed = rollcall(database, "review", "list")
    assert listed.returncode == 0, listed.stderr
    return [json.loads(line) for line in listed.stdout.splitlines()]


def test_an_article_is_stored_as_a_source_and_each_fact_queued(registry: Path) -> None:
    result = rollcall(registry, "ingest", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Belarus Releases 123 Political Prisoners" in result.stdout
    kinds = facts_of_the_example()
    assert f"queued {len(kinds)} proposals" in result.stdout
    queued = review_list(registry)
    assert [p["type"] for p in queued] == kinds
    assert kinds[0] == "release"
    assert "estimate" in kinds
    text = EXAMPLE.read_text(encoding="utf-8")
    for proposal in queued:
        assert proposal["status"] == "pending"
        assert str(proposal["id"]).startswith("p-")
        source = proposal["source"]
        assert isinstance(source, dict)
        assert source["title"].startswith("Belarus Releases 123")
        evidence = proposal["evidence"]
        assert isinstance(evidence, list)
        assert evidence
        for span in evidence:
            assert text[span["start"] : span["end"]] == span["text"]
    release = queued[0]["proposal"]
    assert isinstance(release, dict)
    assert release["count"] == {"value": 123, "qualifier": "exact"}
    assert [p["name"] for p in release["persons"]][:2] == ["Maria Kolesnikova", "Viktor Babariko"]


def test_the_same_article_twice_is_recognised_and_queued_once(registry: Path) -> None:
    assert rollcall(registry, "ingest", str(EXAMPLE)).returncode == 0
    before = review_list(registry)
    again = rollcall(registry, "ingest", str(EXAMPLE))
    assert again.returncode == 0, again.stderr
    assert "already ingested" in again.stdout
    assert review_list(registry) == before


def test_a_dry_run_says_what_it_would_queue_and_writes_nothing(registry: Path) -> None:
    result = rollcall(registry, "ingest", "--dry-run", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    n = len(facts_of_the_example())
    assert f"would queue {n} proposals" in result.stdout
    assert review_list(registry) == []
    assert f"queued {n} proposals" in rollcall(registry, "ingest", str(EXAMPLE)).stdout


def test_a_directory_gives_its_articles_in_name_order(registry: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(EXAMPLE, articles / "a-release.txt")
    another_article(articles)
    (articles / "notes.md").write_text("not an article", encoding="utf-8")
    result = rollcall(registry, "ingest", str(articles))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Belarus Releases 123")
    assert lines[1].startswith("Journalist detained in Minsk")
    titles = {p["source"]["title"] for p in review_list(registry)}  # type: ignore[index]
    assert titles == {lines[0].split(":")[0], "Journalist detained in Minsk"}


def test_garbage_among_articles_is_one_line_each_and_the_good_ones_are_ingested(
    registry: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    result = rollcall(registry, "ingest", str(empty), str(EXAMPLE), str(binary))
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(str(empty))
    assert "empty" in errors[0]
    assert errors[1].startswith(str(binary))
    n = len(facts_of_the_example())
    assert f"queued {n} proposals" in result.stdout
    assert len(review_list(registry)) == n


@pytest.mark.django_db
def test_garbage_alone_changes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    before = table_counts()
    with pytest.raises(SystemExit) as exit:
        call_command("ingest", str(empty), str(binary))
    assert exit.value.code == 1
    assert table_counts() == before


@pytest.mark.django_db
def test_an_article_already_stored_as_a_source_is_reused_not_duplicated() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("\r\n", "\n")
    stored = Source.objects.create(title="stored by hand", text=text)
    call_command("ingest", str(EXAMPLE))
    assert Source.objects.count() == 1
    assert set(Proposal.objects.values_list("source_id", flat=True)) == {stored.pk}
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.PENDING}


def test_ingest_without_articles_is_a_usage_error(registry: Path) -> None:
    result = rollcall(registry, "ingest")
    assert result.returncode == 2
    assert isinstance(result, subprocess.CompletedProcess)
