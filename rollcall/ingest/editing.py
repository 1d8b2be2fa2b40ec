"""A reviewer's corrections to a proposal before accepting it.

The extractor is often nearly right: the date a day off, a count's qualifier wrong, a name
matched to nobody when the reviewer knows who it is. Correcting the proposal itself, rather
than the records accepting makes, keeps one path from article to registry: what is accepted is
exactly what the reviewer saw, and the proposal's history keeps both the extractor's reading and
the correction, with who made it. Only a pending proposal can be corrected: once accepted, its
records are edited instead; once rejected, it stays as it was when rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from rollcall.collective.choices import Qualifier
from rollcall.events.choices import ReleaseKind
from rollcall.ingest.accept import EVENT_KINDS, ReviewError, locked
from rollcall.ingest.matching import list_of
from rollcall.ingest.models import Proposal, ProposalKind, ProposalStatus
from rollcall.lib.countries import clean_country
from rollcall.lib.dates import PartialDate, future_problem
from rollcall.people.models import Person, shown_name

MEASURES = ("held", "detained", "released", "died_in_custody")


@dataclass
class Attachment:
    """A name as the article spells it and the registry person it is (None: a new person)."""

    name: str
    person_id: str | None


@dataclass
class Correction:
    """The fields a reviewer may correct; None leaves a field as the extractor proposed it,
    an empty string clears it."""

    date: str | None = None
    country: str | None = None
    release_kind: str | None = None
    count_value: int | None = None
    count_qualifier: str | None = None
    clear_count: bool = False
    measure: str | None = None
    attributed_to: str | None = None
    persons: list[Attachment] | None = None
    problems: dict[str, str] = field(default_factory=dict)


def correct(uid: str, correction: Correction, reviewer: AbstractBaseUser | None) -> Proposal:
    """Apply a correction to a pending proposal; raises ReviewError naming the first bad field."""
    with transaction.atomic():
        proposal = locked(uid)
        if proposal.status != ProposalStatus.PENDING:
            raise ReviewError(f"{uid}: {proposal.status}; only a pending proposal can be edited")
        fact = dict(proposal.proposal) if isinstance(proposal.proposal, dict) else {}
        problems = corrected(fact, proposal.kind, correction)
        if problems:
            correction.problems = problems
            field_name, problem = next(iter(problems.items()))
            raise ReviewError(f"{uid}: {field_name}: {problem}")
        proposal.proposal = fact
        proposal._history_user = reviewer  # type: ignore[attr-defined]
        proposal.save(update_fields=["proposal"])
        return proposal


def corrected(fact: dict[str, object], kind: str, correction: Correction) -> dict[str, str]:
    """Write the correction into `fact`; the problems, by field, when it cannot be."""
    problems: dict[str, str] = {}
    if correction.date is not None:
        set_date(fact, correction.date.strip(), problems)
    if correction.country is not None:
        set_country(fact, "country", correction.country.strip(), problems)
    if correction.release_kind is not None and kind == ProposalKind.RELEASE:
        value = correction.release_kind.strip()
        if value and value not in ReleaseKind.values:
            problems["release_kind"] = f"unknown release kind {value!r}"
        elif value:
            fact["release_kind"] = value
        else:
            fact.pop("release_kind", None)
    set_count(fact, correction, problems)
    if kind == ProposalKind.ESTIMATE:
        if correction.measure is not None:
            if correction.measure not in MEASURES:
                problems["measure"] = f"unknown measure {correction.measure!r}"
            else:
                fact["measure"] = correction.measure
        if correction.attributed_to is not None:
            fact["attributed_to"] = " ".join(correction.attributed_to.split())[:300]
    if correction.persons is not None and kind in EVENT_KINDS:
        set_persons(fact, correction.persons, problems)
    return problems


def set_date(fact: dict[str, object], text: str, problems: dict[str, str]) -> None:
    if not text:
        fact.pop("date", None)
        fact.pop("date_precision", None)
        return
    try:
        parsed = PartialDate.parse(text)
    except ValueError as exc:
        problems["date"] = str(exc)
        return
    future = future_problem(parsed.value, parsed.precision) if parsed.value else ""
    if future:
        problems["date"] = future
        return
    fact["date"] = parsed.iso()
    fact["date_precision"] = parsed.precision


def set_country(fact: dict[str, object], key: str, text: str, problems: dict[str, str]) -> None:
    if not text:
        fact.pop(key, None)
        return
    try:
        fact[key] = clean_country(text)
    except ValueError as exc:
        problems[key] = str(exc)


def set_count(fact: dict[str, object], correction: Correction, problems: dict[str, str]) -> None:
    if correction.clear_count:
        fact.pop("count", None)
        return
    if correction.count_value is None and correction.count_qualifier is None:
        return
    count = fact.get("count")
    old = count if isinstance(count, dict) else {}
    value = correction.count_value if correction.count_value is not None else old.get("value")
    qualifier = correction.count_qualifier or str(old.get("qualifier") or Qualifier.EXACT)
    if not isinstance(value, int) or value < 0:
        problems["count"] = "a count is a whole number, 0 or more"
        return
    if qualifier not in Qualifier.values:
        problems["count_qualifier"] = f"unknown qualifier {qualifier!r}"
        return
    fact["count"] = {"value": value, "qualifier": qualifier}


def set_persons(
    fact: dict[str, object], attachments: list[Attachment], problems: dict[str, str]
) -> None:
    """Attach each name to the person the reviewer chose; names left out are dropped (a name
    the extractor wrongly took for someone the event happened to, such as an official)."""
    old = {str(p.get("name")): p for p in list_of(fact.get("persons"))}
    persons: list[dict[str, object]] = []
    for position, attachment in enumerate(attachments):
        name = " ".join(attachment.name.split())
        if not name:
            continue
        spec = dict(old.get(name) or {"name": name})
        spec["name"] = name
        person_id = (attachment.person_id or "").strip()
        if not person_id:
            spec["match"] = None
        else:
            person = Person.objects.filter(uid=person_id).first()
            if person is None:
                problems[f"persons.{position}"] = f"{name}: no registry person {person_id}"
                continue
            match = spec.get("match")
            if not (isinstance(match, dict) and match.get("person_id") == person_id):
                names = person.names.values_list("kind", "value")
                spec["match"] = {"person_id": person_id, "name": shown_name(names), "score": None}
        persons.append(spec)
    fact["persons"] = persons
