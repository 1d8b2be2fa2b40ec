"""A person's age as the article gives it right after their name: "Ales Bialiatski, 63, …".

Only an age in apposition counts ("Ales Bialiatski, 63,", "Ihar Losik, aged 33", "Hamid Rezaei, a
27-year-old protester"): an age elsewhere in the sentence may be anyone's. A name given two
different ages in one article has none: one of them is a slip or someone else's. An age is the
article's, as of its publication, so it tells a year of birth only to within a year (a 63-year-old
on 13 December 2025 was born in 1961 or 1962); the registry layer reads it so.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from rollcall.extraction.lang import en_people as lang
from rollcall.extraction.people import PersonSpan

# Outside these an "age" is a misreading (a list's number, a count) rather than a person's age.
YOUNGEST = 10
OLDEST = 110


@cache
def _age_res() -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(pattern, regex.IGNORECASE) for pattern in lang.AGE_AFTER_NAME)


def age_after(text: str, end: int) -> int | None:
    """The age given right after a name ending at `end`, if any."""
    for pattern in _age_res():
        found = pattern.match(text, end, min(len(text), end + 40))
        if found is not None:
            age = int(found["age"])
            return age if YOUNGEST <= age <= OLDEST else None
    return None


def ages_of(text: str, people: Iterable[PersonSpan]) -> dict[str, int]:
    """name → the one age the article gives the person; names given none, or two, are left out."""
    given: dict[str, set[int]] = {}
    for person in people:
        age = age_after(text, person.end)
        if age is not None:
            given.setdefault(person.name, set()).add(age)
    return {name: next(iter(ages)) for name, ages in given.items() if len(ages) == 1}
