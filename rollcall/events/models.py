"""A person's timeline, the cases behind it, and the custody it implies."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from simple_history.models import HistoricalRecords

from rollcall.events.choices import CustodyKind, EventType, ReleaseKind, SentenceKind
from rollcall.lib.dates import DatePrecision, format_partial


class CriminalArticle(models.Model):
    """An article of a country's criminal code, e.g. BY 342 "organising actions that grossly
    violate public order"; charges point here so cases can be counted by article."""

    country = models.CharField(max_length=2)
    code = models.CharField(max_length=50, default="criminal code")
    number = models.CharField(max_length=30)
    title = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "number"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code", "number"], name="unique_article")
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.code} art. {self.number}"


class Facility(models.Model):
    """A prison, colony, pre-trial centre or camp."""

    name = models.CharField(max_length=300)
    country = models.CharField(max_length=2)
    locality = models.CharField(max_length=200, blank=True)
    # Prisons publish the one address letters to anyone they hold are sent to; it is written as
    # the post of the holding state writes it (Belarus: in Russian, postcode first).
    postal_address = models.TextField(
        blank=True,
        help_text="where letters to people held here are sent, as the facility publishes it, "
        "e.g. 231300, г. Лида, ул. Кирова, 16, ИК-1",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "name"]
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """Something that happened to one person on a (possibly partial) date.

    `country` is the holding state: whose authorities arrested, sentenced, released or deported
    the person; `destination` is where a released or deported person was taken. An event that is
    part of a reported mass event (the 13 Dec 2025 release) points to it through `collective`.

    Saving or deleting an event does not touch custody: whoever writes events re-derives it, in
    the same transaction (`events.custody.writing_events` or `rebuild_custody`), so that bulk
    writes, which skip `save()`, are held to the same rule as single ones.
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="events")
    collective = models.ForeignKey(
        "collective.CollectiveEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person_events",
    )
    type = models.CharField(max_length=20, choices=EventType.choices)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    country = models.CharField(max_length=2, blank=True)
    release_kind = models.CharField(max_length=12, choices=ReleaseKind.choices, blank=True)
    destination = models.CharField(max_length=2, blank=True)
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    articles = models.ManyToManyField(CriminalArticle, blank=True, related_name="events")
    sentence_kind = models.CharField(max_length=15, choices=SentenceKind.choices, blank=True)
    term_months = models.PositiveIntegerField(null=True, blank=True)
    regime = models.CharField(max_length=100, blank=True)
    court = models.CharField(max_length=300, blank=True)
    term_ends_on = models.DateField(null=True, blank=True)
    custody_kind = models.CharField(
        max_length=20,
        choices=CustodyKind.choices,
        blank=True,
        help_text="for arrests, sentences and transfers: the kind of custody it begins or "
        "changes to; empty when the source does not say",
    )
    recognised_by = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords(m2m_fields=[articles])

    class Meta:
        ordering = ["person_id", "date", "id"]
        indexes = [
            models.Index(fields=["type", "date"], name="event_type_date_idx"),
            models.Index(fields=["person", "date"], name="event_person_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.when}"

    @property
    def when(self) -> str:
        return format_partial(self.date, self.date_precision)


class CustodyInterval(models.Model):
    """Derived, never edited: one stretch of custody, re-derived from events by every writer.

    `end` is the first day the person was no longer held (null while held). Intervals of one
    person never overlap, which is what lets stats count people by counting intervals.
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="custody")
    country = models.CharField(max_length=2, blank=True)
    start = models.DateField(null=True, blank=True, help_text="null: held since an unknown date")
    end = models.DateField(null=True, blank=True)
    end_type = models.CharField(max_length=20, choices=EventType.choices, blank=True)
    release_kind = models.CharField(max_length=12, choices=ReleaseKind.choices, blank=True)
    destination = models.CharField(max_length=2, blank=True)
    deported = models.BooleanField(default=False)
    # Set on an interval still open when the person's latest sentence in it has a known end and
    # nothing was recorded after that day: the list stopped following them. From that day they
    # are no longer counted as held but as "term ended, release unconfirmed" (events.status).
    term_ends = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person_id", "start"]
        indexes = [
            models.Index(fields=["start", "end"], name="custody_start_end_idx"),
            models.Index(fields=["end", "end_type"], name="custody_end_idx"),
            # Covers every column the per-country figures read, so SQLite answers them from the
            # index alone; with only (country, start) it read rows in random order, slower than
            # a full scan (measured: 155 ms → 27 ms for one country at 100,000 people).
            # `term_ends` is read by *held on D* (a term ended with no release recorded).
            models.Index(
                fields=["country", "start", "end", "end_type", "deported", "person", "term_ends"],
                name="custody_country_terms_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.start}–{self.end or '…'}"


class CustodySpan(models.Model):
    """Derived, never edited: a stretch of one kind of custody (`CustodyKind`), or of none known.

    The spans of a custody interval divide it where its kind changes (pre-trial detention, then
    a colony after the sentence): same start, end and `term_ends` at its edges, so that "held on
    D" asks spans the question it asks intervals and the held of every kind add up to the held.
    A span of a kind that is not held (on trial while free) lies outside custody: it begins with
    the event that gives that kind and ends at the person's next custody event. `kind` is empty
    when the source did not say.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="custody_spans"
    )
    country = models.CharField(max_length=2, blank=True)
    kind = models.CharField(max_length=20, choices=CustodyKind.choices, blank=True)
    start = models.DateField(null=True, blank=True, help_text="null: since an unknown date")
    end = models.DateField(null=True, blank=True)
    term_ends = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person_id", "start"]
        indexes = [models.Index(fields=["kind", "start", "end"], name="custody_span_kind_idx")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.kind or '?'} {self.start}–{self.end or '…'}"
