"""A person's status on a date, read off their derived custody intervals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from rollcall.events.choices import EventType
from rollcall.events.models import CustodyInterval


class Status(models.TextChoices):
    HELD = "held", _("held")
    RELEASED = "released", _("released")
    DEPORTED = "deported", _("released and taken abroad")
    DIED_IN_CUSTODY = "died_in_custody", _("died in custody")
    DIED = "died", _("died")
    UNKNOWN = "unknown", _("no custody on record")


def status_on(intervals: Iterable[CustodyInterval], day: date) -> str:
    """Held if an interval covers `day`; otherwise how the last interval before `day` ended."""
    last: CustodyInterval | None = None
    for interval in intervals:
        if (interval.start is None or interval.start <= day) and (
            interval.end is None or interval.end > day
        ):
            return Status.HELD
        if (
            interval.end is not None
            and interval.end <= day
            and (last is None or last.end is None or interval.end > last.end)
        ):
            last = interval
    if last is None:
        return Status.UNKNOWN
    if last.end_type == EventType.DEATH_IN_CUSTODY:
        return Status.DIED_IN_CUSTODY
    if last.end_type == EventType.DEATH:
        return Status.DIED
    return Status.DEPORTED if last.deported else Status.RELEASED
