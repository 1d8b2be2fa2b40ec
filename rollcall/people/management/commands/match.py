"""`rollcall match NAME... | --input FILE [--birth-year YYYY] [--country XX]`: find people by name.

A birth year or holding state sharpens each candidate's score (`people.likeness`); in a file, a
line `name<TAB>birth year<TAB>country` gives its own, and either may be left empty to take the
option's.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError

from rollcall.lib.countries import clean_country
from rollcall.people.context import birth_year
from rollcall.people.matching import THRESHOLD, registry_index

T = TypeVar("T")


@dataclass(frozen=True)
class Query:
    """A name to look for, with what else the caller knows of the person."""

    name: str
    birth_year: int | None = None
    country: str | None = None

    def as_json(self) -> dict[str, object]:
        # Only what was given: a query by name alone answers as it did before context existed.
        line: dict[str, object] = {"query": self.name}
        if self.birth_year is not None:
            line["birth_year"] = self.birth_year
        if self.country:
            line["country"] = self.country
        return line


class Command(BaseCommand):
    help = "Find registry people by name, in any script or spelling (one JSON line per query)."
    # A read-only command needs the models, not the URL configuration the checks would load.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("names", nargs="*", metavar="NAME")
        parser.add_argument(
            "--input",
            help="a UTF-8 file with one name per line, or name<TAB>birth year<TAB>country",
        )
        parser.add_argument(
            "--birth-year",
            metavar="YYYY",
            help="the person's year of birth: the same year raises a score, another lowers it",
        )
        parser.add_argument(
            "--country",
            metavar="XX",
            help="ISO code of a state holding the person: it raises a score, another lowers it",
        )
        parser.add_argument("--limit", type=int, default=5)
        parser.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
        parser.add_argument(
            "--all",
            action="store_true",
            help="include anonymous and hidden people (staff use; never publish the output)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = _checked("--birth-year", birth_year, options["birth_year"])
        country = _checked("--country", clean_country, options["country"])
        queries = [Query(name, year, country) for name in options["names"]]
        if options["input"]:
            queries += read_queries(options["input"], year, country)
        if not queries:
            raise CommandError("NAME: give one or more names, or --input FILE")
        if options["limit"] < 1:
            raise CommandError("--limit: must be at least 1")
        for query in queries:
            found = registry_index.match(
                query.name,
                options["limit"],
                staff=options["all"],
                birth_year=query.birth_year,
                country=query.country,
            )
            if options["format"] == "jsonl":
                line = query.as_json() | {"candidates": [c.as_json() for c in found]}
                self.stdout.write(json.dumps(line, ensure_ascii=False))
                continue
            self.stdout.write(query.name)
            if not found:
                self.stdout.write("    (no candidates)")
            for c in found:
                same = "same person" if c.score >= THRESHOLD else "possible"
                moved = f"  name {c.name_score:.2f}; " + "; ".join(c.context) if c.context else ""
                self.stdout.write(
                    f"    {c.score:.2f}  {c.name}  [{c.person_id}]  via {c.variant!r}  ({same})"
                    + moved
                )


def _checked(option: str, parse: Callable[[str], T], value: str | None) -> T | None:
    """The option's value parsed, or one line naming the option and what is wrong."""
    if value is None or not value.strip():
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise CommandError(f"{option}: {exc}") from None


def read_queries(path: str, year: int | None, country: str | None) -> list[Query]:
    """The file's queries; a line's own birth year and country stand before the options'."""
    queries = []
    for number, text in read_names(path):
        name, *rest = (part.strip() for part in text.split("\t"))
        given_year, given_country = [*rest, "", ""][:2]
        if len(rest) > 2 or not name:
            raise CommandError(f"{path}:{number}: expected name<TAB>birth year<TAB>country")
        line_year = _checked(f"{path}:{number}: birth_year", birth_year, given_year)
        line_country = _checked(f"{path}:{number}: country", clean_country, given_country)
        queries.append(
            Query(
                name,
                year if line_year is None else line_year,
                line_country or country,
            )
        )
    return queries


def read_names(path: str) -> list[tuple[int, str]]:
    """(line number, text) of the file's lines that are not blank."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror}") from None
    names = []
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            text = line.decode("utf-8").strip()
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}:{number}: not UTF-8 ({exc.reason})") from None
        if text:
            names.append((number, text.lstrip("\ufeff")))
    return names
