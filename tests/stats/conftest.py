"""The dated cast the stats tests count (dates chosen for the arithmetic, names invented)."""

from __future__ import annotations

import pytest

from tests.cast import person


@pytest.fixture
def cast() -> None:
    # Held 2020-09 → released 2025-12-13 to Lithuania.
    person(
        "Released Abroad",
        events=[
            ("arrest", "2020-09-07", "BY"),
            ("release", "2025-12-13", "BY", {"release_kind": "deal", "destination": "LT"}),
        ],
    )
    # Freed 2022-05-01, re-arrested 2023-02-01, still held.
    person(
        "Rearrested Twice",
        events=[
            ("arrest", "2021-01-10", "BY"),
            ("release", "2022-05-01", "BY"),
            ("arrest", "2023-02-01", "BY"),
        ],
    )
    # Asked not to be named: counted, never shown.
    person("Anonymous Prisoner", visibility="anonymous", events=[("arrest", "2021-06-01", "BY")])
    # Staff-only and draft records stay out of public figures.
    person("Hidden Record", visibility="hidden", events=[("arrest", "2021-06-01", "BY")])
    person("Draft Record", publication="draft", events=[("arrest", "2021-06-01", "BY")])
    # Another holding state.
    person("Held Elsewhere", events=[("arrest", "2022-03-15", "RU")])
    person(
        "Died Elsewhere",
        events=[("arrest", "2021-01-17", "RU"), ("death_in_custody", "2024-02-16", "RU")],
    )
