"""Where the registry's saved name index and its change signal live, for the database in use.

Kept apart from `index_file` so that knowing the place does not load the name engine: the
change signal (`name_signal`) is consulted by every process at start-up, most of which never
search.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from django.conf import settings
from django.db import connection

FILE_NAME = "index.pickle"


def database_identity() -> str:
    place = connection.settings_dict
    name = str(place.get("NAME", ""))
    if connection.vendor == "sqlite" and not _in_memory(name):
        name = os.path.realpath(name)
    return "|".join([connection.vendor, name, str(place.get("HOST", "")), str(place.get("PORT"))])


def _in_memory(name: str) -> bool:
    return name in ("", ":memory:") or "mode=memory" in name


def places() -> list[Path]:
    """Where the file may be, in the order tried: beside a SQLite file first."""
    out = []
    name = str(connection.settings_dict.get("NAME", ""))
    if connection.vendor == "sqlite" and not _in_memory(name):
        db = Path(os.path.realpath(name))
        out.append(db.with_name(db.name + "-names") / FILE_NAME)
    # The shared directory is the one of the configured database; a test run's database (or
    # any other opened from the same settings) gets a file of its own there.
    location = settings.CACHES["shared"]["LOCATION"]  # type: ignore[index]
    digest = hashlib.sha256(database_identity().encode()).hexdigest()[:16]
    out.append(Path(str(location)) / "names-index" / f"{digest}.pickle")
    return out


def private(st: os.stat_result) -> bool:
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
