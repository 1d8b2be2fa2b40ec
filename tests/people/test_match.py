"""Matching names against the registry: the command, the API, and keeping the index in step.

Whom `/api/v1/match` may name, for each role, is checked with every other page in
tests/test_access.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from rollcall.demo.load import load_demo
from rollcall.people.matching import registry_index
from rollcall.people.models import PersonName
from tests.cast import person

pytestmark = pytest.mark.django_db


def run_match(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    call_command("match", *args)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_articles_misspelling_finds_maksim_znak(capsys: pytest.CaptureFixture[str]) -> None:
    load_demo()
    (line,) = run_match(capsys, "Maxim Snak")
    top = line["candidates"][0]  # type: ignore[index]
    assert line["query"] == "Maxim Snak"
    assert (top["person_id"], top["name"]) == ("demo-maksim-znak", "Maksim Znak")
    assert top["score"] >= 0.7


def test_a_stranger_has_no_candidate_at_the_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    load_demo()
    (line,) = run_match(capsys, "Maria Kalinina")
    assert all(c["score"] < 0.7 for c in line["candidates"])  # type: ignore[union-attr]


def test_names_in_other_scripts_find_the_same_people(capsys: pytest.CaptureFixture[str]) -> None:
    load_demo()
    lines = run_match(capsys, "Марыя Калеснікава", "Viktar Babaryka", "Алесь Беляцкий")
    tops = [line["candidates"][0]["person_id"] for line in lines]  # type: ignore[index]
    assert tops == ["demo-maria-kalesnikava", "demo-viktar-babaryka", "demo-ales-bialiatski"]


def test_input_file_answers_in_input_order_with_a_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo()
    names = tmp_path / "names.txt"
    names.write_text("Ales Bialiatski\n\nMaryia Kalesnikava\n", encoding="utf-8")
    lines = run_match(capsys, "--input", str(names), "--limit", "1")
    assert [line["query"] for line in lines] == ["Ales Bialiatski", "Maryia Kalesnikava"]
    assert all(len(line["candidates"]) <= 1 for line in lines)  # type: ignore[arg-type]


def test_a_bad_input_file_is_named_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "names.txt"
    bad.write_bytes(b"Ales Bialiatski\nMaryia Kalesnikav\xff\n")
    with pytest.raises(CommandError, match=r"names.txt:2: not UTF-8"):
        call_command("match", "--input", str(bad))
    with pytest.raises(CommandError, match="NAME: give one or more names"):
        call_command("match")


def test_the_index_follows_names_added_changed_and_removed() -> None:
    p = person("Ihar Losik", uid="losik")
    assert [c.person_id for c in registry_index.match("Igor Losik") if c.score >= 0.7] == ["losik"]
    name = PersonName.objects.create(person=p, value="Ігар Лосік", kind="alias")
    assert registry_index.match("Ігар Лосік")[0].variant == "Ігар Лосік"
    name.value = "Игорь Лосик"
    name.save()
    assert registry_index.match("Игорь Лосик")[0].variant == "Игорь Лосик"
    p.delete()
    assert registry_index.match("Ihar Losik") == []


def test_the_api_answers_the_match_json(client: Client) -> None:
    load_demo()
    body = client.get("/api/v1/match", {"name": "Maxim Snak"}).json()
    assert body["query"] == "Maxim Snak"
    assert body["candidates"][0]["person_id"] == "demo-maksim-znak"
    assert body["candidates"][0]["variant"] in {"Maxim Snak", "Maksim Znak"}
    assert client.get("/api/v1/match", {"name": " "}).status_code == 422


def test_people_search_uses_the_matcher(client: Client) -> None:
    load_demo()
    body = client.get("/api/v1/people", {"q": "Maryia Kalesnikava"}).json()
    assert [p["id"] for p in body["items"]] == ["demo-maria-kalesnikava"]
    body = client.get("/api/v1/people", {"q": "Alies Bialacki"}).json()
    assert [p["id"] for p in body["items"]] == ["demo-ales-bialiatski"]
