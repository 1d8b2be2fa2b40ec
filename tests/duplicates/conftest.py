"""Each test's database is new, and so must the process-wide name index be."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rollcall.people.matching import registry_index


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    """Each test's database is new; so must the process-wide name index be (imports use it)."""
    registry_index.reset()
    yield
    registry_index.reset()
