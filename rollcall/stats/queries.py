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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from rollcall.collective.choices import ReportedCount
from rollcall.collective.models import ReportedEstimate
from rollcall.events.choices import EventType
from rollcall.events.models import CustodyInterval
from rollcall.events.status import RELEASES, held_on, started_by
from rollcall.lib.dates import format_partial
from rollcall.people.models import counted_q
from rollcall.sources.records import BRIEF, citation_records

SCHEMA = "rollcall.stats/1"


@dataclass(frozen=True)
class Totals:
    held: int
    released: int
    deported: int
    died_in_custody: int
    held_start_unknown: int


@dataclass(frozen=True)
class Period:
    period: str
    held: int
    released: int
    deported: int
    died_in_custody: int


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
    series: list[Period] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "schema": SCHEMA,
            "as_of": self.as_of.isoformat(),
            "country": self.country,
            "totals": asdict(self.totals),
            "series": [asdict(p) for p in self.series],
            "estimates": [asdict(e) for e in self.estimates],
        }


def counted_intervals(country: str | None = None) -> QuerySet[CustodyInterval]:
    """Intervals of people the public figures count (`people.models.counted_q`)."""
    qs = CustodyInterval.objects.filter(counted_q("person__"))
    if country:
        qs = qs.filter(country=country.upper())
    return qs


def totals(as_of: date, country: str | None = None) -> Totals:
    qs = counted_intervals(country)
    held_q = held_on(as_of)
    released_q = Q(end__lte=as_of, end_type__in=RELEASES)
    # Each person's intervals are disjoint, so counting intervals counts people for `held`;
    # the other figures can repeat a person (released twice) and need DISTINCT.
    figures = qs.aggregate(
        held=Count("id", filter=held_q),
        held_start_unknown=Count("id", filter=held_q & Q(start__isnull=True)),
        released=Count("person", filter=released_q, distinct=True),
        deported=Count("person", filter=released_q & Q(deported=True), distinct=True),
        died_in_custody=Count(
            "person", filter=Q(end__lte=as_of, end_type=EventType.DEATH_IN_CUSTODY), distinct=True
        ),
    )
    return Totals(**figures)


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
    """Figures at the end of each month (or year) up to `as_of`; the last period ends at `as_of`.

    Two grouped queries give how many intervals start and end on each day; running sums of
    those give `held` (intervals started by a period's end minus those ended by it: `held_on`
    counted in bulk, which the test of every period against `totals` holds it to). The
    cumulative figures need each person's *first* release, which is computed from one narrow
    query rather than per period.
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
    first_release: dict[int, date] = {}
    first_deported: dict[int, date] = {}
    died: dict[int, date] = {}
    rows = (
        qs.filter(end__lte=as_of)
        .exclude(end_type="")
        .order_by()
        .values_list("person_id", "end", "end_type", "deported")
    )
    for person_id, end, end_type, deported in rows.iterator(chunk_size=5000):
        if end is None:  # never: `end__lte` leaves out open intervals (this tells the checker)
            continue
        if end_type in RELEASES:
            if person_id not in first_release or end < first_release[person_id]:
                first_release[person_id] = end
            if deported and (person_id not in first_deported or end < first_deported[person_id]):
                first_deported[person_id] = end
        elif end_type == EventType.DEATH_IN_CUSTODY:
            died[person_id] = end

    def bucket(values: dict[int, date]) -> dict[date, int]:
        out: dict[date, int] = {}
        for day in values.values():
            key = _period_start(day, unit)
            out[key] = out.get(key, 0) + 1
        return out

    released_by, deported_by, died_by = bucket(first_release), bucket(first_deported), bucket(died)

    started_before = sum(n for p, n in starts.items() if p is None or p < start)
    ended_before = sum(n for p, n in ends.items() if p is not None and p < start)
    starts_by = {p: n for p, n in starts.items() if p is not None}
    ends_by = {p: n for p, n in ends.items() if p is not None}
    cum_released = sum(n for p, n in released_by.items() if p < start)
    cum_deported = sum(n for p, n in deported_by.items() if p < start)
    cum_died = sum(n for p, n in died_by.items() if p < start)

    out: list[Period] = []
    period = start
    opened, closed = started_before, ended_before
    while period <= as_of:
        opened += starts_by.get(period, 0)
        closed += ends_by.get(period, 0)
        cum_released += released_by.get(period, 0)
        cum_deported += deported_by.get(period, 0)
        cum_died += died_by.get(period, 0)
        out.append(
            Period(_label(period, unit), opened - closed, cum_released, cum_deported, cum_died)
        )
        period = _next_period(period, unit)
    return out


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
    day = as_of or date.today()
    return Stats(
        as_of=day,
        country=country.upper() if country else None,
        totals=totals(day, country),
        series=series(day, unit, country, start) if unit else [],
        estimates=estimates(day, country),
    )


__all__ = ["Period", "Stats", "Totals", "compute", "series", "totals"]
