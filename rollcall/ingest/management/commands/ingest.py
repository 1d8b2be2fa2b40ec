"""`rollcall ingest FILE_OR_URL...`: store articles as sources and queue their facts for review.

Each article is its own all-or-nothing unit (rollcall.ingest.queue): a source that cannot be read
is reported on one line and the others are still ingested; the exit status is then 1.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from rollcall.extraction import ReadError, extract, read_document
from rollcall.ingest.management.commands.extract import registry_problem
from rollcall.ingest.matching import match_people
from rollcall.ingest.queue import Queued, queue
from rollcall.lib.progress import progress

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


class Command(BaseCommand):
    help = (
        "Read articles (plain-text or HTML files, directories of them, or http(s) addresses), "
        "store each as a source and queue the facts it reports for review. An article already "
        "ingested (the same text) is recognised and not queued again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "sources",
            nargs="+",
            metavar="FILE_OR_URL",
            help="a .txt or .html file, a directory of them, or an http(s) address",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and extract, say what would be queued, write nothing",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=20.0,
            metavar="SECONDS",
            help="seconds to wait for a web server, and for the whole page (default 20)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problem = registry_problem()
        if problem:
            self.stderr.write(problem)
            raise SystemExit(1)
        sources, failed = expand(options["sources"])
        for line in failed:
            self.stderr.write(line)
        for source in progress(sources, len(sources), "Ingesting"):
            try:
                document = read_document(source, timeout=options["timeout"])
            except ReadError as exc:
                self.stderr.write(str(exc))
                failed.append(str(exc))
                continue
            extraction = match_people(extract(document))
            self.stdout.write(report(queue(document, extraction, dry_run=options["dry_run"])))
        if failed:
            raise SystemExit(1)


def expand(sources: list[str]) -> tuple[list[str], list[str]]:
    """The articles to read, a directory giving its .txt/.html/.htm files in name order; and a
    line for each directory with none."""
    found: list[str] = []
    problems: list[str] = []
    for source in sources:
        path = Path(source)
        if "://" not in source and path.is_dir():
            files = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not files:
                problems.append(f"{source}: no .txt, .html or .htm files in this directory")
            found += [str(p) for p in files]
        else:
            found.append(source)
    return found, problems


def report(done: Queued) -> str:
    if done.already:
        return f"{done.title}: already ingested, nothing queued"
    counts: dict[str, int] = {}
    for proposal in done.proposals:
        counts[proposal.kind] = counts.get(proposal.kind, 0) + 1
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    n = len(done.proposals)
    verb = "would queue" if done.source is None else "queued"
    return f"{done.title}: {verb} {n} proposal{'' if n == 1 else 's'}" + (
        f" ({detail})" if detail else ""
    )
