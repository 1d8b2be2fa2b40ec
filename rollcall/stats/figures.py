"""What each of the registry's figures counts on a day, as SQL: the one definition of each.

The totals, the per-holding-state table and the registry's side of a reported estimate all
aggregate these same expressions, so a figure cannot mean one thing in one table and another in
the next (docs/stats.md defines them in words).

Beside them, the people collective events report beyond those the registry names
(`beyond_named`, `add_reported`): "Belarus freed 123" with four of the 123 on record is four
people in *released* and 119 more reported, never 123 more.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Aggregate, Count, Q, QuerySet

from rollcall.collective.choices import Qualifier, ReportedCount
from rollcall.events.choices import EventType
from rollcall.events.models import CustodyInterval
from rollcall.events.status import RELEASES, held_on, term_ended_by
from rollcall.people.models import counted_q

# The figures, in the order the JSON and the tables give them.
FIGURES = (
    "held",
    "released",
    "deported",
    "died_in_custody",
    "held_start_unknown",
    "term_ended_unconfirmed",
    "died",
)
# The ends of custody that are a death: in custody as the source says, or a death the list
# recorded while the person was held, without saying where they died.
DEATHS = (EventType.DEATH_IN_CUSTODY, EventType.DEATH)


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
    any_death_q = Q(end__lte=as_of, end_type__in=DEATHS) & within
    return {
        "held": Count("id", filter=held_q),
        "released": Count("person", filter=released_q, distinct=True),
        "deported": Count("person", filter=released_q & Q(deported=True), distinct=True),
        "died_in_custody": Count("person", filter=died_q, distinct=True),
        "held_start_unknown": Count("id", filter=held_q & Q(start__isnull=True)),
        # One open interval per person at most, so intervals count people.
        "term_ended_unconfirmed": Count("id", filter=term_ended_by(as_of) & within),
        "died": Count("person", filter=any_death_q, distinct=True),
    }


def holding_states() -> list[str]:
    """The holding states the figures can be asked for: those of the counted custody."""
    codes = counted_intervals().exclude(country="").values_list("country", flat=True)
    return sorted(set(codes.order_by().distinct()))


# What a collective event of each type reports, in the figures' terms: a collective release or
# deportation reports people released; a collective arrest, people detained (not held: nobody
# knows how many of them are still in custody). Other types (sentences, transfers) report no
# change a figure counts. A collective release's destinations are not read into *deported*: a
# destination's count says where people went, not which of the named people were among them.
REPORTED_AS: dict[str, str] = {
    EventType.RELEASE: "released",
    EventType.DEPORTATION: "released",
    EventType.DEATH_IN_CUSTODY: "died_in_custody",
    EventType.ARREST: "detained",
}
# The measures of `REPORTED_AS`, in the order the JSON gives them.
BEYOND_NAMED = ("released", "died_in_custody", "detained")

# Counts of people are whole numbers, so "more than 100" is "at least 101" and "fewer than 10"
# "at most 9": every count below is a bound that subtraction and addition keep.
_LOWER = {Qualifier.EXACT, Qualifier.AT_LEAST}
_UPPER = {Qualifier.EXACT, Qualifier.AT_MOST}


def closed(count: ReportedCount) -> ReportedCount:
    """`count` with an open bound made closed: more than 100 → at least 101."""
    value, qualifier = count["value"], count["qualifier"] or Qualifier.EXACT
    if qualifier == Qualifier.MORE_THAN:
        return {"value": value + 1, "qualifier": Qualifier.AT_LEAST.value}
    if qualifier == Qualifier.FEWER_THAN:
        return {"value": max(0, value - 1), "qualifier": Qualifier.AT_MOST.value}
    return {"value": value, "qualifier": str(qualifier)}


def beyond_named(count: ReportedCount | None, named: int) -> ReportedCount | None:
    """How many of a collective event's reported people are beyond the `named` on record.

    `named` is how many people the figures count (`people.models.counted_q`) have an event
    pointing to the collective event: they are in the registry's own figures already. What the
    source reports less them, never below zero, with the source's qualifier carried over:
    123 reported with 4 named is 119; at least 9 is at least 5; more than 100 is at least 97.
    A count nobody reported ("dozens") adds nothing.
    """
    if count is None:
        return None
    bound = closed(count)
    return {"value": max(0, bound["value"] - named), "qualifier": bound["qualifier"]}


def add_reported(counts: Iterable[ReportedCount]) -> ReportedCount:
    """The sum of reported counts, as exact as its least exact part allows.

    Exact counts add up exactly; with lower bounds (at least) the sum is at least, with upper
    bounds (at most) at most; a count reported as "about", or lower and upper bounds together,
    make the sum "about". Nothing to add is exactly 0.
    """
    total, qualifiers = 0, set()
    for count in counts:
        bound = closed(count)
        total += bound["value"]
        qualifiers.add(bound["qualifier"])
    if qualifiers <= {Qualifier.EXACT}:
        qualifier = Qualifier.EXACT
    elif qualifiers <= _LOWER:
        qualifier = Qualifier.AT_LEAST
    elif qualifiers <= _UPPER:
        qualifier = Qualifier.AT_MOST
    else:
        qualifier = Qualifier.ABOUT
    return {"value": total, "qualifier": qualifier.value}


__all__ = [
    "BEYOND_NAMED",
    "DEATHS",
    "FIGURES",
    "REPORTED_AS",
    "add_reported",
    "beyond_named",
    "closed",
    "counted_intervals",
    "figure_aggregates",
    "holding_states",
]
