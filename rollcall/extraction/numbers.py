"""How many: the counts an article states ("123", "at least nine", "over 100", "fifty-two").

A count is a number of things, with the qualifier the article puts on it and the head noun that
follows ("123 political prisoners" -> 123, exact, "prisoners"), so the event assembler can decide
what is counted. Most numbers in news about prisoners are not counts: years, dates, ages ("aged
45", "Kolesnikova, 43,"), sentence lengths ("15 years", "a 15-year sentence"), money, percentages,
times of day, phone and case numbers, labels ("Article 342", "Penal Colony No. 3", "Charter 97"),
ordinals ("13th") and the pronoun "one" ("one of the most prominent"). Those are left out here,
once, rather than in every rule that reads a count.

Vague quantities ("dozens", "several", "hundreds") carry no number and are not returned. A span
covers the qualifiers with the number ("more than 1,000", "100 or more").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rollcall.extraction.countries import country_code
from rollcall.extraction.dates import date_spans
from rollcall.extraction.lang import en_numbers as lang
from rollcall.extraction.tries import trie_pattern

QUALIFIERS = ("exact", "at_least", "more_than", "about", "at_most", "fewer_than")


@dataclass(frozen=True)
class CountMention:
    """A count in the text: `text[start:end]` (qualifiers included), its value and qualifier.

    `noun` is the head noun after the number, lower-case ("prisoners", "others", "nationals"), or
    "" when none follows ("at least nine reportedly relocated").
    """

    start: int
    end: int
    value: int
    qualifier: str
    noun: str = ""


def _alternation(words: Iterable[str]) -> str:
    return trie_pattern(words)


def _cased(words: Iterable[str]) -> list[str]:
    """Each word as written in running text, at the start of a sentence and in a headline."""
    return sorted({form for word in words for form in (word, word.capitalize(), word.upper())})


# Both patterns start with a digit or a number word rather than a look-behind, so that the regular
# expression engine skips ahead to where a number may start; what comes before a number (its
# qualifier, a label, a currency sign) is read after a match, from the few characters before it.
_FIRST_WORD = (
    rf"(?:(?:{_alternation(_cased(lang.TENS))})(?:[-\s](?:{_alternation(_cased(lang.UNITS))}))?"
    rf"|{_alternation(_cased(lang.UNITS))})"
)
_SCALE_WORD = rf"(?:{_alternation(_cased([lang.HUNDRED, lang.DOZEN, *lang.SCALES]))})"
_ARTICLE = _alternation(_cased([f"{lang.HALF} a", *lang.ARTICLES[:2]]))
#: A spelled-out number starts with a number word, or with "a"/"half a" before a multiplier ("a
#: dozen"); a multiplier alone is not a number ("millions", "a million-dollar bail" aside).
_SPELLED = re.compile(
    rf"\b(?P<words>(?:(?:{_ARTICLE})\s+{_SCALE_WORD}|{_FIRST_WORD})"
    rf"(?:(?:\s+{lang.AND}\s+|[\s-]+)(?:{_FIRST_WORD}|{_SCALE_WORD}))*)(?![\w-])"
)
_DIGITS = re.compile(
    r"(?P<digits>\d(?<![\w.,/#]\d)(?<![A-Za-z]-\d)"
    r"(?:\d{0,2}(?:,\d{3})+(?!\d)|\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d*))"
    rf"(?P<decimal>\.\d+)?(?:\s+(?P<scale>{_alternation(lang.SCALES)}))?(?!\w|,\d|\.\d)"
)
_BEFORE = re.compile(rf"(?<![\w-])(?P<before>(?i:{_alternation(lang.BEFORE)}))\s+$")
_AFTER_WORDS = {" ".join(phrase.split()): qualifier for phrase, qualifier in lang.AFTER.items()}
_AFTER = re.compile(
    r"(?:\s*-?\s*(?:"
    + "|".join(
        r"\s+".join(map(re.escape, phrase.split())) for phrase in lang.AFTER if phrase[0].isalpha()
    )
    + r")(?![\w-])|"
    + "|".join(re.escape(phrase) for phrase in lang.AFTER if not phrase[0].isalpha())
    + r")(?!\s*\d)"
)
#: Spans that are not counts whatever their digits: phone numbers, case and file numbers
#: ("1-234/2021"), times of day ("10:30", "10.30 pm").
_TIME_SUFFIX = _alternation(_cased(lang.TIME_SUFFIXES))
_NOT_COUNT_SPANS = re.compile(
    r"\+\d[\d\s().-]{6,}\d"
    r"|\d+(?:[-/]\d+)*/\d+(?:[-/]\d+)*"
    rf"|\b\d{{1,2}}[:.]\d\d(?:\s*{_TIME_SUFFIX})?(?!\d)"
    rf"|\b\d{{1,2}}\s*{_TIME_SUFFIX}(?!\w)"
)
#: A label word and the numbers it governs, read back from a number: "Articles 130 and 361".
_REFERENCE_BEFORE = re.compile(
    rf"(?<![\w.])(?i:{_alternation(lang.NOT_COUNT_BEFORE)})\s*"
    rf"(?:\d+\s*(?:{_alternation(lang.LIST_JOINERS)})\s*)*$"
)
#: The other end of a range after a number, and the word after it ("10 to 15 years").
_RANGE_AFTER = re.compile(
    rf"\s*(?:{_alternation(lang.RANGE_JOINERS)})\s*(?:\d[\d,.]*|{_FIRST_WORD})\s*-?\s*"
    r"([A-Za-z][A-Za-z'.]*)"
)
#: An age given as a range or with a qualifier: "aged between 18 and 25", "aged over 60".
_AGE_BEFORE = re.compile(
    rf"(?<!\w)(?i:{_alternation(lang.AGE_WORDS)})\s+(?i:(?:{_alternation(lang.RANGE_OPENERS)})"
    rf"(?:\s+\d+\s*(?:{_alternation(lang.RANGE_JOINERS)}))?|{_alternation(lang.AGE_QUALIFIERS)})\s+$"
)
_WORD_BEFORE = re.compile(r"([^\s]+)\s*$")
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“'‘(\n]\s*|\n\s*)$")
_APPOSITION_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s*$|\(\s*$")
_APPOSITION_AFTER = re.compile(r"\s*[,)]")


@dataclass(frozen=True)
class _Number:
    """A number as read, before deciding whether the words around it make it a count."""

    start: int  # of the qualifier when there is one before the number
    value_start: int
    value_end: int
    end: int  # after a qualifier that follows the number
    value: int
    qualifier: str  # "" when the article puts none
    spelled: str  # the number's words; "" for digits
    decimal: bool
    scale: bool


def _spelled_value(words: str) -> tuple[int, int] | None:
    """The value of a spelled-out number and how many characters of it make one number.

    "one hundred and twenty-three" -> 123; "two dozen" -> 24; "nine ten" stops after "nine".
    """
    tokens = [(m.group().lower(), m.end()) for m in re.finditer(r"[A-Za-z]+", words)]
    if tokens[:3] and [word for word, _ in tokens[:3]] == [lang.HALF, "a", lang.DOZEN]:
        return 6, tokens[2][1]
    total = current = 0
    last = ""
    end = 0
    for word, word_end in tokens:
        if word in lang.ARTICLES[:2]:
            current, last = 1, "unit"
            continue
        if word == lang.AND:
            continue
        if word in lang.UNITS:
            value = lang.UNITS[word]
            if last == "unit" or (last == "tens" and value >= 10):
                break
            current += value
            last = "unit"
        elif word in lang.TENS:
            if last in {"unit", "tens"}:
                break
            current += lang.TENS[word]
            last = "tens"
        elif word == lang.HUNDRED:
            if last == "hundred" or current >= 100:
                break
            current = (current or 1) * 100
            last = "hundred"
        elif word == lang.DOZEN:
            if last == "dozen":
                break
            current = (current or 1) * 12
            last = "dozen"
        elif word in lang.SCALES:
            if last == "scale" and current == 0:
                break
            total += (current or 1) * lang.SCALES[word]
            current = 0
            last = "scale"
        else:
            break
        end = word_end
    value = total + current
    return (value, end) if value and end else None


def _head_noun(text: str, position: int) -> str:
    """The noun a count counts: the first known counted noun of the phrase after the number, else
    its last plural-looking word; "" when there is none ("nine reportedly relocated")."""
    words: list[str] = []
    while len(words) < 4:
        match = _WORD.match(text, position)
        if match is None:
            break
        word = match.group(1)
        lower = word.lower().replace("’", "'")
        if lower in lang.PHRASE_ENDS:
            break
        position = match.end()
        if lower in lang.COUNT_NOUNS:
            return lower
        words.append(word)
    # An unknown word is taken for the noun only when it looks like a plural ("two tankers"), so
    # that a verb after the number ("the remaining 1,250 stay") is not.
    plain = [
        word.lower()
        for word in words
        if word[0].islower() and word.endswith("s") and not word.endswith(("ss", "'s", "’s"))
    ]
    if plain:
        return plain[-1]
    # A people named by their state is counted too: "five Germans", "two Americans".
    if words and words[-1][0].isupper() and country_code(words[-1]) is not None:
        return words[-1].lower()
    return ""


def _excluded(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _is_count(number: _Number, text: str, noun: str) -> bool:
    """Whether the words around a number leave it a count (see the module docstring)."""
    before_text = text[max(0, number.value_start - 40) : number.value_start]
    previous = _WORD_BEFORE.search(before_text)
    previous_word = previous.group(1) if previous else ""
    previous_lower = previous_word.lower()
    outer = _WORD_BEFORE.search(text[max(0, number.start - 40) : number.start])
    outer_lower = outer.group(1).lower() if outer else ""
    if previous_lower in lang.NOT_COUNT_BEFORE or outer_lower in lang.NOT_COUNT_BEFORE:
        return False
    if _REFERENCE_BEFORE.search(text, max(0, number.value_start - 60), number.value_start):
        return False
    if before_text.rstrip().lower().endswith(lang.AGE_OF):
        return False
    sign = before_text.rstrip()[-1:]
    if (sign and sign in lang.CURRENCY_SIGNS) or before_text.rstrip().endswith(
        lang.CURRENCY_PREFIXES
    ):
        return False
    window = max(0, number.value_start - 20), min(len(text), number.value_end + 20)
    for span in _NOT_COUNT_SPANS.finditer(text, *window):
        if span.start() < number.value_end and number.value_start < span.end():
            return False
    if _AGE_BEFORE.search(before_text):
        return False
    after = text[number.end : number.end + 40]
    in_range = _RANGE_AFTER.match(after)
    if in_range and in_range.group(1).lower().rstrip(".") in lang.NOT_COUNT_AFTER:
        return False  # "between 10 and 15 years", "five or six months"
    following = re.match(r"\s*-?\s*([A-Za-z][A-Za-z'.]*)", after)
    if following and following.group(1).lower().rstrip(".") in lang.NOT_COUNT_AFTER:
        return False
    if re.match(r"\s*(?:%|per\s*cent)", after, re.IGNORECASE):
        return False
    if not number.spelled:
        if number.decimal and not number.scale:
            return False
        directly = text[max(0, number.value_start - 1) : number.value_start]
        if (
            previous_word[:1].isupper()
            and not previous_word.isupper()  # a headline in capitals: "BELARUS FREES 123"
            and previous_word[-1].isalnum()  # a heading: "Freed: 52"
            and directly == " "
            and not number.qualifier
            and previous_lower.strip("\"'“”‘’(") not in lang.COUNT_CAN_FOLLOW
        ):
            return False  # a name or label: "Charter 97", "Colony 15"
        if (
            not number.qualifier
            and number.value <= 120
            and _APPOSITION_BEFORE.search(before_text)
            and _APPOSITION_AFTER.match(after)
        ):
            return False  # an age in apposition: "Ales Bialiatski, 62, ..."
    else:
        if (
            number.spelled[0].isupper()
            and not number.qualifier
            and not _SENTENCE_START.search(before_text)
        ):
            return False  # a name: "Formula One", "Channel Two"
        first = number.spelled.split()[0].lower().split("-")[0]
        if first == lang.ONE and (
            not noun or noun in lang.ONE_PHRASE_NOUNS or previous_lower in lang.ONE_PRONOUN_BEFORE
        ):
            return False
    return not (previous_lower in lang.NEED_NOUN_BEFORE and not noun)


def _link_ranges(text: str, counts: list[CountMention]) -> list[CountMention]:
    """The bounds of one range, not two counts: "between 100 and 200", "100 to 200", "two or three".

    "and" joins a range only after "between" or "from": "9 and 14" may be two counts.
    """
    linked = list(counts)
    for index in range(len(linked) - 1):
        low, high = linked[index], linked[index + 1]
        gap = text[low.end : high.start].strip().lower()
        opened = text[max(0, low.start - 10) : low.start].strip().lower()
        if gap in lang.RANGE_JOINERS and (gap != "and" or opened.endswith(lang.RANGE_OPENERS)):
            noun = low.noun or high.noun
            if low.qualifier == "exact":
                low = CountMention(low.start, low.end, low.value, "at_least", noun)
            if high.qualifier == "exact":
                high = CountMention(high.start, high.end, high.value, "at_most", noun)
            linked[index], linked[index + 1] = low, high
    return linked


def _read(match: re.Match[str]) -> _Number | None:
    """A digit or spelled-out number with the qualifiers written before and after it."""
    text = match.string
    if match.re is _DIGITS:
        value_start, value_end = match.span("digits")
        digits = re.sub(r"[,\s\u00a0\u202f]", "", match["digits"])
        amount = float(digits + (match["decimal"] or ""))
        if match["scale"]:
            amount *= lang.SCALES[match["scale"].lower()]
            value_end = match.end("scale")
        value = int(amount)
        spelled = ""
    else:
        value_start = match.start("words")
        previous = text[value_start - 1 : value_start]
        if previous and (previous.isalnum() or previous in "-_"):
            return None
        parsed = _spelled_value(match["words"])
        if parsed is None:
            return None
        value, length = parsed
        value_end = value_start + length
        spelled = text[value_start:value_end]
    if value <= 0:
        return None
    start, qualifier = value_start, ""
    before = _BEFORE.search(text, max(0, value_start - 25), value_start)
    if before:
        start, qualifier = before.start(), lang.BEFORE[" ".join(before["before"].lower().split())]
    end = value_end
    after = _AFTER.match(text, value_end)
    if after:
        words = " ".join(after.group().replace("-", " ").split()).lower()
        qualifier = qualifier or _AFTER_WORDS.get(words, "")
        end = after.end()
    decimal, scale = bool(match.groupdict().get("decimal")), bool(match.groupdict().get("scale"))
    return _Number(start, value_start, value_end, end, value, qualifier, spelled, decimal, scale)


def find_counts(text: str) -> list[CountMention]:
    """Every count in `text`, in text order, with its qualifier and head noun."""
    dates = date_spans(text)
    numbers = [
        number
        for pattern in (_DIGITS, _SPELLED)
        for match in pattern.finditer(text)
        if (number := _read(match)) is not None
    ]
    numbers.sort(key=lambda number: number.value_start)
    counts: list[CountMention] = []
    for number in numbers:
        if _excluded(dates, number.value_start, number.value_end):
            continue
        noun = _head_noun(text, number.end)
        if not _is_count(number, text, noun):
            continue
        counts.append(
            CountMention(number.start, number.end, number.value, number.qualifier or "exact", noun)
        )
    return _link_ranges(text, counts)
