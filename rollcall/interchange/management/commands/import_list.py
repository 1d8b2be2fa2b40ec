"""`rollcall import FILE [--dry-run] [--draft] [--mapping MAPPING]`: a person list, all or nothing.

Problems are written one per line as `FILE:LINE: column: problem` (no "CommandError:" prefix) so
editors and scripts can jump to them; exit code 1 means "fix the file", 2 a wrong command line.
Rows held for review as likely duplicates of registry people are notices in the same shape on
stderr, not problems: they were imported (as drafts), so the exit code stays 0. A bad mapping
is reported as `MAPPING: key: problem`, before a single row of the list is read.
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
from rollcall.interchange.mapping import BadMapping, import_mapped, load_mapping


class Command(BaseCommand):
    help = (
        "Import a person list (.csv or .jsonl), all or nothing; with --mapping, a list kept in "
        "another shape (CSV or JSON), described by a mapping file."
    )
    # Like `migrate`: an import needs the models only, not the URL configuration and the site.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file", help="a .csv or .jsonl file; with --mapping, the list the mapping describes"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count the changes; write nothing"
        )
        parser.add_argument(
            "--draft", action="store_true", help="create new people as drafts awaiting review"
        )
        parser.add_argument(
            "--mapping",
            metavar="MAPPING",
            help="a mapping file (.toml) describing the list's own columns and values "
            "(docs/mapping.md)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        path = Path(name)
        suffix = path.suffix.lower()
        if options["mapping"]:
            self._import_mapped(path, name, options["mapping"], options)
            return
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

    def _import_mapped(
        self, path: Path, name: str, mapping_name: str, options: dict[str, Any]
    ) -> None:
        try:
            mapping = load_mapping(Path(mapping_name))
        except BadMapping as bad:
            self._fail([problem.format(mapping_name) for problem in bad.problems])
        if not path.is_file():
            reason = "no such file" if not path.exists() else "not a regular file"
            self._fail([f"{name}: cannot read: {reason}"])
        try:
            done = import_mapped(
                path, mapping, label=name, draft=options["draft"], dry_run=options["dry_run"]
            )
        except BadInput as bad:
            self._fail([problem.format(name) for problem in bad.problems])
        except OSError as error:
            self._fail([f"{name}: cannot read: {error.strerror or error}"])
        for notice in done.notices:
            self.stderr.write(notice.format(name))
        outcome = done.outcome
        self.stdout.write(
            f"{name}: {done.rows} rows read; {outcome.created} new, {outcome.updated} updated, "
            f"{outcome.unchanged} unchanged"
            + (f", {len(done.notices)} values left empty" if done.notices else "")
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
