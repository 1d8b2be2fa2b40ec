"""`rollcall import FILE [--dry-run] [--draft] [--mapping MAPPING] [--as USER]`: a person list,
all or nothing, and its report.

Problems are written one per line as `FILE:LINE: column: problem` (no "CommandError:" prefix) so
editors and scripts can jump to them; exit code 1 means "fix the file", 2 a wrong command line.
Rows held for review as likely duplicates of registry people are notices in the same shape on
stderr, not problems: they were imported (as drafts), so the exit code stays 0. A bad mapping
is reported as `MAPPING: key: problem`, before a single row of the list is read; a file that is
no list at all (a mapped list that is not the workbook its mapping says) as `FILE: problem`.

After an import, one line on stdout says what it did and what its rows left empty or unreadable,
and where the staff read the whole report (`rollcall.interchange.runs`). Each run that read a
file is kept as an `ImportRun`, a refused one too; dry runs are not kept, since they write
nothing.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand
from django.db import transaction

from rollcall.interchange.importing import (
    BadInput,
    Outcome,
    import_records,
    import_rows,
    read_csv,
    read_jsonl,
)
from rollcall.interchange.mapping import BadMapping, MappingSpec, import_mapped, load_mapping
from rollcall.interchange.mapping.apply import RowProblems
from rollcall.interchange.mapping.rows import list_format
from rollcall.interchange.mapping.workbook import UnreadableList
from rollcall.interchange.models import ImportRun
from rollcall.interchange.runs import (
    Report,
    RunSource,
    csv_missing,
    record_imported,
    record_missing,
    record_refused,
    summary,
)
from rollcall.lib.acting import acting_user_or_exit

# A refused run's problems as kept: (line or None for the whole file, where, what).
Refusal = list[tuple[int | None, str, str]]


class Command(BaseCommand):
    help = (
        "Import a person list (.csv or .jsonl), all or nothing; with --mapping, a list kept in "
        "another shape (CSV, JSON or XLSX), described by a mapping file."
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
        parser.add_argument(
            "--as",
            dest="user",
            metavar="USER",
            help="the staff user the import report names as having run it "
            "(default: the login name of whoever runs the command)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        path = Path(name)
        self.dry_run: bool = options["dry_run"]
        user = acting_user_or_exit(options["user"], self.stderr, staff=True)
        mapping_name: str | None = options["mapping"]
        self.source = RunSource(
            path,
            name,
            path.suffix.lower().lstrip(".") or "?",
            Path(mapping_name) if mapping_name else None,
            user,
            options["draft"],
        )
        if mapping_name:
            self._import_mapped(path, name, mapping_name)
            return
        suffix = path.suffix.lower()
        if suffix not in {".csv", ".jsonl"}:
            hint = "; a spreadsheet is read with --mapping (docs/mapping.md)" * (suffix == ".xlsx")
            self._fail(
                [
                    f"{name}: unsupported file type {suffix or '(none)'!r}; "
                    f"expected .csv or .jsonl{hint}"
                ]
            )
        self._need_file(path, name)
        try:
            with transaction.atomic():
                report = self._import(path, name, suffix)
                run = None if self.dry_run else record_imported(self.source, report)
        except BadInput as bad:
            self._refuse(
                [problem.format(name) for problem in bad.problems],
                [(p.line, p.column, p.message) for p in bad.problems],
            )
        except OSError as error:
            self._refuse([f"{name}: cannot read: {error.strerror or error}"])
        self._done(name, report, run)

    def _import_mapped(self, path: Path, name: str, mapping_name: str) -> None:
        try:
            mapping = load_mapping(Path(mapping_name))
        except BadMapping as bad:
            self._refuse(
                [problem.format(mapping_name) for problem in bad.problems],
                [(None, f"{mapping_name}: {p.key}", p.message) for p in bad.problems],
            )
        self._need_file(path, name)
        try:
            self.source = RunSource(
                path,
                name,
                list_format(path, mapping.source),
                self.source.mapping,
                self.source.user,
                self.source.draft,
            )
            with transaction.atomic():
                report = self._mapped_report(path, name, mapping)
                run = None if self.dry_run else record_imported(self.source, report)
        except BadInput as bad:
            self._refuse(
                [problem.format(name) for problem in bad.problems],
                [(p.line, p.column, p.message) for p in bad.problems],
                bad.texts if isinstance(bad, RowProblems) else None,
            )
        except UnreadableList as unreadable:
            self._refuse([f"{name}: {unreadable}"])
        except OSError as error:
            self._refuse([f"{name}: cannot read: {error.strerror or error}"])
        for notice in report.unreadable:
            self.stderr.write(notice.format(name))
        self._done(name, report, run)

    def _mapped_report(self, path: Path, name: str, mapping: MappingSpec) -> Report:
        done = import_mapped(
            path, mapping, label=name, draft=self.source.draft, dry_run=self.dry_run
        )
        return Report(
            done.rows,
            done.outcome,
            done.read.missing,
            done.read.notices,
            done.read.texts,
            self._held(done.outcome, name),
        )

    def _import(self, path: Path, name: str, suffix: str) -> Report:
        draft = self.source.draft
        if suffix == ".jsonl":
            records = read_jsonl(path)
            outcome = import_records(records, label=name, draft=draft, dry_run=self.dry_run)
            return Report(
                len(records), outcome, record_missing(records), held=self._held(outcome, name)
            )
        rows = read_csv(path)
        outcome = import_rows(rows, label=name, draft=draft, dry_run=self.dry_run)
        return Report(len(rows), outcome, csv_missing(path, rows), held=self._held(outcome, name))

    def _held(self, outcome: Outcome, name: str) -> list[tuple[int, str]]:
        # Held rows, and rows naming a person merged into someone else since: both in file order.
        return [(row.line, row.notice(name, self.dry_run)) for row in outcome.review_rows()]

    def _done(self, name: str, report: Report, run: ImportRun | None) -> None:
        # Notices, not problems: each held row was imported (as a draft), so the exit code stays 0.
        for _, notice in report.held:
            self.stderr.write(notice)
        self.stdout.write(summary(name, report, run, dry_run=self.dry_run))

    def _need_file(self, path: Path, name: str) -> None:
        if not path.is_file():
            reason = "no such file" if not path.exists() else "not a regular file"
            self._fail([f"{name}: cannot read: {reason}"])

    def _refuse(
        self,
        lines: list[str],
        problems: Refusal | None = None,
        texts: dict[int, str] | None = None,
    ) -> NoReturn:
        """Print the problems and stop (exit 1), keeping the refused run unless a dry run."""
        if not self.dry_run and self.source.path.is_file():
            if problems is None:
                problems = [(None, "file", _after(line)) for line in lines]
            record_refused(self.source, problems, texts)
        self._fail(lines)

    def _fail(self, lines: list[str]) -> NoReturn:
        for line in lines:
            self.stderr.write(line)
        raise SystemExit(1)


def _after(line: str) -> str:
    """A problem line without its `FILE: ` prefix (the run names the file)."""
    return line.split(": ", 1)[1] if ": " in line else line
