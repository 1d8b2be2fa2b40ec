from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rollcall.sources.models import Citation, Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "published_on", "kind"]
    search_fields = ["title", "url", "publisher"]
    readonly_fields = ["sha256"]


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["source", "content_type", "object_id", "quote"]
