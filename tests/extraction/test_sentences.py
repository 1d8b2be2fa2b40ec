"""Sentence spans: each indexes the document text, abbreviations and initials do not end one."""

from __future__ import annotations

from rollcall.extraction.sentences import split_sentences


def test_each_sentence_is_the_documents_own_text_at_its_offsets() -> None:
    text = "Headline without a stop\n\n  First one. Second one!  Third?\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Headline without a stop",
        "First one.",
        "Second one!",
        "Third?",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 1, 1, 1]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Mr. Ivanov was moved to penal colony No. 17 with J. Smith. He arrived on Monday."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Ivanov was moved to penal colony No. 17 with J. Smith.",
        "He arrived on Monday.",
    ]


def test_a_closing_quote_stays_with_its_sentence() -> None:
    text = 'She said "we are free." Then she left.'
    assert [s.text for s in split_sentences(text)] == ['She said "we are free."', "Then she left."]
