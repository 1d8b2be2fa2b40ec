"""`rollcall export [--format csv|jsonl|ftm] [--out FILE]`: the public registry."""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from rollcall.interchange.exporting import export


class Command(BaseCommand):
    help = "Export the public registry (published, public people) as CSV, JSON Lines or FtM."
    # Like `migrate`: an export needs the models only, not the URL configuration and the site.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--format", choices=["csv", "jsonl", "ftm"], default="csv")
        parser.add_argument("--out", help="write to FILE instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt: str = options["format"]
        if not options["out"]:
            export(fmt, _Stdout(self))
            return
        target = Path(options["out"])
        partial = target.with_name(f".{target.name}.partial")
        # Written aside and renamed at the end: a reader never sees half an export.
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = export(fmt, out)
            os.replace(partial, target)
        except OSError as error:
            partial.unlink(missing_ok=True)
            self.stderr.write(f"{target}: cannot write: {error.strerror or error}")
            raise SystemExit(1) from None
        print(f"{target}: {count} people exported", file=sys.stderr)


class _Stdout:
    """Lets csv and json writers use the command's stdout (which tests replace) as a file."""

    def __init__(self, command: BaseCommand) -> None:
        self.command = command

    def write(self, text: str) -> int:
        self.command.stdout.write(text, ending="")
        return len(text)
