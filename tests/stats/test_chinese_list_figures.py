"""The figures of the Chinese political prisoners' list, imported whole with its shipped mapping,
against the same figures worked out from the CSV with the csv module alone.

The list is silent in the ways rights groups' lists are: it gives the day a term ends and never
a release, "held" with no date, and a date of death. Its rules, in plain Python from the
columns (docs/mapping.md, docs/data-model.md and docs/stats.md say the same in words):

- every row is held by China since a date the list does not give, if its `Sentence` says
  anything (a date, `detention`, `life`, `death`, `unknown`);
- a `Date of Death` ends that custody on its day (a month or a year: its first day), so by then
  the person is counted as died, and never as held;
- a `Sentence` that is a day whose term has ended, with no death recorded, is "term ended,
  release unconfirmed": counted apart, not held. A term's end given only as a month or a year
  has ended from the last day of that month or year;
- the later row of a name that occurs twice is held for review as a possible duplicate, a
  draft left out of public figures until a reviewer decides;
- the list records no release, and no death as one in custody.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "tests" / "interchange" / "data" / "chinese-political-prisoners.csv"
MAPPING = ROOT / "mappings" / "chinese-political-prisoners.toml"
AS_OF = date(2021, 6, 30)
WORDS = {"detention", "life", "death", "unknown"}

pytestmark = pytest.mark.django_db


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class Row:
    name: str
    sentence: str
    died_on: date | None

    @property
    def held_at_all(self) -> bool:
        return bool(self.sentence)

    @property
    def term_ends(self) -> date | None:
        """The last day the list's end of the term may stand for (a month's or a year's last)."""
        if self.sentence in WORDS:
            return None
        if len(self.sentence) == 7:
            year, month = map(int, self.sentence.split("-"))
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        if len(self.sentence) == 4:
            return date(int(self.sentence), 12, 31)
        return _day(self.sentence)


def _death(text: str) -> date | None:
    text = text.strip()
    if len(text) == 10:
        return _day(text)
    if len(text) == 7:
        return _day(f"{text}-01")
    if len(text) == 4:
        return _day(f"{text}-01-01")
    return None


def published_rows() -> Iterator[Row]:
    """The rows that become published people: a repeated name's later row is held for review."""
    seen: set[str] = set()
    with LIST.open(encoding="utf-8", newline="") as handle:
        for cells in csv.DictReader(handle):
            name = cells["Name"].strip()
            if name in seen:
                continue
            seen.add(name)
            yield Row(name, cells["Sentence"].strip(), _death(cells["Date of Death"]))


def expected_totals(as_of: date) -> dict[str, int]:
    held = died = term_ended = pre_trial = 0
    for row in published_rows():
        if not row.held_at_all:
            continue
        if row.died_on is not None and row.died_on <= as_of:
            died += 1
        elif row.died_on is None and row.term_ends is not None and row.term_ends <= as_of:
            term_ended += 1
        else:
            held += 1
            pre_trial += row.sentence == "detention"
    return {
        "held": held,
        "released": 0,
        "died_in_custody": 0,
        "died": died,
        "term_ended_unconfirmed": term_ended,
        "held_start_unknown": held,
        "pre_trial": pre_trial,
    }


def stats_json(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    document: dict[str, object] = json.loads(out.getvalue())
    return document


def test_the_lists_figures_are_what_its_columns_say() -> None:
    call_command("import_list", str(LIST), "--mapping", str(MAPPING), stdout=io.StringIO())
    document = stats_json("--country", "CN", "--format", "json", "--as-of", AS_OF.isoformat())
    expected = expected_totals(AS_OF)
    totals = document["totals"]
    assert isinstance(totals, dict)
    for key in ("held", "released", "died_in_custody", "died", "term_ended_unconfirmed"):
        assert totals[key] == expected[key], key
    assert totals["held_start_unknown"] == expected["held_start_unknown"]
    by_kind = {row["custody_kind"]: row["held"] for row in document["held_by_custody_kind"]}
    assert by_kind["pre_trial"] == expected["pre_trial"]
    assert by_kind["prison"] == expected["held"] - expected["pre_trial"]
    # Each rule is at work in the list, so none of these checks passes for want of cases.
    assert min(expected["died"], expected["term_ended_unconfirmed"], expected["pre_trial"]) > 0
