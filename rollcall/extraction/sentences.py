"""Sentences with their character offsets into the document: the unit evidence cites."""

from __future__ import annotations

from dataclasses import dataclass

import syntok.segmenter as segmenter


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (blank-line separated block) it belongs to


def split_sentences(text: str) -> list[Sentence]:
    """The document's sentences in order; syntok's token offsets index `text` itself."""
    found: list[Sentence] = []
    for number, paragraph in enumerate(segmenter.analyze(text)):
        for tokens in paragraph:
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            # syntok keeps a token's original characters, but guard against a normalised value.
            if text[start:end].strip():
                found.append(Sentence(start, end, text[start:end], number))
    return found
