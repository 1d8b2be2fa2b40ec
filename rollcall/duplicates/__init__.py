"""Likely duplicates: people an import held for review, and a reviewer's merge or keep apart.

Every import path (CSV, JSON Lines, mapped lists) asks `detection.find_holds` which of the people
it would create look like someone already registered, or like an earlier row of the same file;
each of those is created as a draft with a `DuplicateFlag`. A reviewer compares the two people
side by side (`/staff/duplicates/`, `rollcall duplicates`) and merges them (`merging.merge`,
undoable: `merging.undo`) or keeps them apart (`merging.keep_apart`), which publishes the held
person unless the import asked for drafts. docs/duplicates.md states the rules.
"""
