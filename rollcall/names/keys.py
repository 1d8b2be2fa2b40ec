"""Human-readable normalised keys of a name, for debugging, tests and blocking.

Each key is prefixed by its kind so that a glance explains why two names met:
``sk:`` translit skeleton of a word, ``cf:`` its consonant frame (the blocking key),
``gn:`` given-name group, ``pt:`` patronymic, ``zh:`` unspaced pinyin reading.
"""

from __future__ import annotations

from rollcall.names.parse import parse
from rollcall.names.phonetic import consonants


def keys(name: str) -> list[str]:
    parsed = parse(name)
    out: dict[str, None] = {}
    for tok in parsed.tokens:
        prefix = "pt:" if tok.patronymic else "sk:"
        for form in tok.forms:
            out[prefix + form] = None
        for form in tok.forms:
            frame = consonants(form)
            if frame:
                out["cf:" + frame] = None
        for gid in sorted(tok.groups):
            out["gn:" + gid] = None
    for form in sorted(parsed.zh):
        out["zh:" + form] = None
    return list(out)
