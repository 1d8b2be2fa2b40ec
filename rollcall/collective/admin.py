from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rollcall.collective.models import (
    Agreement,
    AgreementParty,
    CollectiveEvent,
    DestinationCount,
    ReportedEstimate,
    SanctionsMeasure,
)


class DestinationInline(admin.TabularInline):
    model = DestinationCount
    extra = 0


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0


@admin.register(CollectiveEvent)
class CollectiveEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "type", "date", "country", "count_qualifier", "count_value"]
    inlines = [DestinationInline]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date"]
    inlines = [PartyInline]


@admin.register(SanctionsMeasure)
class SanctionsMeasureAdmin(SimpleHistoryAdmin):
    list_display = ["issuer", "action", "target_country", "target", "date"]


@admin.register(ReportedEstimate)
class ReportedEstimateAdmin(SimpleHistoryAdmin):
    list_display = ["attributed_to", "measure", "country", "count_qualifier", "count_value"]
