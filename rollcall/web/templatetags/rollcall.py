"""Template filters that say numbers and places the way sources do."""

from __future__ import annotations

from django import template
from django.utils.translation import ngettext

from rollcall.collective.choices import ReportedCount
from rollcall.events.choices import EventType, ReleaseKind
from rollcall.events.status import Status
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


@register.filter
def event_type(value: str | None) -> str:
    """`death_in_custody` → "death in custody"."""
    return str(EventType(value).label) if value in EventType.values else words(value)


@register.filter
def term(months: int | None) -> str:
    """36 → "3 years"; 30 → "2 years 6 months": a prison term as courts state it."""
    if months is None:
        return ""
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("%(n)d year", "%(n)d years", years) % {"n": years})
    if rest or not years:
        parts.append(ngettext("%(n)d month", "%(n)d months", rest) % {"n": rest})
    return " ".join(parts)


@register.filter
def status(value: str | None) -> str:
    """A person's status in the words the site uses: `deported` → "released and taken abroad"."""
    return str(Status(value).label) if value in Status.values else ""
