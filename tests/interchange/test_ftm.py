"""FollowTheMoney export: valid for FtM's own schema checks, and saying what we expect."""

from __future__ import annotations

import json

import pytest
from followthemoney import model

from rollcall.demo.load import load_demo

pytestmark = pytest.mark.django_db


def ftm_entities(run) -> list:
    out = run("export", "--format", "ftm").out
    return [model.get_proxy(json.loads(line)) for line in out.splitlines()]


def test_the_demo_registry_exports_valid_followthemoney_entities(run):
    assert load_demo()
    entities = ftm_entities(run)

    assert entities
    for entity in entities:
        assert entity.schema.validate(entity.to_dict()) is None
        assert entity.id
        assert model.get_proxy(entity.to_dict()).id == entity.id
    people = [e for e in entities if e.schema.name == "Person"]
    events = [e for e in entities if e.schema.name == "Event"]
    assert len(people) == 4
    assert {e.first("name") for e in people} >= {"Maria Kolesnikova", "Ales Bialiatski"}
    maria = next(e for e in people if e.first("name") == "Maria Kolesnikova")
    assert "Марыя Калеснікава" in maria.get("alias")
    assert maria.get("gender") == ["female"]
    assert maria.get("country") == ["by"]
    assert not maria.get("topics"), "no FtM risk topic may be set on a political prisoner"
    ids = {e.id for e in people}
    for event in events:
        assert set(event.get("involved")) <= ids
    releases = [e for e in events if e.first("name").startswith("Release of")]
    assert len(releases) == 4
    assert all(e.get("date") == ["2025-12-13"] for e in releases)


def test_the_rich_registry_exports_valid_entities_with_events_and_sources(rich_registry, run):
    entities = ftm_entities(run)
    for entity in entities:
        assert entity.schema.validate(entity.to_dict()) is None
    person = entities[0]
    assert person.schema.name == "Person"
    assert person.get("birthDate") == ["1982-04"]
    assert "玛丽亚·科列斯尼科娃" in person.get("alias")
    assert person.get("weakAlias") == ["Maria Kolesnikova"]
    assert person.get("wikidataId") == ["Q97201133"]
    sentence = next(
        e for e in entities if e.first("name", quiet=True) == "Sentence of Maria Kalesnikava"
    )
    assert "BY criminal code art. 361" in sentence.first("summary")
    assert sentence.get("sourceUrl") == ["https://news.example.org/2021/09/06/sentence"]
    assert len(entities) == 1 + 8
