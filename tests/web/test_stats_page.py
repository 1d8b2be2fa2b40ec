"""The statistics page: every figure it shows is the API's for the same parameters.

The page's tables are read back from its HTML and compared, row by row, with the JSON of the API
call the page itself links to; its CSV files likewise. Who it names and counts, for each role, is
checked with every other page in tests/test_access.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rollcall.collective.models import ReportedEstimate
from rollcall.demo.load import load_demo
from rollcall.web import charts
from rollcall.web.stats_views import FIGURES
from tests.cast import person

AS_OF = "2026-01-20"


class Page(HTMLParser):
    """What a reader of the page gets: each table's cells, each chart, the API link."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[dict[str, str]]]] = {}
        self.svgs: list[dict[str, str]] = []
        self.titles: dict[str, str] = {}
        self.ids: list[str] = []
        self.api_url = ""
        self._table: list[list[dict[str, str]]] | None = None
        self._cell: dict[str, str] | None = None
        self._title: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "table" and "data-figure" in a:
            self._table = self.tables.setdefault(a["data-figure"], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None and "data-value" in a:
            self._cell = {"field": a["data-field"], "value": a["data-value"], "text": ""}
            self._table[-1].append(self._cell)
        elif tag == "svg":
            self.svgs.append(a)
        elif tag in ("title", "desc") and a.get("id"):
            self._title = a["id"]
            self.titles[self._title] = ""
        elif tag == "a" and "api-call" in a.get("class", ""):
            self.api_url = a["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag in ("td", "th"):
            self._cell = None
        elif tag in ("title", "desc"):
            self._title = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data
        if self._title is not None:
            self.titles[self._title] += data

    def rows(self, source: str) -> list[list[dict[str, str]]]:
        """A table's rows of figures (its heading row has none); no table, no rows."""
        return [row for row in self.tables.get(source, []) if row]


@pytest.fixture
def registry(db: None) -> None:
    """The demo registry, and more: two holding states, kinds and destinations of release, a
    death in custody, an anonymous and a hidden person, and estimates (dates made up)."""
    load_demo()
    person(
        "Freed To Vilnius",
        events=[
            ("arrest", "2021-03-02", "BY"),
            ("release", "2024-07-03", "BY", {"release_kind": "pardon", "destination": "LT"}),
        ],
    )
    person("Still Held", events=[("arrest", "2022-11-05", "BY")])
    person("Not Named", visibility="anonymous", events=[("arrest", "2023-04-01", "RU")])
    person("Staff Only", visibility="hidden", events=[("arrest", "2023-04-01", "RU")])
    person(
        "Died In Custody",
        events=[("arrest", "2022-02-24", "RU"), ("death_in_custody", "2024-02-16", "RU")],
    )
    for measure, country, day, value in [
        ("held", "RU", "2024-06-01", 700),
        ("released", "BY", "2024-08-01", 30),
    ]:
        ReportedEstimate.objects.create(
            measure=measure,
            country=country,
            count_value=value,
            count_qualifier="about",
            as_of=date.fromisoformat(day),
            attributed_to="A monitoring group",
        )


PARAMETERS = [
    {"as_of": AS_OF},
    {"as_of": AS_OF, "country": "BY"},
    {"as_of": AS_OF, "country": "ru", "series": "year"},
    {"as_of": "2024-12-31", "from": "2024-01-15"},
    {"as_of": AS_OF, "from": "2019-06-01", "series": "month"},
]


def _page(client: Client, params: dict[str, str]) -> Page:
    response = client.get(f"/stats/?{urlencode(params)}")
    assert response.status_code == 200
    return Page(response.content.decode())


@pytest.mark.parametrize("params", PARAMETERS, ids=lambda p: urlencode(p))
def test_every_figure_on_the_page_is_the_apis_for_the_same_parameters(
    client: Client, registry: None, params: dict[str, str]
) -> None:
    page = _page(client, params)
    assert page.api_url.startswith("/api/v1/stats?")
    api = client.get(page.api_url).json()
    assert api["as_of"] == params["as_of"]
    assert api["series"], "the page always asks for the figures over time"
    assert page.rows("series")
    assert page.rows("by_country")
    for figure in FIGURES:
        fields = [c.field for c in figure.columns]
        expected = [{f: row[f] for f in fields} for row in api[figure.source]]
        rows = page.rows(figure.source)
        shown = [{cell["field"]: json.loads(cell["value"]) for cell in row} for row in rows]
        assert shown == expected, figure.slug
        for cell in (cell for row in rows for cell in row):
            if isinstance(json.loads(cell["value"]), int):
                assert cell["text"] == cell["value"], (figure.slug, cell)


def test_the_api_call_shown_repeats_the_pages_parameters(client: Client, registry: None) -> None:
    page = _page(client, {"country": "by", "from": "2024-01-01", "series": "year"})
    today = date.today().isoformat()
    assert page.api_url == f"/api/v1/stats?as_of={today}&country=BY&series=year&from=2024-01-01"


def test_each_chart_is_an_svg_labelled_by_its_title_and_description(
    client: Client, registry: None
) -> None:
    html = client.get(f"/stats/?as_of={AS_OF}").content.decode()
    page = Page(html)
    assert len(page.svgs) == len(FIGURES)
    for svg, figure in zip(page.svgs, FIGURES, strict=True):
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert page.titles[title_id] == str(figure.title)
        assert str(figure.what) in page.titles[desc_id]
    held_desc = page.titles["chart-held-desc"]
    assert "Held: " in held_desc
    assert " at the end" in held_desc
    # Inline SVGs share one page: every id in it is its own.
    assert len(page.ids) == len(set(page.ids))
    # ...and every reference to one (a clip path, a marker, a link to a chart) finds it.
    references = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', html)
    assert references
    assert {a or b for a, b in references} <= set(page.ids)
    # No inline style, which the Content-Security-Policy forbids: SVG attributes instead.
    assert re.findall(r"<style|\sstyle=", html) == []
    assert all(svg["stroke-linecap"] == "butt" for svg in page.svgs)


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.slug)
def test_each_charts_csv_holds_the_apis_rows(client: Client, registry: None, figure: Any) -> None:
    query = urlencode({"as_of": AS_OF, "from": "2020-01-01"})
    response = client.get(f"/stats/{figure.slug}.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    api = client.get(f"/api/v1/stats?{query}&series=month").json()[figure.source]
    assert len(rows) == len(api)
    for got, want in zip(rows, api, strict=True):
        for column in figure.columns:
            value = want[column.field]
            if column.field == "count":
                assert (got["count_value"], got["count_qualifier"]) == (
                    str(value["value"]),
                    value["qualifier"],
                )
            else:
                assert got[column.field] == ("" if value is None else str(value)), column.field


def test_people_who_may_not_be_shown_are_counted_but_hidden_ones_are_not(
    client: Client, registry: None
) -> None:
    page = _page(client, {"as_of": AS_OF, "country": "RU"})
    (ru,) = [{c["field"]: json.loads(c["value"]) for c in row} for row in page.rows("by_country")]
    # Held in Russia on AS_OF: the anonymous person; the hidden one is not counted.
    assert (ru["held"], ru["died_in_custody"]) == (1, 1)
    assert "Not Named" not in client.get("/stats/?country=RU").content.decode()


def test_a_refused_parameter_is_shown_and_answered_400(client: Client, db: None) -> None:
    response = client.get("/stats/?as_of=2025-13-01")
    assert response.status_code == 400
    assert "is not a date" in response.content.decode()
    csv_response = client.get("/stats/held.csv?from=1800-01-01")
    assert csv_response.status_code == 400
    assert csv_response.content.decode().startswith("from: ")


def test_an_unknown_figure_has_no_csv(client: Client, db: None) -> None:
    assert client.get("/stats/nothing.csv").status_code == 404


def test_it_works_on_an_empty_registry(client: Client, db: None) -> None:
    response = client.get("/stats/")
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert [row[1]["text"] for row in page.rows("series")] == ["0"]
    assert "Nothing to count here" in response.content.decode()


def test_a_changed_registry_draws_its_charts_anew(client: Client, registry: None) -> None:
    url = f"/stats/?as_of={AS_OF}"
    first = client.get(url).content.decode()
    drawn = charts._drawn.cache_info()
    again = client.get(url).content.decode()
    assert again == first
    assert charts._drawn.cache_info().misses == drawn.misses  # the same figures: no drawing
    person("Arrested Later", events=[("arrest", "2025-06-01", "BY")])
    changed = client.get(url).content.decode()
    assert charts._drawn.cache_info().misses > drawn.misses
    assert Page(changed).titles["chart-held-desc"] != Page(first).titles["chart-held-desc"]


def test_the_page_costs_the_same_queries_however_many_people_and_estimates(
    client: Client, registry: None
) -> None:
    url = f"/stats/?as_of={AS_OF}"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for n in range(10):
        person(f"Person {n}", events=[("arrest", f"2023-0{n % 9 + 1}-01", "AM")])
        ReportedEstimate.objects.create(
            measure="held",
            country="AM",
            count_value=n,
            as_of=date(2024, 1, n + 1),
            attributed_to="A monitoring group",
        )
    assert queries() == before


def test_it_refuses_a_post(client: Client, db: None) -> None:
    assert client.post("/stats/").status_code == 405


@pytest.mark.browser
@pytest.mark.slow
def test_each_chart_and_its_table_show_with_javascript_off(browser: Any, served_demo: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        response = page.goto(f"{served_demo}/stats/?from=2025-01-01")
        assert response is not None
        assert response.status == 200
        for figure in FIGURES:
            section = page.locator(f"section#{figure.slug}")
            chart = section.locator("svg[role=img]")
            if figure.source == "series" or section.locator("table").count():
                assert chart.is_visible(), figure.slug
                assert chart.locator("title").text_content() == str(figure.title)
                box = chart.bounding_box()
                assert box is not None
                assert box["width"] > 200
                assert box["height"] > 50
                assert section.locator("table").is_visible(), figure.slug
        held = page.locator("section#held table tbody tr")
        assert held.count() >= 12
    finally:
        context.close()
