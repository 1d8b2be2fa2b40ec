from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rollcall.events.models import CriminalArticle, Event, Facility


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["person", "type", "date", "country", "release_kind", "destination"]
    list_filter = ["type", "country", "release_kind"]
    raw_id_fields = ["person", "collective"]
    filter_horizontal = ["articles"]


@admin.register(CriminalArticle)
class CriminalArticleAdmin(SimpleHistoryAdmin):
    list_display = ["country", "code", "number", "title"]
    list_filter = ["country"]


@admin.register(Facility)
class FacilityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "locality"]
