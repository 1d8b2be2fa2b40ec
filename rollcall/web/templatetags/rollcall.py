"""Template filters that say numbers and places the way sources do."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from django import template
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, ngettext, pgettext_lazy

from rollcall.collective.choices import EstimateMeasure, ReportedCount, SanctionsAction
from rollcall.events.choices import EventType, ReleaseKind
from rollcall.events.status import Status
from rollcall.lib.countries import country_name
from rollcall.lib.dates import DatePrecision, PartialDate
from rollcall.web.languages import Language, languages

register = template.Library()

# A reported number with its qualifier, as a whole phrase: languages put the words in their own
# order ("не менее 9").
QUALIFIED: dict[str, Promise] = {
    "at_least": pgettext_lazy("reported count", "at least %(n)s"),
    "more_than": pgettext_lazy("reported count", "more than %(n)s"),
    "about": pgettext_lazy("reported count", "about %(n)s"),
    "at_most": pgettext_lazy("reported count", "at most %(n)s"),
    "fewer_than": pgettext_lazy("reported count", "fewer than %(n)s"),
}
# What a reported estimate counts, as the sentence "N political prisoners held in Belarus" says it.
MEASURE_WORDS: dict[str, Promise] = {
    "held": pgettext_lazy("estimate", "held"),
    "detained": pgettext_lazy("estimate", "detained"),
    "released": pgettext_lazy("estimate", "released"),
    "died_in_custody": pgettext_lazy("estimate", "died in custody"),
}


@register.filter
def figure(value: int | None) -> str:
    """1234 → "1,234" in English, "1 234" in Belarusian and Russian: a count as the reader's
    language groups its digits (only counts: ids and years are never grouped)."""
    if value is None:
        return ""
    return number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def partial_date(value: str | None) -> str:
    """ "2020-09" → "September 2020", "2025-12-13" → "13 December 2025", in the reader's language.

    A date says no more than its source did: a month stays a month. Anything that is not a
    partial ISO date is shown as it is.
    """
    if not value:
        return ""
    try:
        parsed = PartialDate.parse(str(value))
    except ValueError:
        return str(value)
    if parsed.precision == DatePrecision.DAY:
        return date_format(parsed.value, "DATE_FORMAT")
    if parsed.precision == DatePrecision.MONTH:
        return date_format(parsed.value, "YEAR_MONTH_FORMAT")
    return str(parsed.value.year)


@register.filter
def reported(count: ReportedCount | None) -> str:
    """{"value": 9, "qualifier": "at_least"} → "at least 9"."""
    if not count:
        return gettext("an unreported number of")
    n = figure(count["value"])
    phrase = QUALIFIED.get(count["qualifier"])
    return str(phrase) % {"n": n} if phrase is not None else n


@register.filter
def country(code: str | None) -> str:
    """A state's name in the reader's language (CLDR's, through Babel), else in English."""
    if not code:
        return ""
    language = get_language() or "en"
    if language != "en":
        try:
            name = Locale.parse(language).territories.get(code.upper())
        except (UnknownLocaleError, ValueError):
            name = None
        if name:
            return str(name)
    return country_name(code.lower())


@register.filter
def measure(value: str | None) -> str:
    """`died_in_custody` → "died in custody": what a reported estimate counts."""
    return str(MEASURE_WORDS[value]) if value in MEASURE_WORDS else words(value)


@register.filter
def estimate_measure(value: str | None) -> str:
    """`held` → "held (in custody now)": a measure as a reviewer picks it."""
    return str(EstimateMeasure(value).label) if value in EstimateMeasure.values else words(value)


@register.filter
def sanctions_action(value: str | None) -> str:
    """`eased` → "eased", in the reader's language."""
    return str(SanctionsAction(value).label) if value in SanctionsAction.values else words(value)


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


@register.simple_tag(takes_context=True)
def site_languages(context: template.Context) -> list[Language]:
    """This page in each of the site's languages, for the language switch."""
    request = context.get("request")
    return languages(request) if request is not None else []
