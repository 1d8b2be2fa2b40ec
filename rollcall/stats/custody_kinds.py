"""The held on a day split by their kind of custody (`events.choices.CustodyKind`).

Read off the derived custody spans with the question *held on D* asks of intervals
(`events.status.held_on`): a span of a held kind covers its interval exactly, so the rows add up
to the *held* figure (tested), and a span of a kind that is not held (on trial while free) is no
one's custody and is left out. Every held kind has its row, in the declared order, even at 0, and
the held whose kind no source gave come last, as `custody_kind: null`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from rollcall.events.choices import HELD_KINDS, CustodyKind
from rollcall.events.models import CustodySpan
from rollcall.events.status import held_on
from rollcall.people.models import counted_q

# The held kinds in the order `CustodyKind` declares them, then the kind nobody gave.
ROWS: tuple[str, ...] = (*(kind for kind in CustodyKind.values if kind in HELD_KINDS), "")


@dataclass(frozen=True)
class HeldByKind:
    custody_kind: str | None  # None: the source did not say
    held: int


def held_by_custody_kind(as_of: date, country: str | None = None) -> list[HeldByKind]:
    """How many of the held on `as_of` are in each kind of custody; one grouped query."""
    spans = CustodySpan.objects.filter(counted_q("person__"), held_on(as_of), kind__in=ROWS)
    if country:
        spans = spans.filter(country=country.upper())
    counts = dict(spans.order_by().values_list("kind").annotate(n=Count("id")))
    return [HeldByKind(kind or None, counts.get(kind, 0)) for kind in ROWS]


__all__ = ["ROWS", "HeldByKind", "held_by_custody_kind"]
