"""What an import did (or, with --dry-run, would do): the counts and notices the command prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from rollcall.interchange.importing.duplicates import LikelyDuplicate


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # New people held as drafts for review, one per flagged row, in file order (counted in
    # `created` too: nothing of the file is lost).
    held: list[LikelyDuplicate] = field(default_factory=list)
