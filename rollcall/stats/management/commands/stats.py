"""`rollcall stats`: the registry's public figures as of a date."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError

from rollcall.collective.choices import ReportedCount
from rollcall.events.choices import CustodyKind
from rollcall.lib.countries import clean_country
from rollcall.lib.dates import parse_day
from rollcall.stats.queries import Stats, compute

T = TypeVar("T")


class Command(BaseCommand):
    help = (
        "Registry counts (held, released, deported, died, term ended with release unconfirmed, "
        "held by kind of custody) as of a date."
    )
    # A read-only command needs the models, not the URL configuration the checks would load.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--country", help="ISO alpha-2 code of the holding state")
        parser.add_argument("--series", choices=["month", "year"])
        parser.add_argument("--from", dest="start", help="first day of the series (YYYY-MM-DD)")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = _checked("--as-of", parse_day, options["as_of"])
        start = _checked("--from", parse_day, options["start"])
        country = _checked("--country", clean_country, options["country"])
        stats = compute(as_of, country, options["series"], start)
        if options["format"] == "json":
            self.stdout.write(json.dumps(stats.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(stats))


def _checked(flag: str, parse: Callable[[str], T], value: str | None) -> T | None:
    """Parse an option, turning a ValueError into one error line naming it (docs/cli.md)."""
    if not value:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise CommandError(f"{flag}: {exc}") from None


def _qualified(count: ReportedCount) -> str:
    """{"value": 5, "qualifier": "at_least"} → "at least 5"; an exact count is just the number."""
    words = "" if count["qualifier"] == "exact" else count["qualifier"].replace("_", " ") + " "
    return f"{words}{count['value']:,}"


def render_text(stats: Stats) -> str:
    t = stats.totals
    where = f" in {stats.country}" if stats.country else ""
    lines = [
        f"Rollcall registry{where}, as of {stats.as_of.isoformat()}",
        f"  held             {t.held:>9,}"
        + (f"  ({t.held_start_unknown:,} since an unknown date)" if t.held_start_unknown else ""),
        f"  released         {t.released:>9,}",
        f"  deported         {t.deported:>9,}",
        f"  died in custody  {t.died_in_custody:>9,}",
        f"  died             {t.died:>9,}  (in custody or not)",
        f"  term ended       {t.term_ended_unconfirmed:>9,}  (release unconfirmed; not held)",
    ]
    if t.held:
        lines.append("  held by kind of custody:")
        for row in stats.held_by_custody_kind:
            label = CustodyKind(row.custody_kind).label if row.custody_kind else "not given"
            lines.append(f"    {label:<45} {row.held:>9,}")
    for measure, more in stats.reported_beyond_named.items():
        if more["value"]:
            lines.append(
                f"  and {_qualified(more)} more {measure.replace('_', ' ')}"
                " reported in collective events beyond those on record"
            )
    for e in stats.estimates:
        lines.append(
            f"  reported: {e.count['qualifier'].replace('_', ' ')} {e.count['value']:,} {e.measure}"
            f" in {e.country} ({e.attributed_to}, {e.as_of})"
        )
    if stats.series:
        lines.append("")
        lines.append(f"  {'period':<8} {'held':>9} {'released':>9} {'deported':>9} {'died':>6}")
        for p in stats.series:
            lines.append(
                f"  {p.period:<8} {p.held:>9,} {p.released:>9,} {p.deported:>9,}"
                f" {p.died_in_custody:>6,}"
            )
    return "\n".join(lines)
