"""The stats contract on a dated cast (dates chosen for the arithmetic, names invented)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command

from rollcall.stats.queries import compute, series, totals
from tests.cast import person

pytestmark = pytest.mark.django_db


def test_it_counts_held_released_deported_and_deaths_on_a_date(cast: None) -> None:
    t = totals(date(2024, 3, 1))
    assert (t.held, t.released, t.deported, t.died_in_custody) == (4, 1, 0, 1)


def test_held_means_in_custody_at_the_end_of_the_day(cast: None) -> None:
    assert totals(date(2025, 12, 12)).held == 4
    t = totals(date(2025, 12, 13))
    assert (t.held, t.released, t.deported) == (3, 2, 1)


def test_a_person_released_and_re_arrested_counts_as_held_and_as_released(cast: None) -> None:
    between = totals(date(2022, 6, 1))
    assert (between.held, between.released) == (4, 1)
    after = totals(date(2023, 2, 1))
    assert (after.held, after.released) == (5, 1)


def test_anonymous_people_are_counted_and_hidden_or_draft_people_are_not(cast: None) -> None:
    # Of the 5 BY records held on 2021-07-01 only the published, non-hidden three are counted.
    assert totals(date(2021, 7, 1), "BY").held == 3


def test_it_gives_per_country_figures(cast: None) -> None:
    by, ru = totals(date(2024, 3, 1), "BY"), totals(date(2024, 3, 1), "RU")
    assert (by.held, by.released, by.died_in_custody) == (3, 1, 0)
    assert (ru.held, ru.released, ru.died_in_custody) == (1, 0, 1)


def test_nothing_is_counted_before_the_first_event(cast: None) -> None:
    t = totals(date(2019, 1, 1))
    assert (t.held, t.released, t.deported, t.died_in_custody) == (0, 0, 0, 0)


@pytest.mark.parametrize("unit", ["month", "year"])
@pytest.mark.parametrize("country", [None, "BY", "RU"])
def test_every_series_period_agrees_with_the_totals_at_its_end(
    cast: None, unit: str, country: str | None
) -> None:
    as_of = date(2026, 1, 20)
    periods = series(as_of, unit, country, start=date(2020, 1, 1))
    assert periods[0].period == ("2020-01" if unit == "month" else "2020")
    assert periods[-1].period == ("2026-01" if unit == "month" else "2026")
    for p in periods:
        if unit == "month":
            y, m = map(int, p.period.split("-"))
            end = date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
        else:
            end = date(int(p.period) + 1, 1, 1).toordinal() - 1
        t = totals(min(date.fromordinal(end), as_of), country)
        assert (
            p.held,
            p.released,
            p.deported,
            p.died_in_custody,
            p.term_ended_unconfirmed,
            p.died,
        ) == (
            t.held,
            t.released,
            t.deported,
            t.died_in_custody,
            t.term_ended_unconfirmed,
            t.died,
        ), p.period


def test_undated_custody_is_counted_and_flagged(cast: None) -> None:
    person("Undated Detention", events=[("arrest", None, "CN")])
    t = totals(date(2024, 3, 1), "CN")
    assert (t.held, t.held_start_unknown) == (1, 1)


def test_the_command_prints_the_contract_json(
    cast: None, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("stats", "--as-of", "2025-12-31", "--country", "by", "--series", "month")
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "rollcall.stats/1"
    assert data["as_of"] == "2025-12-31"
    assert data["country"] == "BY"
    assert data["totals"] == {
        "held": 2,
        "released": 2,
        "deported": 1,
        "died_in_custody": 0,
        "held_start_unknown": 0,
        "term_ended_unconfirmed": 0,
        "died": 0,
    }
    assert data["series"][-1] == {
        "period": "2025-12",
        "held": 2,
        "released": 2,
        "deported": 1,
        "died_in_custody": 0,
        "term_ended_unconfirmed": 0,
        "died": 0,
    }


def test_the_command_names_a_bad_argument(cast: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--as-of: '2025-13-01' is not a date"):
        call_command("stats", "--as-of", "2025-13-01")
    with pytest.raises(CommandError, match="--country: 'XX' is not an ISO"):
        call_command("stats", "--country", "XX")


def test_reported_estimates_are_kept_beside_the_registry_counts() -> None:
    from rollcall.demo.load import load_demo

    load_demo()
    stats = compute(date(2025, 12, 31), "BY")
    assert stats.totals.held == 0
    (estimate,) = stats.estimates
    assert estimate.count == {"value": 1000, "qualifier": "more_than"}
    assert estimate.attributed_to == "Human rights organizations"
    assert "more than 1,000 political prisoners" in estimate.sources[0]["quote"]
    assert compute(date(2025, 12, 1), "BY").estimates == []


def test_the_text_output_keeps_its_lines_and_adds_the_new_figures_after_them(
    cast: None, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("stats", "--as-of", "2025-12-31", "--country", "by", "--format", "text")
    lines = capsys.readouterr().out.splitlines()
    labels = [line.split()[0] for line in lines[1:7]]
    assert labels == ["held", "released", "deported", "died", "died", "term"]
    assert lines[4].startswith("  died in custody")
    assert lines[5].split()[:2] == ["died", "0"]
    assert lines[6].split()[:3] == ["term", "ended", "0"]
    assert lines[7] == "  held by kind of custody:"
    # The cast gives no kind: both held are under "not given".
    assert lines[13].split() == ["not", "given", "2"]
