"""Rollcall name matching: normalise names into comparable keys and score pairs.

Plain Python on purpose (no Django import): the matcher is used by the web app, by
batch imports and by the benchmark, and must be testable on its own.

    >>> from rollcall.names import score, THRESHOLD
    >>> score("Maria Kolesnikova", "Марыя Калеснікава") >= THRESHOLD
    True
"""

from rollcall.names.index import Match, NameIndex
from rollcall.names.keys import keys
from rollcall.names.score import THRESHOLD, score

__all__ = ["THRESHOLD", "Match", "NameIndex", "keys", "score"]
