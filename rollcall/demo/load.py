"""The demo registry: what the 13 Dec 2025 article reports, each fact citing it.

The data lives in `fixtures/demo.json` so that every fact sits next to the sentence it comes from;
this module only turns it into records.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.db import models, transaction

from rollcall.collective.models import (
    Agreement,
    AgreementParty,
    CollectiveEvent,
    DestinationCount,
    ReportedEstimate,
    SanctionsMeasure,
)
from rollcall.events.custody import rebuild_custody
from rollcall.events.models import Event
from rollcall.lib.dates import PartialDate
from rollcall.people.models import Person, PersonName
from rollcall.sources.models import Source
from rollcall.sources.services import cite

FIXTURES = Path(__file__).parent / "fixtures"


def _date(value: str | None) -> tuple[date | None, str]:
    if not value:
        return None, "day"
    parsed = PartialDate.parse(value)
    return parsed.value, parsed.precision


@transaction.atomic
def load_demo(force: bool = False) -> bool:
    """Load the demo data into an empty registry; return False (and do nothing) otherwise."""
    if Person.objects.exists() and not force:
        return False
    data = json.loads((FIXTURES / "demo.json").read_text(encoding="utf-8"))
    sources: dict[str, Source] = {}
    for key, spec in data["sources"].items():
        spec = dict(spec)
        text_file = spec.pop("text_file", None)
        if text_file:
            spec["text"] = (FIXTURES / text_file).read_text(encoding="utf-8")
        sources[key] = Source.objects.create(**spec)

    def cite_spec(fact: models.Model, spec: dict[str, str]) -> None:
        cite(fact, sources[spec["source"]], spec["quote"])

    a = data["agreement"]
    agreement = Agreement.objects.create(title=a["title"])
    for country in a["parties"]:
        AgreementParty.objects.create(agreement=agreement, country=country)
    cite_spec(agreement, a["cite"])

    for s in data["sanctions"]:
        measure = SanctionsMeasure.objects.create(
            issuer=s["issuer"],
            target_country=s["target_country"],
            target=s["target"],
            action=s["action"],
            description=s["description"],
            agreement=agreement,
        )
        cite_spec(measure, s["cite"])

    c = data["collective"]
    day, precision = _date(c["date"])
    collective = CollectiveEvent.objects.create(
        type=c["type"],
        title=c["title"],
        date=day,
        date_precision=precision,
        country=c["country"],
        release_kind=c["release_kind"],
        count_value=c["count"]["value"],
        count_qualifier=c["count"]["qualifier"],
        agreement=agreement,
    )
    cite_spec(collective, c["cite"])
    for d in c["destinations"]:
        destination = DestinationCount.objects.create(
            collective=collective,
            country=d["country"],
            count_value=d["count"]["value"],
            count_qualifier=d["count"]["qualifier"],
        )
        cite_spec(destination, d["cite"])

    for e in data["estimates"]:
        as_of = PartialDate.parse(e["as_of"])  # never undated: the model requires the day
        estimate = ReportedEstimate.objects.create(
            measure=e["measure"],
            country=e["country"],
            count_value=e["count"]["value"],
            count_qualifier=e["count"]["qualifier"],
            as_of=as_of.value,
            as_of_precision=as_of.precision,
            attributed_to=e["attributed_to"],
        )
        cite_spec(estimate, e["cite"])

    people: list[int] = []
    for p in data["people"]:
        person = Person.objects.create(uid=p["uid"], gender=p.get("gender", ""))
        people.append(person.pk)
        for n in p["names"]:
            name = PersonName.objects.create(
                person=person, value=n["value"], script=n["script"], kind=n.get("kind", "alias")
            )
            cite_spec(name, n["cite"])
        for ev in p["events"]:
            day, precision = _date(ev.get("date"))
            event = Event.objects.create(
                person=person,
                type=ev["type"],
                date=day,
                date_precision=precision,
                country=ev.get("country", ""),
                release_kind=ev.get("release_kind", ""),
                sentence_kind=ev.get("sentence_kind", ""),
                collective=collective if ev.get("collective") else None,
            )
            cite_spec(event, ev["cite"])
    # In this function's transaction, as every writer of events does (events.custody).
    rebuild_custody(people)
    return True
