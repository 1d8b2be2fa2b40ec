"""The read-only JSON API (docs/api.md, docs/json.md), mounted at /api/v1/.

Anonymous and hidden people are never named to anyone without staff rights: they are left out
of people lists, their pages answer 404, and their events are left out of event lists (a
collective event still counts them, without names).
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError
from ninja.renderers import JSONRenderer

from rollcall.api import schemas, serialize, writes
from rollcall.api.filters import filter_people, shown_person
from rollcall.events.models import Event
from rollcall.people.matching import registry_index
from rollcall.people.models import Person
from rollcall.stats.freshness import cached_compute


class Utf8Renderer(JSONRenderer):
    """Names in Cyrillic and Chinese stay readable in the raw JSON, not \\u-escaped."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8Renderer(),
    title="Rollcall API",
    version="1",
    description=(
        "An open, sourced registry of political prisoners. Read-only for the public; staff "
        "write with an API token (`rollcall createtoken`) or their session."
    ),
    urls_namespace="api",
)


# The server refuses a request line longer than it takes (serve's REQUEST_LINE_LIMIT) before the
# API sees it. Every request the parameters' bounds allow fits; a longer one is outside them.
URI_TOO_LONG: dict[str, dict[int, dict[str, str]]] = {
    "responses": {414: {"description": "URI Too Long: the request line is too long"}}
}


def is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)


@api.get(
    "/people",
    response={200: schemas.PersonList, 422: schemas.ValidationErrors},
    tags=["people"],
    openapi_extra=URI_TOO_LONG,
)
def people(request: HttpRequest, filters: Query[schemas.PeopleFilters]) -> dict[str, object]:
    """People in the registry; `q` matches names in any script and spelling."""
    today = date.today()
    qs = filter_people(filters, is_staff(request), today)
    total = qs.count()
    page = qs[filters.offset : filters.offset + filters.limit]
    return {"count": total, "items": [serialize.person(p, today, full=False) for p in page]}


@api.get(
    "/people/{person_id}",
    response={200: schemas.PersonDetail, 404: schemas.NotFound, 422: schemas.ValidationErrors},
    tags=["people"],
    openapi_extra=URI_TOO_LONG,
)
def person(request: HttpRequest, person_id: Path[schemas.PersonId]) -> dict[str, object]:
    """One person with names, events and the sources of each."""
    today = date.today()
    found = shown_person(person_id, is_staff(request), today)
    if found is None:
        raise HttpError(404, f"no person {person_id!r}")
    return serialize.person(found, today)


@api.get(
    "/events",
    response={200: schemas.EventList, 422: schemas.ValidationErrors},
    tags=["events"],
    openapi_extra=URI_TOO_LONG,
)
def events(request: HttpRequest, filters: Query[schemas.EventFilters]) -> dict[str, object]:
    """Events on people's timelines and collective events, oldest first."""
    staff = is_staff(request)
    start, end = filters.from_, filters.to
    person_events = (
        Event.objects.filter(person__in=Person.objects.visible_to(staff))
        .select_related("person", "facility", "collective")
        .prefetch_related("articles", "citations__source", "person__names")
    )
    collectives = serialize.collective_queryset()
    if filters.type:
        person_events = person_events.filter(type=filters.type)
        collectives = collectives.filter(type=filters.type)
    if start:
        person_events = person_events.filter(date__gte=start)
        collectives = collectives.filter(date__gte=start)
    if end:
        person_events = person_events.filter(date__lte=end)
        collectives = collectives.filter(date__lte=end)
    # Collective events come first within a page (there are few of them), then person events.
    items: list[dict[str, object]] = []
    n_collective = collectives.count()
    total = n_collective + person_events.count()
    lo, hi = filters.offset, filters.offset + filters.limit
    if lo < n_collective:
        for c in collectives.order_by("date", "id")[lo:hi]:
            items.append(serialize.collective(c, staff))
    remaining = filters.limit - len(items)
    if remaining > 0:
        skip = max(0, lo - n_collective)
        for e in person_events.order_by("date", "id")[skip : skip + remaining]:
            items.append(serialize.event(e, e.person))
    return {"count": total, "items": items}


@api.get(
    "/stats",
    response={200: schemas.StatsOut, 422: schemas.ValidationErrors},
    by_alias=True,
    tags=["stats"],
    openapi_extra=URI_TOO_LONG,
)
def stats(request: HttpRequest, filters: Query[schemas.StatsFilters]) -> dict[str, object]:
    """The registry's own counts as of a date, with reported estimates beside them."""
    found = cached_compute(filters.as_of, filters.country, filters.series, filters.from_)
    return found.as_json()


@api.get(
    "/match",
    response={200: schemas.MatchOut, 422: schemas.ValidationErrors},
    tags=["people"],
    openapi_extra=URI_TOO_LONG,
    # A candidate's `name_score` and `context` are left out, not null, for a query by name alone.
    exclude_none=True,
)
def match(request: HttpRequest, filters: Query[schemas.MatchFilters]) -> dict[str, object]:
    """Registry people whose names match `name`; a score of 0.7 or more means the same person.

    A `birth_year` or `country` sharpens each score: the same raises it, another lowers it."""
    found = registry_index.match(
        filters.name,
        filters.limit,
        staff=is_staff(request),
        birth_year=filters.birth_year,
        country=filters.country,
    )
    return {"query": filters.name, "candidates": [c.as_json() for c in found]}


# The writes (drafts, events, publishing) share the reads' paths: mounted after them.
writes.mount(api)
