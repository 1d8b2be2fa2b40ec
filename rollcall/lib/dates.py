"""Dates as sources give them: a day, a month or only a year.

A partial date is stored as the first day of its period plus a precision. Comparisons ("was this
person held on 1 March 2024?") use that first day: "arrested in September 2020" counts from
1 September 2020. This is the convention the stats documentation states; changing it changes
published figures, so do not change it without a note in the changelog.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    value: date
    precision: str

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError saying what is wrong."""
        match = _PARTIAL.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = match.groups()
        try:
            if day:
                return cls(date(int(year), int(month), int(day)), DatePrecision.DAY)
            if month:
                return cls(date(int(year), int(month), 1), DatePrecision.MONTH)
            return cls(date(int(year), 1, 1), DatePrecision.YEAR)
        except ValueError:
            raise ValueError(f"{text!r} is not a calendar date") from None

    def iso(self) -> str:
        return format_partial(self.value, self.precision)


def format_partial(value: date | None, precision: str) -> str:
    """The ISO form that says no more than the source did: 2020-09 for "September 2020"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def period_end(partial: PartialDate) -> date:
    """The last day a partial date may stand for: 2020-09 may be as late as 30 September."""
    day = partial.value
    if partial.precision == DatePrecision.YEAR:
        return date(day.year, 12, 31)
    if partial.precision == DatePrecision.MONTH:
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


# Dates of things that happened (arrests, releases, births, publications) cannot be later than
# today. "Today" is the server's; a day of slack keeps a user whose day has already begun ahead
# of the server's (east of it) from being refused a date that is today for them.
FUTURE_SLACK = timedelta(days=1)


def latest_past_day(today: date | None = None) -> date:
    """The latest day a date of something that happened may name."""
    return (today or date.today()) + FUTURE_SLACK


def future_problem(value: date, precision: str = "day", today: date | None = None) -> str:
    """Why a date of something that happened cannot be right ("" when it can be).

    A partial date is in the future when its period has not begun: `2026-12` is refused until
    December 2026 (less the slack), `2026` is accepted all through 2026. Dates that look ahead
    by nature, such as the day a sentence ends (`term_ends_on`), are not checked with this.
    """
    if value <= latest_past_day(today):
        return ""
    return f"{format_partial(value, precision)} is in the future"


def not_in_the_future(value: date | None) -> None:
    """`future_problem` as a form field's validator: a field error naming the date."""
    if value is not None and (problem := future_problem(value)):
        raise ValidationError(problem, code="future")


def parse_day(text: str) -> date:
    """A full ISO day for command-line and API arguments such as `--as-of`."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD)") from None
