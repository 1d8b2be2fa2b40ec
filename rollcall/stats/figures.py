"""What each of the registry's figures counts on a day, as SQL: the one definition of each.

The totals, the per-holding-state table and the registry's side of a reported estimate all
aggregate these same expressions, so a figure cannot mean one thing in one table and another in
the next (docs/stats.md defines them in words).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Aggregate, Count, Q, QuerySet

from rollcall.events.choices import EventType
from rollcall.events.models import CustodyInterval
from rollcall.events.status import RELEASES, held_on
from rollcall.people.models import counted_q

# The figures, in the order the JSON and the tables give them.
FIGURES = ("held", "released", "deported", "died_in_custody", "held_start_unknown")


def counted_intervals(country: str | None = None) -> QuerySet[CustodyInterval]:
    """Intervals of people the public figures count (`people.models.counted_q`)."""
    qs = CustodyInterval.objects.filter(counted_q("person__"))
    if country:
        qs = qs.filter(country=country.upper())
    return qs


def figure_aggregates(as_of: date, where: Q | None = None) -> dict[str, Aggregate]:
    """Each figure on `as_of` as an aggregate over custody intervals, of those `where` selects.

    Each person's intervals are disjoint, so counting intervals counts people for `held`; the
    other figures can repeat a person (released twice) and need DISTINCT. `where` lets one query
    give several figures, each over its own intervals (one holding state each).
    """
    within = where if where is not None else Q()
    held_q = held_on(as_of) & within
    released_q = Q(end__lte=as_of, end_type__in=RELEASES) & within
    died_q = Q(end__lte=as_of, end_type=EventType.DEATH_IN_CUSTODY) & within
    return {
        "held": Count("id", filter=held_q),
        "released": Count("person", filter=released_q, distinct=True),
        "deported": Count("person", filter=released_q & Q(deported=True), distinct=True),
        "died_in_custody": Count("person", filter=died_q, distinct=True),
        "held_start_unknown": Count("id", filter=held_q & Q(start__isnull=True)),
    }


def holding_states() -> list[str]:
    """The holding states the figures can be asked for: those of the counted custody."""
    codes = counted_intervals().exclude(country="").values_list("country", flat=True)
    return sorted(set(codes.order_by().distinct()))


__all__ = ["FIGURES", "counted_intervals", "figure_aggregates", "holding_states"]
