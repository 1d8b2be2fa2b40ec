"""The collective event pages: mass releases, detentions and exchanges, as reported.

A collective event is shown as the API shows it (`serialize.collective()`): its people are named
only to readers who may see them. The people on record who may not be named are still counted on
the page, as the figures count them (`counted_q`): anonymous people, never hidden or draft ones.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from rollcall.api import serialize
from rollcall.api.routes import is_staff
from rollcall.collective.models import CollectiveEvent
from rollcall.people.models import counted_q

PER_PAGE = 50


def with_people_counted(qs: QuerySet[CollectiveEvent]) -> QuerySet[CollectiveEvent]:
    """`qs` with `people_counted`: its people on record whom the public figures count."""
    return qs.annotate(
        people_counted=Count(
            "person_events__person", filter=counted_q("person_events__person__"), distinct=True
        )
    )


def _unnamed(event: CollectiveEvent, shown: dict[str, object]) -> int:
    """Counted people on record the page does not name (anonymous ones, to a visitor)."""
    named = shown["persons"]
    assert isinstance(named, list)
    counted: int = getattr(event, "people_counted", 0)
    return max(0, counted - len({p["id"] for p in named}))


def named_for_reader(event: CollectiveEvent, shown: dict[str, object]) -> dict[str, object]:
    """`shown` (as the API shows `event`) with each named person's name in the reader's script.

    The API names people by their primary name whatever the reader; the pages name them as the
    person's own page does (`Person.name_for`), from the names `serialize` already loaded.
    """
    language = get_language()
    names = {e.person.uid: e.person.name_for(language) for e in event.person_events.all()}
    persons = shown["persons"]
    assert isinstance(persons, list)
    return shown | {"persons": [p | {"name": names.get(p["id"], p["name"])} for p in persons]}


@require_safe
def collective_list(request: HttpRequest) -> HttpResponse:
    """Every collective event, newest first, with its reported count."""
    qs = with_people_counted(CollectiveEvent.objects.order_by("-date", "-id"))
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(c, serialize.count(c.count_value, c.count_qualifier)) for c in page]
    return render(request, "web/collective/list.html", {"page": page, "rows": rows})


@require_safe
def collective(request: HttpRequest, collective_id: int) -> HttpResponse:
    """One collective event: counts, destinations, named people, agreement and sources."""
    found = with_people_counted(serialize.collective_queryset()).filter(pk=collective_id).first()
    if found is None:
        raise Http404("no such collective event")
    shown = named_for_reader(found, serialize.collective(found, is_staff(request)))
    context = {"event": shown, "unnamed": _unnamed(found, shown), "description": found.description}
    return render(request, "web/collective/detail.html", context)
