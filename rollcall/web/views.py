"""The public site: pages that work without JavaScript."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rollcall.api import serialize
from rollcall.api.routes import is_staff
from rollcall.stats.freshness import cached_compute
from rollcall.web.collective import named_for_reader


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Today's figures beside reported estimates, and the latest collective event."""
    today = date.today()
    stats = cached_compute(today)
    latest = serialize.collective_queryset().order_by("-date", "-id").first()
    context = {
        "stats": stats,
        "latest": (
            named_for_reader(latest, serialize.collective(latest, is_staff(request)))
            if latest
            else None
        ),
    }
    return render(request, "web/home.html", context)
