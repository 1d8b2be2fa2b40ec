"""Charts' axis figures are written as the reader's language writes numbers."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from rollcall.web import charts

HELD = charts.Chart(
    kind="line",
    labels=("2024-01", "2024-02", "2024-03"),
    series=(("held", (9_000.0, 12_000.0, 15_000.0)),),
    value_label="people",
)
TICK_TEXT = re.compile(r"<text\b[^>]*>([^<]*\d[^<]*)</text>")


def figures_drawn(language: str) -> list[str]:
    with translation.override(language):
        drawn = charts.svg("chart-held", "Held", "Held over time", HELD)
    return TICK_TEXT.findall(drawn)


@pytest.mark.parametrize(
    ("language", "written"), [("en", "12,000"), ("ru", "12\xa0000"), ("be", "12\xa0000")]
)
def test_axis_figures_are_grouped_as_the_language_groups_them(language: str, written: str) -> None:
    assert written in figures_drawn(language)


def test_the_same_chart_in_another_language_is_drawn_again_not_served_from_the_first() -> None:
    assert "12,000" not in figures_drawn("ru")
    assert "12,000" in figures_drawn("en")
