"""Who a command acts as (`--as USER`): one rule for every command that records a person's act.

The import's report, a review decision and a duplicate's merge each record who made them; a
command run from a shell says so with `--as USER`. A name that is nobody's, or (where the act
needs staff) a visitor's, is refused with one line naming the option, and nothing is done.
"""

from __future__ import annotations

from typing import Protocol

from django.contrib.auth.models import User


class Writer(Protocol):
    def write(self, msg: str, /) -> object: ...


class NoSuchActor(ValueError):
    """`--as` names nobody who may act here."""


def acting_user(username: str | None, *, staff: bool = False) -> User | None:
    """The user `--as` names (None when it names none); refused unless they may act."""
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise NoSuchActor(f"--as {username}: no such user")
    if staff and not user.is_staff:
        raise NoSuchActor(f"--as {username}: not a staff user")
    return user


def acting_user_or_exit(
    username: str | None, stderr: Writer, *, staff: bool = False
) -> User | None:
    """As `acting_user`, for a command: a refusal is one line on its stderr and exit status 1."""
    try:
        return acting_user(username, staff=staff)
    except NoSuchActor as refused:
        stderr.write(str(refused))
        raise SystemExit(1) from None
