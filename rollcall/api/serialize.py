"""Registry records as the JSON the API (and the site) show.

Kept in one place so the person page, the API and any other reader agree on what a person
"is" in JSON. Callers load people with `person_queryset()`, which prefetches what a person's
JSON shows (so a page of people costs a fixed number of queries) and annotates their status on
a day. An event's and a citation's shape come from `events.records` and `sources.records`,
shared with the exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch, QuerySet

from rollcall.collective.choices import ReportedCount
from rollcall.collective.models import CollectiveEvent
from rollcall.events.models import Event
from rollcall.events.records import article_record, public_event
from rollcall.events.status import People, Status, status_of, with_status
from rollcall.events.timeline import last_facility
from rollcall.lib.dates import format_partial
from rollcall.people.models import Person
from rollcall.sources.models import Citation
from rollcall.sources.records import PUBLIC, citation_records


def person_queryset(qs: People, day: date) -> People:
    """`qs` ready for `person()`: prefetched, with each person's status at the end of `day`.

    Filter the result with `events.status.status_is()` to keep the people with one status.
    """
    return with_status(qs, day).prefetch_related(
        "names",
        "external_ids",
        "citizenships",
        "custody",
        "citations__source",
        Prefetch(
            "events",
            # The collective's agreement joined, not fetched: a person's page names it.
            queryset=Event.objects.select_related(
                "facility", "collective__agreement"
            ).prefetch_related("articles", "citations__source"),
        ),
    )


def sources(citations: Iterable[Citation]) -> list[dict[str, object]]:
    return citation_records(citations, PUBLIC)


def count(value: int | None, qualifier: str) -> ReportedCount | None:
    if value is None:
        return None
    return {"value": value, "qualifier": qualifier or "exact"}


def event(e: Event, person: Person | None = None) -> dict[str, object]:
    articles = [article_record(a) for a in e.articles.all()]
    data = public_event(e, articles, sources(e.citations.all()))
    if person is not None:
        data["person"] = {"id": person.uid, "name": person.primary_name}
    return data


def person(p: Person, day: date, full: bool = True) -> dict[str, object]:
    """A person loaded through `person_queryset(…, day)`, with their status on that `day`."""
    countries = sorted({i.country for i in p.custody.all() if i.country})
    data: dict[str, object] = {
        "id": p.uid,
        "name": p.primary_name,
        "names": [{"value": n.value, "script": n.script, "kind": n.kind} for n in p.names.all()],
        "gender": p.gender or None,
        "birth": p.birth or None,
        "place": p.place or None,
        "visibility": p.visibility,
        "status": {"as_of": day.isoformat(), "value": status_of(p)},
        "countries": countries,
        "citizenships": sorted(c.country for c in p.citizenships.all()),
        "external_ids": [{"scheme": x.scheme, "value": x.value} for x in p.external_ids.all()],
        "accepts_letters": p.accepts_letters,
        "postal_address": letters_address(p),
    }
    if full:
        data["events"] = [event(e) for e in p.events.all()]
        data["sources"] = sources(p.citations.all())
    return data


def letters_address(p: Person) -> str | None:
    """Where letters reach a person loaded through `person_queryset()`: the postal address of
    the facility they were last recorded at, given only while they are held and only when they
    or their family agreed to letters (`accepts_letters`), as letter campaigns publish it."""
    if not p.accepts_letters or status_of(p) != Status.HELD:
        return None
    facility = last_facility(p.events.all())
    return (facility.postal_address or None) if facility else None


def collective(c: CollectiveEvent, staff: bool = False) -> dict[str, object]:
    """A collective event with its reported counts; named people only if they may be named."""
    people = [
        {"id": e.person.uid, "name": e.person.primary_name}
        for e in c.person_events.all()
        if staff or e.person.is_public()
    ]
    agreement = c.agreement
    return {
        "id": c.pk,
        "kind": "collective",
        "type": c.type,
        "title": c.title,
        "date": c.when or None,
        "date_precision": c.date_precision if c.date else None,
        "country": c.country,
        "release_kind": c.release_kind or None,
        "count": count(c.count_value, c.count_qualifier),
        "destinations": [
            {
                "country": d.country,
                "count": count(d.count_value, d.count_qualifier),
                "sources": sources(d.citations.all()),
            }
            for d in c.destinations.all()
        ],
        "nationals": [
            {
                "country": n.country,
                "count": count(n.count_value, n.count_qualifier),
                "sources": sources(n.citations.all()),
            }
            for n in c.nationals.all()
        ],
        "persons": people,
        "agreement": {
            "title": agreement.title,
            "date": format_partial(agreement.date, agreement.date_precision) or None,
            "parties": [{"country": p.country, "role": p.role} for p in agreement.parties.all()],
            "sanctions": [
                {
                    "issuer": m.issuer,
                    "target_country": m.target_country,
                    "target": m.target,
                    "action": m.action,
                    "date": format_partial(m.date, m.date_precision) or None,
                    "sources": sources(m.citations.all()),
                }
                for m in agreement.sanctions_measures.all()
            ],
            "sources": sources(agreement.citations.all()),
        }
        if agreement
        else None,
        "sources": sources(c.citations.all()),
    }


def collective_queryset() -> QuerySet[CollectiveEvent]:
    return CollectiveEvent.objects.select_related("agreement").prefetch_related(
        "citations__source",
        "destinations__citations__source",
        "nationals__citations__source",
        "agreement__parties",
        "agreement__citations__source",
        "agreement__sanctions_measures__citations__source",
        Prefetch(
            "person_events",
            queryset=Event.objects.select_related("person").prefetch_related("person__names"),
        ),
    )
