"""`rollcall createuser NAME --role editor|reviewer|admin`."""

from __future__ import annotations

import getpass
import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rollcall.accounts.roles import ROLES, ensure_group


class Command(BaseCommand):
    help = "Create a user with a role; the password comes from ROLLCALL_PASSWORD or a prompt."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--role", choices=ROLES, required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        name, role = options["name"], options["role"]
        users = get_user_model()
        if users.objects.filter(username=name).exists():
            raise CommandError(f"name: a user called {name!r} already exists")
        password = os.environ.get("ROLLCALL_PASSWORD") or _prompt()
        try:
            validate_password(password, users(username=name))
        except ValidationError as exc:
            raise CommandError(f"password: {' '.join(exc.messages)}") from None
        with transaction.atomic():
            user = users.objects.create_user(
                username=name, email=options["email"], password=password, is_staff=True
            )
            user.is_superuser = role == "admin"
            user.save()
            user.groups.add(ensure_group(role))
        self.stdout.write(f"Created {role} {name!r}.")


def _prompt() -> str:
    if not sys.stdin.isatty():
        raise CommandError("password: set ROLLCALL_PASSWORD (no terminal to prompt on)")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise CommandError("password: the two entries differ")
    return first
