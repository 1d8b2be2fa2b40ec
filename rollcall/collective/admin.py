"""The admin of collective events, agreements, sanctions and reported estimates.

None of these is read by custody (a person's events point to a collective event, but custody is
derived from the events' own type, dates and places), so no write here re-derives it: deleting a
collective event only unlinks its people's events from it.
"""

from __future__ import annotations

from django.contrib import admin

from rollcall.collective.models import (
    Agreement,
    AgreementParty,
    CollectiveEvent,
    DestinationCount,
    NationalsCount,
    ReportedEstimate,
    SanctionsMeasure,
)
from rollcall.lib.admin import RegistryAdmin, RegistryInline


class DestinationInline(RegistryInline[DestinationCount, CollectiveEvent]):
    model = DestinationCount
    extra = 0


class NationalsInline(RegistryInline[NationalsCount, CollectiveEvent]):
    model = NationalsCount
    extra = 0


class PartyInline(RegistryInline[AgreementParty, Agreement]):
    model = AgreementParty
    extra = 0


@admin.register(CollectiveEvent)
class CollectiveEventAdmin(RegistryAdmin[CollectiveEvent]):
    list_display = ["title", "type", "date", "country", "count_qualifier", "count_value"]
    inlines = [DestinationInline, NationalsInline]
    past_dates = ("date",)


@admin.register(Agreement)
class AgreementAdmin(RegistryAdmin[Agreement]):
    list_display = ["title", "date"]
    inlines = [PartyInline]
    past_dates = ("date",)


@admin.register(SanctionsMeasure)
class SanctionsMeasureAdmin(RegistryAdmin[SanctionsMeasure]):
    # No past_dates: a measure is often announced to take effect on a date still to come.
    list_display = ["issuer", "action", "target_country", "target", "date"]


@admin.register(ReportedEstimate)
class ReportedEstimateAdmin(RegistryAdmin[ReportedEstimate]):
    list_display = ["attributed_to", "measure", "country", "count_qualifier", "count_value"]
    past_dates = ("as_of",)
