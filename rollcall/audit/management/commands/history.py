"""`rollcall history MODEL ID`: every recorded change of one record, oldest first."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rollcall.audit.changes import AUDITED, changes


class Command(BaseCommand):
    help = "List who changed a record, when, and what changed."
    # A read-only command needs the models, not the URL configuration the checks would load.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("model", choices=sorted(AUDITED))
        parser.add_argument("id", help="database id (for a person: its uid or database id)")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            entries = changes(options["model"], options["id"])
        except LookupError as exc:
            raise CommandError(f"id: {exc}") from None
        if options["format"] == "json":
            for entry in entries:
                self.stdout.write(json.dumps(entry, ensure_ascii=False))
            return
        for e in entries:
            self.stdout.write(f"{e['when']}  {e['who'] or '-'}  {e['action']}  {e['reason']}")
            for field, (old, new) in e["changes"].items():
                self.stdout.write(f"    {field}: {old!r} → {new!r}")
