"""Likely duplicates: CSV rows that would create a person the registry seems to hold already.

Why: lists rarely carry our ids, and the exact-name rule of `existing.ExistingPeople` misses
"Maria Kolesnikova" for "Maryia Kalesnikava" or "Марыя Калеснікава". Creating such a row as a new
published person would count one prisoner twice in every public figure; refusing it would lose
what the list says. So the row is imported, but held: its person is a draft (left out of public
figures and exports) whose note names the likely match, until a reviewer publishes or merges it.

The registry name index (`rollcall.people.matching`) decides, at its own "same person" threshold.
It is asked before the import writes anything, so the file's new rows are never compared with
one another or with themselves, and it is not asked at all when the registry holds nobody yet:
building the index costs time, and an empty registry has nobody to duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass

from rollcall.interchange.importing.csv_rows import PersonRow
from rollcall.lib.progress import progress
from rollcall.people.choices import Visibility
from rollcall.people.models import Person


@dataclass(frozen=True)
class LikelyDuplicate:
    """A new row whose name (or an alias) the name index says is an existing person's."""

    line: int
    name: str
    uid: str
    matched_name: str
    # Anonymous people are never named and hidden ones only to staff; the note of a draft may be
    # published by a reviewer, so it names only people whom the public registry may name.
    may_name: bool
    score: float

    def note(self, label: str) -> str:
        """The held person's note: what a reviewer needs to decide (publish, or merge)."""
        who = self.matched_name if self.may_name else "a record not shown to the public"
        return (
            f"possible duplicate of {self.uid} ({who}), score {self.score:.2f}, "
            f"flagged by import {label}"
        )

    def notice(self, label: str, dry_run: bool) -> str:
        """One stderr line, in the `FILE:LINE: column: message` style of every import problem."""
        held = "would be held" if dry_run else "held"
        return (
            f'{label}:{self.line}: name: likely the same person as {self.uid} "{self.matched_name}"'
            f" (score {self.score:.2f}); {held} as a draft for review"
        )


def likely_duplicates(
    rows: list[PersonRow], matched: dict[int, int | None]
) -> dict[int, LikelyDuplicate]:
    """line → likely duplicate, for the rows that will create a person (none found by id or name).

    `matched` is the exact-name pairing of the rows without an id (`ExistingPeople`). Must run
    before the import writes a name, so the index holds the registry as it was before the file.

    The index is refreshed once and then searched directly, not through `registry_index.match`:
    that refreshes on every call, and on SQLite its "has anything changed?" query alone took
    ~10 ms on a 100,000-person registry, against ~1–2 ms for the search itself; and the people
    found are looked up together, not with a query per name. The answer is the same as
    match(staff=True), which may name every person the index holds.
    """
    if not Person.objects.exists():
        return {}
    known = _registered_uids([row.uid for row in rows if row.uid])
    new = [row for row in rows if (row.uid not in known if row.uid else matched[row.line] is None)]
    if not new:
        return {}  # nothing to check: do not pay for building the index
    # Imported only now: the name engine's tables take ~0.25 s and ~60 MB to load, which an
    # import into an empty registry, or of rows all found by id, never needs.
    from rollcall.people.matching import THRESHOLD, registry_index

    index = registry_index.refresh()
    best: dict[int, tuple[int, float]] = {}  # line → (person id, score)
    checking = f"Checking {len(new)} new rows for likely duplicates"
    for row in progress(new, len(new), checking):
        for query in (row.name, *row.aliases):
            for match in index.search(query, limit=1, min_score=THRESHOLD):
                if row.line not in best or match.score > best[row.line][1]:
                    best[row.line] = (int(match.person_id), match.score)
            if row.line in best and best[row.line][1] >= 1.0:
                break  # no alias can do better; each search costs a millisecond or two
    people = _people({person_id for person_id, _ in best.values()})
    return {
        row.line: LikelyDuplicate(row.line, row.name, *people[found[0]], found[1])
        for row in new
        if (found := best.get(row.line)) and found[0] in people
    }


def _people(ids: set[int]) -> dict[int, tuple[str, str, bool]]:
    """id → (uid, primary name, whether a note may name them) of the people the index found."""
    found: dict[int, tuple[str, str, bool]] = {}
    ordered = sorted(ids)
    for offset in range(0, len(ordered), 900):
        chunk = Person.objects.filter(pk__in=ordered[offset : offset + 900])
        for person in chunk.prefetch_related("names"):
            public = person.visibility == Visibility.PUBLIC
            found[person.pk] = (person.uid, person.primary_name, public)
    return found


def _registered_uids(uids: list[str]) -> set[str]:
    found: set[str] = set()
    for offset in range(0, len(uids), 900):
        chunk = uids[offset : offset + 900]
        found.update(Person.objects.filter(uid__in=chunk).values_list("uid", flat=True))
    return found
