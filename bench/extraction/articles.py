"""The article sets: each `NAME.txt` beside its hand-made `NAME.gold.json`, in `dev/` and
`heldout/`.

A gold file is the extraction JSON the extractor should give, preceded by `//` comment lines
(saying the article is synthetic) that JSON itself has no room for; `read_gold` drops them.
Gold evidence offsets, where given, index the article file's text as stored.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

from rollcall.extraction.document import Document

HERE = Path(__file__).resolve().parent
SETS = ("dev", "heldout")


@dataclass(frozen=True)
class Article:
    name: str
    set: str
    path: Path
    text: str
    gold: dict[str, object]

    @property
    def words(self) -> int:
        return len(self.text.split())

    def fallback_document(self) -> Document:
        """The document as the benchmark reads it when the extractor has no reader of its own yet:
        the whole file as text, title and publication date taken from the gold."""
        meta = self.gold.get("document")
        title, published = "", None
        if isinstance(meta, dict):
            title = str(meta.get("title") or "")
            if isinstance(meta.get("published"), str):
                published = date.fromisoformat(str(meta["published"]))
        return Document(text=self.text, title=title, published=published)


def read_gold(path: Path) -> dict[str, object]:
    lines = path.read_text(encoding="utf-8").splitlines()
    body = "\n".join(line for line in lines if not line.lstrip().startswith("//"))
    value = json.loads(body)
    if not isinstance(value, dict):
        raise ValueError(f"{path}: the gold is not a JSON object")
    return value


def load(which: str) -> list[Article]:
    """The articles of one set (`dev`, `heldout`) or of both (`all`), in name order."""
    names = SETS if which == "all" else (which,)
    articles: list[Article] = []
    for set_name in names:
        for path in sorted((HERE / set_name).glob("*.txt")):
            gold_path = path.with_name(path.stem + ".gold.json")
            articles.append(
                Article(
                    name=path.stem,
                    set=set_name,
                    path=path,
                    text=path.read_text(encoding="utf-8"),
                    gold=read_gold(gold_path),
                )
            )
    return articles


def reader() -> Callable[[str], Document] | None:
    """The extractor's own reader (`rollcall.extraction.read_document`), once it exists."""
    found = getattr(importlib.import_module("rollcall.extraction"), "read_document", None)
    return cast("Callable[[str], Document]", found) if callable(found) else None
