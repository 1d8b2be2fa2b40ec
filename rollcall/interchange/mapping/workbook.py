"""Reading a list kept as a spreadsheet (XLSX): each row's cells as the text Excel shows.

A mapping reads cells as text, so a cell Excel stores as a number or a date becomes the text the
user sees in it: `1969.0` is `1969`, a date cell `1969-03-01` (or `1969-03`, `1969` when the
cell's format shows only the month or the year), so that the mapping's date formats read it like
any other date. Rows are numbered as Excel numbers them, so a problem names the row the user
finds in the sheet. The workbook is opened read-only and row by row: a large sheet is never held
whole, and its size is checked before a row is read (a small file can unpack into gigabytes).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

# A list is a few hundred thousand people at most; anything larger is not a list (or is one
# better saved as CSV, which is read faster and in less memory).
MAX_ROWS = 200_000
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


class UnreadableList(Exception):
    """The file cannot be read as a list at all; the message says why, for `FILE: message`."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number Excel shows
    cells: list[str]


def sheet_rows(path: Path, sheet: str) -> tuple[str, Iterator[SheetRow]]:
    """The sheet's name (the first sheet's when `sheet` is empty) and its non-empty rows."""
    _check_size(path)
    # A file object, not the path: openpyxl refuses a path whose extension is not .xlsx, and a
    # list may be named as its keeper likes; what it holds decides.
    handle = path.open("rb")
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        handle.close()
        raise UnreadableList(
            f"not an XLSX workbook ({error}); save the list as .xlsx, or as CSV"
        ) from None
    names = book.sheetnames
    if not names or (sheet and sheet not in names):
        book.close()
        handle.close()
        if not names:
            raise UnreadableList("the workbook has no sheet")
        raise UnreadableList(
            f"no sheet {sheet!r} (source.sheet); the workbook's sheets are {', '.join(names)}"
        )
    name = sheet or names[0]
    worksheet = book[name]
    # The size a sheet declares is written by the program that saved it and is sometimes
    # wrong (too small), which would cut rows off silently: every row the sheet holds is read.
    worksheet.reset_dimensions()

    def rows() -> Iterator[SheetRow]:
        try:
            for number, row in enumerate(worksheet.iter_rows(), start=1):
                if number > MAX_ROWS:
                    raise UnreadableList(
                        f"more than {MAX_ROWS:,} rows in sheet {name!r}; "
                        "split the list, or save it as CSV"
                    )
                cells = [cell_text(cell.value, getattr(cell, "number_format", "")) for cell in row]
                if any(cell.strip() for cell in cells):
                    yield SheetRow(number, cells)
        finally:
            book.close()
            handle.close()

    return name, rows()


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableList(
            f"{size / 1024 / 1024:.0f} MB is more than the {MAX_FILE_BYTES // 1024 // 1024} MB "
            "a workbook may have; split the list, or save it as CSV"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UnreadableList(
            f"not an XLSX workbook ({error}); save the list as .xlsx, or as CSV"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableList(
            f"unpacks into {unpacked / 1024 / 1024:.0f} MB, more than a list's "
            f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB; split the list, or save it as CSV"
        )


def cell_text(value: object, number_format: str = "") -> str:
    """The text a cell shows: what a mapping reads, as the user sees it in Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return _date_text(value.date(), number_format)
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return _date_text(value, number_format)
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, int):
        return _padded(value, number_format)
    if isinstance(value, float):
        if value.is_integer():
            return _padded(int(value), number_format)
        # Excel shows at most 15 significant digits: 0.1 + 0.2 is shown as 0.3.
        return format(value, ".15g")
    return str(value)


def _padded(number: int, number_format: str) -> str:
    """An id kept as a number shown with leading zeros (format `00000`) keeps them."""
    if number_format and set(number_format) == {"0"} and number >= 0:
        return str(number).zfill(len(number_format))
    return str(number)


def _date_text(day: date, number_format: str) -> str:
    """A date cell shown as a month or a year (format `mmmm yyyy`, `yyyy`) says no more."""
    shown = _QUOTED.sub("", number_format.lower())
    if "y" in shown and "d" not in shown:
        return f"{day:%Y-%m}" if "m" in shown else f"{day:%Y}"
    return day.isoformat()
