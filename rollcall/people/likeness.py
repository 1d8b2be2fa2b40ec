"""How alike two records are: the name engine's score, sharpened by birth year and holding state.

The name engine (`rollcall.names`) compares spellings only, and a name alone cannot tell two
people apart: the Chinese list has two 陈卫 (born 1969 and 1967) and two 宋桂香 (1945 and 1957),
and "Ivan Ivanov" is thousands of people. What else both records say moves the score:

- the same birth year raises it by `SAME_BIRTH_YEAR`; a birth year one or two years apart lowers
  it by `NEAR_BIRTH_YEAR` (a slip, or a year counted another way, is common), one further apart
  by `FAR_BIRTH_YEAR` (another generation is another person, even when the names sound alike:
  the Chinese list's 韩颖 born 1973 and 韩莹 born 1955 read the same, "Han Ying");
- a holding state in common raises it by `SAME_STATE`, holding states that share none lower it
  by `OTHER_STATE` (weaker than a birth year: a person may be held by one state, then another,
  and a list of one state's prisoners shares it on every row);
- a side that does not say (no birth year, no state) moves nothing.

So a one-letter slip with the same birth year is still the same person, and a look-alike with
another birth year held by another state is someone else. One exception: the same name spelled
identically in the same script is never dropped below `THRESHOLD` — two records with the very same
name are for a person to tell apart, whatever else differs — so the two 陈卫 are held for a
reviewer, neither merged nor silently kept as two people.

Plain Python (no database): the import's duplicate check and `rollcall match` both call it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from rollcall.names import THRESHOLD

SAME_BIRTH_YEAR = 0.1
NEAR_BIRTH_YEAR = 0.2
FAR_BIRTH_YEAR = 0.4
# How many years apart two birth years may be and still lower the score only by NEAR_BIRTH_YEAR.
NEAR_YEARS = 2
SAME_STATE = 0.05
OTHER_STATE = 0.15
# The lowest name score that context can still lift to THRESHOLD: search the index down to it.
SEARCH_FLOOR = round(THRESHOLD - SAME_BIRTH_YEAR - SAME_STATE, 4)


@dataclass(frozen=True)
class Likeness:
    """The score after context, the name score it started from, and what moved it."""

    score: float
    name_score: float
    moved_by: tuple[str, ...]

    @property
    def likely_same(self) -> bool:
        return self.score >= THRESHOLD

    def explained(self) -> str:
        """'0.80: name 1.00; other birth year 1967 ≠ 1969', or '1.00' when nothing moved it."""
        if not self.moved_by:
            return f"{self.score:.2f}"
        return f"{self.score:.2f}: name {self.name_score:.2f}; " + "; ".join(self.moved_by)


def spelling(name: str) -> str:
    """A name as `same_spelling` compares it: letter case, spacing and Unicode form aside."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def same_spelling(a: str, b: str) -> bool:
    """The same name written the same way (letter case, spacing and Unicode form aside)."""
    return bool(spelling(a)) and spelling(a) == spelling(b)


def likeness(
    name_score: float,
    *,
    birth_years: tuple[int | None, int | None] = (None, None),
    states: tuple[Collection[str], Collection[str]] = ((), ()),
    identical: bool = False,
) -> Likeness:
    """Sharpen a name score with what both records say; `identical`: `same_spelling` holds."""
    score = name_score
    moved: list[str] = []
    first, second = birth_years
    if first is not None and second is not None:
        if first == second:
            score += SAME_BIRTH_YEAR
            moved.append(f"same birth year {first}")
        else:
            score -= NEAR_BIRTH_YEAR if abs(first - second) <= NEAR_YEARS else FAR_BIRTH_YEAR
            moved.append(f"other birth year {first} ≠ {second}")
    ours, theirs = ({s for s in side if s} for side in states)
    if ours and theirs:
        if ours & theirs:
            score += SAME_STATE
            moved.append(f"same holding state {', '.join(sorted(ours & theirs))}")
        else:
            score -= OTHER_STATE
            moved.append(
                f"other holding state {', '.join(sorted(ours))} ≠ {', '.join(sorted(theirs))}"
            )
    if identical and score < THRESHOLD:
        score = THRESHOLD
        moved.append("identical name")
    return Likeness(round(min(max(score, 0.0), 1.0), 4), name_score, tuple(moved))
