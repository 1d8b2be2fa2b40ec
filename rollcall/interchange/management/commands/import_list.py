"""`rollcall import FILE [--dry-run] [--draft]`: a person list, all or nothing.

Problems are written one per line as `FILE:LINE: column: problem` (no "CommandError:" prefix) so
editors and scripts can jump to them; exit code 1 means "fix the file", 2 a wrong command line.
Rows held for review as likely duplicates of registry people are notices in the same shape on
stderr, not problems: they were imported (as drafts), so the exit code stays 0.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from rollcall.interchange.importing import (
    BadInput,
    Outcome,
    import_records,
    import_rows,
    read_csv,
    read_jsonl,
)


class Command(BaseCommand):
    help = "Import a person list (.csv or .jsonl), all or nothing."
    # Like `migrate`: an import needs the models only, not the URL configuration and the site.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="a .csv or .jsonl file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count the changes; write nothing"
        )
        parser.add_argument(
            "--draft", action="store_true", help="create new people as drafts awaiting review"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        path = Path(name)
        suffix = path.suffix.lower()
        if suffix not in {".csv", ".jsonl"}:
            self._fail(
                [f"{name}: unsupported file type {suffix or '(none)'!r}; expected .csv or .jsonl"]
            )
        if not path.is_file():
            reason = "no such file" if not path.exists() else "not a regular file"
            self._fail([f"{name}: cannot read: {reason}"])
        try:
            outcome = self._import(
                path, name, suffix, draft=options["draft"], dry_run=options["dry_run"]
            )
        except BadInput as bad:
            self._fail([problem.format(name) for problem in bad.problems])
        except OSError as error:
            self._fail([f"{name}: cannot read: {error.strerror or error}"])
        # Notices, not problems: each held row was imported (as a draft), so the exit code stays 0.
        for flag in outcome.held:
            self.stderr.write(flag.notice(name, options["dry_run"]))
        held = len(outcome.held)
        self.stdout.write(
            f"{name}: {outcome.created} new, {outcome.updated} updated, "
            f"{outcome.unchanged} unchanged"
            + (f", {held} held for review as possible duplicates" if held else "")
            + (" (dry run: nothing written)" if options["dry_run"] else "")
        )

    def _import(self, path: Path, name: str, suffix: str, *, draft: bool, dry_run: bool) -> Outcome:
        if suffix == ".jsonl":
            return import_records(read_jsonl(path), label=name, draft=draft, dry_run=dry_run)
        return import_rows(read_csv(path), label=name, draft=draft, dry_run=dry_run)

    def _fail(self, lines: list[str]) -> None:
        for line in lines:
            self.stderr.write(line)
        raise SystemExit(1)
