"""The registry's own counts, derived from custody intervals.

Definitions (docs/stats.md): on a date D,
- *held*: people in custody at the end of D (`events.status.held_on`);
- *released*: people released on or before D, whatever happened later;
- *deported*: those of the released who were taken to another country;
- *died_in_custody*: people who died in custody on or before D.
Hidden records and drafts are left out (`people.models.counted_q`); anonymous people are counted
and never named.

These count what happened by D, not each person's status on D (`events.status`), which is one
value per person: someone released abroad is in *released* and *deported* while their status is
`deported`; someone released and re-arrested is in *released* and *held* while their status is
`held`.

An interval whose start is unknown (a list gives only a release date, or "held" with no date)
counts as held at every date before its end; `held_start_unknown` says how many of `held` those
are, so a reader can see how much of a historical figure rests on undated records.

Beside them: *term_ended_unconfirmed*, people whose latest sentence's term ended by D with
nothing recorded since (never in *held*: `events.status.term_ended_by`); *died*, people whose
custody ended in their death by D, in custody as the source says or not; and
*held_by_custody_kind*, the held split by their kind of custody on D (`stats.custody_kinds`).

Collective events report people the registry may not name ("Belarus freed 123"): beside the
totals, `reported_beyond_named` sums what those events report beyond the people on record
(`stats.figures.beyond_named`), so that no one is counted twice and no reported person is lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from django.db.models import Count

from rollcall.collective.choices import ReportedCount
from rollcall.collective.models import CollectiveEvent, ReportedEstimate
from rollcall.events.choices import EventType, ReleaseKind
from rollcall.events.status import RELEASES, started_by
from rollcall.lib.dates import format_partial
from rollcall.people.models import counted_q
from rollcall.sources.records import BRIEF, citation_records
from rollcall.stats.breakdowns import (
    CountryTotals,
    EstimateBeside,
    by_country,
    registry_beside_estimates,
)
from rollcall.stats.custody_kinds import HeldByKind, held_by_custody_kind
from rollcall.stats.figures import (
    BEYOND_NAMED,
    DEATHS,
    REPORTED_AS,
    add_reported,
    beyond_named,
    counted_intervals,
    figure_aggregates,
)

SCHEMA = "rollcall.stats/1"


@dataclass(frozen=True)
class Totals:
    held: int
    released: int
    deported: int
    died_in_custody: int
    held_start_unknown: int
    term_ended_unconfirmed: int
    died: int


@dataclass(frozen=True)
class Period:
    period: str
    held: int
    released: int
    deported: int
    died_in_custody: int
    term_ended_unconfirmed: int
    died: int


@dataclass(frozen=True)
class Flow:
    """What happened within one period: custody begun, releases, deaths in custody, and terms
    that ended with no release recorded (which leave *held* as a release does)."""

    period: str
    arrests: int
    releases: int
    deaths_in_custody: int
    terms_ended: int


@dataclass(frozen=True)
class ByKind:
    release_kind: str | None  # None: the source did not say how
    releases: int


@dataclass(frozen=True)
class ByDestination:
    destination: str | None  # None: no destination recorded
    releases: int


@dataclass(frozen=True)
class OverTime:
    """The figures over a span: the series and what happened within it.

    `start` is the first day of the first period; the release breakdowns count the releases
    from it to the end of the last period, so each adds up to the flows' releases.
    """

    start: date
    series: list[Period]
    flows: list[Flow]
    releases_by_kind: list[ByKind]
    releases_by_destination: list[ByDestination]


@dataclass(frozen=True)
class Estimate:
    measure: str
    country: str
    count: ReportedCount
    as_of: str
    attributed_to: str
    sources: list[dict[str, object]]


@dataclass(frozen=True)
class Stats:
    as_of: date
    country: str | None
    totals: Totals
    # What collective events report beyond the people on record, per measure (`REPORTED_AS`).
    reported_beyond_named: dict[str, ReportedCount] = field(default_factory=dict)
    series: list[Period] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    # Given with a series only (the figures over time); empty otherwise.
    flows: list[Flow] = field(default_factory=list)
    releases_by_kind: list[ByKind] = field(default_factory=list)
    releases_by_destination: list[ByDestination] = field(default_factory=list)
    by_country: list[CountryTotals] = field(default_factory=list)
    registry_beside_estimates: list[EstimateBeside] = field(default_factory=list)
    # The held on `as_of` by their kind of custody; given with or without a series.
    held_by_custody_kind: list[HeldByKind] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "schema": SCHEMA,
            "as_of": self.as_of.isoformat(),
            "country": self.country,
            "totals": asdict(self.totals),
            "reported_beyond_named": dict(self.reported_beyond_named),
            "series": [asdict(p) for p in self.series],
            "estimates": [asdict(e) for e in self.estimates],
            "flows": [asdict(f) for f in self.flows],
            "releases_by_kind": [asdict(k) for k in self.releases_by_kind],
            "releases_by_destination": [asdict(d) for d in self.releases_by_destination],
            "by_country": [asdict(c) for c in self.by_country],
            "registry_beside_estimates": [asdict(e) for e in self.registry_beside_estimates],
            "held_by_custody_kind": [asdict(k) for k in self.held_by_custody_kind],
        }


def totals(as_of: date, country: str | None = None) -> Totals:
    return Totals(**counted_intervals(country).aggregate(**figure_aggregates(as_of)))


def reported_beyond_named(as_of: date, country: str | None = None) -> dict[str, ReportedCount]:
    """What the collective events dated on or before `as_of` report beyond the people on record.

    For each event, its reported count less the people the figures count whose events point to
    it (`stats.figures.beyond_named`), summed per measure (`add_reported`). An undated event
    is in no day's figures, as an undated release ends no custody. One query, whatever the
    number of events.
    """
    events = CollectiveEvent.objects.filter(type__in=list(REPORTED_AS), date__lte=as_of)
    if country:
        events = events.filter(country=country.upper())
    named = Count(
        "person_events__person",
        filter=counted_q("person_events__person__"),
        distinct=True,
    )
    rows = events.order_by().annotate(named=named)
    by_measure: dict[str, list[ReportedCount]] = {measure: [] for measure in BEYOND_NAMED}
    for kind, value, qualifier, n in rows.values_list(
        "type", "count_value", "count_qualifier", "named"
    ):
        reported: ReportedCount | None = (
            None if value is None else {"value": value, "qualifier": qualifier}
        )
        beyond = beyond_named(reported, n)
        if beyond is not None:
            by_measure[REPORTED_AS[kind]].append(beyond)
    return {measure: add_reported(counts) for measure, counts in by_measure.items()}


def _period_start(day: date, unit: str) -> date:
    return date(day.year, day.month if unit == "month" else 1, 1)


def _next_period(day: date, unit: str) -> date:
    if unit == "year":
        return date(day.year + 1, 1, 1)
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _label(day: date, unit: str) -> str:
    return f"{day.year:04d}" if unit == "year" else f"{day.year:04d}-{day.month:02d}"


def bucket_counts(rows: Iterable[tuple[date | None, int]], unit: str) -> dict[date | None, int]:
    """(day, count) rows → counts per period start; an unknown day stays under None."""
    out: dict[date | None, int] = {}
    for day, n in rows:
        key = _period_start(day, unit) if day is not None else None
        out[key] = out.get(key, 0) + n
    return out


def series(
    as_of: date, unit: str, country: str | None = None, start: date | None = None
) -> list[Period]:
    """Figures at the end of each month (or year) up to `as_of` (see `over_time`)."""
    return over_time(as_of, unit, country, start).series


def over_time(
    as_of: date, unit: str, country: str | None = None, start: date | None = None
) -> OverTime:
    """Figures at the end of each month (or year) up to `as_of`, and what happened within each.

    The last period ends at `as_of`; the first is the one holding `start` (default: the first
    recorded custody). Two grouped queries give how many intervals start and end on each day;
    running sums of those give `held` (intervals started by a period's end minus those ended by
    it: `held_on` counted in bulk, which the test of every period against `totals` holds it
    to). The cumulative figures need each person's *first* release, and the flows and release
    breakdowns each release's period, kind and destination: all come from one pass over one
    narrow query of ended intervals, rather than a query per period.
    """
    if unit not in {"month", "year"}:
        raise ValueError(f"series must be 'month' or 'year', not {unit!r}")
    qs = counted_intervals(country).filter(started_by(as_of))
    if start is None:
        first = qs.exclude(start__isnull=True).order_by("start").values_list("start", flat=True)
        start = first.first() or as_of
    start = _period_start(min(start, as_of), unit)

    # Grouping by the raw date and bucketing here, not with TruncMonth in SQL: on SQLite Django
    # runs its date-truncation function in Python once per row, which was most of the series'
    # cost at 100,000 people (there are only a few thousand distinct days).
    starts = bucket_counts(qs.order_by().values_list("start").annotate(n=Count("id")), unit)
    ends = bucket_counts(
        qs.filter(end__lte=as_of).order_by().values_list("end").annotate(n=Count("id")), unit
    )
    # A term that ended with no release recorded leaves *held* on its day, as a release would.
    terms = bucket_counts(
        qs.filter(term_ends__lte=as_of).order_by().values_list("term_ends").annotate(n=Count("id")),
        unit,
    )
    first_release: dict[int, date] = {}
    first_deported: dict[int, date] = {}
    died: dict[int, date] = {}
    died_any: dict[int, date] = {}
    releases_in: Counter[date] = Counter()
    deaths_in: Counter[date] = Counter()
    by_kind: Counter[str] = Counter()
    by_destination: Counter[str] = Counter()
    rows = (
        qs.filter(end__lte=as_of)
        .exclude(end_type="")
        .order_by()
        .values_list("person_id", "end", "end_type", "deported", "release_kind", "destination")
    )
    for person_id, end, end_type, deported, kind, destination in rows.iterator(chunk_size=5000):
        if end is None:  # never: `end__lte` leaves out open intervals (this tells the checker)
            continue
        if end_type in RELEASES:
            if person_id not in first_release or end < first_release[person_id]:
                first_release[person_id] = end
            if deported and (person_id not in first_deported or end < first_deported[person_id]):
                first_deported[person_id] = end
            releases_in[_period_start(end, unit)] += 1
            if end >= start:
                by_kind[kind] += 1
                by_destination[destination] += 1
        elif end_type in DEATHS:
            died_any[person_id] = end
            if end_type == EventType.DEATH_IN_CUSTODY:
                died[person_id] = end
                deaths_in[_period_start(end, unit)] += 1

    def bucket(values: dict[int, date]) -> dict[date, int]:
        out: dict[date, int] = {}
        for day in values.values():
            key = _period_start(day, unit)
            out[key] = out.get(key, 0) + 1
        return out

    released_by, deported_by, died_by = bucket(first_release), bucket(first_deported), bucket(died)
    any_died_by = bucket(died_any)

    started_before = sum(n for p, n in starts.items() if p is None or p < start)
    ended_before = sum(n for p, n in ends.items() if p is not None and p < start)
    starts_by = {p: n for p, n in starts.items() if p is not None}
    ends_by = {p: n for p, n in ends.items() if p is not None}
    terms_by = {p: n for p, n in terms.items() if p is not None}
    cum_released = sum(n for p, n in released_by.items() if p < start)
    cum_deported = sum(n for p, n in deported_by.items() if p < start)
    cum_died = sum(n for p, n in died_by.items() if p < start)
    cum_any_died = sum(n for p, n in any_died_by.items() if p < start)
    cum_terms = sum(n for p, n in terms_by.items() if p < start)

    periods: list[Period] = []
    flows: list[Flow] = []
    period = start
    opened, closed = started_before, ended_before
    while period <= as_of:
        label = _label(period, unit)
        opened += starts_by.get(period, 0)
        closed += ends_by.get(period, 0)
        cum_released += released_by.get(period, 0)
        cum_deported += deported_by.get(period, 0)
        cum_died += died_by.get(period, 0)
        cum_any_died += any_died_by.get(period, 0)
        cum_terms += terms_by.get(period, 0)
        periods.append(
            Period(
                label,
                held=opened - closed - cum_terms,
                released=cum_released,
                deported=cum_deported,
                died_in_custody=cum_died,
                term_ended_unconfirmed=cum_terms,
                died=cum_any_died,
            )
        )
        flows.append(
            Flow(
                label,
                arrests=starts_by.get(period, 0),
                releases=releases_in[period],
                deaths_in_custody=deaths_in[period],
                terms_ended=terms_by.get(period, 0),
            )
        )
        period = _next_period(period, unit)
    return OverTime(
        start=start,
        series=periods,
        flows=flows,
        releases_by_kind=[ByKind(k or None, n) for k, n in _largest_first(by_kind, _KIND_ORDER)],
        releases_by_destination=[
            ByDestination(d or None, n) for d, n in _largest_first(by_destination, {})
        ],
    )


# Kinds of release in their declared order (most specific first), for ties in the breakdown.
_KIND_ORDER = {kind: position for position, kind in enumerate(ReleaseKind.values)}


def _largest_first(counts: Counter[str], order: dict[str, int]) -> list[tuple[str, int]]:
    """Largest count first; ties in `order` (else by code); what nobody recorded ("") last."""
    return sorted(
        counts.items(),
        key=lambda item: (item[0] == "", -item[1], order.get(item[0], len(order)), item[0]),
    )


def estimates(as_of: date, country: str | None = None) -> list[Estimate]:
    """Reported figures published on or before `as_of`, newest first, with their sources."""
    qs = ReportedEstimate.objects.filter(as_of__lte=as_of).prefetch_related("citations__source")
    if country:
        qs = qs.filter(country=country.upper())
    return [
        Estimate(
            measure=e.measure,
            country=e.country,
            count={"value": e.count_value, "qualifier": e.count_qualifier},
            as_of=format_partial(e.as_of, e.as_of_precision),
            attributed_to=e.attributed_to,
            sources=citation_records(e.citations.all(), BRIEF),
        )
        for e in qs
    ]


def compute(
    as_of: date | None = None,
    country: str | None = None,
    unit: str | None = None,
    start: date | None = None,
) -> Stats:
    """The stats document (docs/json.md): totals and estimates on a day; with `unit`, the
    figures over time as well, from the period holding `start` to `as_of`."""
    day = as_of or date.today()
    stats = Stats(
        as_of=day,
        country=country.upper() if country else None,
        totals=totals(day, country),
        reported_beyond_named=reported_beyond_named(day, country),
        estimates=estimates(day, country),
        held_by_custody_kind=held_by_custody_kind(day, country),
    )
    if not unit:
        return stats
    timeline = over_time(day, unit, country, start)
    return replace(
        stats,
        series=timeline.series,
        flows=timeline.flows,
        releases_by_kind=timeline.releases_by_kind,
        releases_by_destination=timeline.releases_by_destination,
        by_country=by_country(day, country),
        registry_beside_estimates=registry_beside_estimates(day, country, timeline.start),
    )


__all__ = [
    "ByDestination",
    "ByKind",
    "Flow",
    "HeldByKind",
    "OverTime",
    "Period",
    "Stats",
    "Totals",
    "compute",
    "over_time",
    "reported_beyond_named",
    "series",
    "totals",
]
