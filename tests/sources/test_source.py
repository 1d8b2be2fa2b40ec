"""A source's fingerprint always describes the text stored with it, read back from the database."""

from __future__ import annotations

import hashlib

import pytest

from rollcall.sources.models import Source

pytestmark = pytest.mark.django_db

ARTICLE = "Belarus released 123 prisoners on 13 December 2025."
CORRECTED = "Belarus released 123 political prisoners on 13 December 2025."


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored(source: Source) -> Source:
    return Source.objects.get(pk=source.pk)


def test_a_source_saved_with_text_stores_the_fingerprint_of_that_text() -> None:
    source = Source.objects.create(title="Release", text=ARTICLE)
    assert stored(source).sha256 == fingerprint(ARTICLE)


def test_a_source_without_text_has_no_fingerprint() -> None:
    source = Source.objects.create(title="Release", url="https://example.org/release")
    assert stored(source).sha256 == ""


def test_clearing_the_text_clears_the_fingerprint() -> None:
    source = Source.objects.create(title="Release", text=ARTICLE)
    source.text = ""
    source.save()
    assert stored(source).sha256 == ""


def test_changing_the_text_replaces_the_fingerprint() -> None:
    source = Source.objects.create(title="Release", text=ARTICLE)
    source.text = CORRECTED
    source.save()
    assert stored(source).sha256 == fingerprint(CORRECTED)


def test_a_save_limited_to_the_text_writes_its_fingerprint_too() -> None:
    source = Source.objects.create(title="Release", text=ARTICLE)
    source.text = ""
    source.save(update_fields=["text"])
    cleared = stored(source)
    assert (cleared.text, cleared.sha256) == ("", "")

    source.text = CORRECTED
    source.save(update_fields=["text"])
    assert stored(source).sha256 == fingerprint(CORRECTED)


def test_a_fingerprint_set_by_hand_without_text_is_not_kept() -> None:
    source = Source(title="Release", sha256=fingerprint(ARTICLE))
    source.save()
    assert stored(source).sha256 == ""
