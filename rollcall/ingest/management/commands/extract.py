"""`rollcall extract FILE_OR_URL`: read one article and print the facts it reports.

Nothing is written: the command reads the article, the extractor proposes facts, and the people
it names are matched to the registry (rollcall.ingest.matching), all printed to standard output.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from rollcall.extraction import ReadError, extract, read_document
from rollcall.ingest.matching import list_of, match_people
from rollcall.people.models import PersonName

QUALIFIERS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "about": "about ",
    "at_most": "at most ",
    "fewer_than": "fewer than ",
}


class Command(BaseCommand):
    help = (
        "Read one article (a plain-text or HTML file, or an http(s) address) and print the "
        "facts it reports, with the people it names matched to the registry. Writes nothing."
    )
    # A read-only command needs the models, not the URL configuration the checks would load.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "source", metavar="FILE_OR_URL", help="a .txt or .html file, or an http(s) address"
        )
        parser.add_argument(
            "--format",
            choices=["json", "text"],
            default="json",
            help="the extraction JSON (default), or a summary to read",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=20.0,
            metavar="SECONDS",
            help="seconds to wait for a web server, and for the whole page (default 20)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = read_document(options["source"], timeout=options["timeout"])
        except ReadError as exc:
            self.stderr.write(str(exc))
            raise SystemExit(1) from None
        extraction = extract(document)
        problem = registry_problem()
        if problem:
            self.stderr.write(problem)
            raise SystemExit(1)
        extraction = match_people(extraction)
        if options["format"] == "json":
            self.stdout.write(json.dumps(extraction, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(extraction))


def registry_problem() -> str | None:
    """Why the registry cannot be read, without creating an empty SQLite file on the way."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and name != ":memory:" and not Path(name).exists():
        return f"{name}: no registry here (set ROLLCALL_DATABASE_URL, or run `rollcall migrate`)"
    try:
        tables = connection.introspection.table_names()
    except DatabaseError as exc:
        return f"database: cannot be read ({' '.join(str(exc).split())})"
    if PersonName._meta.db_table not in tables:
        return f"{name}: the registry is not set up (run `rollcall migrate`)"
    return None


def render_text(extraction: dict[str, object]) -> str:
    """The extraction as a reader skims it: a line per event, then its people and details."""
    head = extraction.get("document")
    document = head if isinstance(head, dict) else {}
    lines = [str(document.get("title") or "(untitled)")]
    lines.append(f"published {document.get('published') or 'unknown'}")
    events = list_of(extraction.get("events"))
    lines.append("")
    lines.append(f"{len(events)} event{'' if len(events) == 1 else 's'}")
    for event in events:
        lines.append("  " + event_line(event))
        lines += ["      person: " + person_text(p) for p in list_of(event.get("persons"))]
        places = [
            " ".join(filter(None, [str(d.get("country") or "?"), count_text(d.get("count"))]))
            for d in list_of(event.get("destinations"))
        ]
        if places:
            lines.append("      destinations: " + ", ".join(places))
        linked = [linked_text(link) for link in list_of(event.get("linked"))]
        if linked:
            lines.append("      linked: " + "; ".join(linked))
        nationals = [
            " ".join(filter(None, [str(n.get("country") or "?"), count_text(n.get("count"))]))
            for n in list_of(event.get("nationals"))
        ]
        if nationals:
            lines.append("      nationals: " + ", ".join(nationals))
    estimates = list_of(extraction.get("estimates"))
    if estimates:
        lines.append("")
        lines.append(f"{len(estimates)} estimate{'' if len(estimates) == 1 else 's'}")
    for estimate in estimates:
        parts = [str(estimate.get("measure") or "?"), str(estimate.get("country") or "?")]
        parts.append(count_text(estimate.get("count")) or "no number")
        source = estimate.get("attributed_to")
        lines.append("  " + " ".join(parts) + (f" (according to {source})" if source else ""))
    return "\n".join(lines)


def event_line(event: dict[str, object]) -> str:
    kind = event.get("release_kind")
    parts = [f"{event.get('type')}{f' ({kind})' if kind else ''}"]
    parts.append(date_text(event.get("date"), event.get("date_precision")) or "date unknown")
    parts.append(str(event.get("country") or "country unknown"))
    count = count_text(event.get("count"))
    if count:
        parts.append(f"{count} {'person' if count == '1' else 'people'}")
    return "  ".join(parts)


def date_text(value: object, precision: object) -> str:
    """A date as precise as the article is: 2020-09 for a month, 2020 for a year."""
    if not isinstance(value, str):
        return ""
    return value[:7] if precision == "month" else value[:4] if precision == "year" else value


def count_text(count: object) -> str:
    if not isinstance(count, dict) or not isinstance(count.get("value"), int):
        return ""
    return f"{QUALIFIERS.get(str(count.get('qualifier')), '')}{count['value']:,}"


def person_text(person: dict[str, object]) -> str:
    match = person.get("match")
    name = str(person.get("name"))
    if isinstance(person.get("age"), int):
        name += f", {person['age']}"
    if not isinstance(match, dict):
        return f"{name} (not in the registry)"
    score = f"{match.get('score')}"
    context = match.get("context")
    if isinstance(context, list) and context:
        # What moved the name's score, as `rollcall match` explains it.
        score += f": name {match.get('name_score')}; " + "; ".join(map(str, context))
    return f"{name} = {match.get('name')} [{match.get('person_id')}, {score}]"


def linked_text(link: dict[str, object]) -> str:
    text = str(link.get("type") or "?").replace("_", " ")
    if link.get("by"):
        text += f" by {link['by']}"
    if link.get("target"):
        text += f" ({link['target']})"
    return text
