"""What is wrong with a file being imported, each problem at its physical line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: {self.column}: {self.message}"


class BadInput(Exception):
    """The file cannot be imported; `problems` says every reason, each at its line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
