"""Finding people by name for the site and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rollcall.people.matching import registry_index
from rollcall.people.models import Person, PersonName

# Up to this many people whose names contain the text are listed by id; more are left to a
# subquery, so that a search for "a" does not send the database a list of the whole registry.
SUBSTRING_IDS = 2000


def search_people(qs: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People a name contains the query, or whom the name matcher says the query names.

    Substring search finds "Kalesn" as typed; the matcher finds "Maria Kolesnikova" for
    "Марыя Калеснікава" and "Maxim Snak" for Maksim Znak. `qs` decides who may be seen.
    """
    text = query.strip()
    matched = registry_index.person_pks(text)
    # The names containing the text are looked for once, not once for the count and again for
    # the page; no join on names either, which would need DISTINCT over every annotation.
    named = PersonName.objects.filter(value__icontains=text).values("person_id")
    found = list(
        named.order_by().distinct()[: SUBSTRING_IDS + 1].values_list("person_id", flat=True)
    )
    if len(found) > SUBSTRING_IDS:  # a short, common text: let the database keep the list
        return qs.filter(Q(pk__in=named) | Q(pk__in=matched))
    return qs.filter(pk__in={*found, *matched})
