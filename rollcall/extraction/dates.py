"""When things happened: the dates an article states, resolved against its publication date.

News writes most dates relative to the day it appears ("on Saturday", "last month", "on 13
December"), so those are resolved against `published` and left out when it is unknown: a guess at
the year would be a wrong fact with an exact-looking date. Each mention carries the precision the
text supports ("in September 2020" is a month, "in 2020" a year), so nothing is claimed to the day
that the article gives only to the month.

The common English forms are matched with regular expressions compiled once at import (about a
millisecond per 1,000-word article). dateparser is not used: its `search` took about 80 ms on such
an article, more than the whole extractor's budget, read "now" as a date and gave "2020" a day and
a month it does not have; and `parse`, at about a millisecond a call, adds nothing to a span the
patterns below have already read.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from rollcall.extraction.lang import en_dates as lang

PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class DateMention:
    """A date in the text: `text[start:end]`, its `value` and `precision` ("day", "month", "year").

    A month-precision value is the first of its month; a year-precision value is 1 January.
    """

    start: int
    end: int
    value: date
    precision: str


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    value: date | None  # None: looks like a date, but cannot be resolved (no publication date)
    precision: str


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MONTHS = {**lang.MONTHS_FULL, **lang.MONTHS_SHORT}
_WEEKDAYS = {**lang.WEEKDAYS_FULL, **lang.WEEKDAYS_SHORT}
# Every pattern starts with a digit or a capitalised word rather than a look-behind, so that the
# regular expression engine can skip ahead to the places where a date may start; the word boundary
# before it, a weekday before a date and the context of a bare month are checked after a match.
_MONTH_FORMS = [
    *lang.MONTHS_FULL,
    *lang.MONTHS_SHORT,
    *(f"{short}." for short in lang.MONTHS_SHORT),
]
_MONTH = rf"(?P<month>{_alternation(_MONTH_FORMS)})(?![\w])"
_DAY = rf"(?P<day>\d(?<![\w.,]\d)\d?)(?:{_alternation(lang.DAY_SUFFIXES)})?(?!\w)"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)(?!\w)"

#: The second day of a span of days ("13-14 December", "on 8 and 9 August"): part of the date's
#: span, so that it is not read as a count; the date is the first day.
_TO_DAY = (
    rf"(?:\s*(?:{_alternation(lang.DAY_SPAN_JOINERS)})\s*\d\d?"
    rf"(?:{_alternation(lang.DAY_SUFFIXES)})?(?!\w))?"
)

_DAY_MONTH_YEAR = re.compile(rf"{_DAY}{_TO_DAY}(?:\s+{lang.OF})?\s+{_MONTH},?\s+{_YEAR}")
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH}\s+{_DAY}{_TO_DAY},?\s+{_YEAR}")
_DAY_MONTH = re.compile(rf"{_DAY}{_TO_DAY}(?:\s+{lang.OF})?\s+{_MONTH}")
_MONTH_DAY = re.compile(rf"{_MONTH}\s+{_DAY}{_TO_DAY}(?!,?\s*\d)")
_MONTH_YEAR = re.compile(rf"{_MONTH},?\s+(?:{lang.OF}\s+)?{_YEAR}")
_MONTH_ALONE = re.compile(rf"(?P<month>{_alternation(lang.MONTHS_FULL)})(?!\w)")
_MONTH_CONTEXT = re.compile(
    rf"(?<![\w-])(?P<context>(?i:{_alternation(lang.MONTH_CONTEXT)}))(?<=-)?\s*$"
)
_WEEKDAY_BEFORE = re.compile(
    rf"(?<!\w)(?:{_alternation(lang.WEEKDAYS_FULL)}|(?:{_alternation(lang.WEEKDAYS_SHORT)})\.?)"
    r",?\s+$"
)
_WEEKDAY = re.compile(rf"(?P<weekday>{_alternation(lang.WEEKDAYS_FULL)})(?!\w)")
_RELATION_BEFORE = re.compile(
    rf"(?<!\w)(?P<relation>(?i:{_alternation([lang.LAST, lang.NEXT, lang.THIS])}))\s+$"
)
_RELATIVE_UNITS = {phrase: (unit, offset) for phrase, unit, offset in lang.RELATIVE}
_RELATIVE = re.compile(
    "(?:"
    + _alternation(
        variant
        for phrase in _RELATIVE_UNITS
        for variant in (phrase, phrase[0].upper() + phrase[1:])
    )
    + r")(?![\w-])"
)
_AGO = re.compile(r"ago(?!\w)")
_AGO_BEFORE = re.compile(
    rf"(?<![\w-])(?P<number>\d{{1,3}}|(?i:{_alternation(lang.AGO_NUMBERS)}))\s+"
    rf"(?P<unit>{_alternation(lang.AGO_UNITS)})\s+$"
)
_SHARED_YEAR = re.compile(
    rf"\s*(?:and|or|to|-|–)\s*(?:{_alternation(lang.MONTHS_FULL)}),?\s+(?:{lang.OF}\s+)?{_YEAR}"
)
_YEAR_ALONE = re.compile(r"(?P<year>(?:19|20)\d\d)(?<![\w$€£¥₽/#.,]\d{4})(?![\w%/])")
#: A hyphen before a year joins it to a year ("2022-2023") or to a word ("mid-2020"); after any
#: other number or a letter code it is part of a case or file number ("1-2021", "IK-2020").
_HYPHEN_BEFORE_YEAR = re.compile(r"(?:^|(?:19|20)\d\d|[\s(]\w*[a-z]|^\w*[a-z])[-–]$")
_ISO = re.compile(r"(?P<year>\d{4})(?<![\w-]\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?![\w-])")
_NUMERIC = re.compile(
    r"(?P<first>\d(?<![\w./]\d)\d?)(?P<sep>[./])(?P<second>\d{1,2})(?P=sep)"
    r"(?P<year>(?:19|20)\d\d)(?![\w/]|\.\d)"
)
_COUNT_BEFORE = re.compile(rf"(?i:{_alternation(lang.COUNT_BEFORE)})\s+$")
_REFERENCE_BEFORE = re.compile(rf"(?<!\w)(?:{_alternation(lang.REFERENCE_BEFORE)})\s*$")
_NEXT_WORD = re.compile(r"\s*(?:-\s*)?([A-Za-z]+)")
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s*cent|percent)", re.IGNORECASE)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_months(value: date, months: int) -> date:
    """The first of the month `months` before `value`'s month."""
    index = value.year * 12 + (value.month - 1) - months
    return date(index // 12, index % 12 + 1, 1)


def _latest_day(month: int, day: int, published: date) -> date | None:
    """The most recent `day` `month` not after publication ("on 13 December")."""
    for year in (published.year, published.year - 1, published.year - 2, published.year - 3):
        value = _day(year, month, day)
        if value is not None and value <= published:
            return value
    return None


def _starts_word(match: re.Match[str], not_before: str = ".") -> bool:
    """Whether a match starts a word: no letter, digit or `not_before` character right before it."""
    previous = match.string[match.start() - 1 : match.start()]
    return not previous or not (previous.isalnum() or previous == "_" or previous in not_before)


def _inside_name(match: re.Match[str]) -> bool:
    """Whether the matched word is part of a name that dates nothing ("Sunday Times")."""
    text, word = match.string, match.group()
    for name in lang.NAMES_WITH_DATE_WORDS:
        at = name.find(word)
        if 0 <= at <= match.start() and text.startswith(name, match.start() - at):
            return True
    return False


def _weekday_start(match: re.Match[str]) -> int:
    """Where a date starts when a weekday is written before it ("Sat 13th Dec, 2025")."""
    text, start = match.string, match.start()
    before = _WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
    return before.start() if before else start


_Reader = Callable[[re.Match[str], date | None], _Candidate | None]


def _full_date(match: re.Match[str], published: date | None) -> _Candidate | None:
    if not _starts_word(match, ".,"):
        return None
    month = _MONTHS[match["month"].rstrip(".")]
    value = _day(int(match["year"]), month, int(match["day"]))
    if value is None:
        return None
    return _Candidate(_weekday_start(match), match.end(), value, "day")


def _day_month(match: re.Match[str], published: date | None) -> _Candidate | None:
    if not _starts_word(match, ".,"):
        return None
    month = _MONTHS[match["month"].rstrip(".")]
    day = int(match["day"])
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    following = _NEXT_WORD.match(match.string, match.end())
    if following and following.group(1).lower() in lang.COUNTED_AFTER:
        return None  # "in May 5 activists were ...": a count after a month name
    value = _latest_day(month, day, published) if published else None
    return _Candidate(_weekday_start(match), match.end(), value, "day")


def _month_year(match: re.Match[str], published: date | None) -> _Candidate | None:
    if not _starts_word(match):
        return None
    month = _MONTHS[match["month"].rstrip(".")]
    return _Candidate(match.start(), match.end(), date(int(match["year"]), month, 1), "month")


def _month_alone(match: re.Match[str], published: date | None) -> _Candidate | None:
    if not _starts_word(match):
        return None
    found = _MONTH_CONTEXT.search(match.string, max(0, match.start() - 20), match.start())
    if found is None:
        return None  # "May" the verb, "March" the noun: a bare month needs "in", "since", "last"
    month = lang.MONTHS_FULL[match["month"]]
    context = found["context"].lower()
    shared = _SHARED_YEAR.match(match.string, match.end())
    if shared is not None:
        # "in November and December 2023": the year after the second month is the first's too.
        return _Candidate(match.start(), match.end(), date(int(shared["year"]), month, 1), "month")
    start = found.start() if context in {lang.LAST, lang.NEXT, lang.THIS} else match.start()
    if published is None:
        return _Candidate(start, match.end(), None, "month")
    if context == lang.LAST:
        year = published.year if month < published.month else published.year - 1
    elif context == lang.NEXT:
        year = published.year if month > published.month else published.year + 1
    elif context == lang.THIS:
        year = published.year
    else:
        year = published.year if month <= published.month else published.year - 1
    return _Candidate(start, match.end(), date(year, month, 1), "month")


def _weekday(match: re.Match[str], published: date | None) -> _Candidate | None:
    if not _starts_word(match) or _inside_name(match):
        return None
    found = _RELATION_BEFORE.search(match.string, max(0, match.start() - 8), match.start())
    start = found.start() if found else match.start()
    if published is None:
        return _Candidate(start, match.end(), None, "day")
    weekday = lang.WEEKDAYS_FULL[match["weekday"]]
    relation = found["relation"].lower() if found else ""
    if relation == lang.NEXT:
        ahead = (weekday - published.weekday()) % 7 or 7
        return _Candidate(start, match.end(), published + timedelta(days=ahead), "day")
    back = (published.weekday() - weekday) % 7
    if relation == lang.LAST and back == 0:
        back = 7
    return _Candidate(start, match.end(), published - timedelta(days=back), "day")


def _back(published: date, unit: str, count: int) -> tuple[date, str]:
    """The date `count` units before publication, at the precision that unit supports."""
    if unit == "day":
        return published - timedelta(days=count), "day"
    if unit == "week":
        return _shift_months(published - timedelta(weeks=count), 0), "month"
    if unit == "month":
        return _shift_months(published, count), "month"
    if unit == "decade":
        count *= 10
    return date(published.year - count, 1, 1), "year"


def _relative(match: re.Match[str], published: date | None) -> _Candidate | None:
    if not _starts_word(match, "-"):
        return None
    if _inside_name(match):
        return None
    if published is None:
        return _Candidate(match.start(), match.end(), None, "day")
    unit, offset = _RELATIVE_UNITS[match.group().lower()]
    value, precision = _back(published, unit, offset)
    return _Candidate(match.start(), match.end(), value, precision)


def _ago(match: re.Match[str], published: date | None) -> _Candidate | None:
    found = _AGO_BEFORE.search(match.string, max(0, match.start() - 30), match.start())
    if found is None:
        return None
    if published is None:
        return _Candidate(found.start(), match.end(), None, "day")
    number = found["number"].lower()
    count = int(number) if number.isdigit() else lang.AGO_NUMBERS[number]
    value, precision = _back(published, lang.AGO_UNITS[found["unit"]], count)
    return _Candidate(found.start(), match.end(), value, precision)


def _year_alone(match: re.Match[str], published: date | None) -> _Candidate | None:
    """A four-digit year standing alone, unless the words around it make it a count or a label."""
    text = match.string
    before = text[max(0, match.start() - 20) : match.start()]
    if before[-1:] in {"-", "–"} and not _HYPHEN_BEFORE_YEAR.search(before):
        return None
    if _COUNT_BEFORE.search(before) or _REFERENCE_BEFORE.search(before):
        return None
    after = text[match.end() : match.end() + 20]
    if _PERCENT_AFTER.match(after):
        return None
    following = _NEXT_WORD.match(after)
    if following and following.group(1).lower() in lang.COUNTED_AFTER:
        return None
    return _Candidate(match.start(), match.end(), date(int(match["year"]), 1, 1), "year")


def _iso(match: re.Match[str], published: date | None) -> _Candidate | None:
    value = _day(int(match["year"]), int(match["month"]), int(match["day"]))
    return None if value is None else _Candidate(match.start(), match.end(), value, "day")


def _numeric(match: re.Match[str], published: date | None) -> _Candidate | None:
    """13.12.2025 is day-first; 12/13/2025 is read the one way it can be, else left unresolved."""
    first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
    if match["sep"] == "." or first > 12:
        value = _day(year, second, first)
    elif second > 12:
        value = _day(year, first, second)
    else:
        value = None
    return _Candidate(match.start(), match.end(), value, "day")


_READERS: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_ISO, _iso),
    (_NUMERIC, _numeric),
    (_DAY_MONTH_YEAR, _full_date),
    (_MONTH_DAY_YEAR, _full_date),
    (_DAY_MONTH, _day_month),
    (_MONTH_DAY, _day_month),
    (_MONTH_YEAR, _month_year),
    (_MONTH_ALONE, _month_alone),
    (_WEEKDAY, _weekday),
    (_RELATIVE, _relative),
    (_AGO, _ago),
    (_YEAR_ALONE, _year_alone),
)


@lru_cache(maxsize=8)
def _date_matches(text: str) -> tuple[tuple[re.Match[str], _Reader], ...]:
    """Every date-like match, the longest winning where they overlap, in text order.

    Where a date is written does not depend on the publication date, only its value does, so the
    matching is done once per text: the extractor asks for the dates and for the spans that the
    count finder leaves out, of the same article.
    """
    found = []
    for pattern, read in _READERS:
        for match in pattern.finditer(text):
            candidate = read(match, None)
            if candidate is not None:
                found.append((candidate.start, candidate.end, match, read))
    found.sort(key=lambda item: (item[0], item[0] - item[1]))
    kept: list[tuple[re.Match[str], _Reader]] = []
    last_end = -1
    for start, end, match, read in found:
        if start < last_end:
            continue
        kept.append((match, read))
        last_end = end
    return tuple(kept)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """The dates `text` states, in text order; relative ones only when `published` is known."""
    mentions = []
    for match, read in _date_matches(text):
        candidate = read(match, published)
        if candidate is not None and candidate.value is not None:
            mentions.append(
                DateMention(candidate.start, candidate.end, candidate.value, candidate.precision)
            )
    return mentions


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` writes a date, resolvable or not: numbers inside these are not counts."""
    spans = []
    for match, read in _date_matches(text):
        candidate = read(match, None)
        if candidate is not None:
            spans.append((candidate.start, candidate.end))
    return spans


@dataclass(frozen=True)
class RelativeDate:
    """A time told from the event reported just before ("two days later", "the same day"):
    `offset` `unit`s ("day", "week", "month", "year") after that event's date."""

    start: int
    end: int
    unit: str
    offset: int


_AFTER_PREVIOUS_FIRST = re.compile(
    rf"\b(?:{_alternation([*lang.AFTER_PREVIOUS_FIRST, lang.LATER_WORD])})\b"
)
_AFTER_PREVIOUS = tuple(
    (re.compile(rf"(?:{pattern})(?![\w-])"), unit, offset)
    for pattern, unit, offset in lang.AFTER_PREVIOUS
)
_UNIT_NUMBER_BEFORE = re.compile(
    rf"(?<![\w-])(?P<number>\d{{1,2}}|{_alternation(lang.AGO_NUMBERS)})\s+"
    rf"(?P<unit>{_alternation(lang.LATER_UNITS)})\s+$"
)


def find_relative_dates(text: str) -> list[RelativeDate]:
    """The times `text` tells relative to an earlier event, in text order."""
    lowered = text.lower()  # same length: offsets index `text` too
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    found: list[RelativeDate] = []
    for first in _AFTER_PREVIOUS_FIRST.finditer(lowered):
        if first.group() == lang.LATER_WORD:
            number = _UNIT_NUMBER_BEFORE.search(lowered, max(0, first.start() - 20), first.start())
            if number is not None:  # "months later" gives no number of months
                word = number["number"]
                count = int(word) if word.isdigit() else lang.AGO_NUMBERS[word]
                unit = lang.LATER_UNITS[number["unit"]]
                found.append(RelativeDate(number.start(), first.end(), unit, count))
            continue
        if found and first.start() < found[-1].end:
            continue
        for pattern, unit, offset in _AFTER_PREVIOUS:
            match = pattern.match(lowered, first.start())
            if match is not None:
                found.append(RelativeDate(match.start(), match.end(), unit, offset))
                break
    return found


def after(anchor: DateMention, relative: RelativeDate) -> DateMention:
    """The date `relative` stands for, told after `anchor`, at the precision both support: "two
    days later" than a day is a day, than a month only a month; "a year later" is a year."""
    rank = {"day": 3, "month": 2, "year": 1}
    unit_precision = {"day": "day", "week": "month", "month": "month", "year": "year"}
    precision = min((anchor.precision, unit_precision[relative.unit]), key=lambda p: rank.get(p, 0))
    value = anchor.value
    if relative.unit == "day":
        value = value + timedelta(days=relative.offset)
    elif relative.unit == "week":
        value = value + timedelta(weeks=relative.offset)
    elif relative.unit == "month":
        value = _shift_months(value, -relative.offset)
    else:
        value = date(value.year + relative.offset, 1, 1)
    if precision == "month":
        value = value.replace(day=1)
    elif precision == "year":
        value = date(value.year, 1, 1)
    return DateMention(relative.start, relative.end, value, precision)
