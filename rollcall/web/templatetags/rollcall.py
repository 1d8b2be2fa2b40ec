"""Template filters that say numbers and places the way sources do."""

from __future__ import annotations

from django import template

from rollcall.collective.choices import ReportedCount
from rollcall.events.choices import ReleaseKind
from rollcall.lib.countries import country_name

register = template.Library()

QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "about": "about ",
    "at_most": "at most ",
    "fewer_than": "fewer than ",
}


@register.filter
def reported(count: ReportedCount | None) -> str:
    """{"value": 9, "qualifier": "at_least"} → "at least 9"."""
    if not count:
        return "an unreported number of"
    return f"{QUALIFIER_WORDS.get(count['qualifier'], '')}{count['value']:,}"


@register.filter
def country(code: str | None) -> str:
    return country_name(code.lower()) if code else ""


@register.filter
def words(value: str | None) -> str:
    return (value or "").replace("_", " ")


@register.filter
def release_kind(value: str | None) -> str:
    """`deal` → "freed under an agreement": the words a reader needs, not the stored code."""
    return str(ReleaseKind(value).label) if value in ReleaseKind.values else ""
