"""`rollcall resetotp USER`: remove a staff member's two-factor devices (a lost phone)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from rollcall.accounts.twofactor import is_admin, reset


class Command(BaseCommand):
    help = (
        "Remove a user's two-factor devices: they log in with their password alone (an admin "
        "is asked to set up a new device first)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"]
        user = User.objects.filter(username=name).first()
        if user is None:
            raise CommandError(f"name: no user called {name!r}")
        removed = reset(user)
        then = (
            "must set up a new one at the next login" if is_admin(user) else "may set up a new one"
        )
        self.stdout.write(f"Removed {removed} two-factor device(s) of {name!r}; they {then}.")
