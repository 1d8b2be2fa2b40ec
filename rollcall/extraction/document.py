"""An article as the extractor reads it: plain text, with what is known about where it came from.

Evidence offsets in the extraction JSON index `text` (characters, not bytes), so `text` is the one
form of the article every later step, the review page included, refers to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Document:
    text: str
    title: str = ""
    published: date | None = None
    url: str = ""
    publisher: str = ""

    @property
    def sha256(self) -> str:
        """The fingerprint by which the same article, read twice, is recognised."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
