"""Accepting and rejecting proposals: what a reviewer's decision writes to the registry.

Used by `rollcall review` and, later, by the review page. Accepting one proposal is one
transaction: the records it creates, their citations of the article, custody re-derived for its
people (`events.custody.writing_events`) and the proposal marked accepted with the ids of what was
created. A proposal already accepted creates nothing again.

What an event proposal creates:
- each person: the registry person the proposal names (`match.person_id`, which a reviewer may
  change), else the person an earlier accepted proposal of the same article attached that very
  name to, else a person added to the registry since the proposal was queued whom the name
  matches (another article's accepted person), else a new person with the name as spelled as
  primary name. A new person is published and public: a reviewer accepting a fact reported by a
  named article is the review a draft waits for (`rollcall import --draft` makes drafts because
  nobody has looked at them yet);
- an event per person;
- for a batch (no named people, several, a count above the number named — the event's own or
  one citizenship's —, destinations, linked measures, or citizenships not known to be the named
  person's), a collective event the person events point to, with a destination count per
  destination and a nationals count per citizenship; linked measures become an agreement (the
  holding state and the other states as parties, a mediator as mediator) and, for sanctions
  relief, a sanctions measure eased;
- a citizenship for each named person, only when the article's citizenships cover everyone the
  event concerns (the rule is in `ingest.citizenships`); a person who already holds it gets a
  citation, not a second one.
An estimate proposal creates a reported estimate, as of the article's publication date.
Every record cites the article with the evidence it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone

from rollcall.collective.choices import PartyRole, Qualifier, SanctionsAction
from rollcall.collective.models import (
    Agreement,
    AgreementParty,
    CollectiveEvent,
    DestinationCount,
    NationalsCount,
    ReportedEstimate,
    SanctionsMeasure,
)
from rollcall.duplicates.flags import merged_uids
from rollcall.events.choices import EventType, ReleaseKind
from rollcall.events.custody import writing_events
from rollcall.events.models import Event
from rollcall.ingest.citizenships import everyones_citizenships
from rollcall.ingest.matching import best_match, list_of
from rollcall.ingest.models import Proposal, ProposalKind, ProposalStatus
from rollcall.lib.countries import clean_country
from rollcall.lib.dates import DatePrecision, PartialDate
from rollcall.lib.scripts import guess_script
from rollcall.people.choices import NameKind, Publication, Visibility
from rollcall.people.models import Citizenship, Person, PersonName
from rollcall.sources.models import Source
from rollcall.sources.services import cite

M = TypeVar("M", bound=models.Model)


class ReviewError(Exception):
    """A proposal that cannot be accepted or rejected as asked (the message says why)."""


@dataclass
class Outcome:
    proposal: Proposal
    already: bool = False
    created: dict[str, list[int]] = field(default_factory=dict)


def accept(uid: str, reviewer: AbstractBaseUser | None = None) -> Outcome:
    """Accept one proposal; a proposal accepted before is reported, not accepted again."""
    with transaction.atomic():
        proposal = locked(uid)
        if proposal.status == ProposalStatus.ACCEPTED:
            return Outcome(proposal, already=True, created=proposal.created)
        if proposal.status == ProposalStatus.REJECTED:
            raise ReviewError(f"{uid}: rejected ({proposal.reason}); it cannot be accepted")
        writer = Writer(proposal, reviewer)
        if proposal.kind == ProposalKind.ESTIMATE:
            writer.estimate()
        elif proposal.kind in EVENT_KINDS:
            writer.event()
        else:
            raise ReviewError(f"{uid}: a {proposal.kind} proposal cannot be accepted yet")
        proposal.status = ProposalStatus.ACCEPTED
        proposal.created = writer.created
        proposal.persons = writer.persons
        mark_reviewed(proposal, reviewer)
        return Outcome(proposal, created=writer.created)


def reject(uid: str, reason: str, reviewer: AbstractBaseUser | None = None) -> Outcome:
    """Reject one proposal, keeping the reason; an accepted one stays accepted."""
    with transaction.atomic():
        proposal = locked(uid)
        if proposal.status == ProposalStatus.ACCEPTED:
            raise ReviewError(f"{uid}: already accepted; its records must be edited instead")
        proposal.status = ProposalStatus.REJECTED
        proposal.reason = reason
        mark_reviewed(proposal, reviewer)
        return Outcome(proposal)


EVENT_KINDS = {
    ProposalKind.ARREST,
    ProposalKind.SENTENCE,
    ProposalKind.TRANSFER,
    ProposalKind.RELEASE,
    ProposalKind.DEPORTATION,
    ProposalKind.DEATH_IN_CUSTODY,
}


def locked(uid: str) -> Proposal:
    try:
        return Proposal.objects.select_for_update().select_related("source").get(uid=uid)
    except Proposal.DoesNotExist:
        raise ReviewError(f"{uid}: no such proposal") from None


def mark_reviewed(proposal: Proposal, reviewer: AbstractBaseUser | None) -> None:
    proposal.reviewed_by = reviewer  # type: ignore[assignment]
    proposal.reviewed_at = timezone.now()
    proposal._history_user = reviewer  # type: ignore[attr-defined]
    proposal.save()


class Writer:
    """The records one accepted proposal creates, each citing the article."""

    def __init__(self, proposal: Proposal, reviewer: AbstractBaseUser | None) -> None:
        self.proposal = proposal
        self.source: Source = proposal.source
        self.reviewer = reviewer
        self.fact: dict[str, object] = (
            proposal.proposal if isinstance(proposal.proposal, dict) else {}
        )
        self.evidence = list_of(proposal.evidence)
        self.created: dict[str, list[int]] = {}
        self.persons: dict[str, str] = {}

    def make(self, model: type[M], **values: object) -> M:
        record = model(**values)
        record._history_user = self.reviewer  # type: ignore[attr-defined]
        record.save()
        self.created.setdefault(model._meta.label, []).append(record.pk)
        return record

    def cite(self, record: models.Model, spans: list[dict[str, object]] | None = None) -> None:
        for span in self.evidence if spans is None else spans:
            quote = span.get("text")
            start = span.get("start")
            if isinstance(quote, str) and quote:
                try:
                    cite(record, self.source, quote, at=start if isinstance(start, int) else None)
                except ValueError as exc:
                    raise ReviewError(f"{self.proposal.uid}: evidence {exc}") from None

    def spans_naming(self, name: str) -> list[dict[str, object]]:
        """The evidence that names this person, or all of it when none does by that name."""
        naming = [s for s in self.evidence if name in str(s.get("text") or "")]
        return naming or self.evidence

    # Estimates

    def estimate(self) -> None:
        count = counted(self.fact.get("count"), self.proposal.uid)
        if count is None:
            raise ReviewError(f"{self.proposal.uid}: an estimate without a number")
        as_of = self.source.published_on or timezone.localdate()
        attributed = str(self.fact.get("attributed_to") or self.source.publisher or "")
        record = self.make(
            ReportedEstimate,
            measure=self.text("measure"),
            country=self.country("country"),
            count_value=count[0],
            count_qualifier=count[1],
            as_of=as_of,
            as_of_precision=DatePrecision.DAY,
            attributed_to=(attributed or self.source.title or "the article")[:300],
        )
        self.cite(record)

    # Events

    def event(self) -> None:
        kind = self.proposal.kind
        day, precision = self.date()
        country = self.country("country")
        release_kind = str(self.fact.get("release_kind") or "")
        if release_kind and release_kind not in ReleaseKind.values:
            raise ReviewError(f"{self.proposal.uid}: unknown release_kind {release_kind!r}")
        if kind != EventType.RELEASE:
            release_kind = ""
        persons = list_of(self.fact.get("persons"))
        destinations = list_of(self.fact.get("destinations"))
        linked = list_of(self.fact.get("linked"))
        count = counted(self.fact.get("count"), self.proposal.uid)
        nationals = self.nationals()
        counts = [count, *(n for _, n in nationals)]
        people = [self.person(p) for p in persons]
        citizenships = everyones_citizenships(len(people), count, nationals)
        collective: CollectiveEvent | None = None
        if (
            len(people) != 1
            or destinations
            or linked
            or any(n is not None and n[0] > len(people) for n in counts)
            or (nationals and not citizenships)
        ):
            collective = self.collective(day, precision, country, release_kind, count)
            for spec in destinations:
                self.destination(collective, spec)
            for national, national_count in nationals:
                self.nationals_count(collective, national, national_count)
            if linked:
                collective.agreement = self.agreement(linked, day, precision, country)
                collective.save(update_fields=["agreement"])
        one_destination = (
            str(destinations[0].get("country") or "") if len(destinations) == 1 else ""
        )
        with writing_events(people=[person.pk for person, _ in people]):
            for person, name in people:
                event = self.make(
                    Event,
                    person=person,
                    collective=collective,
                    type=kind,
                    date=day,
                    date_precision=precision,
                    country=country,
                    release_kind=release_kind,
                    destination=one_destination,
                )
                self.cite(event, self.spans_naming(name))
        for citizenship in citizenships:
            for person, _ in people:
                self.citizenship(person, citizenship)

    def person(self, spec: dict[str, object]) -> tuple[Person, str]:
        name = " ".join(str(spec.get("name") or "").split())
        if not name:
            raise ReviewError(f"{self.proposal.uid}: a person without a name")
        match = spec.get("match")
        uid = match.get("person_id") if isinstance(match, dict) else None
        uid = uid or self.earlier_person(name) or self.added_since(name)
        if isinstance(uid, str) and uid:
            found = Person.objects.filter(uid=uid).first() or merged_into(uid)
            if found is None:
                raise ReviewError(f"{self.proposal.uid}: {name}: no registry person {uid}")
            person = found
        else:
            person = self.make(
                Person, visibility=Visibility.PUBLIC, publication=Publication.PUBLISHED
            )
            primary = self.make(
                PersonName,
                person=person,
                value=name[:300],
                script=guess_script(name),
                kind=NameKind.PRIMARY,
            )
            self.cite(primary, self.spans_naming(name)[:1])
        self.persons[name] = person.uid
        return person, name

    def earlier_person(self, name: str) -> str | None:
        """The person an accepted proposal of the same article attached this name to."""
        earlier = Proposal.objects.filter(
            source=self.source, status=ProposalStatus.ACCEPTED
        ).values_list("persons", flat=True)
        for persons in earlier:
            if isinstance(persons, dict) and isinstance(persons.get(name), str):
                return str(persons[name])
        return None

    def added_since(self, name: str) -> str | None:
        """A person added to the registry since the proposal was queued whom the name matches.

        An article ingested before another one's people were accepted could not be matched to
        them; a match against the people the registry held at ingest is the one the reviewer
        saw and left unset, and stays so.
        """
        found = best_match(name)
        if found is None:
            return None
        person = Person.objects.filter(
            uid=found["person_id"], created_at__gt=self.proposal.queued_at
        ).first()
        return person.uid if person is not None else None

    def collective(
        self,
        day: date | None,
        precision: str,
        country: str,
        release_kind: str,
        count: tuple[int, str] | None,
    ) -> CollectiveEvent:
        title = self.source.title or f"{self.proposal.kind} reported by {self.source}"
        record = self.make(
            CollectiveEvent,
            type=self.proposal.kind,
            title=title[:300],
            date=day,
            date_precision=precision,
            country=country,
            release_kind=release_kind,
            count_value=count[0] if count else None,
            count_qualifier=count[1] if count else "",
        )
        self.cite(record)
        return record

    def destination(self, collective: CollectiveEvent, spec: dict[str, object]) -> None:
        country = code(spec.get("country"), f"{self.proposal.uid}: destination")
        count = counted(spec.get("count"), self.proposal.uid)
        record = self.make(
            DestinationCount,
            collective=collective,
            country=country,
            count_value=count[0] if count else None,
            count_qualifier=count[1] if count else "",
        )
        self.cite(record)

    def nationals(self) -> list[tuple[str, tuple[int, str] | None]]:
        """Each citizenship among the people concerned, once, with its count (if reported)."""
        found: dict[str, tuple[int, str] | None] = {}
        for spec in list_of(self.fact.get("nationals")):
            national = code(spec.get("country"), f"{self.proposal.uid}: nationals")
            found.setdefault(national, counted(spec.get("count"), self.proposal.uid))
        return list(found.items())

    def nationals_count(
        self, collective: CollectiveEvent, country: str, count: tuple[int, str] | None
    ) -> None:
        record = self.make(
            NationalsCount,
            collective=collective,
            country=country,
            count_value=count[0] if count else None,
            count_qualifier=count[1] if count else "",
        )
        self.cite(record)

    def citizenship(self, person: Person, country: str) -> None:
        """The person's citizenship, cited; one they already hold gains only the new evidence."""
        held = Citizenship.objects.filter(person=person, country=country).first()
        if held is None:
            self.cite(self.make(Citizenship, person=person, country=country))
            return
        cited = set(held.citations.filter(source=self.source).values_list("quote", "start"))
        self.cite(held, [s for s in self.evidence if (s.get("text"), s.get("start")) not in cited])

    def agreement(
        self, linked: list[dict[str, object]], day: date | None, precision: str, country: str
    ) -> Agreement:
        title = f"Agreement: {self.source.title or self.proposal.kind}"
        record = self.make(Agreement, title=title[:300], date=day, date_precision=precision)
        self.cite(record)
        parties: dict[str, str] = {country: PartyRole.PARTY} if country else {}
        for link in linked:
            by = str(link.get("by") or "")
            if len(by) != 2:
                continue
            role: str = PartyRole.MEDIATOR if link.get("type") == "mediation" else PartyRole.PARTY
            parties.setdefault(by, role)
        for party, role in parties.items():
            self.make(AgreementParty, agreement=record, country=party, role=role)
        for link in linked:
            if link.get("type") != "sanctions_relief":
                continue
            measure = self.make(
                SanctionsMeasure,
                issuer=str(link.get("by") or "")[:10],
                target_country=country,
                target=str(link.get("target") or "")[:300],
                action=SanctionsAction.EASED,
                date=day,
                date_precision=precision,
                agreement=record,
            )
            self.cite(measure)
        return record

    # Fields

    def text(self, key: str) -> str:
        value = self.fact.get(key)
        if not isinstance(value, str) or not value:
            raise ReviewError(f"{self.proposal.uid}: no {key}")
        return value

    def country(self, key: str) -> str:
        value = self.fact.get(key)
        return code(value, f"{self.proposal.uid}: {key}") if value else ""

    def date(self) -> tuple[date | None, str]:
        value = self.fact.get("date")
        if not value:
            return None, DatePrecision.DAY
        try:
            parsed = PartialDate.parse(str(value))
        except ValueError as exc:
            raise ReviewError(f"{self.proposal.uid}: date {exc}") from None
        return parsed.value, parsed.precision


def code(value: object, where: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper case: the one rule for every country a proposal gives
    (holding state, destination, citizenship), so a proposal edited to "ZZ" is refused."""
    try:
        return clean_country(value if isinstance(value, str) else "")
    except ValueError:
        raise ReviewError(f"{where} {value!r} is not an ISO 3166-1 alpha-2 country code") from None


def counted(value: object, uid: str) -> tuple[int, str] | None:
    """A reported count as (value, qualifier), or None when the article gives no number."""
    if not isinstance(value, dict) or value.get("value") is None:
        return None
    number, qualifier = value.get("value"), str(value.get("qualifier") or Qualifier.EXACT)
    if not isinstance(number, int) or number < 0 or qualifier not in Qualifier.values:
        raise ReviewError(f"{uid}: {value!r} is not a count")
    return number, qualifier


def merged_into(uid: str) -> Person | None:
    """The person a uid lives on in since a reviewer merged it there (and any later merges).

    A proposal queued before the merge still names the merged uid; its facts belong to the
    person kept, not nowhere."""
    merged = merged_uids([uid]).get(uid)
    return Person.objects.filter(uid=merged[0]).first() if merged else None
