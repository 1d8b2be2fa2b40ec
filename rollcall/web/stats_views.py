"""The statistics page: the figures over time, each as a chart beside its table, and as CSV.

Every number on the page is read from the stats document the API answers for the same
parameters (`stats.queries.compute(...).as_json()`, as `/api/v1/stats` returns it), and the
parameters are read with the API's own `StatsFilters`: the page, its CSV files and the API call
it links to cannot disagree. The form is a plain GET form and the charts are inline SVG drawn on
the server (web.charts), so the page works with JavaScript off; the tables carry every figure
for a browser that shows no SVG.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from pydantic import ValidationError

from rollcall.api.schemas import StatsFilters
from rollcall.collective.choices import EstimateMeasure, ReportedCount
from rollcall.events.choices import CustodyKind, ReleaseKind
from rollcall.lib.spreadsheets import spreadsheet_row
from rollcall.stats.figures import holding_states
from rollcall.stats.freshness import cached_compute
from rollcall.web.templatetags.rollcall import country, figure, reported

if TYPE_CHECKING:
    from rollcall.web import charts

Row = Mapping[str, object]


def _number(value: object) -> str:
    return "—" if value is None else figure(cast(int, value))


def _period(value: object) -> str:
    return str(value)


def _kind(value: object) -> str:
    if value is None:
        return _("not recorded")
    return str(ReleaseKind(value).label) if value in ReleaseKind.values else str(value)


def _custody_kind(value: object) -> str:
    if value is None:
        return _("not recorded")
    return str(CustodyKind(value).label) if value in CustodyKind.values else str(value)


def _state(value: object) -> str:
    if value is None:
        return _("none recorded")
    return country(str(value)) or str(value)


def _as_plotted(value: object) -> float | None:
    return None if value is None else float(cast(int, value))


def _reported_value(value: object) -> float:
    return float(cast(ReportedCount, value)["value"])


def _measure(value: object) -> str:
    return str(EstimateMeasure(value).label) if value in EstimateMeasure.values else str(value)


def _reported(value: object) -> str:
    return reported(cast(ReportedCount, value))


@dataclass(frozen=True)
class Column:
    """One column of a figure's table: a field of the stats document's rows, and how it reads.

    A column with a `plot` is drawn as a series of the chart, at the value `plot` reads.
    """

    field: str
    heading: Promise
    show: Callable[[object], str] = _number
    plot: Callable[[object], float | None] | None = None

    @property
    def charted(self) -> bool:
        return self.plot is not None


@dataclass(frozen=True)
class Figure:
    """One chart, its table and its CSV: the rows of one list of the stats document."""

    slug: str  # in the page's anchors and the CSV's URL
    source: str  # the stats document's list it reads
    title: Promise
    what: Promise  # what it counts, in a sentence
    kind: charts.Kind
    unit: Promise  # the charted values' axis
    columns: tuple[Column, ...]  # the first one heads each row
    label: Callable[[Row], str] | None = None  # a row's name in the chart (default: 1st column)

    def chart_label(self, row: Row) -> str:
        if self.label is not None:
            return self.label(row)
        key = self.columns[0]
        return key.show(row[key.field])


FIGURES: tuple[Figure, ...] = (
    Figure(
        "held",
        "series",
        gettext_lazy("Held over time"),
        gettext_lazy("People in custody at the end of each period (the last ends on the day)."),
        "line",
        gettext_lazy("people"),
        (
            Column("period", gettext_lazy("Period"), _period),
            Column("held", gettext_lazy("Held"), plot=_as_plotted),
            Column(
                "term_ended_unconfirmed",
                gettext_lazy("Term ended, release unconfirmed (not held)"),
            ),
        ),
    ),
    Figure(
        "held-by-custody-kind",
        "held_by_custody_kind",
        gettext_lazy("Held by kind of custody"),
        gettext_lazy(
            "The people held on the last day by the kind of custody they are in: pre-trial "
            "detention, prison or colony, house arrest, restricted freedom with referral, "
            "compulsory psychiatric treatment, or a kind no source gave."
        ),
        "hbars",
        gettext_lazy("people"),
        (
            Column("custody_kind", gettext_lazy("Kind of custody"), _custody_kind),
            Column("held", gettext_lazy("Held"), plot=_as_plotted),
        ),
    ),
    Figure(
        "flows",
        "flows",
        gettext_lazy("Arrests and releases"),
        gettext_lazy(
            "Within each period: custody that began (an arrest, or a sentence or transfer with "
            "no arrest on record before it), releases, and deaths in custody."
        ),
        "bars",
        gettext_lazy("per period"),
        (
            Column("period", gettext_lazy("Period"), _period),
            Column("arrests", gettext_lazy("Arrests"), plot=_as_plotted),
            Column("releases", gettext_lazy("Releases"), plot=_as_plotted),
            Column("deaths_in_custody", gettext_lazy("Deaths in custody"), plot=_as_plotted),
            Column("terms_ended", gettext_lazy("Terms ended, release unconfirmed")),
        ),
    ),
    Figure(
        "releases-by-kind",
        "releases_by_kind",
        gettext_lazy("Releases by kind"),
        gettext_lazy("The releases of the periods shown, by how the person was freed."),
        "hbars",
        gettext_lazy("releases"),
        (
            Column("release_kind", gettext_lazy("How"), _kind),
            Column("releases", gettext_lazy("Releases"), plot=_as_plotted),
        ),
    ),
    Figure(
        "releases-by-destination",
        "releases_by_destination",
        gettext_lazy("Releases by destination"),
        gettext_lazy(
            "The same releases by the country the freed were taken to; releases that record no "
            'destination are counted under "none recorded".'
        ),
        "hbars",
        gettext_lazy("releases"),
        (
            Column("destination", gettext_lazy("Taken to"), _state),
            Column("releases", gettext_lazy("Releases"), plot=_as_plotted),
        ),
    ),
    Figure(
        "by-country",
        "by_country",
        gettext_lazy("Per holding state"),
        gettext_lazy(
            "Each holding state's figures on the last day: held, released (at any time before), "
            "released and taken abroad, died in custody."
        ),
        "hbars",
        gettext_lazy("people"),
        (
            Column("country", gettext_lazy("Holding state"), _state),
            Column("held", gettext_lazy("Held"), plot=_as_plotted),
            Column("released", gettext_lazy("Released"), plot=_as_plotted),
            Column("deported", gettext_lazy("Taken abroad")),
            Column("died_in_custody", gettext_lazy("Died in custody")),
            Column("held_start_unknown", gettext_lazy("Held since an unknown date")),
            Column("term_ended_unconfirmed", gettext_lazy("Term ended, release unconfirmed")),
            Column("died", gettext_lazy("Died (in custody or not)")),
        ),
    ),
    Figure(
        "estimates",
        "registry_beside_estimates",
        gettext_lazy("The registry beside reported estimates"),
        gettext_lazy(
            "Figures others published in the periods shown, each beside the registry's own "
            "count of the same measure, holding state and day. The registry counts only the "
            "people on its records, so it is usually the lower."
        ),
        "hbars",
        gettext_lazy("people"),
        (
            Column("as_of", gettext_lazy("Date"), _period),
            Column("country", gettext_lazy("Holding state"), _state),
            Column("measure", gettext_lazy("Measure"), _measure),
            Column("count", gettext_lazy("Reported"), _reported, plot=_reported_value),
            Column("attributed_to", gettext_lazy("According to"), str),
            Column("registry", gettext_lazy("The registry"), plot=_as_plotted),
        ),
        label=lambda row: f"{row['as_of']} · {_state(row['country'])} · {_measure(row['measure'])}",
    ),
)
BY_SLUG = {figure.slug: figure for figure in FIGURES}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def _read(request: HttpRequest) -> tuple[StatsFilters | None, list[Problem]]:
    """The page's parameters, checked by the API's schema; its problems, for the reader."""
    try:
        return StatsFilters.model_validate(request.GET.dict()), []
    except ValidationError as refused:
        problems = [
            Problem(".".join(str(part) for part in error["loc"]), error["msg"])
            for error in refused.errors()
        ]
        return None, problems


def _document(params: StatsFilters) -> tuple[dict[str, object], str]:
    """The stats document for the page's parameters, and the query that asks the API for it.

    The query names the day counted even when the reader left it out (today), so the API call
    shown gives these figures tomorrow too.
    """
    stats = cached_compute(params.as_of, params.country, params.series or "month", params.from_)
    query = {
        "as_of": stats.as_of.isoformat(),
        "country": stats.country,
        "series": params.series or "month",
        "from": params.from_.isoformat() if params.from_ else None,
    }
    return stats.as_json(), urlencode({k: v for k, v in query.items() if v})


@dataclass(frozen=True)
class Cell:
    field: str
    text: str  # as the reader reads it
    raw: str  # the stats document's value, as JSON
    number: bool


@dataclass
class Table:
    """A figure as the page shows it: its chart, its table and where to download it."""

    figure: Figure
    headings: list[tuple[str, str, bool]]  # field, heading, whether it heads numbers
    rows: list[list[Cell]] = field(default_factory=list)
    chart: str = ""
    csv_url: str = ""

    @property
    def wide(self) -> bool:
        """Too many columns to stand beside the chart: the table goes below it."""
        return len(self.headings) > 3


def _cell(column: Column, value: object) -> Cell:
    number = column.show is _number
    return Cell(column.field, column.show(value), json.dumps(value, ensure_ascii=False), number)


def _rows(document: Mapping[str, object], figure: Figure) -> list[Row]:
    return cast("list[Row]", document[figure.source])


def _table(document: Mapping[str, object], figure: Figure, query: str) -> Table:
    rows = _rows(document, figure)
    table = Table(
        figure,
        headings=[(c.field, str(c.heading), c.show is _number) for c in figure.columns],
        rows=[[_cell(c, row[c.field]) for c in figure.columns] for row in rows],
        csv_url=f"{reverse('web:stats-csv', args=[figure.slug])}?{query}",
    )
    if rows:
        # Imported on first use: matplotlib takes a second or more to import, which every
        # command that loads the URLs (and the system checks do) would otherwise pay.
        from rollcall.web import charts

        table.chart = charts.svg(
            f"chart-{figure.slug}",
            str(figure.title),
            _describe(figure, rows),
            _chart(figure, rows),
        )
    return table


def _chart(figure: Figure, rows: Sequence[Row]) -> charts.Chart:
    from rollcall.web import charts

    return charts.Chart(
        kind=figure.kind,
        labels=tuple(figure.chart_label(row) for row in rows),
        series=tuple(
            (str(c.heading), tuple(c.plot(row[c.field]) for row in rows))
            for c in figure.columns
            if c.plot is not None
        ),
        value_label=str(figure.unit),
    )


def _describe(figure: Figure, rows: Sequence[Row]) -> str:
    """The chart's `<desc>`: what it shows, in words, for a reader who cannot see it."""
    parts = [str(figure.what)]
    if figure.kind in ("line", "bars"):
        first, last = rows[0]["period"], rows[-1]["period"]
        parts.append(_("From %(first)s to %(last)s.") % {"first": first, "last": last})
        for column in (c for c in figure.columns if c.charted):
            values = [cast(int, row[column.field]) for row in rows]
            peak = max(range(len(values)), key=values.__getitem__)
            parts.append(
                _("%(name)s: %(first)s at first, %(last)s at the end, most %(peak)s in %(when)s.")
                % {
                    "name": column.heading,
                    "first": values[0],
                    "last": values[-1],
                    "peak": values[peak],
                    "when": rows[peak]["period"],
                }
            )
    else:
        shown = []
        for row in rows[:8]:
            numbers = ", ".join(
                f"{c.heading} {c.show(row[c.field])}" for c in figure.columns if c.charted
            )
            shown.append(f"{figure.chart_label(row)}: {numbers}")
        more = len(rows) - len(shown)
        parts.append("; ".join(shown) + (_("; and %(n)s more.") % {"n": more} if more else "."))
    return " ".join(parts)


@require_safe
def stats_page(request: HttpRequest) -> HttpResponse:
    """The figures over time: a chart and its table for each, with the filters as a GET form."""
    params, problems = _read(request)
    context: dict[str, object] = {
        "problems": problems,
        "countries": holding_states(),
        "form": request.GET,
    }
    if params is None:
        return render(request, "web/stats.html", context, status=400)
    document, query = _document(params)
    context |= {
        "stats": document,
        "api_url": f"/api/v1/stats?{query}",
        "tables": [_table(document, figure, query) for figure in FIGURES],
    }
    return render(request, "web/stats.html", context)


@require_safe
def stats_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """One figure's table as CSV: the stats document's fields as columns, codes as given."""
    figure = BY_SLUG.get(slug)
    if figure is None:
        raise Http404(f"no figure {slug!r}")
    params, problems = _read(request)
    if params is None:
        text = "\n".join(f"{p.field}: {p.message}" for p in problems) + "\n"
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    document, _query = _document(params)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header: list[str] = []
    for column in figure.columns:
        header += ["count_value", "count_qualifier"] if column.field == "count" else [column.field]
    writer.writerow(header)
    for row in _rows(document, figure):
        cells: list[object] = []
        for column in figure.columns:
            value = row[column.field]
            if column.field == "count":
                count = cast("dict[str, object]", value)
                cells += [count["value"], count["qualifier"]]
            else:
                cells.append("" if value is None else value)
        writer.writerow(spreadsheet_row(cells))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rollcall-{slug}.csv"'
    return response
