"""The staff's import reports: `/staff/imports/` lists every run of `rollcall import` that read
a file, and `/staff/imports/<id>/` shows one run's report (`rollcall.interchange.models`).

Any staff role may read them (editors import lists; reviewers and admins check them): a report
names the people of a list, hidden and anonymous ones included, and the row of each value that
could not be read, so it is never shown to a visitor nor cached.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from rollcall.interchange.models import ImportRun
from rollcall.web.staff import staff_only

# The longest list of runs the page shows, newest first; older runs stay in the database.
LISTED = 200


@dataclass(frozen=True)
class Noted:
    """A value the import could not read (or a problem that refused it), where it is."""

    line: int | None
    column: str
    message: str


@dataclass(frozen=True)
class Line:
    """A line of the file a note names, as the file had it."""

    number: int
    text: str


@require_safe
@staff_only
def imports(request: HttpRequest) -> HttpResponse:
    """Every kept run of `rollcall import`, newest first."""
    runs = ImportRun.objects.select_related("user")
    return render(
        request,
        "web/staff/imports.html",
        {"runs": runs[:LISTED], "count": runs.count(), "listed": LISTED},
    )


@require_safe
@staff_only
def import_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """One run's report: its counts, the fields its rows left empty, the values it could not
    read with their lines, or the problems that refused it."""
    run = get_object_or_404(ImportRun.objects.select_related("user"), pk=run_id)
    lines = sorted(
        (Line(int(number), text) for number, text in run.lines.items()),
        key=lambda line: line.number,
    )
    return render(
        request,
        "web/staff/import.html",
        {
            "run": run,
            "missing": [
                (name, count, round(100 * count / run.rows_read) if run.rows_read else 0)
                for name, count in run.missing
            ],
            "unreadable": [_noted(item) for item in run.unreadable],
            "problems": [_noted(item) for item in run.problems],
            "lines": lines,
            "shown_lines": {line.number for line in lines},
            "held_rows": [_noted(item) for item in run.held_rows],
        },
    )


def _noted(item: dict[str, object]) -> Noted:
    line = item.get("line")
    return Noted(
        line if isinstance(line, int) else None,
        str(item.get("column", "")),
        str(item.get("message", "")),
    )
