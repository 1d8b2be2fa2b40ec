"""A pair of records of one person, the second held by an import as a likely duplicate."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.management import call_command

from rollcall.duplicates.models import DuplicateFlag
from rollcall.events.custody import rebuild_custody
from rollcall.events.models import Event
from rollcall.people.models import Citizenship, ExternalId, Person, PersonName
from rollcall.sources.models import Citation, Source
from rollcall.sources.services import cite

TEXT = (
    "Maryia Kalesnikava was detained in Minsk on 7 September 2020. "
    "Maria Kolesnikova, a Belarusian citizen, was sentenced to 11 years on 6 September 2021."
)


def flagged_pair(prefix: str) -> DuplicateFlag:
    """Two records of one woman: the registry's, and a draft an import held as its duplicate.

    Both have the same name in Belarusian (which a merge cannot move, only absorb) and the same
    citizenship; each has an event, citations of the person, and the held one an id elsewhere.
    """
    article = Source.objects.create(
        kind="article", title=f"{prefix}: detained, then sentenced", text=TEXT
    )
    kept = Person.objects.create(uid=f"{prefix}-kept", gender="female", birth_date=date(1982, 1, 1))
    PersonName.objects.create(person=kept, value="Maryia Kalesnikava", kind="primary")
    PersonName.objects.create(person=kept, value="Марыя Калеснікава", script="be-Cyrl")
    Citizenship.objects.create(person=kept, country="BY")
    arrest = Event.objects.create(
        person=kept, type="arrest", date=date(2020, 9, 7), date_precision="day", country="BY"
    )
    cite(arrest, article, "Maryia Kalesnikava was detained in Minsk on 7 September 2020.")
    cite(kept, article, "Maryia Kalesnikava")

    held = Person.objects.create(uid=f"{prefix}-held", publication="draft", place="Minsk")
    PersonName.objects.create(person=held, value="Maria Kolesnikova", kind="primary")
    twin = PersonName.objects.create(person=held, value="Марыя Калеснікава", script="be-Cyrl")
    cite(twin, article, "Maryia Kalesnikava")
    ExternalId.objects.create(person=held, scheme="viasna", value=f"{prefix}-1")
    citizenship = Citizenship.objects.create(person=held, country="BY")
    cite(citizenship, article, "a Belarusian citizen")
    sentence = Event.objects.create(
        person=held,
        type="sentence",
        date=date(2021, 9, 6),
        date_precision="day",
        country="BY",
        sentence_kind="term",
        term_months=132,
    )
    cite(sentence, article, "was sentenced to 11 years on 6 September 2021")
    cite(held, article, "Maria Kolesnikova")
    rebuild_custody([kept.pk, held.pk])
    return DuplicateFlag.objects.create(
        held=held,
        held_uid=held.uid,
        candidate=kept,
        candidate_uid=kept.uid,
        score=1.0,
        name_score=1.0,
        import_label="list.csv",
        line=2,
    )


def citations_of(person: Person) -> set[tuple[str, str]]:
    """(what, quote) of every citation of the person and of their names, citizenships, events."""
    found = set()
    for citation in Citation.objects.all():
        fact = citation.fact
        owner = fact if isinstance(fact, Person) else getattr(fact, "person", None)
        if owner == person:
            found.add((type(fact).__name__, citation.quote))
    return found


@dataclass
class Ran:
    """One `rollcall` command run in-process: exit code, stdout, stderr."""

    code: int
    out: str
    err: str


def run(name: str, *args: str) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except SystemExit as stop:
        return Ran(int(stop.code or 0), out.getvalue(), err.getvalue())
    return Ran(0, out.getvalue(), err.getvalue())


def history_rows() -> set[tuple[str, int]]:
    """Every audit-trail row of every registry model, as (model, history id)."""
    return {
        (model._meta.label, pk)
        for model in apps.get_models()
        if model._meta.app_label in {"people", "events", "sources"}
        and model.__name__.startswith("Historical")
        for pk in model._default_manager.values_list("history_id", flat=True)
    }
