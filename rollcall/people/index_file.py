"""The registry's name index on disk, beside the database, so a new process starts in a second.

Building the index parses every name in the registry (seconds per hundred thousand people); a
one-shot `rollcall match` or an import would pay that each time. The file is only a head start:
it records the history version it was built at, and the process catches up from there exactly as
a long-running one does (`matching.RegistryIndex.refresh`). It is never trusted beyond that
version, so deleting it is always safe: the next process rebuilds it.

Where: beside a SQLite file (`<db>-names/index.pickle`: named like SQLite's own side files,
which an ignore rule for `*.sqlite3-*` already covers); for PostgreSQL, an in-memory database,
or a directory the server may not write, in the per-database cache directory the site already
uses (settings.CACHES["shared"]).

Why pickle: the index is a graph of parsed names whose tokens are shared between its tables;
pickle keeps that sharing and loads it at C speed, where any plainer format would mean parsing
every name again, which is the cost the file exists to avoid. Unpickling runs whatever the
file's writer chose, so the file is written by the server user only (0600, in a 0700
directory), and one that anyone else owns or could have written is never read.

The header names the file layout, the engine's code (a change to the parser changes what a
stored name means) and the database, so a file from another build or another registry is
rebuilt, never served.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

import rollcall.names
from rollcall.names import NameIndex
from rollcall.names.given_names import WordTables, adopt_word_tables, word_tables
from rollcall.names.parse import ParsedName, Token
from rollcall.people.history_gaps import Gap
from rollcall.people.index_place import database_identity, places, private

log = logging.getLogger(__name__)

FORMAT = 4  # the file's layout; raise it when the header or its order changes
MAGIC = "rollcall-name-index"

Version = tuple[int, datetime | None]
Reducer = Callable[[Any], tuple[type, tuple[object, ...]]]


@dataclass(frozen=True)
class Saved:
    index: NameIndex
    version: Version  # the (history_id, history_date) the index was built or caught up to
    gaps: tuple[Gap, ...] = ()  # history ids below it not yet read (history_gaps.py)


@cache
def engine_fingerprint() -> str:
    """A digest of the name engine's code and word lists: an index parsed by other code is
    another index."""
    root = Path(rollcall.names.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _header() -> tuple[str, int, str, str]:
    return (MAGIC, FORMAT, engine_fingerprint(), database_identity())


def load() -> Saved | None:
    """The index saved for this database by this code, or None when there is none to trust."""
    for path in places():
        try:
            fh = open(path, "rb")  # noqa: SIM115 (closed below, whatever the reading does)
        except OSError:  # none there, or a place that cannot be a directory
            continue
        try:
            with fh:
                saved = _read(path, fh)
        except Exception as exc:  # a torn, corrupt or foreign file: rebuilt, never fatal
            log.warning("name index file %s unusable (%s)", path, exc)
            continue
        if saved is not None:
            return saved
    return None


def _read(path: Path, fh: IO[bytes]) -> Saved | None:
    if not (private(os.fstat(fh.fileno())) and private(os.stat(path.parent))):
        log.warning("name index file %s is not private to this user; not read", path)
        return None
    # Safe to unpickle: only a file this user wrote privately gets here (module docstring).
    header = pickle.load(fh)  # noqa: S301
    if not isinstance(header, tuple) or len(header) != 6 or header[:4] != _header():
        return None
    version, gaps = header[4], tuple(header[5])
    # Hundreds of thousands of objects, none of them garbage: without the collector's
    # passes over them the load takes a third of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        index = pickle.load(fh)  # noqa: S301
        tables: WordTables = pickle.load(fh)  # noqa: S301
    finally:
        if collecting:
            gc.enable()
    if not isinstance(index, NameIndex) or not isinstance(tables, tuple):
        return None
    # The given-name tables depend on the engine's code alone, which the header pinned: the
    # first query would otherwise build them (a second).
    adopt_word_tables(tables)
    return Saved(index, version, gaps)


def save(index: NameIndex, version: Version, gaps: tuple[Gap, ...] = ()) -> Path | None:
    """Write the index atomically to the first place that can hold it (None if none could:
    the file is an optimisation, so a read-only disk only costs the next process a rebuild)."""
    for path in places():
        try:
            _save(path, index, version, gaps)
            return path
        except OSError as exc:
            log.info("name index not saved in %s (%s)", path.parent, exc)
    return None


def _save(path: Path, index: NameIndex, version: Version, gaps: tuple[Gap, ...]) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not private(os.stat(path.parent)):
        os.chmod(path.parent, 0o700)
    fd, tmp = tempfile.mkstemp(prefix=".index-", dir=path.parent)  # created 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            _dump(fh, index, version, gaps)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _dump(fh: IO[bytes], index: NameIndex, version: Version, gaps: tuple[Gap, ...]) -> None:
    pickle.dump((*_header(), version, gaps), fh, protocol=pickle.HIGHEST_PROTOCOL)
    pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(index)
    pickle.dump(word_tables(), fh, protocol=pickle.HIGHEST_PROTOCOL)


def _by_fields(cls: type[Token] | type[ParsedName]) -> Reducer:
    """Parsed names and words saved as their constructor's arguments: loading them then
    skips the generic dataclass state restore, the slowest step of a load."""
    names = [f.name for f in fields(cls)]
    return lambda obj: (cls, tuple(getattr(obj, n) for n in names))


_REDUCERS: dict[type, Reducer] = {
    Token: _by_fields(Token),
    ParsedName: _by_fields(ParsedName),
}


def remove() -> None:
    """Delete the saved index of this database, wherever it is."""
    for path in places():
        with contextlib.suppress(OSError):
            path.unlink()
