"""History ids the name index has not seen below the newest one it read: commits still to come.

The index catches up by reading name history rows with ids above the newest it has read. On
PostgreSQL ids come from a sequence when a row is written, not when its transaction commits: an
import that took ids 50-100 and commits after a quick edit took 101 would never be read, since
the index had already moved past 101. So the ids between the last read and the newest that were
*not* there are kept as gaps and asked for again at every catch-up, until their rows appear.

Not every gap fills: a rolled-back transaction leaves its ids unused for ever (on PostgreSQL;
SQLite hands them out again). A gap is dropped once it is older than `GAP_SECONDS`, far longer
than any transaction Rollcall runs; asking for it costs one indexed range in the catch-up query.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

# A day: an import of the largest list runs for minutes.
GAP_SECONDS = 24 * 3600.0
# Past this many separate gaps the oldest are dropped, so a catch-up query stays small.
MOST_GAPS = 200

Gap = tuple[int, int, float]  # first id, last id, when first seen (seconds since the epoch)


def after_reading(
    gaps: Iterable[Gap], read_above: int, newest: int, seen: Iterable[int], now: float
) -> list[Gap]:
    """The gaps left once `seen` (every id read from the old gaps and from above `read_above`
    up to `newest`) has been read."""
    wanted = [g for g in gaps if now - g[2] <= GAP_SECONDS]
    if newest > read_above:
        wanted.append((read_above + 1, newest, now))
    ids = sorted(set(seen))
    left: list[Gap] = []
    for first, last, since in sorted(wanted):
        start = first
        for found in _within(ids, first, last):
            if found > start:
                left.append((start, found - 1, since))
            start = found + 1
        if start <= last:
            left.append((start, last, since))
    left.sort(key=lambda g: g[2])
    return sorted(left[-MOST_GAPS:])


def _within(ids: list[int], first: int, last: int) -> list[int]:
    return ids[bisect_left(ids, first) : bisect_right(ids, last)]
