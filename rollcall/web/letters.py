"""The letters page: what letter-writing campaigns work from.

Groups that run them (Viasna's letters to political prisoners, Amnesty's Write for Rights) need
three lists: who may be written to and where, whose birthday falls this month, and whose term
ends soon. Everyone on the page is public (`Person.objects.public()`: anonymous, hidden and draft
records never appear) and held today by the one rule of `events.status`. An address is listed
only for people who, or whose family, agreed that letters be sent (`accepts_letters`), and it is
their last facility's, as the person page shows it (`events.timeline.last_facility`).

Each list is a fixed number of queries, whatever the registry's size; the page is plain HTML and
works with JavaScript off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from rollcall.events.choices import EventType
from rollcall.events.models import Event, Facility
from rollcall.events.status import Status, status_is, with_status
from rollcall.events.timeline import last_facility, last_sentence
from rollcall.lib.dates import DatePrecision
from rollcall.people.models import Person

# How far ahead the releases list looks: time for a last letter, or a welcome, to arrive.
RELEASES_AHEAD = timedelta(days=90)
# A heading per month, not "Birthdays in {month}": Belarusian and Russian decline the month
# ("у лістападзе", "в ноябре"), which no date format gives.
BIRTHDAYS_IN: dict[int, Promise] = {
    1: _("Birthdays in January"),
    2: _("Birthdays in February"),
    3: _("Birthdays in March"),
    4: _("Birthdays in April"),
    5: _("Birthdays in May"),
    6: _("Birthdays in June"),
    7: _("Birthdays in July"),
    8: _("Birthdays in August"),
    9: _("Birthdays in September"),
    10: _("Birthdays in October"),
    11: _("Birthdays in November"),
    12: _("Birthdays in December"),
}


@dataclass(frozen=True)
class Writable:
    """Someone who may be written to, and where their letters go."""

    person: Person
    name: str
    facility: Facility | None
    address: str  # "" when their facility publishes none on record


@dataclass(frozen=True)
class Birthday:
    person: Person
    name: str
    born: date
    turns: int  # the age they reach this year
    accepts_letters: bool


@dataclass(frozen=True)
class Release:
    person: Person
    name: str
    due: date
    accepts_letters: bool


def _held_public(today: date) -> QuerySet[Person]:
    """Public people held today, with their names for the shown name."""
    held = with_status(Person.objects.public(), today).filter(status_is(Status.HELD))
    return held.prefetch_related("names")


def writable(today: date) -> list[Writable]:
    """Held public people who accept letters, by name, with their last facility."""
    with_facility = Event.objects.filter(facility__isnull=False).select_related("facility")
    people = _held_public(today).filter(accepts_letters=True)
    people = people.prefetch_related(Prefetch("events", queryset=with_facility))
    rows = []
    for p in people:
        facility = last_facility(p.events.all())
        address = facility.postal_address if facility else ""
        rows.append(Writable(p, p.name_for(get_language()), facility, address))
    return sorted(rows, key=lambda row: (row.name.casefold(), row.person.pk))


def birthdays(today: date) -> list[Birthday]:
    """Held public people born on a known day of this month, by day.

    Only a day-precision birth date says which day: one known to the month or the year is
    stored as its first day, which is no birthday.
    """
    people = _held_public(today).filter(
        birth_precision=DatePrecision.DAY, birth_date__month=today.month
    )
    rows = [
        Birthday(
            p,
            p.name_for(get_language()),
            p.birth_date,
            today.year - p.birth_date.year,
            p.accepts_letters,
        )
        for p in people
        if p.birth_date is not None
    ]
    return sorted(rows, key=lambda row: (row.born.day, row.name.casefold(), row.person.pk))


def releases_due(today: date) -> list[Release]:
    """Held public people whose latest sentence's term ends in the next `RELEASES_AHEAD` days,
    soonest first.

    The database picks those with any sentence ending then; the latest sentence on each one's
    timeline (as their page shows it) decides, since a later sentence replaces the term.
    Someone whose term ends today is due today: from today their status is "term ended,
    release unconfirmed" (the end of a term is the first day free), but they walk out today.
    """
    end = today + RELEASES_AHEAD
    sentences = Event.objects.filter(type=EventType.SENTENCE)
    ending = sentences.filter(term_ends_on__gte=today, term_ends_on__lte=end)
    due_today = status_is(Status.HELD) | status_is(Status.TERM_ENDED_UNCONFIRMED)
    people = with_status(Person.objects.public(), today).filter(due_today)
    people = people.filter(pk__in=ending.values("person")).prefetch_related("names")
    people = people.prefetch_related(Prefetch("events", queryset=sentences))
    rows = []
    for p in people:
        sentence = last_sentence(p.events.all())
        due = sentence.term_ends_on if sentence else None
        if due is not None and today <= due <= end:
            rows.append(Release(p, p.name_for(get_language()), due, p.accepts_letters))
    return sorted(rows, key=lambda row: (row.due, row.name.casefold(), row.person.pk))


@require_safe
def letters(request: HttpRequest) -> HttpResponse:
    """Who may be written to and where; birthdays this month; releases due soon."""
    today = date.today()
    context = {
        "today": today,
        "ahead": RELEASES_AHEAD.days,
        "birthdays_heading": BIRTHDAYS_IN[today.month],
        "writable": writable(today),
        "birthdays": birthdays(today),
        "releases": releases_due(today),
    }
    return render(request, "web/letters.html", context)
