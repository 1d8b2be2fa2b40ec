"""Where every fact comes from.

A *source* is a document (an article, a court record, an NGO's list); a *citation* ties any fact in
the registry to a source with the words that support it. A fact may cite several sources, and a
fact with none is a fact nobody can check, so the importer and the demo data always add one.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rollcall.lib.dates import DatePrecision


class SourceKind(models.TextChoices):
    ARTICLE = "article", _("news article")
    COURT_RECORD = "court_record", _("court record")
    NGO_LIST = "ngo_list", _("NGO list")
    OFFICIAL = "official", _("official statement")
    OTHER = "other", _("other")


class Source(models.Model):
    """A document facts are taken from; `sha256` fingerprints the stored text it was read as."""

    kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.ARTICLE)
    url = models.URLField(max_length=2000, blank=True, db_index=True)
    publisher = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    retrieved_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True, help_text=_("The plain text the facts were read from."))
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "id"]

    def __str__(self) -> str:
        return self.title or self.url or f"source {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The fingerprint follows the text, so it can never disagree with what is stored: no text,
        # no fingerprint (a cleared text left with its old sha256 would vouch for words that are
        # gone). A save limited to `text` writes the fingerprint with it.
        self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest() if self.text else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sha256"}
        super().save(*args, **kwargs)


class Citation(models.Model):
    """One fact → one source, with the quoted evidence and, when known, its offsets in the text."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    fact = GenericForeignKey("content_type", "object_id")
    quote = models.TextField(blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_fact_idx")]

    def __str__(self) -> str:
        return f"{self.fact} ← {self.source}"
