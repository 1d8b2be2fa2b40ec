from __future__ import annotations

from django.contrib import admin

from rollcall.lib.admin import RegistryAdmin
from rollcall.sources.models import Citation, Source


@admin.register(Source)
class SourceAdmin(RegistryAdmin[Source]):
    list_display = ["title", "publisher", "published_on", "kind"]
    search_fields = ["title", "url", "publisher"]
    readonly_fields = ["sha256"]
    past_dates = ("published_on",)


@admin.register(Citation)
class CitationAdmin(RegistryAdmin[Citation]):
    list_display = ["source", "content_type", "object_id", "quote"]
