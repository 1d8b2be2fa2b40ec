"""Which people a reader is shown: the one definition the API and the site's pages both call.

As NetBox shares one filterset between its list pages, its API and its exports, the people list
of the API (`GET /api/v1/people`), the site's search page and its CSV download all go through
`filter_people()` with the same `PeopleFilters`, and a person's API record and their page both
find them with `shown_person()`. Who may be seen is `Person.objects.visible_to()`: anonymous and
hidden people are never found for a reader without staff rights, so their pages are a 404 alike.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from rollcall.api import serialize
from rollcall.api.schemas import PeopleFilters
from rollcall.events.models import CustodyInterval
from rollcall.events.status import custody_kind_on, status_is
from rollcall.people.models import Person
from rollcall.people.search import search_people


def filter_people(filters: PeopleFilters, staff: bool, day: date) -> QuerySet[Person]:
    """The people `filters` select among those a reader sees, with their status on `day`.

    Loaded as `serialize.person()` needs them; `filters` are already checked (the schema refuses
    an unknown status or country before a query is made).
    """
    qs: QuerySet[Person] = Person.objects.visible_to(staff)
    if filters.country:
        # A subquery rather than a join, which would need DISTINCT (see `search_people`).
        held_by = CustodyInterval.objects.filter(country=filters.country).values("person_id")
        qs = qs.filter(pk__in=held_by)
    # One status per person on `day`: the filter keeps exactly the people whose own
    # `status.value` is the one asked for (the stats' `released` counts differently).
    qs = serialize.person_queryset(qs, day)
    if filters.status:
        qs = qs.filter(status_is(filters.status))
    if filters.custody:
        # The kind of custody in force on `day`: a held kind while the person is held, "on
        # trial while free" until their next custody event (`events.status.custody_kind_on`).
        qs = qs.filter(custody_kind_on(day, filters.custody))
    if filters.q:
        qs = search_people(qs, filters.q)
    return qs


def shown_person(person_id: str, staff: bool, day: date) -> Person | None:
    """The person with public id `person_id` if the reader may see them, else None (a 404)."""
    qs = serialize.person_queryset(Person.objects.visible_to(staff), day)
    return qs.filter(uid=person_id).first()
