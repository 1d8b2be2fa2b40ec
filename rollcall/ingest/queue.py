"""Putting an article's facts in the review queue: the source stored, one proposal per fact.

Each article is its own all-or-nothing unit: its source and all its proposals are written in one
transaction, so a failure leaves no article half queued, and a bad article among several does not
stop the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from rollcall.extraction import Document
from rollcall.ingest.matching import list_of
from rollcall.ingest.models import Proposal, ProposalKind
from rollcall.sources.models import Source, SourceKind


@dataclass
class Queued:
    """What ingesting one article did (or, in a dry run, would do)."""

    title: str
    source: Source | None
    proposals: list[Proposal]
    already: bool = False


def proposals_of(extraction: dict[str, object]) -> list[Proposal]:
    """Unsaved proposals, one per event and one per estimate, in extraction order."""
    schema = str(extraction.get("schema") or "")
    facts = [(str(e.get("type") or ""), e) for e in list_of(extraction.get("events"))]
    facts += [(ProposalKind.ESTIMATE.value, e) for e in list_of(extraction.get("estimates"))]
    return [
        Proposal(
            kind=kind,
            position=position,
            schema=schema,
            proposal=fact,
            evidence=list_of(fact.get("evidence")),
        )
        for position, (kind, fact) in enumerate(facts)
    ]


def already_ingested(document: Document) -> Source | None:
    """The stored source of this text whose facts were already queued, if there is one."""
    return Source.objects.filter(sha256=document.sha256, proposals__isnull=False).distinct().first()


def queue(document: Document, extraction: dict[str, object], *, dry_run: bool = False) -> Queued:
    """Store the article and queue its facts; the same text twice is recognised, not queued."""
    title = document.title or document.url or "(untitled)"
    proposals = proposals_of(extraction)
    with transaction.atomic():
        known = already_ingested(document)
        if known is not None:
            return Queued(title, known, [], already=True)
        if dry_run:
            return Queued(title, None, proposals)
        source = stored_source(document)
        for proposal in proposals:
            proposal.source = source
            proposal.save()
    return Queued(title, source, proposals)


def stored_source(document: Document) -> Source:
    """The article as a source: one already stored with this very text (the demo's article, a
    source added by hand) is reused rather than duplicated, and dated now that it was read."""
    existing = Source.objects.filter(sha256=document.sha256).order_by("id").first()
    if existing is not None:
        return existing
    published: date | None = document.published
    return Source.objects.create(
        kind=SourceKind.ARTICLE,
        url=document.url or "",
        publisher=(document.publisher or "")[:300],
        title=(document.title or "")[:500],
        published_on=published,
        retrieved_at=timezone.now(),
        text=document.text,
    )
