"""What an import did (or, with --dry-run, would do): the counts and notices the command prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from rollcall.interchange.importing.duplicates import Hold, MergedAway


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # New people held as drafts for review, one per flagged row, in file order (counted in
    # `created` too: nothing of the file is lost).
    held: list[Hold] = field(default_factory=list)
    # Rows naming a person merged into someone else since: they apply to nobody (counted in
    # `unchanged`); those the list changed since the merge are held for review too.
    merged: list[MergedAway] = field(default_factory=list)
    # The flags the import raised (none in a dry run), for its report to link to its run
    # (`rollcall.duplicates.flags.link_run`).
    flag_ids: list[int] = field(default_factory=list)

    @property
    def held_for_review(self) -> int:
        """Rows a reviewer must look at: the held people, and merged ones the list changed."""
        return len(self.held) + sum(1 for row in self.merged if row.changed)

    def review_rows(self) -> list[Hold | MergedAway]:
        """The held and merged rows in file order; each has its `line` and `notice()`."""
        rows: list[Hold | MergedAway] = [*self.held, *self.merged]
        return sorted(rows, key=lambda row: row.line)
