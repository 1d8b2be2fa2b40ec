"""How a CSV row without an `id` finds the registry person it stands for."""

from __future__ import annotations

from rollcall.interchange.importing.csv_rows import PersonRow
from rollcall.people.choices import NameKind
from rollcall.people.models import PersonName


class ExistingPeople:
    """Finds the registry person a row without an `id` stands for.

    The rule (documented in docs/import-export.md): same primary name, and the same birth year
    when both the row and the person have one. Several rows of one file with the same name are
    paired, in file order, with the matching people in the order they were created, so importing
    the same list twice never duplicates anyone. People whose uid the file names are left out:
    their own row updates them. Deliberately exact: a row this misses but the name index says is
    someone registered is not matched but held for review (see `duplicates`).
    """

    def __init__(self, rows: list[PersonRow]) -> None:
        file_uids = {row.uid for row in rows if row.uid}
        names = sorted({row.name for row in rows if not row.uid})
        self._candidates: dict[str, list[tuple[int, int | None]]] = {}
        for offset in range(0, len(names), 900):
            chunk = names[offset : offset + 900]
            found = (
                PersonName.objects.filter(kind=NameKind.PRIMARY, value__in=chunk)
                .values_list("value", "person_id", "person__uid", "person__birth_date")
                .order_by("person_id")
            )
            for value, person_id, uid, birth in found:
                if uid not in file_uids:
                    year = birth.year if birth else None
                    self._candidates.setdefault(value, []).append((person_id, year))

    def find_existing(self, row: PersonRow) -> int | None:
        """The id of the person `row` updates, or None for a new person (consumes the match)."""
        candidates = self._candidates.get(row.name, [])
        for position, (person_id, year) in enumerate(candidates):
            if row.birth_year is None or year is None or row.birth_year == year:
                del candidates[position]
                return person_id
        return None
