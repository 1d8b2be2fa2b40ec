"""The list of Chinese political prisoners, imported whole with its shipped mapping by the real
`rollcall` command into a real SQLite file, and checked against the CSV read independently."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from rollcall.lib.dates import PartialDate, period_end
from tests.conftest import run_rollcall

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "tests" / "interchange" / "data" / "chinese-political-prisoners.csv"
MAPPING = ROOT / "mappings" / "chinese-political-prisoners.toml"
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PRECISION = {4: "year", 7: "month", 10: "day"}


def partial(text: str) -> str | None:
    """The date as the list gives it, if it is one (a day must be in the calendar)."""
    if not _PARTIAL.match(text):
        return None
    try:
        date(int(text[:4]), int(text[5:7] or 1), int(text[8:10] or 1))
    except ValueError:
        return None
    return text


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    workdir = tmp_path_factory.mktemp("chinese-list")
    run_rollcall(workdir, "migrate")
    outputs = [
        run_rollcall(workdir, "import", str(LIST), "--mapping", str(MAPPING)),
        run_rollcall(workdir, "export", "--format", "jsonl"),
        run_rollcall(workdir, "import", str(LIST), "--mapping", str(MAPPING)),
        run_rollcall(workdir, "export", "--format", "jsonl"),
    ]
    return workdir, outputs


def report_of(summary: str) -> list[str]:
    """The summary's parts after its counts: fields missing, values unreadable, the page."""
    return summary.strip().split("; ")[2:]


def expected_report(run: int) -> list[str]:
    """What the report says of the list, counted from the CSV with the csv module."""
    with LIST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    empty = [(column, sum(not row[column].strip() for row in rows)) for column in columns]
    missing = ", ".join(f"{column} {count}" for column, count in empty if count)
    return [
        f"missing: {missing}",
        "3 values could not be read (left empty)",
        f"report: /staff/imports/{run}/",
    ]


def repeated_names() -> int:
    """Rows whose name an earlier row of the list has: held for review as likely duplicates."""
    with LIST.open(encoding="utf-8", newline="") as handle:
        names = [row["Name"] for row in csv.DictReader(handle)]
    return sum(name in names[:position] for position, name in enumerate(names))


def test_every_row_of_the_list_is_read_and_becomes_a_person_published_unless_held(imported):
    _, (first, export, _, _) = imported
    assert first.startswith(f"{LIST}: 926 rows read; 926 new, 0 updated, 0 unchanged")
    assert report_of(first) == expected_report(1)
    assert f", {repeated_names()} held for review as possible duplicates;" in first
    assert len(export.splitlines()) == 926 - repeated_names()


def test_importing_the_list_again_creates_nothing_and_changes_nothing(imported):
    _, (_, export, again, export_again) = imported
    assert again.startswith(f"{LIST}: 926 rows read; 0 new, 0 updated, 926 unchanged")
    assert report_of(again) == expected_report(2)
    assert export_again == export


def test_every_person_has_the_lists_dates_sentence_place_and_sources(imported):
    _, (_, export, _, _) = imported
    records = [json.loads(line) for line in export.splitlines()]
    by_key = {(r["names"][0]["value"], r["birth"]): r for r in records}
    with LIST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 926
    held = repeated_names()
    assert len(by_key) == 926 - held, "name and birth tell every published person apart"
    unreadable_births = 0
    seen: set[str] = set()
    for row in rows:
        birth = partial(row["Date of Birth"])
        unreadable_births += bool(row["Date of Birth"]) and birth is None
        if row["Name"] in seen:
            continue  # held for review as a likely duplicate: a draft, not exported
        seen.add(row["Name"])
        record = by_key.pop((row["Name"], birth))
        assert record["names"] == [
            {"value": row["Name"], "script": "zh-Hans", "kind": "primary", "sources": []}
        ]
        assert record["gender"] == row["Gender"]
        assert (record["place"], record["note"]) == (row["Place"], "")
        urls = sorted(set(row["Source"].split()))
        assert sorted(s["url"] for s in record["sources"]) == urls
        events = {e["type"]: e for e in record["events"]}
        assert len(events) == len(record["events"]), "one event of each kind"
        for event in record["events"]:
            assert event["country"] == "CN"
            assert sorted(s["url"] for s in event["sources"]) == urls
        died = row["Date of Death"]
        if died:
            assert (events["death"]["date"], events["death"]["date_precision"]) == (
                died,
                _PRECISION[len(died)],
            )
        sentence = row["Sentence"]
        if sentence == "detention":
            assert events["arrest"]["date"] is None
            assert "sentence" not in events
            continue
        assert "arrest" not in events
        kind = {"life": "life", "death": "death_penalty", "unknown": ""}.get(sentence, "term")
        assert events["sentence"]["sentence_kind"] == kind
        if len(sentence) == 10:
            assert events["sentence"]["term_ends_on"] == sentence
        elif kind == "term":
            last_day = period_end(PartialDate.parse(sentence)).isoformat()
            assert events["sentence"]["term_ends_on"] == last_day
            assert events["sentence"]["note"] == (
                f"the term ends in {sentence}; its last day is recorded as the end"
            )
    assert by_key == {}
    assert unreadable_births == 3


def test_its_names_are_found_by_their_hanyu_pinyin_and_a_name_not_on_it_is_not(imported):
    workdir, _ = imported
    queries = ["Liu Xiaobo", "Xiaobo Liu", "Liú Xiǎobō", "Zhang Ailing", "Ivan Petrov"]
    output = run_rollcall(workdir, "match", *queries, "--format", "jsonl")
    answers = {line["query"]: line["candidates"] for line in map(json.loads, output.splitlines())}
    for pinyin in queries[:3]:
        best = answers[pinyin][0]
        assert best["name"] == "刘晓波", pinyin
        assert best["score"] >= 0.7, pinyin
    with LIST.open(encoding="utf-8", newline="") as handle:
        names = {row["Name"] for row in csv.DictReader(handle)}
    assert "张爱玲" not in names  # a writer, not on the list: nobody on it is her
    for absent in queries[3:]:
        assert [c for c in answers[absent] if c["score"] >= 0.7] == [], absent
