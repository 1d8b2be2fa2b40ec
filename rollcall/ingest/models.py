"""The review queue: facts an article reports, proposed for a reviewer to accept or reject.

A proposal is one extracted event (with its people and their registry matches) or one estimate,
kept as the extraction JSON gave it in `proposal`, which the reviewer may edit (re-attach a name
to another person) before accepting. Accepting turns it into registry records citing the article
(`rollcall.ingest.accept`) and records their ids in `created`, so that a second accept creates
nothing and the review page can link to what the first one made.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rollcall.sources.models import Source


def new_proposal_uid() -> str:
    return f"p-{uuid.uuid4().hex[:12]}"


class ProposalKind(models.TextChoices):
    """What a proposal proposes: an event of one of the extraction's types, a person, a figure."""

    ARREST = "arrest", _("arrest")
    SENTENCE = "sentence", _("sentence")
    TRANSFER = "transfer", _("transfer")
    RELEASE = "release", _("release")
    DEPORTATION = "deportation", _("deportation")
    DEATH_IN_CUSTODY = "death_in_custody", _("death in custody")
    PERSON = "person", _("person")
    ESTIMATE = "estimate", _("reported estimate")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Proposal(models.Model):
    """One fact an article reports, waiting for (or past) a reviewer's decision.

    `uid` is the public id the command line and the review JSON use (`p-…`). `position` is the
    fact's place in the article's extraction, so the queue lists an article's facts in the order
    the extractor found them. `created` maps a model label to the ids accepting created
    (`{"events.Event": [12, 13], …}`), and `persons` maps each name as the article spells it to
    the `uid` of the registry person it was attached to, so that a later proposal of the same
    article naming the same person finds them instead of creating them again.
    """

    uid = models.CharField(max_length=20, unique=True, default=new_proposal_uid)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="proposals")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    schema = models.CharField(max_length=50, help_text=_("the extraction JSON's schema"))
    proposal = models.JSONField(help_text=_("the extraction's event or estimate, with matches"))
    evidence = models.JSONField(default=list, help_text=_("[{text, start, end}] in the source"))
    status = models.CharField(
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
        db_index=True,
    )
    reason = models.TextField(blank=True, help_text=_("why it was rejected"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_proposals",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created = models.JSONField(default=dict, blank=True)
    persons = models.JSONField(default=dict, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "position"], name="unique_proposal_position")
        ]

    def __str__(self) -> str:
        return f"{self.uid} ({self.kind}, {self.status})"
