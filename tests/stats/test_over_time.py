"""The figures over time: flows per period, releases by kind and destination, per holding state,
and the registry's figure beside each reported estimate (the dated cast of conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from rollcall.collective.models import ReportedEstimate
from rollcall.stats.breakdowns import by_country, registry_beside_estimates
from rollcall.stats.queries import compute, over_time, totals
from tests.cast import person

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 20)


def estimate(measure: str, country: str, day: str, value: int) -> ReportedEstimate:
    return ReportedEstimate.objects.create(
        measure=measure,
        country=country,
        count_value=value,
        count_qualifier="about",
        as_of=date.fromisoformat(day),
        attributed_to="A monitoring group",
    )


def flows_by_period(country: str | None = None, unit: str = "month") -> dict[str, tuple[int, ...]]:
    timeline = over_time(AS_OF, unit, country, start=date(2020, 1, 1))
    return {f.period: (f.arrests, f.releases, f.deaths_in_custody) for f in timeline.flows}


def test_flows_count_custody_begun_releases_and_deaths_in_their_month(cast: None) -> None:
    flows = flows_by_period()
    assert flows["2020-09"] == (1, 0, 0)
    assert flows["2021-01"] == (2, 0, 0)  # Rearrested Twice in BY, Died Elsewhere in RU
    assert flows["2021-06"] == (1, 0, 0)  # the anonymous arrest counts; hidden and draft do not
    assert flows["2022-05"] == (0, 1, 0)
    assert flows["2023-02"] == (1, 0, 0)  # the second custody of one person is a second arrest
    assert flows["2024-02"] == (0, 0, 1)
    assert flows["2025-12"] == (0, 1, 0)
    quiet = {"2020-09", "2021-01", "2021-06", "2022-03", "2022-05", "2023-02", "2024-02", "2025-12"}
    assert all(f == (0, 0, 0) for period, f in flows.items() if period not in quiet)


@pytest.mark.parametrize("unit", ["month", "year"])
@pytest.mark.parametrize("country", [None, "BY", "RU"])
def test_held_changes_by_the_arrests_less_the_releases_and_deaths_of_each_period(
    cast: None, unit: str, country: str | None
) -> None:
    timeline = over_time(AS_OF, unit, country, start=date(2020, 1, 1))
    held_before = 0
    for period, flow in zip(timeline.series, timeline.flows, strict=True):
        assert period.period == flow.period
        change = flow.arrests - flow.releases - flow.deaths_in_custody - flow.terms_ended
        assert period.held - held_before == change, period.period
        held_before = period.held


def test_releases_by_kind_and_destination_add_up_to_the_releases_of_the_span(cast: None) -> None:
    timeline = over_time(AS_OF, "month", start=date(2020, 1, 1))
    released = sum(f.releases for f in timeline.flows)
    assert released == 2
    kinds = {k.release_kind: k.releases for k in timeline.releases_by_kind}
    assert kinds == {"deal": 1, None: 1}  # the 2022 release gave no kind
    destinations = {d.destination: d.releases for d in timeline.releases_by_destination}
    assert destinations == {"LT": 1, None: 1}
    assert timeline.releases_by_kind[-1].release_kind is None  # what nobody recorded comes last


def test_the_release_breakdowns_count_only_the_span_of_the_series(cast: None) -> None:
    timeline = over_time(AS_OF, "month", start=date(2023, 1, 15))
    assert timeline.start == date(2023, 1, 1)
    assert [(k.release_kind, k.releases) for k in timeline.releases_by_kind] == [("deal", 1)]
    assert sum(f.releases for f in timeline.flows) == 1


@pytest.mark.parametrize("day", [date(2021, 7, 1), date(2024, 3, 1), AS_OF])
def test_each_holding_state_has_the_figures_the_totals_give_for_it(cast: None, day: date) -> None:
    rows = by_country(day)
    assert [r.country for r in rows] == ["BY", "RU"]  # most held first
    for row in rows:
        t = totals(day, row.country)
        assert (row.held, row.released, row.deported, row.died_in_custody) == (
            t.held,
            t.released,
            t.deported,
            t.died_in_custody,
        )
        assert row.held_start_unknown == t.held_start_unknown


def test_a_holding_state_asked_for_is_the_only_row(cast: None) -> None:
    (row,) = by_country(AS_OF, "ru")
    assert (row.country, row.held, row.died_in_custody) == ("RU", 1, 1)


def test_a_state_with_nothing_counted_yet_has_no_row(cast: None) -> None:
    assert [r.country for r in by_country(date(2021, 1, 12))] == ["BY"]


def test_each_estimate_stands_beside_the_registrys_figure_of_its_state_and_day(
    cast: None,
) -> None:
    estimate("held", "BY", "2021-07-01", 900)
    estimate("died_in_custody", "RU", "2024-03-01", 5)
    estimate("released", "BY", "2025-12-20", 120)  # over a period the registry cannot tell
    rows = registry_beside_estimates(AS_OF)
    assert [(r.as_of, r.measure) for r in rows] == [
        ("2021-07-01", "held"),
        ("2024-03-01", "died_in_custody"),
        ("2025-12-20", "released"),
    ]
    assert rows[0].registry == totals(date(2021, 7, 1), "BY").held == 3
    assert rows[1].registry == totals(date(2024, 3, 1), "RU").died_in_custody == 1
    assert rows[2].registry is None
    assert rows[0].count == {"value": 900, "qualifier": "about"}


def test_estimates_outside_the_span_or_of_another_state_are_not_compared(cast: None) -> None:
    estimate("held", "BY", "2019-06-01", 100)
    estimate("held", "BY", "2026-02-01", 1000)  # after the day counted
    estimate("held", "RU", "2024-03-01", 50)
    rows = registry_beside_estimates(AS_OF, "BY", start=date(2020, 1, 1))
    assert rows == []
    (ru,) = registry_beside_estimates(AS_OF, "RU", start=date(2020, 1, 1))
    assert (ru.country, ru.registry) == ("RU", 1)


def test_the_figures_over_time_come_only_with_a_series(cast: None) -> None:
    bare = compute(AS_OF).as_json()
    extended = ("flows", "releases_by_kind", "releases_by_destination", "by_country")
    assert all(bare[key] == [] for key in (*extended, "registry_beside_estimates"))
    over = compute(AS_OF, unit="year").as_json()
    assert all(over[key] for key in extended)


def test_the_api_gives_the_figures_over_time_as_compute_does(cast: None, client: Client) -> None:
    estimate("held", "BY", "2025-12-20", 1000)
    url = "/api/v1/stats?as_of=2026-01-20&country=by&series=month&from=2021-01-01"
    answer = client.get(url).json()
    expected = compute(AS_OF, "BY", "month", date(2021, 1, 1)).as_json()
    for key in ("flows", "releases_by_kind", "releases_by_destination", "by_country"):
        assert answer[key] == expected[key], key
    assert answer["registry_beside_estimates"] == expected["registry_beside_estimates"]
    assert answer["registry_beside_estimates"][0]["registry"] == 2


def test_undated_custody_is_held_but_no_periods_arrest(cast: None) -> None:
    person("Undated Detention", events=[("arrest", None, "CN")])
    timeline = over_time(AS_OF, "year", "CN", start=date(2020, 1, 1))
    assert all(p.held == 1 for p in timeline.series)
    assert sum(f.arrests for f in timeline.flows) == 0
