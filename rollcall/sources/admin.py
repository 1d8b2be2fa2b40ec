from __future__ import annotations

from django.db import models

from rollcall.lib.admin import RegistryAdmin
from rollcall.sources.models import Citation, Source


class SourceAdmin(RegistryAdmin[Source]):
    """Registered by events/admin.py, whose form also refuses a text that loses what citations
    quote from it."""

    list_display = ["title", "publisher", "published_on", "kind"]
    search_fields = ["title", "url", "publisher"]
    readonly_fields = ["sha256"]
    past_dates = ("published_on",)
    # An address typed without its scheme is taken as https (Django 6's default, set now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CitationAdmin(RegistryAdmin[Citation]):
    """Registered by events/admin.py, whose form refuses a quote the source does not hold
    (the rule lives with the other data-entry rules, above this app)."""

    list_display = ["source", "content_type", "object_id", "quote"]
    raw_id_fields = ["source"]
