"""Reference data shipped with the package, read once per process.

The tables are data, not code, so that people who know the languages can extend
them without reading the matcher.  They are plain text (comment lines start with
``#``) to avoid a YAML dependency in a package that Django code imports at start-up.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def _lines(name: str) -> list[str]:
    text = files("rollcall.names").joinpath("resources").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line)
    return out


@cache
def cyrillic_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _lines("cyrillic.tsv"):
        letter, _, latin = line.partition("\t")
        table[letter] = latin.strip()
    return table


@cache
def pinyin_syllables() -> frozenset[str]:
    return frozenset(line.strip() for line in _lines("pinyin_syllables.txt"))


@cache
def chinese_surnames() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _lines("chinese_surnames.tsv"):
        han, _, latin = line.partition("\t")
        table[han.strip()] = latin.strip()
    return table


@cache
def given_name_groups() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Group id -> (gender, forms as written in the file)."""
    groups: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line in _lines("given_names.txt"):
        head, _, body = line.partition(":")
        gid, _, gender = head.strip().partition(" ")
        forms = tuple(f.strip() for f in body.split(",") if f.strip())
        groups[gid] = (gender.strip("() "), forms)
    return groups


@cache
def diminutives() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Diminutive id -> (the given-name groups it can stand for, forms as written)."""
    table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for line in _lines("diminutives.txt"):
        did, groups, body = (part.strip() for part in line.split(":", 2))
        forms = tuple(f.strip() for f in body.split(",") if f.strip())
        table[did] = (tuple(groups.split()), forms)
    return table


@cache
def han_name_readings() -> dict[str, tuple[str, ...]]:
    """Han character -> readings used in personal names (han_name_readings.tsv)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _lines("han_name_readings.tsv"):
        han, _, readings = line.partition("\t")
        table[han.strip()] = tuple(readings.split())
    return table
