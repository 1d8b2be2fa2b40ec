"""Compiled regular expressions, kept: the `regex` module's own cache costs more per call than the
matching itself on the short windows the extractor looks at, thousands of times per article."""

from __future__ import annotations

from functools import cache

import regex


@cache
def rx(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    return regex.compile(pattern, flags)
