from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "rollcall.accounts"

    def ready(self) -> None:
        # After `rollcall migrate` (this app comes after the registry apps, whose permissions
        # exist by then), the role groups gain any permission the upgrade added.
        post_migrate.connect(_refresh_groups, sender=self, dispatch_uid="rollcall.roles")


def _refresh_groups(**kwargs: Any) -> None:
    # Imported here: roles.py reads the auth models, which are not loaded when apps.py is.
    from rollcall.accounts.roles import refresh_groups

    refresh_groups()
