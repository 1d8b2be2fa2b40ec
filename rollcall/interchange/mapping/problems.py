"""What is wrong with a mapping file, each problem at the key that says it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MappingProblem:
    key: str
    message: str

    def format(self, path: str) -> str:
        return f"{path}: {self.key}: {self.message}"


class BadMapping(Exception):
    """The mapping cannot be used; `problems` says every reason, each at its key."""

    def __init__(self, problems: list[MappingProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
