"""Whether a name may have been written since a process last looked: a file read, not a query.

The name index must never answer from names older than the last committed write
(`matching.RegistryIndex.refresh`), and asking the history table before every search cost a
database round trip per query. Instead, every process that writes to the people tables replaces a
small file with a new token when its transaction commits, and a process about to search reads that
file (an open and a read of a few bytes: microseconds). Only when the token differs from the one
it saw last does it ask the database what changed.

The writes are seen through the same hooks as the registry's version token: the people models'
post_save and post_delete, and `registry_written`, which the bulk paths send (raw inserts, the
CSV import's bulk updates). Writes in this process are seen at once, before they commit, so a
search inside the writing transaction finds its own names, as the database would.

What the file cannot see, a clock covers: a writer that cannot replace the file (another OS user,
a read-only directory, another machine sharing a PostgreSQL database) and writes by other means
than Rollcall (SQL in a database shell). A process asks the database anyway when its last look
is older than `settings.NAME_INDEX_RECHECK_SECONDS` (`ROLLCALL_NAME_RECHECK_SECONDS`, default one
second), so such writes are seen within that time. A missing or unreadable file means "ask every
time", never "nothing changed".

The file lives beside the saved index (`index_place.places`), in a directory only the server's user
may write: nobody else can hold the index back by freezing the token.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from rollcall.lib.signals import registry_written
from rollcall.people import index_place
from rollcall.people.models import Person, PersonName

log = logging.getLogger(__name__)

FILE_NAME = "written"
# Bumped by this process's own writes, before they commit.
_written_here = 0


@dataclass(frozen=True)
class Look:
    """What a process saw when it last asked the database."""

    token: bytes | None
    written_here: int
    at: float


def look() -> Look:
    """Read the signal; call it *before* asking the database, so that a write committed after
    that query changes the token again and is not lost."""
    return Look(_read_token(), _written_here, time.monotonic())


def changed_since(seen: Look | None) -> bool:
    """Whether the database must be asked again: conservatively yes when in doubt."""
    if seen is None or seen.token is None:
        return True
    # How stale a name written where the file cannot follow may be (one query a second, by
    # default: nothing beside the searches of a busy server).
    recheck = settings.NAME_INDEX_RECHECK_SECONDS
    if seen.written_here != _written_here or time.monotonic() - seen.at > recheck:
        return True
    return _read_token() != seen.token


def _read_token() -> bytes | None:
    path = signal_path(index_place.database_identity())
    if path is None:
        return None
    for attempt in range(2):
        try:
            with open(path, "rb") as fh:
                return fh.read(64) or None
        except FileNotFoundError:
            if attempt:
                return None
            # No writer has signalled yet: make the file. Its token vouches for what the query
            # that follows a look reads, as any other token does.
            _publish()
        except OSError:
            return None
    return None


@cache
def signal_path(database: str) -> Path | None:
    """The file for this database: in the first place of the saved index that is (or can be
    made) a directory private to this user. None if there is none: then every look asks."""
    for place in index_place.places():
        directory = place.parent
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if index_place.private(os.stat(directory)):
                return directory / FILE_NAME
        except OSError:
            continue
    log.info("no private directory for the name signal of %s: every search asks", database)
    return None


def _publish() -> None:
    """Replace the file with a new token, atomically: a reader sees the old token or the new."""
    path = signal_path(index_place.database_identity())
    if path is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=".written-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(uuid.uuid4().hex.encode())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        # Other processes see this write within the recheck time instead of at once.
        log.warning("name signal %s not written (%s)", path, exc)


def written(sender: object = None, **_: Any) -> None:
    """A receiver: a person or a name was written in this process, in the current transaction."""
    global _written_here
    if sender not in (Person, PersonName):
        return  # a bulk write of events or custody changes no name
    _written_here += 1
    # Once per transaction: an import writing a hundred thousand names signals once.
    pending = getattr(connection, "run_on_commit", [])
    if not any(callback is _publish for _sids, callback, *_rest in pending):
        transaction.on_commit(_publish)


def connect() -> None:
    """Listen to every write of the people tables (called once, from the app's `ready`)."""
    uid = "rollcall.people.name_signal"
    # A person's deletion takes their names with it; their other records carry no name.
    for model in (Person, PersonName):
        label = model._meta.label
        post_save.connect(written, sender=model, dispatch_uid=f"{uid}.save.{label}")
        post_delete.connect(written, sender=model, dispatch_uid=f"{uid}.delete.{label}")
    registry_written.connect(written, dispatch_uid=f"{uid}.bulk")
