"""Dates in a list's own formats: strftime-like patterns tried in order, each with a precision.

A list written in another language names its months in it (`7 сентября 2021`): the mapping's
`months` table gives each such word its month number, and the word is read as the English month
name that `%B` reads, so one pattern serves every language.

A pattern says how precise the dates it reads are: one with a day (`%d`) reads days, one with a
month but no day (`%m`, `%B`, `%b`) months, one with a year alone years. So `%Y` reads `1955` as
"some day in 1955", never as 1 January 1955.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import datetime

from rollcall.lib.dates import DatePrecision, PartialDate

DEFAULT_FORMATS = ("%Y-%m-%d", "%Y-%m", "%Y")
_DIRECTIVE = re.compile(r"%(.)")
_KNOWN = set("dmBbYy%")


def pattern_problem(pattern: str) -> str:
    """Why `pattern` cannot read dates ("" when it can)."""
    directives = _DIRECTIVE.findall(pattern)
    unknown = sorted({d for d in directives if d not in _KNOWN})
    if unknown:
        return (
            f"{pattern!r} uses %{', %'.join(unknown)}; a date pattern may use %Y (year), "
            "%y (two-digit year), %m (month number), %B or %b (English month name), %d (day)"
        )
    if not {"Y", "y"} & set(directives):
        return f"{pattern!r} has no year (%Y); every date needs one"
    if "d" in directives and not {"m", "B", "b"} & set(directives):
        return f"{pattern!r} has a day (%d) but no month (%m, %B or %b)"
    return ""


def precision_of(pattern: str) -> str:
    directives = set(_DIRECTIVE.findall(pattern))
    if "d" in directives:
        return DatePrecision.DAY
    if directives & {"m", "B", "b"}:
        return DatePrecision.MONTH
    return DatePrecision.YEAR


_WORD = re.compile(r"[^\W\d_]+\.?")


def read_date(
    text: str, formats: tuple[str, ...], months: Mapping[str, int] | None = None
) -> PartialDate:
    """The first format that reads `text` whole; ValueError saying which were tried."""
    given = text
    if months:
        text = _WORD.sub(lambda word: _month_name(word.group(), months), text)
    for pattern in formats:
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return PartialDate(parsed, precision_of(pattern))
    tried = ", ".join(formats)
    raise ValueError(f"{given!r} is not a date in any of the formats {tried}")


def _month_name(word: str, months: Mapping[str, int]) -> str:
    number = months.get(word.casefold()) or months.get(word.casefold().rstrip("."))
    return calendar.month_name[number] if number else word
