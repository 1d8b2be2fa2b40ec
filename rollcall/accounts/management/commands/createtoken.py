"""`rollcall createtoken USER [--list | --revoke PREFIX]`: API tokens for a staff user's scripts.

The token goes to stdout alone, so that `TOKEN=$(rollcall createtoken rita)` captures it; what
a person reads about it goes to stderr. Problems are one line each on stderr (`user: …`), with
no "CommandError:" prefix, and exit 1; a wrong command line exits 2.
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import datetime
from typing import Any, NoReturn

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from rollcall.accounts.models import MARK, PREFIX_LENGTH, ApiToken


class Command(BaseCommand):
    help = (
        "Print a new API token for a staff user, once (only its hash is kept); "
        "--list shows the user's tokens, --revoke PREFIX stops one from working."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("user", help="the user's name, as `rollcall createuser` made it")
        what = parser.add_mutually_exclusive_group()
        what.add_argument(
            "--list",
            action="store_true",
            help="list the user's tokens (prefix, created, last used, revoked); make none",
        )
        what.add_argument(
            "--revoke",
            metavar="PREFIX",
            help="revoke the user's token with this prefix (as --list shows it); make none",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["user"]
        user = User.objects.filter(username=name).first()
        if user is None:
            self._fail(f"user: no user called {name!r}")
        if options["list"]:
            self._list(user)
        elif options["revoke"] is not None:
            self._revoke(user, options["revoke"])
        else:
            self._create(user, name)

    def _create(self, user: User, name: str) -> None:
        # Listing and revoking stay open for anyone: a user who lost staff rights may still
        # hold tokens to be seen and revoked.
        if not user.is_active:
            self._fail(f"user: {name!r} is deactivated; tokens are only for active staff")
        if not user.is_staff:
            self._fail(
                f"user: {name!r} is not staff; make them an editor, reviewer or admin first "
                "(`rollcall createuser NAME --role ROLE`)"
            )
        stored, token = ApiToken.issue(user)
        self.stdout.write(token)
        self.stderr.write(
            f"API token {shown(stored)} for {name!r}: shown this once, keep it "
            "secret. Use it as `Authorization: Bearer TOKEN`."
        )

    def _list(self, user: User) -> None:
        tokens = list(ApiToken.objects.filter(user=user))
        if not tokens:
            self.stdout.write(f"{user.get_username()!r} has no API tokens.")
            return
        self.stdout.write(f"{'token':<{SHOWN}}  {'created (UTC)':<16}  {'last used':<16}  revoked")
        for token in tokens:
            self.stdout.write(
                f"{shown(token):<{SHOWN}}  {_when(token.created_at):<16}  "
                f"{_when(token.last_used_at):<16}  {_when(token.revoked_at, '-')}"
            )

    def _revoke(self, user: User, given: str) -> None:
        # As --list shows it ("rollcall_1a2b3c4d…"), bare ("1a2b3c4d") or the whole token.
        prefix = given.removeprefix(MARK).split("_")[0].rstrip("…")
        token = ApiToken.objects.filter(user=user, prefix=prefix).first()
        if token is None:
            self._fail(
                f"--revoke: {user.get_username()!r} has no token {given!r} "
                "(`--list` shows their tokens)"
            )
        if token.revoked_at is None:
            token.revoke()
            self.stdout.write(f"Revoked {shown(token)}: it no longer works.")
        else:
            self.stdout.write(f"{shown(token)} was already revoked ({_when(token.revoked_at)}).")

    def _fail(self, line: str) -> NoReturn:
        self.stderr.write(line)
        raise SystemExit(1)


SHOWN = len(MARK) + PREFIX_LENGTH + 1


def shown(token: ApiToken) -> str:
    """How a token is named where it must not be shown whole: its start and its prefix."""
    return f"{MARK}{token.prefix}…"


def _when(moment: datetime | None, none: str = "never") -> str:
    """A moment to the minute in UTC, the time zone Rollcall stores moments in."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else none
