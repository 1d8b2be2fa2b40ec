"""API tokens in the admin: admins see every staff member's tokens and revoke them.

No role group has a permission on tokens, so only admins (superusers) reach these pages. A token
is made only by `rollcall createtoken`, which shows it once on the terminal of whoever made it:
the admin never makes one, and shows a token by its prefix alone (the hash is no use to anyone
reading it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from rollcall.accounts.models import MARK, ApiToken

# Django's admin classes cannot be subscripted at run time; to the type checker this is the
# generic ModelAdmin of tokens.
if TYPE_CHECKING:
    _TokenAdmin = admin.ModelAdmin[ApiToken]
else:
    _TokenAdmin = admin.ModelAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(_TokenAdmin):
    list_display = ("token", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("prefix", "user__username")
    fields = ("token", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ("revoke",)

    @admin.display(description="token", ordering="prefix")
    def token(self, token: ApiToken) -> str:
        return f"{MARK}{token.prefix}…"

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        live = list(queryset.filter(revoked_at=None))
        for token in live:
            token.revoke()
        self.message_user(request, f"Revoked {len(live)} token(s): they no longer work.")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False
