"""Matching a name with a birth year and a holding state: the command and the API.

The scores these tests lean on are the name engine's own: "Ihar Lisik" scores about 0.6 against
"Ihar Losik" (below the threshold, within reach of context), "Ksenia Lustkina" about 0.73
against "Ksenia Lutskina" (above it, on the name alone).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from rollcall.names import THRESHOLD
from rollcall.people.likeness import likeness
from rollcall.people.matching import registry_index
from tests.cast import log_in, person, staff_user

pytestmark = pytest.mark.django_db


def run_match(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    call_command("match", *args)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def candidates(line: dict[str, object]) -> list[dict[str, object]]:
    found = line["candidates"]
    assert isinstance(found, list)
    return found


@pytest.fixture
def registry() -> None:
    person(
        "Ihar Losik",
        [("arrest", "2020-06-25", "BY")],
        uid="losik",
        birth_date=date(1992, 1, 1),
    )
    person(
        "Ksenia Lutskina",
        [("arrest", "2020-12-22", "BY")],
        uid="lutskina",
        birth_date=date(1977, 1, 1),
    )


@pytest.mark.usefixtures("registry")
def test_a_typo_with_the_same_birth_year_and_state_is_found_at_the_threshold(
    capsys: pytest.CaptureFixture[str],
) -> None:
    (alone,) = run_match(capsys, "Ihar Lisik")
    assert all(c["score"] < THRESHOLD for c in candidates(alone))  # type: ignore[operator]

    (line,) = run_match(capsys, "Ihar Lisik", "--birth-year", "1992", "--country", "by")
    (top, *_) = candidates(line)
    name_score = top["name_score"]
    assert isinstance(name_score, float)
    expected = likeness(name_score, birth_years=(1992, 1992), states=({"BY"}, {"BY"}))
    assert (top["person_id"], top["score"]) == ("losik", expected.score)
    assert top["score"] >= THRESHOLD > name_score  # type: ignore[operator]
    assert top["context"] == ["same birth year 1992", "same holding state BY"]
    assert (line["birth_year"], line["country"]) == (1992, "BY")


@pytest.mark.usefixtures("registry")
def test_a_look_alike_of_another_year_and_state_falls_below_the_threshold(
    capsys: pytest.CaptureFixture[str],
) -> None:
    (alone,) = run_match(capsys, "Ksenia Lustkina")
    assert candidates(alone)[0]["score"] >= THRESHOLD  # type: ignore[operator]

    (far,) = run_match(capsys, "Ksenia Lustkina", "--birth-year", "1958", "--country", "RU")
    assert all(c["score"] < THRESHOLD for c in candidates(far))  # type: ignore[operator]

    (near,) = run_match(capsys, "Ksenia Lustkina", "--birth-year", "1975", "--country", "RU")
    (top, *_) = candidates(near)
    assert top["person_id"] == "lutskina"
    assert top["score"] < THRESHOLD <= top["name_score"]  # type: ignore[operator]
    assert top["context"] == ["other birth year 1975 ≠ 1977", "other holding state RU ≠ BY"]


def test_context_only_one_side_gives_moves_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    person("Ihar Losik", uid="losik")  # no birth date, no event
    (line,) = run_match(capsys, "Igor Losik", "--birth-year", "1992", "--country", "BY")
    (top,) = candidates(line)
    assert (top["score"], top["context"]) == (top["name_score"], [])


@pytest.mark.usefixtures("registry")
def test_without_context_the_output_has_exactly_the_fields_it_always_had(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    call_command("match", "Ihar Losik", "Ksenia Lustkina")
    out = capsys.readouterr().out
    names = tmp_path / "names.txt"
    names.write_text("Ihar Losik\nKsenia Lustkina\n", encoding="utf-8")
    call_command("match", "--input", str(names))
    assert capsys.readouterr().out == out
    for text, query in zip(out.splitlines(), ["Ihar Losik", "Ksenia Lustkina"], strict=True):
        found = registry_index.match(query)
        expected = {
            "query": query,
            "candidates": [
                {"person_id": c.person_id, "name": c.name, "variant": c.variant, "score": c.score}
                for c in found
            ],
        }
        assert text == json.dumps(expected, ensure_ascii=False)


@pytest.mark.usefixtures("registry")
def test_a_tab_separated_line_brings_its_own_birth_year_and_country(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Ihar Lisik\t1992\tBY\nKsenia Lustkina\t\t\nIhar Lisik\n", encoding="utf-8")
    lines = run_match(capsys, "--input", str(names), "--birth-year", "1960")
    assert [(line.get("birth_year"), line.get("country")) for line in lines] == [
        (1992, "BY"),
        (1960, None),
        (1960, None),
    ]
    assert candidates(lines[0])[0]["context"] == ["same birth year 1992", "same holding state BY"]
    bad = tmp_path / "bad.txt"
    bad.write_text("Ihar Lisik\t1992\nIhar Lisik\t92\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"^.*bad.txt:2: birth_year: '92' is not a four-digit"):
        call_command("match", "--input", str(bad))


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--birth-year", "92", "--birth-year: '92' is not a four-digit year of birth"),
        ("--birth-year", "1492", "--birth-year: '1492' is not a four-digit year of birth"),
        ("--birth-year", "2999", "--birth-year: 2999 is in the future"),
        ("--country", "XX", "--country: 'XX' is not an ISO 3166-1 alpha-2 country code"),
        ("--country", "Belarus", "--country: 'Belarus' is not an ISO 3166-1 alpha-2"),
    ],
)
def test_a_bad_birth_year_or_country_is_refused_naming_the_option(
    option: str, value: str, message: str
) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("match", "Ihar Losik", option, value)
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)


@pytest.mark.usefixtures("registry")
def test_the_api_sharpens_scores_with_birth_year_and_country(client: Client) -> None:
    ask = {"name": "Ihar Lisik", "birth_year": "1992", "country": "BY"}
    body = client.get("/api/v1/match", ask).json()
    top = body["candidates"][0]
    assert top["person_id"] == "losik"
    assert top["score"] >= THRESHOLD > top["name_score"]
    assert top["context"] == ["same birth year 1992", "same holding state BY"]

    away = {"name": "Ksenia Lustkina", "birth_year": "1975", "country": "RU"}
    top = client.get("/api/v1/match", away).json()["candidates"][0]
    assert top["score"] < THRESHOLD <= top["name_score"]


@pytest.mark.usefixtures("registry")
def test_the_api_without_context_answers_as_the_command_does(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    for ask in ({"name": "Ksenia Lustkina"}, {"name": "Ksenia Lustkina", "birth_year": ""}):
        body = client.get("/api/v1/match", ask).json()
        assert body == run_match(capsys, "Ksenia Lustkina")[0]
        assert all(set(c) == {"person_id", "name", "variant", "score"} for c in body["candidates"])


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("birth_year", "92"), ("birth_year", "2999"), ("birth_year", "nineteen"), ("country", "XX")],
)
def test_the_api_refuses_a_bad_birth_year_or_country_naming_it(
    client: Client, parameter: str, value: str
) -> None:
    response = client.get("/api/v1/match", {"name": "Ihar Losik", parameter: value})
    assert response.status_code == 422
    assert [p["loc"] for p in response.json()["detail"]] == [["query", parameter]]


def test_a_hidden_persons_name_and_birth_year_stay_with_staff(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    person(
        "Ihar Losik",
        [("arrest", "2020-06-25", "BY")],
        uid="hidden-losik",
        birth_date=date(1992, 1, 1),
        visibility="hidden",
    )
    for year in ("1992", "1960"):
        ask = {"name": "Ihar Lisik", "birth_year": year, "country": "BY"}
        response = client.get("/api/v1/match", ask)
        assert response.json()["candidates"] == []
        assert "1992" not in response.content.decode().replace(f'"birth_year": {year}', "")
        (line,) = run_match(capsys, "Ihar Lisik", "--birth-year", year, "--country", "BY")
        assert line["candidates"] == []

    (line,) = run_match(capsys, "Ihar Lisik", "--birth-year", "1991", "--all")
    assert candidates(line)[0]["context"] == ["other birth year 1991 ≠ 1992"]
    log_in(client, staff_user("ed", "editor"))
    body = client.get("/api/v1/match", {"name": "Ihar Lisik", "birth_year": "1992"}).json()
    assert body["candidates"][0]["person_id"] == "hidden-losik"


@pytest.mark.usefixtures("registry")
def test_the_text_format_says_what_moved_a_score(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("match", "Ihar Lisik", "--birth-year", "1992", "--format", "text")
    query, top = capsys.readouterr().out.splitlines()[:2]
    assert query == "Ihar Lisik"
    assert "[losik]" in top
    assert "(same person)" in top
    assert top.endswith("; same birth year 1992")
