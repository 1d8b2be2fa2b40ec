"""What an import records about the rows it held, and what it learns of earlier merges."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from rollcall.duplicates.models import DuplicateFlag, FlagState, Merge
from rollcall.people.models import Person

if TYPE_CHECKING:  # detection loads the name engine: only imports need it, not start-up
    from rollcall.duplicates.detection import Hold

# Inserts flag rows (column → value, the same columns for each) and returns their ids.
FlagWriter = Callable[[list[dict[str, object]]], list[int]]
# A chain of merges (A into B, then B into C) longer than this is a loop or a mistake.
_LONGEST_CHAIN = 20


def raise_flags(
    holds: Iterable[Hold],
    *,
    label: str,
    import_run_id: int | None = None,
    write: FlagWriter | None = None,
) -> list[int]:
    """One pending flag per held row, after the import wrote its people (found by uid); the
    flags' ids. `write` inserts the rows (column → value) and returns their ids: an import
    passes its bulk insert, as Django's `bulk_create` took 23 s for 88,000 flags."""
    ordered = list(holds)
    if not ordered:
        return []
    uids = sorted({h.uid for h in ordered} | {h.match_uid for h in ordered})
    people: dict[str, int] = {}
    for offset in range(0, len(uids), 900):
        chunk = Person.objects.filter(uid__in=uids[offset : offset + 900])
        people.update(chunk.values_list("uid", "id"))
    now = timezone.now()
    rows: list[dict[str, object]] = [
        {
            "held_id": people.get(hold.uid),
            "held_uid": hold.uid,
            "candidate_id": people.get(hold.match_uid),
            "candidate_uid": hold.match_uid,
            "score": hold.likeness.score,
            "name_score": hold.likeness.name_score,
            "context": "; ".join(hold.likeness.moved_by)[:300],
            "import_label": label[:500],
            "line": hold.line,
            "import_run_id": import_run_id,
            "row_digest": hold.digest,
            "publish_on_keep": hold.publish_on_keep,
            "state": FlagState.PENDING.value,
            "decided_by_id": None,
            "decided_at": None,
            "reason": "",
            "created_at": now,
        }
        for hold in ordered
    ]
    if write is not None:
        return write(rows)
    flags = DuplicateFlag.objects.bulk_create(DuplicateFlag(**row) for row in rows)
    return [flag.pk for flag in flags]


def pending_uids(uids: Collection[str]) -> set[str]:
    """Which of these people are held by a flag nobody has decided yet."""
    found: set[str] = set()
    ordered = sorted(set(uids))
    for offset in range(0, len(ordered), 900):
        pending = DuplicateFlag.objects.filter(
            state=FlagState.PENDING, held_uid__in=ordered[offset : offset + 900]
        )
        found.update(pending.values_list("held_uid", flat=True))
    return found


def pending_problems(person: Person) -> list[tuple[str, str]]:
    """What a pending flag says to anyone publishing the held person (`people.publishing`)."""
    if (
        person.pk is None
        or not DuplicateFlag.objects.filter(held_id=person.pk, state=FlagState.PENDING).exists()
    ):
        return []
    return [
        (
            "duplicate",
            _(
                "An import held this person as a likely duplicate: merge them or keep them "
                "apart on the duplicates page before publishing."
            ),
        )
    ]


@dataclass(frozen=True)
class MergedAway:
    """A row of a later import that names (or repeats) a person merged into someone else."""

    line: int
    uid: str  # the row's id, or the merged person's when the row has none
    into: str
    changed: bool  # the row differs from the one the merged person was imported from
    # Set for a record of the person kept whose own facts it changes: written, it would replace
    # what the merges of these people moved to them, so it is held instead.
    absorbed: tuple[str, ...] = ()

    def notice(self, label: str, dry_run: bool) -> str:
        if self.absorbed:
            return (
                f"{label}:{self.line}: id: {self.uid} holds what merging "
                f"{', '.join(self.absorbed)} into them moved, which the record would replace; "
                "not written: held for review"
            )
        tail = "; it changed since the merge: held for review" if self.changed else ""
        return (
            f"{label}:{self.line}: id: {self.uid} was merged into {self.into}; "
            f"the row applies to nobody{tail}"
        )


def merged_uids(uids: Collection[str]) -> dict[str, tuple[str, str]]:
    """uid → (the person it is merged into now, the row digest it was imported from)."""
    found: dict[str, tuple[str, str]] = {}
    ordered = sorted(set(uids))
    for offset in range(0, len(ordered), 900):
        merges = Merge.objects.filter(
            undone_at__isnull=True, held_uid__in=ordered[offset : offset + 900]
        )
        for held, kept, digest in merges.values_list("held_uid", "kept_uid", "flag__row_digest"):
            found[held] = (_final(kept), digest)
    return found


def merges_into(uids: Collection[str]) -> dict[str, list[Merge]]:
    """uid → the merges (not undone) into that person, for the people of these uids."""
    found: dict[str, list[Merge]] = {}
    ordered = sorted(set(uids))
    for offset in range(0, len(ordered), 900):
        merges = Merge.objects.filter(
            undone_at__isnull=True, kept_uid__in=ordered[offset : offset + 900]
        ).order_by("id")
        for merge in merges:
            found.setdefault(merge.kept_uid, []).append(merge)
    return found


def merged_digests(digests: Collection[str]) -> dict[str, tuple[str, str]]:
    """row digest → (merged person's uid, the person they are merged into now)."""
    found: dict[str, tuple[str, str]] = {}
    ordered = sorted({d for d in digests if d})
    for offset in range(0, len(ordered), 900):
        merges = Merge.objects.filter(
            undone_at__isnull=True, flag__row_digest__in=ordered[offset : offset + 900]
        )
        for held, kept, digest in merges.values_list("held_uid", "kept_uid", "flag__row_digest"):
            found[digest] = (held, _final(kept))
    return found


def _final(uid: str) -> str:
    """The person a merged uid lives on in now, following later merges of the person kept."""
    for _step in range(_LONGEST_CHAIN):
        later = (
            Merge.objects.filter(undone_at__isnull=True, held_uid=uid)
            .values_list("kept_uid", flat=True)
            .first()
        )
        if later is None:
            return uid
        uid = later
    return uid


def link_run(flag_ids: Collection[int], run_id: int) -> None:
    """Link the flags an import raised to the record the import keeps of its run."""
    DuplicateFlag.objects.filter(pk__in=list(flag_ids)).update(import_run_id=run_id)
