"""The people pages: search (with its CSV download) and one person's record.

The search page reads its GET parameters with the API's own `PeopleFilters` and selects with the
API's own `filter_people()`, so a filter means the same on the page, in its CSV and in
`/api/v1/people`; a person's page finds them with the API's `shown_person()`, so a person the API
answers 404 for is a 404 here too. Both are plain GET forms and links: they work with JavaScript
off, as readers behind Tor Browser's safest setting have it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlencode

from django.db.models import (
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, Lower
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from ninja import Field
from pydantic import TypeAdapter, ValidationError

from rollcall.api.filters import filter_people, shown_person
from rollcall.api.routes import is_staff
from rollcall.api.schemas import Blank, PeopleFilters, PersonId
from rollcall.api.serialize import letters_address, sources
from rollcall.collective.models import Agreement
from rollcall.events.choices import CustodyKind
from rollcall.events.models import CriminalArticle, CustodyInterval, Event
from rollcall.events.status import STATUS, Status, custody_kind_of, status_of
from rollcall.events.timeline import in_order, last_facility, last_sentence
from rollcall.interchange.exporting import csv_row
from rollcall.interchange.importing.csv_rows import CSV_COLUMNS
from rollcall.interchange.records import CHUNK, load_facts
from rollcall.lib.dates import format_partial
from rollcall.lib.spreadsheets import spreadsheet_row
from rollcall.people.choices import NameKind
from rollcall.people.models import Person, PersonName
from rollcall.sources.models import Citation
from rollcall.stats.freshness import per_version

# What the search page sorts by (`?sort=`); every order ends on the person's id, so a page of
# results never shifts between two requests of the same registry.
SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "name": ("sort_name", "pk"),
    "-name": (F("sort_name").desc(), "-pk"),
    "status": (STATUS, "sort_name", "pk"),
    "recent": (F("latest_event").desc(nulls_last=True), "sort_name", "pk"),
}
Sort = Literal["name", "-name", "status", "recent"]
# The CSV download: the columns of `rollcall export --format csv` (docs/import-export.md), then
# each person's status on the day of the download.
DOWNLOAD_COLUMNS = (*CSV_COLUMNS, "status")


class PeoplePage(PeopleFilters):
    """The API's people filters, and the order the page lists them in."""

    sort: Annotated[Sort | None, Blank] = Field(None)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def _read(request: HttpRequest) -> tuple[PeoplePage | None, list[Problem]]:
    """The page's parameters checked by the API's schema; its problems, for the reader."""
    try:
        return PeoplePage.model_validate(request.GET.dict()), []
    except ValidationError as refused:
        problems = [
            Problem(".".join(str(part) for part in error["loc"]), error["msg"])
            for error in refused.errors()
        ]
        return None, problems


def _sortable(qs: QuerySet[Person]) -> QuerySet[Person]:
    """`qs` with what the sorts need: the shown name (as `shown_name` picks it), the latest date."""
    names = PersonName.objects.filter(person=OuterRef("pk"))
    primary = names.filter(kind=NameKind.PRIMARY).values("value")[:1]
    first = names.order_by("id").values("value")[:1]
    latest = Event.objects.filter(person=OuterRef("pk"), date__isnull=False).order_by("-date")
    return qs.annotate(
        sort_name=Lower(Coalesce(Subquery(primary), Subquery(first))),
        latest_event=Subquery(latest.values("date")[:1]),
        latest_precision=Subquery(latest.values("date_precision")[:1]),
    )


def _selected(params: PeoplePage, request: HttpRequest, day: date) -> QuerySet[Person]:
    qs = _sortable(filter_people(params, is_staff(request), day))
    # A row shows names, holding states and the annotated status and dates: the API's loading
    # of every event, article and citation would be fetched for nothing.
    return (
        qs.order_by(*SORTS[params.sort or "name"])
        .prefetch_related(None)
        .prefetch_related("names", "custody")
    )


def _query(params: PeoplePage, **changes: object) -> str:
    """The page's query string with `changes`, leaving out what is at its default."""
    values = params.model_dump() | changes
    defaults = PeoplePage.model_validate({}).model_dump()
    kept = {k: v for k, v in values.items() if v is not None and v != defaults.get(k)}
    return urlencode(kept)


def _countries(staff: bool) -> list[str]:
    """The holding states of the people a reader may see, for the country filter."""

    def make() -> list[str]:
        held = CustodyInterval.objects.filter(person__in=Person.objects.visible_to(staff))
        codes = held.exclude(country="").order_by().values_list("country", flat=True).distinct()
        return sorted(codes)

    return per_version(f"countries:{'staff' if staff else 'public'}", make)


@require_safe
def people(request: HttpRequest) -> HttpResponse:
    """Search people by name in any script, filtered as the API filters them."""
    params, problems = _read(request)
    context: dict[str, object] = {
        "problems": problems,
        "statuses": Status.choices,
        "custody_kinds": CustodyKind.choices,
        "countries": _countries(is_staff(request)),
        "form": request.GET,
    }
    if params is None:
        return render(request, "web/people/list.html", context, status=400)
    today = date.today()
    qs = _selected(params, request, today)
    total = qs.count()
    start, end = params.offset, params.offset + params.limit
    found = list(qs[start:end])
    context |= {
        "params": params,
        "today": today,
        "total": total,
        "people": [_row(p, get_language()) for p in found],
        "first": start + 1 if found else 0,
        "last": start + len(found),
        "previous": _query(params, offset=max(0, start - params.limit)) if start > 0 else None,
        "next": _query(params, offset=end) if end < total else None,
        "download": _query(params, offset=None, limit=None),
        "as_json": _query(params, offset=None, limit=None, sort=None),
        # By names a template can look up ("-name" cannot be).
        "sort_links": {
            key.replace("-", "") + ("_desc" if key.startswith("-") else ""): _query(
                params, sort=key, offset=None
            )
            for key in SORTS
        },
    }
    return render(request, "web/people/list.html", context)


@dataclass(frozen=True)
class Row:
    person: Person
    name: str
    other_names: list[str]
    status: str
    countries: list[str]
    latest: str  # the date of the latest dated event, as precise as it is known


def _row(p: Person, language: str) -> Row:
    """A person as the list shows them: the name in the reader's script first, then the rest."""
    name = p.name_for(language)
    return Row(
        person=p,
        name=name,
        other_names=[n.value for n in p.names.all() if n.value != name],
        status=status_of(p),
        countries=sorted({i.country for i in p.custody.all() if i.country}),
        latest=format_partial(
            getattr(p, "latest_event", None), getattr(p, "latest_precision", "day")
        ),
    )


class _Line:
    """A file-like that hands back what the CSV writer writes, so each row is streamed."""

    def write(self, text: str) -> str:
        return text


@require_safe
def people_csv(request: HttpRequest) -> HttpResponseBase:
    """Every person the search selects (no page limit), as CSV."""
    params, problems = _read(request)
    if params is None:
        text = "\n".join(f"{p.field}: {p.message}" for p in problems)
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    today = date.today()
    selected = list(_selected(params, request, today).values_list("pk", STATUS))
    response = StreamingHttpResponse(_csv_lines(selected), content_type="text/csv; charset=utf-8")
    name = f"rollcall-people-{today.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv_lines(selected: list[tuple[int, str]]) -> Iterator[str]:
    """The rows in the search's order, loaded a chunk at a time as the export loads them."""
    writer = csv.writer(_Line(), lineterminator="\n")
    yield writer.writerow(DOWNLOAD_COLUMNS)
    for offset in range(0, len(selected), CHUNK):
        chunk = selected[offset : offset + CHUNK]
        facts = load_facts(Person.objects.in_bulk([pk for pk, _ in chunk]).values())
        for pk, status in chunk:
            row = csv_row(facts[pk]) | {"status": status}
            yield writer.writerow(spreadsheet_row([row[column] for column in DOWNLOAD_COLUMNS]))


# --- One person ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One event on a person's timeline with what the page shows beside it."""

    event: Event
    sources: list[dict[str, object]]
    articles: list[CriminalArticle]
    agreement: Agreement | None


@dataclass(frozen=True)
class CitizenOf:
    """A state the person is a citizen of, with the sources that report it."""

    country: str
    sources: list[dict[str, object]]


def _valid_id(person_id: str) -> bool:
    """An id the API's `{person_id}` accepts: anything else is no person's, here as there."""
    try:
        TypeAdapter(PersonId).validate_python(person_id)
    except ValidationError:
        return False
    return True


@require_safe
def person(request: HttpRequest, person_id: str) -> HttpResponse:
    """One person: names, citizenships, status, charges, sentence, where held, where letters
    reach them, and the sourced timeline."""
    today = date.today()
    found = shown_person(person_id, is_staff(request), today) if _valid_id(person_id) else None
    if found is None:
        raise Http404("no such person")
    events = in_order(found.events.all())
    timeline = [
        Entry(
            event=e,
            sources=sources(e.citations.all()),
            articles=list(e.articles.all()),
            agreement=e.collective.agreement if e.collective else None,
        )
        for e in events
    ]
    charges: dict[int, CriminalArticle] = {}
    for entry in timeline:
        charges.update((a.pk, a) for a in entry.articles)
    # The API's loader fetches citizenships without their sources (it gives only countries):
    # theirs come in one query, each citation's source joined, however many there are.
    citizenships = list(found.citizenships.all())
    cited = Prefetch("citations", queryset=Citation.objects.select_related("source"))
    prefetch_related_objects(citizenships, cited)
    context = {
        "person": found,
        "name": found.name_for(get_language()),
        "primary_name": found.primary_name,
        "names": list(found.names.all()),
        "status": Status(status_of(found)),
        "custody_kind": custody_kind_of(found.pk, today),
        "today": today,
        "timeline": timeline,
        "charges": list(charges.values()),
        "sentence": last_sentence(events),
        "facility": last_facility(events),
        "sources": sources(found.citations.all()),
        "citizenships": [CitizenOf(c.country, sources(c.citations.all())) for c in citizenships],
        # As the API gives it: only while they are held and agreed to letters.
        "letters_address": letters_address(found),
        "api_url": reverse("api:person", kwargs={"person_id": found.uid}),
    }
    return render(request, "web/people/detail.html", context)
