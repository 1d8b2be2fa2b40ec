"""The registry side of name matching: one in-memory index per process, kept in step.

The engine (`rollcall.names`) knows nothing of Django; this module feeds it the registry's names
and turns its answers into people. The index is keyed by database id (not `uid`), so renaming a
uid never needs a rebuild, and visibility is applied when answering, so a person made anonymous
stops being named at once.

Staying in step: every write to a name leaves a row in its history table, whose id only grows.
When a name may have been written since it last looked (name_signal.py: a file every writer
replaces on commit, read in microseconds, so a steady search asks the database nothing), the index
compares the newest history id (and date) with the ones it was built at and re-reads just the
people whose names changed since. A new process starts from the index saved beside the database at
some version (index_file.py) and catches up the same way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from rollcall.names import THRESHOLD, NameIndex
from rollcall.people import history_gaps, index_file, name_signal
from rollcall.people.context import holding_states
from rollcall.people.index_file import Version
from rollcall.people.likeness import SEARCH_FLOOR, likeness, same_spelling
from rollcall.people.models import Person, PersonName

HistoricalPersonName = PersonName.history.model

# People re-read by catch-ups before the saved index is written again: below it a new process
# catches up faster than the file could be rewritten (a dump costs about a build's tenth).
REWRITE_AFTER = 1_000
# How far below the newest history id a full build looks for ids still to be committed: more
# than the largest list an import writes at once.
BUILD_GAP_WINDOW = 500_000


@dataclass(frozen=True)
class Candidate:
    person_id: str
    name: str
    variant: str
    score: float
    # Set only when the query gave a birth year or a holding state: the score before them, and
    # what moved it. A query without them answers exactly as before they existed.
    name_score: float | None = None
    context: tuple[str, ...] | None = None

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "person_id": self.person_id,
            "name": self.name,
            "variant": self.variant,
            "score": round(self.score, 4),
        }
        if self.name_score is not None:
            found["name_score"] = round(self.name_score, 4)
            found["context"] = list(self.context or ())
        return found


class RegistryIndex:
    def __init__(self, persist: bool = True) -> None:
        self._index: NameIndex | None = None
        self._version: Version = (-1, None)
        self._lock = threading.Lock()
        # Start from the file beside the database (index_file.py) and write it back after a
        # rebuild or a large catch-up; off for an index that must not touch the disk.
        self._persist = persist
        self._unsaved = 0  # people re-read since the file was last written
        self._seen: name_signal.Look | None = None  # the signal when the database was last asked
        self._gaps: tuple[history_gaps.Gap, ...] = ()  # ids below the version not yet read

    def _latest_version(self) -> Version:
        # The newest history row's date as well as its id: SQLite may hand out the ids of
        # rolled-back rows again, but never with the same timestamp. One row read by primary
        # key: asking MAX() of two columns at once makes SQLite scan the whole table.
        newest = (
            HistoricalPersonName.objects.order_by("-history_id")
            .values_list("history_id", "history_date")
            .first()
        )
        return newest if newest is not None else (0, None)

    def refresh(self) -> NameIndex:
        with self._lock:
            if self._index is not None and not name_signal.changed_since(self._seen):
                return self._index
            seen = name_signal.look()  # before the query: a later write changes it again
            latest = self._latest_version()
            if self._index is None:
                self._start(latest)
            if latest != self._version or self._gaps:
                person_ids = self._catch_up(latest)
                self._unsaved += len(person_ids)
                if self._persist and self._unsaved > REWRITE_AFTER:
                    self._save()
            self._seen = seen
            assert self._index is not None
            return self._index

    def _catch_up(self, latest: Version) -> set[int]:
        """Re-read the people whose names were written since `self._version`, and those of
        late commits into the gaps below it (history_gaps.py); return them."""
        wanted = Q(history_id__gt=self._version[0])
        for first, last, _since in self._gaps:
            wanted |= Q(history_id__range=(first, last))
        rows = list(
            HistoricalPersonName.objects.filter(wanted)
            .order_by()
            .values_list("history_id", "person_id")
        )
        self._gaps = tuple(
            history_gaps.after_reading(
                self._gaps, self._version[0], latest[0], (h for h, _ in rows), time.time()
            )
        )
        person_ids = {pid for _, pid in rows}
        self._reindex(person_ids)
        self._version = latest
        return person_ids

    def _start(self, latest: Version) -> None:
        """The saved index if it can be caught up from (the caller then catches up), else
        one built from every name and saved."""
        saved = index_file.load() if self._persist else None
        if saved is not None and self._continues(saved.version, latest):
            self._index, self._version, self._gaps = saved.index, saved.version, saved.gaps
            return
        self._index, self._version = self._build(), latest
        self._gaps = self._gaps_at_build(latest[0])
        if self._persist:
            self._save()

    def _build(self) -> NameIndex:
        index = NameIndex()
        index.add_many(
            (str(pid), value)
            for pid, value in PersonName.objects.order_by()
            .values_list("person_id", "value")
            .iterator(chunk_size=10_000)
        )
        return index

    def _gaps_at_build(self, newest: int) -> tuple[history_gaps.Gap, ...]:
        """The ids missing from the newest stretch of the history: transactions that were
        still running when the names were read (on PostgreSQL) may commit into them."""
        first = max(0, newest - BUILD_GAP_WINDOW)
        ids = HistoricalPersonName.objects.filter(history_id__gt=first, history_id__lte=newest)
        seen = ids.order_by().values_list("history_id", flat=True).iterator(chunk_size=10_000)
        return tuple(history_gaps.after_reading((), first, newest, seen, time.time()))

    def _continues(self, saved: Version, latest: Version) -> bool:
        """Whether the history still holds the row the saved index was built at, unchanged:
        a history truncated, or rebuilt with ids going backwards, or a row rolled back and
        its id handed out again (SQLite), would leave changes the catch-up cannot see."""
        saved_id, saved_date = saved
        if saved_id == 0:
            return saved_date is None and latest[0] >= 0
        if latest[0] < saved_id:
            return False
        found = (
            HistoricalPersonName.objects.filter(history_id=saved_id)
            .values_list("history_date", flat=True)
            .first()
        )
        return found is not None and found == saved_date

    def _save(self) -> None:
        assert self._index is not None
        index_file.save(self._index, self._version, self._gaps)
        self._unsaved = 0

    def _reindex(self, person_ids: Iterable[int]) -> None:
        assert self._index is not None
        ids = list(person_ids)
        for pid in ids:
            self._index.remove(str(pid))
        # In slices: a saved index caught up after a large import may re-read a whole list,
        # more people than one query may name on SQLite.
        for start in range(0, len(ids), 10_000):
            self._index.add_many(
                (str(pid), value)
                for pid, value in PersonName.objects.filter(
                    person_id__in=ids[start : start + 10_000]
                )
                .order_by()
                .values_list("person_id", "value")
            )

    def reset(self) -> None:
        """Forget everything (tests that recreate the database between cases call this)."""
        with self._lock:
            self._index, self._version, self._unsaved = None, (-1, None), 0
            self._seen, self._gaps = None, ()

    def person_pks(self, query: str, limit: int = 50) -> list[int]:
        """Database ids of people the engine says are this person (score ≥ THRESHOLD)."""
        matches = self.refresh().search(query, limit=limit, min_score=THRESHOLD)
        return [int(m.person_id) for m in matches]

    def match(
        self,
        query: str,
        limit: int = 5,
        staff: bool = False,
        min_score: float = 0.3,
        *,
        birth_year: int | None = None,
        country: str | None = None,
    ) -> list[Candidate]:
        """The best-scoring people for a name, never naming anyone the caller may not see.

        A birth year or holding state the query gives sharpens each score (`people.likeness`)."""
        if birth_year is not None or country:
            return self._match_in_context(query, limit, staff, min_score, birth_year, country)
        index = self.refresh()
        # Ask for more than `limit`: some answers may be people this caller may not see.
        matches = index.search(query, limit=limit * 3 + 5, min_score=min_score)
        if not matches:
            return []
        people = Person.objects.visible_to(staff).prefetch_related("names")
        by_pk = {str(p.pk): p for p in people.filter(pk__in=[int(m.person_id) for m in matches])}
        out = []
        for m in matches:
            found = by_pk.get(m.person_id)
            if found is not None:
                out.append(Candidate(found.uid, found.primary_name, m.variant, m.score))
        return out[:limit]

    def _match_in_context(
        self,
        query: str,
        limit: int,
        staff: bool,
        min_score: float,
        birth_year: int | None,
        country: str | None,
    ) -> list[Candidate]:
        # Searched down to the floor context can lift to the threshold, and wider than `limit`:
        # context re-ranks, so a lower name score may end up first.
        floor = min(min_score, SEARCH_FLOOR)
        matches = self.refresh().search(query, limit=limit * 4 + 20, min_score=floor)
        if not matches:
            return []
        # Only people this caller may see are read, so context never speaks of anyone else.
        people = Person.objects.visible_to(staff).prefetch_related("names")
        by_pk = {str(p.pk): p for p in people.filter(pk__in=[int(m.person_id) for m in matches])}
        states = holding_states([p.pk for p in by_pk.values()])
        ours = {country} if country else set()
        out = []
        for m in matches:
            found = by_pk.get(m.person_id)
            if found is None:
                continue
            alike = likeness(
                m.score,
                birth_years=(birth_year, found.birth_date.year if found.birth_date else None),
                states=(ours, states.get(found.pk, frozenset())),
                identical=same_spelling(query, m.variant),
            )
            if alike.score >= min_score:
                out.append(
                    Candidate(
                        found.uid,
                        found.primary_name,
                        m.variant,
                        alike.score,
                        m.score,
                        alike.moved_by,
                    )
                )
        out.sort(key=lambda c: (-c.score, -(c.name_score or 0.0)))
        return out[:limit]


registry_index = RegistryIndex()

__all__ = ["THRESHOLD", "Candidate", "RegistryIndex", "registry_index"]
