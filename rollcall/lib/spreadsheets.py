"""CSV cells that a spreadsheet opens as text, never as a formula.

The site's CSV downloads are opened by journalists and campaigners in Excel or LibreOffice, which
run a cell starting with `=`, `+`, `-` or `@` as a formula: a name or an attribution typed by a
hostile hand (`=HYPERLINK("http://…", "click")`) would then run on the reader's machine. Such a
text cell is written with a leading apostrophe, which spreadsheets show as plain text. Numbers
are written as they are. The command-line export is not changed: it is the import's format, read
back by programs, and must round-trip exactly.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """`value`, with text that a spreadsheet would take for a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values: list[object]) -> list[object]:
    return [spreadsheet_cell(value) for value in values]
