"""Finding people by name for the site and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from rollcall.people.models import Person


def search_people(qs: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People any of whose names contain the query (case-insensitive, any script)."""
    return qs.filter(names__value__icontains=query.strip()).distinct()
