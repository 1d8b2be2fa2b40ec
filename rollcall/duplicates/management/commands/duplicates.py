"""`rollcall duplicates list|merge|keep-apart|undo`: the likely duplicates from the command line.

Deciding here does what the staff pages do (`rollcall.duplicates.merging`), as the reviewer or
admin `--as` names: the audit trail records who merged, kept apart or undid.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandParser

from rollcall.duplicates.merging import NotDecidable, keep_apart, merge, undo
from rollcall.duplicates.models import DuplicateFlag, FlagState, Merge
from rollcall.lib.acting import acting_user_or_exit


class Command(BaseCommand):
    help = "List the people imports held as likely duplicates; merge, keep apart, undo a merge."

    def add_arguments(self, parser: ArgumentParser) -> None:
        assert isinstance(parser, CommandParser)
        commands = parser.add_subparsers(dest="action", metavar="list|merge|keep-apart|undo")
        commands.required = True
        listing = commands.add_parser("list", help="the flags awaiting a decision")
        listing.add_argument(
            "--all", action="store_true", help="decided flags too, with their merges"
        )
        for name, what, about in (
            ("merge", "merge the held person into the other (undoable)", "ID"),
            ("keep-apart", "keep the two apart; publishes the held person", "ID"),
            ("undo", "undo a merge: the held person comes back as they were", "MERGE_ID"),
        ):
            deciding = commands.add_parser(name, help=what)
            deciding.add_argument("id", type=int, metavar=about)
            deciding.add_argument(
                "--as", dest="user", metavar="USER", required=True, help="a reviewer or an admin"
            )
            deciding.add_argument("--reason", default="", help="why, kept with the decision")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self._list(everything=options["all"])
            return
        user = acting_user_or_exit(options["user"], self.stderr)
        if user is None:  # argparse requires --as; an empty name is no one
            self._fail("--as: name the reviewer or admin who decides")
        reason = options["reason"].strip()
        try:
            if action == "undo":
                done = Merge.objects.filter(pk=options["id"]).first()
                if done is None:
                    self._fail(f"no merge {options['id']}")
                held = undo(done, user, reason)
                self.stdout.write(f"merge {done.pk} undone: {held.uid} is back")
                return
            flag = DuplicateFlag.objects.filter(pk=options["id"]).first()
            if flag is None:
                self._fail(f"no flag {options['id']}")
            if action == "merge":
                merged = merge(flag, user, reason)
                self.stdout.write(
                    f"flag {flag.pk}: {merged.held_uid} merged into {merged.kept_uid} "
                    f"(merge {merged.pk})"
                )
            else:
                published = keep_apart(flag, user, reason)
                state = "published" if published else "left as it was"
                self.stdout.write(f"flag {flag.pk}: kept apart; {flag.held_uid} {state}")
        except (NotDecidable, PermissionDenied) as refused:
            self._fail(f"{options['id']}: {refused}")

    def _list(self, *, everything: bool) -> None:
        flags = DuplicateFlag.objects.order_by("id").prefetch_related("merges")
        if not everything:
            flags = flags.filter(state=FlagState.PENDING)
        for flag in flags:
            self.stdout.write(json.dumps(flag_json(flag), ensure_ascii=False))

    def _fail(self, message: str) -> NoReturn:
        self.stderr.write(message)
        raise SystemExit(1)


def flag_json(flag: DuplicateFlag) -> dict[str, object]:
    """One flag as `rollcall duplicates list` prints it (one JSON object per line)."""
    return {
        "id": flag.pk,
        "state": flag.state,
        "held": flag.held_uid,
        "candidate": flag.candidate_uid,
        "score": round(flag.score, 4),
        "name_score": round(flag.name_score, 4),
        "context": flag.context,
        "import": flag.import_label,
        "line": flag.line,
        "merges": [
            {"id": m.pk, "kept": m.kept_uid, "undone": m.undone_at is not None}
            for m in flag.merges.all()
        ],
    }
