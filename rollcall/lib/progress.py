"""A progress bar for long work, shown only to a person watching a terminal.

Scripts and CI read stderr too: a bar redrawn into a log file is noise, so anything that is not a
terminal gets the iterable back untouched (docs/cli.md: "a progress bar on a terminal and none
when output is not a terminal").
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(iterable: Iterable[T], total: int | None, description: str) -> Iterable[T]:
    """Wrap `iterable` in a rich progress bar on stderr when stderr is a terminal."""
    if not sys.stderr.isatty():
        return iterable
    return _with_bar(iterable, total, description)


def _with_bar(iterable: Iterable[T], total: int | None, description: str) -> Iterator[T]:
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in iterable:
            yield item
            bar.advance(task)
