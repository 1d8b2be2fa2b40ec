"""Finding people by name for the site and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rollcall.people.matching import registry_index
from rollcall.people.models import Person


def search_people(qs: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People a name contains the query, or whom the name matcher says the query names.

    Substring search finds "Kalesn" as typed; the matcher finds "Maria Kolesnikova" for
    "Марыя Калеснікава" and "Maxim Snak" for Maksim Znak. `qs` decides who may be seen.
    """
    text = query.strip()
    matched = registry_index.person_pks(text)
    return qs.filter(Q(names__value__icontains=text) | Q(pk__in=matched)).distinct()
