"""English words for dates: month and weekday names, relative expressions, and the context words
that make a bare month or year a date rather than something else ("May" the verb, "2000" people).
"""

from __future__ import annotations

#: Month names by number. Full names stand alone after a context word ("arrested in September");
#: abbreviations only count beside a day or a year ("13 Dec 2025", "Dec. 13"), where they cannot be
#: an ordinary word.
MONTHS_FULL: dict[str, int] = {
    "January": 1,
    "February": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "August": 8,
    "September": 9,
    "October": 10,
    "November": 11,
    "December": 12,
}
MONTHS_SHORT: dict[str, int] = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}

#: Weekday names, Monday = 0 as in `date.weekday()`. Abbreviations only prefix a full date
#: ("Sat 13th Dec, 2025"); a weekday alone must be spelled out ("on Saturday").
WEEKDAYS_FULL: dict[str, int] = {
    "Monday": 0,
    "Tuesday": 1,
    "Wednesday": 2,
    "Thursday": 3,
    "Friday": 4,
    "Saturday": 5,
    "Sunday": 6,
}
WEEKDAYS_SHORT: dict[str, int] = {
    "Mon": 0,
    "Tue": 1,
    "Tues": 1,
    "Wed": 2,
    "Thu": 3,
    "Thur": 3,
    "Thurs": 3,
    "Fri": 4,
    "Sat": 5,
    "Sun": 6,
}

#: Ordinal suffixes after a day number ("13th").
DAY_SUFFIXES: tuple[str, ...] = ("st", "nd", "rd", "th")

#: Words before a bare month name that make it a date: "in September", "since May", "last March".
#: "May" and "March" are also a verb and a noun, so a month name alone is never taken.
MONTH_CONTEXT: tuple[str, ...] = (
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "during",
    "through",
    "throughout",
    "of",
    "before",
    "after",
    "between",
    "and",
    "to",
    "or",
    "on",
    "early",
    "late",
    "mid",
    "mid-",
    "last",
    "this",
    "next",
    "in early",
    "in late",
    "in mid",
    "in mid-",
    "end of",
    "beginning of",
    "start of",
)

#: Words before a number that make it a count, not a year ("more than 2000"), and words right
#: before a four-digit number that make it a reference ("Article 2020", "No. 1999").
COUNT_BEFORE: tuple[str, ...] = (
    "at least",
    "more than",
    "over",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "up to",
    "fewer than",
    "less than",
    "approximately",
    "roughly",
    "an estimated",
    "a total of",
    "total of",
    "upwards of",
    "no fewer than",
    "no more than",
    "exactly",
)
REFERENCE_BEFORE: tuple[str, ...] = (
    "No.",
    "No",
    "no.",
    "Nos.",
    "number",
    "Number",
    "Article",
    "article",
    "Articles",
    "articles",
    "Art.",
    "Part",
    "part",
    "Section",
    "section",
    "Case",
    "case",
    "Decree",
    "decree",
    "Resolution",
    "resolution",
    "Law",
    "Order",
    "Room",
    "Cell",
    "cell",
    "Colony",
    "colony",
    "page",
    "p.",
    "Flight",
    "flight",
    "Code",
    "code",
)

#: Nouns after a four-digit number that make it a count of people, not a year ("2000 prisoners");
#: "2020 elections" stays a year.
COUNTED_AFTER: frozenset[str] = frozenset(
    [
        "people",
        "persons",
        "individuals",
        "prisoners",
        "political",
        "detainees",
        "inmates",
        "others",
        "protesters",
        "protestors",
        "demonstrators",
        "activists",
        "citizens",
        "nationals",
        "men",
        "women",
        "children",
        "soldiers",
        "cases",
        "arrests",
        "detentions",
        "convictions",
        "names",
    ]
)

#: Relative expressions read against the publication date, as (phrase, unit, offset): unit is
#: "day", "week", "month" or "year"; offset counts units back (1) or forward (-1) from publication.
#: A week has no precision of its own, so a week is reported as its month.
RELATIVE: tuple[tuple[str, str, int], ...] = (
    ("the day before yesterday", "day", 2),
    ("yesterday", "day", 1),
    ("today", "day", 0),
    ("earlier this week", "week", 0),
    ("this week", "week", 0),
    ("last week", "week", 1),
    ("earlier this month", "month", 0),
    ("this month", "month", 0),
    ("last month", "month", 1),
    ("next month", "month", -1),
    ("earlier this year", "year", 0),
    ("this year", "year", 0),
    ("last year", "year", 1),
    ("next year", "year", -1),
)

#: Units of "... ago" ("three years ago"), by the unit they count.
AGO_UNITS: dict[str, str] = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
}

#: Small numbers spelled out before "ago" ("two weeks ago", "a year ago").
AGO_NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}

#: Words before a weekday or month name that place it before, after or in the week, month or year
#: of publication ("last Saturday", "next March", "this September"); compared lower-case.
LAST = "last"
NEXT = "next"
THIS = "this"

#: The word between a day and its month ("the 7th of September") or a month and its year ("March
#: of 2021"), and the words that join the two days of a span of days ("13-14 December").
OF = "of"
DAY_SPAN_JOINERS: tuple[str, ...] = ("-", "–", "and", "to")

#: Names that contain a weekday or a relative word and are not dates: newspapers, holidays and
#: days remembered by name, which an article mentions without dating anything by them.
NAMES_WITH_DATE_WORDS: tuple[str, ...] = (
    "USA Today",
    "Sunday Times",
    "Sunday Telegraph",
    "Mail on Sunday",
    "Bloody Sunday",
    "Good Friday",
    "Black Friday",
    "Ash Wednesday",
    "Palm Sunday",
    "Easter Sunday",
    "Easter Monday",
    "Holy Saturday",
    "Cyber Monday",
)

#: Times told relative to the event just reported rather than to publication ("two days later",
#: "the following month", "on the same day"), as (pattern, unit, offset): the pattern is a regular
#: expression matched case-insensitively on word boundaries, and `offset` units are added to the
#: earlier event's date. Each pattern starts with a fixed word, which keeps the search fast.
AFTER_PREVIOUS: tuple[tuple[str, str, int], ...] = (
    (r"same\s+day", "day", 0),
    (r"that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)", "day", 0),
    (r"(?:following|next)\s+(?:day|morning|afternoon|evening)", "day", 1),
    (r"day\s+after(?!\s+tomorrow)", "day", 1),
    (r"same\s+month", "month", 0),
    (r"that\s+(?:same\s+)?month", "month", 0),
    (r"(?:following|next)\s+month", "month", 1),
    (r"same\s+year", "year", 0),
    (r"that\s+(?:same\s+)?year", "year", 0),
    (r"(?:following|next)\s+year", "year", 1),
    (r"(?:following|next)\s+week", "week", 1),
)
#: The words each pattern above starts with, found first to keep the search fast.
AFTER_PREVIOUS_FIRST = ("same", "that", "following", "next", "day")
#: "<number> <unit> later" ("two days later", "a year later"), by the unit the number counts: the
#: number is one of `AGO_NUMBERS` or digits.
LATER_UNITS: dict[str, str] = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
LATER_WORD = "later"
