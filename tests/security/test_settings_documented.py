"""Every environment variable the settings read is documented for the people who set them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_variable_the_settings_read_is_named_in_the_docs() -> None:
    read = set(re.findall(r"\"(ROLLCALL_[A-Z_]+)\"", (ROOT / "config" / "settings.py").read_text()))
    docs = "\n".join(path.read_text() for path in (ROOT / "docs").glob("*.md"))
    assert read
    assert sorted(name for name in read if name not in docs) == []
