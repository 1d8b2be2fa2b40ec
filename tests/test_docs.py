"""docs/cli.md and docs/json.md say what the code does: their generated blocks are regenerated
from the live commands and API and compared with the files."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "docs" / "gen.py"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_gen", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_generated_docs_match_what_the_code_prints() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, (
        "docs/cli.md or docs/json.md differ from what the code gives. Regenerate them with\n"
        "    .venv/bin/python docs/gen.py\n"
        f"and review the difference:\n{result.stdout}\n{result.stderr}"
    )


@pytest.mark.django_db
def test_regenerating_replaces_a_stale_block_and_keeps_the_prose_around_it() -> None:
    gen = generator()
    text = (
        "Prose written by hand.\n\n"
        "<!-- generated: values -->\n| field | values |\n| person `gender` | `unknown` |\n"
        "<!-- end generated -->\n\nMore prose.\n"
    )
    errors: list[str] = []
    regenerated = gen.fill(text, errors)
    assert errors == []
    assert regenerated.startswith("Prose written by hand.\n\n<!-- generated: values -->\n")
    assert regenerated.endswith("<!-- end generated -->\n\nMore prose.\n")
    assert "| person `gender` | `female`, `male`, `other`, or empty |" in regenerated
    assert "`unknown`" not in regenerated


def test_a_block_of_unknown_origin_is_reported_and_left_as_it_was() -> None:
    gen = generator()
    text = "<!-- generated: cat notes.txt -->\nkept\n<!-- end generated -->\n"
    errors: list[str] = []
    assert gen.fill(text, errors) == text
    assert errors == ["unknown block source 'cat notes.txt'"]


def test_json_examples_stay_on_one_line_when_they_fit_and_indent_when_they_do_not() -> None:
    gen = generator()
    short = {"value": 123, "qualifier": "exact"}
    long = {"quote": "x" * 120, "start": 0, "end": 120}
    assert gen.pretty({"count": short}) == '{"count": {"value": 123, "qualifier": "exact"}}'
    assert gen.pretty({"sources": [long]}).splitlines() == [
        "{",
        '  "sources": [',
        "    {",
        f'      "quote": "{"x" * 120}",',
        '      "start": 0,',
        '      "end": 120',
        "    }",
        "  ]",
        "}",
    ]
