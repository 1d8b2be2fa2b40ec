"""What is reported about many people at once, and what it was traded for.

A collective event ("Belarus freed 123 political prisoners, at least 9 taken to Lithuania") keeps
the numbers as reported, qualifiers included, whether or not every person is known by name; the
named people's own events point to it. Reported estimates ("over 1,000 still held, say rights
groups") are stored apart from the counts the registry computes, and never mixed into them.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from simple_history.models import HistoricalRecords

from rollcall.collective.choices import EstimateMeasure, PartyRole, Qualifier, SanctionsAction
from rollcall.events.choices import EventType, ReleaseKind
from rollcall.lib.countries import validate_country
from rollcall.lib.dates import DatePrecision, format_partial


class Agreement(models.Model):
    """A deal between states that people were freed under."""

    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    description = models.TextField(blank=True)
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return self.title


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    country = models.CharField(max_length=2)
    role = models.CharField(max_length=10, choices=PartyRole.choices, default=PartyRole.PARTY)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "country"], name="unique_party")
        ]

    def __str__(self) -> str:
        return f"{self.country} ({self.role})"


class SanctionsMeasure(models.Model):
    """A sanctions step: who (issuer) did what (imposed/eased/lifted) to which sector or entity.

    `agreement` links relief to the deal it was part of, so "prisoners freed in return for potash
    sanctions relief" is one join: CollectiveEvent → Agreement → SanctionsMeasure.
    """

    issuer = models.CharField(max_length=10, help_text="ISO country code or 'EU'")
    target_country = models.CharField(max_length=2)
    target = models.CharField(max_length=300, help_text="sector or entity, e.g. 'potash'")
    action = models.CharField(max_length=10, choices=SanctionsAction.choices)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sanctions_measures",
    )
    description = models.TextField(blank=True)
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return f"{self.issuer} {self.action} sanctions on {self.target_country} {self.target}"


class CollectiveEvent(models.Model):
    """One reported event about many people: a batch release, a mass arrest, an exchange."""

    type = models.CharField(max_length=20, choices=EventType.choices)
    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    country = models.CharField(max_length=2, help_text="the holding state")
    release_kind = models.CharField(max_length=12, choices=ReleaseKind.choices, blank=True)
    count_value = models.PositiveIntegerField(null=True, blank=True)
    count_qualifier = models.CharField(max_length=12, choices=Qualifier.choices, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collective_events",
    )
    description = models.TextField(blank=True)
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["type", "date"], name="collective_type_date_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> str:
        return format_partial(self.date, self.date_precision)


class DestinationCount(models.Model):
    """How many of a collective event's people were taken to one country, as reported."""

    collective = models.ForeignKey(
        CollectiveEvent, on_delete=models.CASCADE, related_name="destinations"
    )
    country = models.CharField(max_length=2)
    count_value = models.PositiveIntegerField(null=True, blank=True)
    count_qualifier = models.CharField(max_length=12, choices=Qualifier.choices, blank=True)
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords()

    class Meta:
        # Largest first, uncounted last on every engine (PostgreSQL sorts nulls first when
        # descending unless told otherwise), then by country so the order is stable.
        ordering = [
            "collective_id",
            models.F("count_value").desc(nulls_last=True),
            "country",
        ]
        constraints = [
            models.UniqueConstraint(fields=["collective", "country"], name="unique_destination")
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.count_qualifier} {self.count_value}"


class NationalsCount(models.Model):
    """How many of a collective event's people were citizens of one country, as reported.

    "Fourteen foreign nationals: six Lithuanians, two Latvians…" is a row per country; "some
    Ukrainian nationals were among those freed" is a row without a count. States negotiate
    for their own citizens, so this is what a deal's count per state is read from.
    """

    collective = models.ForeignKey(
        CollectiveEvent, on_delete=models.CASCADE, related_name="nationals"
    )
    country = models.CharField(max_length=2, validators=[validate_country])
    count_value = models.PositiveIntegerField(null=True, blank=True)
    count_qualifier = models.CharField(max_length=12, choices=Qualifier.choices, blank=True)
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords()

    class Meta:
        # Largest first; an uncounted group after every counted one on SQLite and PostgreSQL
        # alike (PostgreSQL would otherwise put nulls first in a descending order).
        ordering = [
            "collective_id",
            models.F("count_value").desc(nulls_last=True),
            "country",
        ]
        verbose_name_plural = "nationals counts"
        constraints = [
            models.UniqueConstraint(fields=["collective", "country"], name="unique_nationals")
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.count_qualifier} {self.count_value}"


class ReportedEstimate(models.Model):
    """A figure someone else gives, kept beside (never inside) the registry's own counts."""

    measure = models.CharField(max_length=20, choices=EstimateMeasure.choices)
    country = models.CharField(max_length=2)
    count_value = models.PositiveIntegerField()
    count_qualifier = models.CharField(
        max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    as_of = models.DateField(help_text="the date the figure describes, or was published")
    as_of_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    attributed_to = models.CharField(max_length=300)
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-as_of", "id"]

    def __str__(self) -> str:
        return f"{self.attributed_to}: {self.count_qualifier} {self.count_value} {self.measure}"
