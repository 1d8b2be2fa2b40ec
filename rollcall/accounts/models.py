"""API tokens: how a staff member's scripts write to the registry without a browser session."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.utils import timezone

# Every token starts with this, so a token pasted into the wrong place (a chat, a commit) is
# recognisable as one, by people and by secret scanners.
MARK = "rollcall_"
# 32 random bytes: far beyond guessing, which is what lets the stored hash be a fast one.
SECRET_BYTES = 32
PREFIX_LENGTH = 8
# A script writing a thousand records would otherwise update its token's row a thousand times.
# Within this long of the last recorded use, a use is not written again: "last used" stays true
# to the minute, which is what an admin deciding whether a token is still in use needs.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API's write routes, belonging to one staff user.

    Only the SHA-256 of the token is stored, never the token: someone who reads the database (a
    backup, a leaked dump) cannot write with it. SHA-256 and not a password hasher (PBKDF2,
    Argon2): a password is weak and must be slow to test; a token is 32 random bytes, which no
    amount of hashing speed brings within reach of guessing, while a slow hash would add its
    cost (hundreds of milliseconds by design) to every API request. A fast hash also lets a
    request find its token by an indexed lookup of the hash.

    `prefix` is the token's first characters after `rollcall_`, not secret: it tells a user's
    tokens apart in `rollcall createtoken USER --list` and names the one to `--revoke`. A
    revoked token is kept (with when it was revoked) so that the list still shows it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    prefix = models.CharField(max_length=PREFIX_LENGTH, unique=True)
    hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{MARK}{self.prefix}… ({self.user})"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @classmethod
    def issue(cls, user: User) -> tuple[ApiToken, str]:
        """A new token for `user`: the stored record, and the token itself, which is nowhere
        else and must be shown to its owner now."""
        while True:
            prefix = secrets.token_hex(PREFIX_LENGTH // 2)
            token = f"{MARK}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
            try:
                # A savepoint: a prefix already taken (one in 4 billion) is retried, and
                # leaves the caller's transaction usable.
                with transaction.atomic():
                    stored = cls.objects.create(user=user, prefix=prefix, hash=digest(token))
            except IntegrityError:
                continue
            return stored, token

    @classmethod
    def find(cls, token: str) -> ApiToken | None:
        """The live (unrevoked) token record for `token`, with its user; None for any other."""
        if not token.startswith(MARK):
            return None
        found = cls.objects.select_related("user").filter(hash=digest(token)).first()
        if found is None or found.revoked:
            return None
        return found

    def record_use(self) -> None:
        """Note that the token was used now, at most once per `LAST_USED_RESOLUTION`.

        One UPDATE of this row alone: no history, no signals, nothing the registry's version
        or the audit trail would see.
        """
        now = timezone.now()
        if self.last_used_at is not None and now - self.last_used_at < LAST_USED_RESOLUTION:
            return
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
