"""The figures split by holding state, and the registry's own figure beside each estimate.

Both aggregate the definitions in `stats.figures`, so a row here equals the totals asked for
with that country (tested), and the registry's side of an estimate is what `rollcall stats
--as-of DAY --country XX` gives for that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Aggregate, Q

from rollcall.collective.choices import EstimateMeasure, ReportedCount
from rollcall.collective.models import ReportedEstimate
from rollcall.lib.dates import format_partial
from rollcall.stats.figures import FIGURES, counted_intervals, figure_aggregates

# The estimates the registry has a figure of the same meaning for. "Detained over a period" and
# "released over a period" name no period the registry could count over, so they stand alone.
COMPARABLE: dict[str, str] = {
    EstimateMeasure.HELD: "held",
    EstimateMeasure.DIED_IN_CUSTODY: "died_in_custody",
}


@dataclass(frozen=True)
class CountryTotals:
    """The figures for one holding state; `country` is None for custody nobody placed."""

    country: str | None
    held: int
    released: int
    deported: int
    died_in_custody: int
    held_start_unknown: int
    term_ended_unconfirmed: int
    died: int


@dataclass(frozen=True)
class EstimateBeside:
    """A reported estimate and the registry's figure of the same measure, state and day.

    `registry` is None when the registry counts nothing of that meaning (see COMPARABLE). The
    day is the estimate's own: for a month or a year, its first day (`lib.dates`).
    """

    as_of: str
    country: str
    measure: str
    count: ReportedCount
    attributed_to: str
    registry: int | None


def by_country(as_of: date, country: str | None = None) -> list[CountryTotals]:
    """Each holding state's figures on `as_of`, most held first; states with none left out."""
    rows = (
        counted_intervals(country)
        .order_by()
        .values("country")
        .annotate(**figure_aggregates(as_of))
        .values_list("country", *FIGURES)
    )
    found = [CountryTotals(code or None, *figures) for code, *figures in rows if any(figures)]
    return sorted(
        found,
        key=lambda c: (-c.held, -c.released, -c.died_in_custody, c.country or "\uffff"),
    )


def registry_beside_estimates(
    as_of: date, country: str | None = None, start: date | None = None
) -> list[EstimateBeside]:
    """Estimates dated from `start` to `as_of`, oldest first, each with the registry's figure.

    One query gives the registry's side of them all: one filtered count per estimate.
    """
    qs = ReportedEstimate.objects.filter(as_of__lte=as_of).order_by("as_of", "id")
    if start is not None:
        qs = qs.filter(as_of__gte=start)
    if country:
        qs = qs.filter(country=country.upper())
    found = list(qs)
    wanted: dict[str, Aggregate] = {}
    for e in found:
        figure = COMPARABLE.get(e.measure)
        if figure is not None:
            within = Q(country=e.country.upper())
            wanted[str(e.pk)] = figure_aggregates(e.as_of, within)[figure]
    counted = counted_intervals().aggregate(**wanted) if wanted else {}
    return [
        EstimateBeside(
            as_of=format_partial(e.as_of, e.as_of_precision),
            country=e.country,
            measure=e.measure,
            count={"value": e.count_value, "qualifier": e.count_qualifier},
            attributed_to=e.attributed_to,
            registry=counted.get(str(e.pk)),
        )
        for e in found
    ]


__all__ = [
    "COMPARABLE",
    "CountryTotals",
    "EstimateBeside",
    "by_country",
    "registry_beside_estimates",
]
