"""A flag an import raised on a likely duplicate, and the merges reviewers made of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rollcall.people.models import Person


class FlagState(models.TextChoices):
    PENDING = "pending", _("pending")
    MERGED = "merged", _("merged")
    KEPT_APART = "kept_apart", _("kept apart")


class DuplicateFlag(models.Model):
    """A person an import held as a draft because they look like `candidate`.

    The uids are kept beside the links: a merge deletes the held person (their history stays),
    and the flag must still say whom it was about; an undo links the same person back.
    """

    held = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="duplicate_flags"
    )
    held_uid = models.CharField(max_length=200, db_index=True)
    candidate = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="duplicate_candidates"
    )
    candidate_uid = models.CharField(max_length=200, db_index=True)
    # The score after context, the name engine's own, and what moved one to the other.
    score = models.FloatField()
    name_score = models.FloatField()
    context = models.CharField(max_length=300, blank=True)
    # The import that raised it: its label (the file as named on the command line) and line, and
    # the run when the import records one (a nullable link, connected by the import's report).
    import_label = models.CharField(max_length=500)
    line = models.PositiveIntegerField()
    import_run_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A fingerprint of the row as imported: after a merge, the same row imported again applies to
    # nobody, and a changed one is held (see docs/duplicates.md).
    row_digest = models.CharField(max_length=64, blank=True, db_index=True)
    # What the import would have made the person without the hold: keeping the pair apart
    # publishes the held person only when this says so (not after `--draft`).
    publish_on_keep = models.BooleanField(default=True)
    state = models.CharField(
        max_length=12, choices=FlagState.choices, default=FlagState.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicate_decisions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.held_uid} ~ {self.candidate_uid} ({self.state})"


class Merge(models.Model):
    """One merge of a held person into the person kept, with all an undo needs.

    `person` is the held person's own row as it was (so an undo recreates them with the same id
    and uid); `moved` lists what went to the person kept, by kind, as ids (and a name's kind,
    since a second primary name becomes an alias); `absorbed` the records that could not move
    because the person kept already had the same one (a name spelled the same, a citizenship of
    the same state): those were deleted after their citations moved to the twin, and an undo
    recreates them with their ids.
    """

    flag = models.ForeignKey(DuplicateFlag, on_delete=models.CASCADE, related_name="merges")
    kept = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    kept_uid = models.CharField(max_length=200)
    held_pk = models.PositiveBigIntegerField()
    held_uid = models.CharField(max_length=200, db_index=True)
    person = models.JSONField()
    moved = models.JSONField(default=dict)
    absorbed = models.JSONField(default=list)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.held_uid} → {self.kept_uid}"
