"""Registry records as the JSON the API (and the site) show.

Kept in one place so the person page, the API and any other reader agree on what a person
"is" in JSON. Callers prefetch with `person_queryset()` so a page of people costs a fixed
number of queries.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from rollcall.collective.models import CollectiveEvent
from rollcall.events.models import Event
from rollcall.events.status import status_on
from rollcall.lib.dates import format_partial
from rollcall.people.models import Person


def person_queryset(qs: QuerySet[Person] | None = None) -> QuerySet[Person]:
    base = Person.objects.all() if qs is None else qs
    return base.prefetch_related(
        "names",
        "external_ids",
        "custody",
        "citations__source",
        Prefetch(
            "events",
            queryset=Event.objects.select_related("facility", "collective").prefetch_related(
                "articles", "citations__source"
            ),
        ),
    )


def sources(citations: Any) -> list[dict[str, Any]]:
    out = []
    for c in citations.all():
        s = c.source
        out.append(
            {
                "title": s.title,
                "url": s.url,
                "publisher": s.publisher,
                "published_on": format_partial(s.published_on, s.published_precision) or None,
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
            }
        )
    return out


def count(value: int | None, qualifier: str) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"value": value, "qualifier": qualifier or "exact"}


def event(e: Event, person: Person | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": e.pk,
        "kind": "person",
        "type": e.type,
        "date": e.when or None,
        "date_precision": e.date_precision if e.date else None,
        "country": e.country or None,
        "release_kind": e.release_kind or None,
        "destination": e.destination or None,
        "facility": e.facility.name if e.facility else None,
        "articles": [
            {"country": a.country, "code": a.code, "number": a.number, "title": a.title}
            for a in e.articles.all()
        ],
        "sentence": None,
        "recognised_by": e.recognised_by or None,
        "collective": {"id": e.collective.pk, "title": e.collective.title}
        if e.collective
        else None,
        "note": e.note,
        "sources": sources(e.citations),
    }
    if e.sentence_kind or e.term_months or e.court:
        data["sentence"] = {
            "kind": e.sentence_kind or None,
            "term_months": e.term_months,
            "regime": e.regime or None,
            "court": e.court or None,
            "term_ends_on": e.term_ends_on.isoformat() if e.term_ends_on else None,
        }
    if person is not None:
        data["person"] = {"id": person.uid, "name": person.primary_name}
    return data


def person(p: Person, today: date | None = None, full: bool = True) -> dict[str, Any]:
    day = today or date.today()
    countries = sorted({i.country for i in p.custody.all() if i.country})
    data: dict[str, Any] = {
        "id": p.uid,
        "name": p.primary_name,
        "names": [{"value": n.value, "script": n.script, "kind": n.kind} for n in p.names.all()],
        "gender": p.gender or None,
        "birth": p.birth or None,
        "visibility": p.visibility,
        "status": {"as_of": day.isoformat(), "value": status_on(p.custody.all(), day)},
        "countries": countries,
        "external_ids": [{"scheme": x.scheme, "value": x.value} for x in p.external_ids.all()],
    }
    if full:
        data["events"] = [event(e) for e in p.events.all()]
        data["sources"] = sources(p.citations)
    return data


def collective(c: CollectiveEvent, staff: bool = False) -> dict[str, Any]:
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
                "sources": sources(d.citations),
            }
            for d in c.destinations.all()
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
                    "sources": sources(m.citations),
                }
                for m in agreement.sanctions_measures.all()
            ],
            "sources": sources(agreement.citations),
        }
        if agreement
        else None,
        "sources": sources(c.citations),
    }


def collective_queryset() -> QuerySet[CollectiveEvent]:
    return CollectiveEvent.objects.select_related("agreement").prefetch_related(
        "citations__source",
        "destinations__citations__source",
        "agreement__parties",
        "agreement__citations__source",
        "agreement__sanctions_measures__citations__source",
        Prefetch(
            "person_events",
            queryset=Event.objects.select_related("person").prefetch_related("person__names"),
        ),
    )
