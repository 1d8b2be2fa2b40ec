"""Regular expressions for long word lists, shaped so that Python's engine scans them quickly.

A plain alternation ("January|February|...") is tried branch by branch at every position; the same
words folded into a trie ("J(?:anuary|u(?:ne|ly))|...") fail at the first letter that fits no word,
and a pattern that starts with a literal character lets the engine skip to where a word can start.
Greedy optional endings keep the longest word first, as the finders need ("Sept." over "Sep").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """One non-capturing pattern matching any of `words`, preferring the longest."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"
