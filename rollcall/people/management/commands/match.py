"""`rollcall match NAME... | --input FILE`: find registry people by name."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rollcall.people.matching import THRESHOLD, registry_index


class Command(BaseCommand):
    help = "Find registry people by name, in any script or spelling (one JSON line per query)."
    # A read-only command needs the models, not the URL configuration the checks would load.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("names", nargs="*", metavar="NAME")
        parser.add_argument("--input", help="a UTF-8 file with one name per line")
        parser.add_argument("--limit", type=int, default=5)
        parser.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
        parser.add_argument(
            "--all",
            action="store_true",
            help="include anonymous and hidden people (staff use; never publish the output)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queries = list(options["names"])
        if options["input"]:
            queries += read_names(options["input"])
        if not queries:
            raise CommandError("NAME: give one or more names, or --input FILE")
        if options["limit"] < 1:
            raise CommandError("--limit: must be at least 1")
        for query in queries:
            found = registry_index.match(query, options["limit"], staff=options["all"])
            if options["format"] == "jsonl":
                line = {"query": query, "candidates": [c.as_json() for c in found]}
                self.stdout.write(json.dumps(line, ensure_ascii=False))
                continue
            self.stdout.write(query)
            if not found:
                self.stdout.write("    (no candidates)")
            for c in found:
                same = "same person" if c.score >= THRESHOLD else "possible"
                self.stdout.write(
                    f"    {c.score:.2f}  {c.name}  [{c.person_id}]  via {c.variant!r}  ({same})"
                )


def read_names(path: str) -> list[str]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror}") from None
    names = []
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            text = line.decode("utf-8").strip()
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}:{number}: not UTF-8 ({exc.reason})") from None
        if text:
            names.append(text.lstrip("\ufeff"))
    return names
