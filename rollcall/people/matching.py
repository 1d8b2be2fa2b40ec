"""The registry side of name matching: one in-memory index per process, kept in step.

The engine (`rollcall.names`) knows nothing of Django; this module feeds it the registry's names
and turns its answers into people. The index is keyed by database id (not `uid`), so renaming a
uid never needs a rebuild, and visibility is applied when answering, so a person made anonymous
stops being named at once.

Staying in step: every write to a name leaves a row in its history table, whose id only grows.
Before answering, the index compares the newest history id (and date) with the ones it was
built at and re-reads just the people whose names changed since.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from rollcall.names import THRESHOLD, NameIndex
from rollcall.people.models import Person, PersonName

HistoricalPersonName = PersonName.history.model


@dataclass(frozen=True)
class Candidate:
    person_id: str
    name: str
    variant: str
    score: float

    def as_json(self) -> dict[str, object]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "variant": self.variant,
            "score": round(self.score, 4),
        }


class RegistryIndex:
    def __init__(self) -> None:
        self._index: NameIndex | None = None
        self._version: tuple[int, object] = (-1, None)
        self._lock = threading.Lock()

    def _latest_version(self) -> tuple[int, object]:
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
            latest = self._latest_version()
            if self._index is None:
                index = NameIndex()
                index.add_many(
                    (str(pid), value)
                    for pid, value in PersonName.objects.order_by()
                    .values_list("person_id", "value")
                    .iterator(chunk_size=10_000)
                )
                self._index, self._version = index, latest
            elif latest != self._version:
                person_ids = set(
                    HistoricalPersonName.objects.filter(history_id__gt=self._version[0])
                    .order_by()
                    .values_list("person_id", flat=True)
                )
                self._reindex(person_ids)
                self._version = latest
            return self._index

    def _reindex(self, person_ids: Iterable[int]) -> None:
        assert self._index is not None
        ids = list(person_ids)
        for pid in ids:
            self._index.remove(str(pid))
        self._index.add_many(
            (str(pid), value)
            for pid, value in PersonName.objects.filter(person_id__in=ids)
            .order_by()
            .values_list("person_id", "value")
        )

    def reset(self) -> None:
        """Forget everything (tests that recreate the database between cases call this)."""
        with self._lock:
            self._index, self._version = None, (-1, None)

    def person_pks(self, query: str, limit: int = 50) -> list[int]:
        """Database ids of people the engine says are this person (score ≥ THRESHOLD)."""
        matches = self.refresh().search(query, limit=limit, min_score=THRESHOLD)
        return [int(m.person_id) for m in matches]

    def match(
        self, query: str, limit: int = 5, staff: bool = False, min_score: float = 0.3
    ) -> list[Candidate]:
        """The best-scoring people for a name, never naming anyone the caller may not see."""
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


registry_index = RegistryIndex()

__all__ = ["THRESHOLD", "Candidate", "RegistryIndex", "registry_index"]
