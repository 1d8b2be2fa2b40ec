"""The site's CSV downloads open in a spreadsheet as text: a name or attribution typed to look
like a formula stays plain text, and the command-line export keeps it exactly."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from rollcall.collective.models import ReportedEstimate
from rollcall.lib.spreadsheets import spreadsheet_cell
from tests.cast import person

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://attacker.example/","open")'


@pytest.mark.parametrize("text", [HOSTILE, "+1 555", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_is_written_as_plain_text(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Maria Kolesnikova", "Марыя", "", 123, -4, None])
def test_other_values_are_written_as_they_are(value: object) -> None:
    assert spreadsheet_cell(value) == value


def test_a_formula_for_a_name_is_plain_text_in_the_people_download() -> None:
    person(HOSTILE, events=[("arrest", "2023-03-01", "BY")], uid="hostile")
    response = Client().get("/people.csv")
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name"] for r in rows] == ["'" + HOSTILE]


def test_the_command_line_export_keeps_the_name_exactly() -> None:
    person(HOSTILE, events=[("arrest", "2023-03-01", "BY")], uid="hostile")
    out = io.StringIO()
    call_command("export", "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["name"] for r in rows] == [HOSTILE]


def test_a_formula_for_an_attribution_is_plain_text_in_the_figures_download() -> None:
    person("Held Person", events=[("arrest", "2023-03-01", "BY")], uid="held")
    ReportedEstimate.objects.create(
        measure="held",
        country="BY",
        count_value=1000,
        count_qualifier="more_than",
        as_of="2025-12-13",
        attributed_to=HOSTILE,
    )
    body = Client().get("/stats/").content.decode()
    slugs = sorted(set(re.findall(r"/stats/([a-z-]+)\.csv", body)))
    texts = [Client().get(f"/stats/{slug}.csv?series=month").content.decode() for slug in slugs]
    cells = [cell for text in texts for row in csv.reader(io.StringIO(text)) for cell in row]
    assert HOSTILE not in cells
    assert "'" + HOSTILE in cells
