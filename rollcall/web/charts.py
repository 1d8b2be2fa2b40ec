"""Charts drawn on the server as inline, accessible SVG: no script, no image request.

Readers on Tor Browser at its safest setting have JavaScript off, so a chart is drawn here with
matplotlib and sent inside the page. Each is an `<svg role="img">` labelled by its own `<title>`
and `<desc>`; the page puts the figures' table beside it, which is also what a reader whose
browser shows no SVG at all reads.

Drawing goes through `matplotlib.figure.Figure` and the SVG canvas only, never pyplot, whose
global figure registry is not safe across the server's threads. A chart is drawn from its data
alone, so it is cached by that data (`svg`): a registry that changes changes the figures, hence
the key, and nothing needs invalidating; the cache only bounds how many are kept.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import matplotlib
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import get_language
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

# Text stays text (the page's fonts draw it, and it is a tenth of the size of glyph outlines);
# a fixed salt makes the same chart the same bytes. Set once for the process, never per chart:
# changing rcParams while another thread draws would change its chart.
matplotlib.rcParams["svg.fonttype"] = "none"
matplotlib.rcParams["svg.hashsalt"] = "rollcall"
matplotlib.rcParams["font.size"] = 10

# Okabe and Ito's palette: told apart with every common colour-vision deficiency.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
WIDTH, HEIGHT = 7.2, 3.4  # inches; the page scales the SVG to its column
# At most this many period labels under a time axis; more would overlap.
MAX_TIME_LABELS = 12
# The most charts kept drawn: a page has six, and a few filters' worth are kept.
CACHED_CHARTS = 128

Kind = Literal["line", "bars", "hbars"]


@dataclass(frozen=True)
class Chart:
    """What to draw: one value per label for each named series.

    `line` and `bars` put the labels (periods) along the horizontal axis; `hbars` lists them
    down the side, for categories with long names. A value of None is drawn as nothing.
    """

    kind: Kind
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    value_label: str = ""


def svg(chart_id: str, title: str, description: str, chart: Chart) -> str:
    """The chart as an inline `<svg>` element whose ids all start with `chart_id`.

    Its axis figures are written as the active language writes numbers ("12,000", "12 000").
    """
    return _drawn(chart_id, title, description, chart, get_language() or "en")


@lru_cache(maxsize=CACHED_CHARTS)
def _drawn(chart_id: str, title: str, description: str, chart: Chart, language: str) -> str:
    # Fixed margins, not matplotlib's constrained layout: that lays the figure out twice and
    # doubled the time to draw a chart (120 → 250 ms for 76 months).
    figure = Figure(figsize=(WIDTH, _height(chart)))
    axes = figure.add_subplot()
    if chart.kind == "hbars":
        _draw_hbars(axes, chart)
    else:
        _draw_over_time(axes, chart)
    axes.spines[["top", "right"]].set_visible(False)
    if len(chart.series) > 1:
        # Above the plot, where it covers no data; "best" searched every point for a place.
        axes.legend(
            loc="lower left", bbox_to_anchor=(0, 1.01), ncols=len(chart.series), frameon=False
        )
    out = io.StringIO()
    FigureCanvasSVG(figure).print_svg(out)  # type: ignore[no-untyped-call]
    return _accessible(out.getvalue(), chart_id, title, description)


def _height(chart: Chart) -> float:
    if chart.kind != "hbars":
        return HEIGHT
    rows = len(chart.labels) * max(1, len(chart.series))
    return max(1.6, 0.9 + 0.22 * rows)


def _values(values: tuple[float | None, ...]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _draw_over_time(axes: Axes, chart: Chart) -> None:
    """Lines over the periods: `line` joins each period's figure, `bars` steps from period to
    period. Steps rather than bars: a bar per period and series is one SVG shape each, and a
    series of decades would be thousands (a step line is one path, whatever its length)."""
    positions = list(range(len(chart.labels)))
    for i, (name, values) in enumerate(chart.series):
        colour = COLOURS[i % len(COLOURS)]
        if chart.kind == "line":
            marker = "o" if len(positions) <= 24 else None
            axes.plot(positions, _values(values), label=name, color=colour, marker=marker, lw=2)
        else:
            edges = [p - 0.5 for p in positions] + [len(positions) - 0.5]
            axes.stairs(_values(values), edges, label=name, color=colour, lw=2)
    step = max(1, math.ceil(len(positions) / MAX_TIME_LABELS))
    axes.set_xticks(positions[::step], [chart.labels[p] for p in positions[::step]])
    axes.tick_params(axis="x", labelrotation=45 if len(positions) > 6 else 0)
    axes.set_xlim(-0.6, max(len(positions) - 0.4, 0.6))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(_number))
    axes.set_ylim(bottom=0, top=max(1.0, _largest(chart) * 1.05))
    axes.set_ylabel(chart.value_label)
    axes.grid(axis="y", color="#dddddd")
    axes.set_axisbelow(True)
    bottom = 0.25 if len(positions) > 6 else 0.12
    axes.figure.subplots_adjust(left=0.11, right=0.98, top=0.88, bottom=bottom)


def _draw_hbars(axes: Axes, chart: Chart) -> None:
    positions = list(range(len(chart.labels)))
    n = len(chart.series)
    height = 0.8 / max(n, 1)
    for i, (name, values) in enumerate(chart.series):
        shifted = [p - 0.4 + height * (i + 0.5) for p in positions]
        axes.barh(
            shifted, _values(values), height=height, label=name, color=COLOURS[i % len(COLOURS)]
        )
    axes.set_yticks(positions, list(chart.labels))
    axes.invert_yaxis()  # the first (largest) row on top, as in the table beside it
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(FuncFormatter(_number))
    axes.set_xlim(left=0, right=max(1.0, _largest(chart) * 1.05))
    axes.set_xlabel(chart.value_label)
    axes.grid(axis="x", color="#dddddd")
    axes.set_axisbelow(True)
    # Room for the longest label at about 6 points a character, within reason.
    longest = max((len(label) for label in chart.labels), default=1)
    left = min(0.5, (longest * 6 + 12) / (WIDTH * 72))
    inches = _height(chart)
    axes.figure.subplots_adjust(left=left, right=0.97, top=1 - 0.45 / inches, bottom=0.55 / inches)


def _number(value: float, _position: int | None) -> str:
    """An axis figure in the active language's digits grouping (the ticks are whole numbers)."""
    return number_format(round(value), force_grouping=True)


def _largest(chart: Chart) -> float:
    return max((v for _, values in chart.series for v in values if v is not None), default=0)


_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_ROOT = re.compile(r"<svg\b[^>]*>")
_ID = re.compile(r'\bid="([^"]+)"')
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_STYLESHEET = re.compile(r'<style type="text/css">\*\{([^}]*)\}</style>')
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
# The CSS properties matplotlib writes in style attributes, each of which SVG also takes as an
# attribute of its own (a presentation attribute), which the page's Content-Security-Policy
# allows where it forbids inline styles (docs/security.md).
PRESENTATION_ATTRIBUTES = frozenset(
    {
        "clip-path",
        "clip-rule",
        "color",
        "display",
        "dominant-baseline",
        "fill",
        "fill-opacity",
        "fill-rule",
        "font-family",
        "font-size",
        "font-style",
        "font-variant",
        "font-weight",
        "letter-spacing",
        "opacity",
        "shape-rendering",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
        "visibility",
    }
)
_HREF = re.compile(r'(\bxlink:href|\bhref)="#([^"]+)"')


def _accessible(document: str, chart_id: str, title: str, description: str) -> str:
    """matplotlib's SVG document as an element to put inline in a page.

    Its ids (`figure_1`, `patch_1`, clip paths) are the same in every chart, and ids must be
    unique in a page, so each gets the chart's prefix, and so do the references to them.
    """
    body = _METADATA.sub("", _PROLOGUE.sub("", document, count=1))
    body = _ID.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', body)
    body = _URL_REF.sub(lambda m: f"url(#{chart_id}-{m.group(1)})", body)
    body = _HREF.sub(lambda m: f'{m.group(1)}="#{chart_id}-{m.group(2)}"', body)
    # No inline style (the site's policy forbids them): the stylesheet's one rule, `*{…}`, is set
    # on the root for every element to inherit, and each style attribute becomes attributes.
    stylesheet = _STYLESHEET.search(body)
    inherited = _as_attributes(stylesheet.group(1)) if stylesheet else ""
    body = _STYLESHEET.sub("", body)
    body = _STYLE_ATTRIBUTE.sub(lambda m: _as_attributes(m.group(1)), body)
    root = _ROOT.search(body)
    if root is None:
        raise ValueError("matplotlib wrote no <svg> element")
    viewbox = re.search(r'viewBox="([^"]+)"', root.group(0))
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' class="chart" role="img" id="{chart_id}"'
        f' viewBox="{viewbox.group(1) if viewbox else "0 0 518 245"}"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc"{inherited}>'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return opening + body[root.end() :].strip()


def _as_attributes(declarations: str) -> str:
    """`fill: #fff; stroke-width: 0.8` as ` fill="#fff" stroke-width="0.8"`."""
    attributes = []
    for declaration in declarations.split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if not name:
            continue
        if name not in PRESENTATION_ATTRIBUTES:
            raise ValueError(f"matplotlib wrote a style with no SVG attribute of its own: {name}")
        attributes.append(f' {name}="{value}"')
    return "".join(attributes)


__all__ = ["Chart", "svg"]
