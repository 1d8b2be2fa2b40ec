"""The benchmark's table: every figure for each database and size, its growth, and its target.

Why growth is shown as a ratio next to the people ratio: "10× the people, 10.4× the time" says at
a glance whether a figure grows linearly, and a figure growing faster than the registry is the one
that will miss its target first as the registry grows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Result = dict[str, Any]
DB_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


@dataclass(frozen=True)
class Figure:
    label: str
    value: Callable[[Result], float | None]
    unit: str  # "s", "ms", "MB" or "" (a count)
    target: float | None = None  # in `unit`; targets are set for 100,000 people

    def format(self, value: float | None) -> str:
        if value is None:
            return "–"
        if self.unit == "":
            return f"{value:,.0f}"
        if self.unit == "ms":
            return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"
        if self.unit == "MB":
            return f"{value:,.0f} MB"
        return f"{value:,.2f} s" if value < 100 else f"{value:,.0f} s"

    def target_text(self) -> str:
        if self.target is None:
            return ""
        return f"≤ {self.target:,g} {self.unit}".rstrip()


def _totals(index: int) -> Callable[[Result], float | None]:
    return lambda r: r["totals"][index]["s"] * 1000 if len(r.get("totals", [])) > index else None


def _series(index: int) -> Callable[[Result], float | None]:
    return lambda r: r["series"][index]["s"] * 1000 if len(r.get("series", [])) > index else None


def figures(sample: Result | None) -> list[Figure]:
    """The rows of the table; labels name the dates the run used."""
    totals = (sample or {}).get("totals") or []

    def totals_label(index: int, default: str) -> str:
        if len(totals) <= index:
            return default
        where = f", {totals[index]['country']}" if totals[index]["country"] else ""
        return f"stats totals as of {totals[index]['as_of']}{where}"

    return [
        Figure("CSV import (`rollcall import`), wall", lambda r: r.get("import_s"), "s", 30),
        Figure("CSV import, CPU time of that process", lambda r: r.get("import_cpu_s"), "s"),
        Figure("CSV import, peak memory (max RSS)", lambda r: r.get("import_peak_mb"), "MB", 500),
        Figure("load other events (bulk_create)", lambda r: r.get("load_s"), "s"),
        Figure("custody rebuild, all people", lambda r: r.get("rebuild_s"), "s"),
        Figure(totals_label(0, "stats totals #1"), _totals(0), "ms", 200),
        Figure(totals_label(1, "stats totals #2"), _totals(1), "ms", 200),
        Figure(totals_label(2, "stats totals #3"), _totals(2), "ms", 200),
        Figure(totals_label(3, "stats totals #4"), _totals(3), "ms", 200),
        Figure("monthly series 2020-01 … 2026-12", _series(0), "ms", 1000),
        Figure("monthly series 2020-01 … 2026-12, BY", _series(1), "ms", 1000),
        Figure("`rollcall stats --as-of` end to end", lambda r: r.get("stats_cli_s"), "s"),
        Figure("people", lambda r: r.get("people_in_db"), ""),
        Figure(
            "rows the import held as likely duplicates (then kept apart)",
            lambda r: r.get("held_for_review"),
            "",
        ),
        Figure("events", lambda r: r.get("events"), ""),
        Figure("custody intervals", lambda r: r.get("intervals"), ""),
        Figure("database size", lambda r: r.get("db_mb"), "MB"),
    ]


@dataclass(frozen=True)
class Run:
    db: str
    people: int
    result: Result | None
    error: str | None = None
    seconds: float = 0.0


def short(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else f"{n:,}"


def build(runs: list[Run]) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, rows and notes (misses, failures, checks) of the table, as plain strings."""
    dbs = list(dict.fromkeys(run.db for run in runs))
    by_db = {db: [run for run in runs if run.db == db] for db in dbs}
    sample = next((run.result for run in runs if run.result), None)
    header = ["figure", "target"]
    for db in dbs:
        header += [f"{DB_LABELS[db]} {short(run.people)}" for run in by_db[db]]
        if len(by_db[db]) > 1:
            first, last = by_db[db][0].people, by_db[db][-1].people
            header.append(f"growth (people ×{last / first:g})")
    rows: list[list[str]] = []
    notes: list[str] = []
    for figure in figures(sample):
        row = [figure.label, figure.target_text()]
        for db in dbs:
            values = [figure.value(run.result) if run.result else None for run in by_db[db]]
            row += [figure.format(value) for value in values]
            if len(values) > 1:
                first, last = values[0], values[-1]
                row.append(f"×{last / first:.1f}" if first and last is not None else "–")
            for run, value in zip(by_db[db], values, strict=True):
                if figure.target is not None and value is not None and value > figure.target:
                    notes.append(
                        f"MISSED: {figure.label} on {DB_LABELS[db]} with {run.people:,} people: "
                        f"{figure.format(value)} (target {figure.target_text()})"
                    )
        rows.append(row)
    for run in runs:
        where = f"{DB_LABELS[run.db]} with {run.people:,} people"
        if run.error:
            notes.append(f"FAILED: {where}: {run.error}")
        elif run.result:
            last = run.result["series"][0]["last"]
            notes.append(
                f"checks ok: {where} ({run.seconds:.0f} s): totals = the generator's ground truth "
                f"and the series' last month = totals; {last['period']}: held {last['held']:,}, "
                f"released {last['released']:,}, deported {last['deported']:,}, "
                f"died in custody {last['died_in_custody']:,}"
            )
    return header, rows, notes


def plain(title: str, runs: list[Run]) -> str:
    header, rows, notes = build(runs)
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "-" * len(line(header))
    return "\n".join([title, rule, line(header), rule, *map(line, rows), rule, *notes])


def rich_table(title: str, runs: list[Run]) -> None:
    from rich.console import Console
    from rich.table import Table

    header, rows, notes = build(runs)
    table = Table(title=title, title_justify="left")
    table.add_column(header[0])
    for name in header[1:]:
        table.add_column(name, justify="right")
    for row in rows:
        table.add_row(*row)
    console = Console()
    console.print(table)
    for note in notes:
        style = "red" if note.startswith(("MISSED", "FAILED")) else "green"
        console.print(note, style=style, highlight=False, markup=False)
