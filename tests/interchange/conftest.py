"""Helpers for the import/export tests: files on disk, and a snapshot of every table."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from rollcall.people.matching import registry_index

HEADER = (
    "id,name,aliases,birth_year,gender,country,detained_on,released_on,release_kind,destination,"
    "visibility,source_url"
)


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    """Each test's database is new; so must the process-wide name index be (imports consult it)."""
    registry_index.reset()
    yield
    registry_index.reset()


def table_counts() -> dict[str, int]:
    """Rows in every registry table and its history table: "untouched" means all equal."""
    labels = {"people", "events", "sources", "collective"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


class Run:
    """The outcome of one command run through call_command."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err
        self.lines = err.splitlines()


@pytest.fixture
def run() -> Callable[..., Run]:
    def run_command(name: str, *args: str) -> Run:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(name, *args, stdout=out, stderr=err)
        except SystemExit as stop:
            return Run(int(stop.code or 0), out.getvalue(), err.getvalue())
        return Run(0, out.getvalue(), err.getvalue())

    return run_command


@pytest.fixture
def rich_registry() -> None:
    """Every kind of fact the JSON Lines record carries, in several scripts, with citations."""
    from datetime import date

    from rollcall.collective.models import CollectiveEvent
    from rollcall.events.models import CriminalArticle, Event, Facility
    from rollcall.people.models import Citizenship, ExternalId, Person, PersonName
    from rollcall.sources.models import Source
    from rollcall.sources.services import cite

    article = Source.objects.create(
        kind="article",
        title="Court sentences opposition figures",
        publisher="Example News",
        url="https://news.example.org/2021/09/06/sentence",
        published_on=date(2021, 9, 6),
        text="Maria Kalesnikava was sentenced to 11 years in a colony under article 361.",
    )
    undated = Source.objects.create(kind="other", title="Letter from prison (undated)")
    release = CollectiveEvent.objects.create(
        type="release",
        title="Release of 123 political prisoners by Belarus",
        date=date(2025, 12, 13),
        country="BY",
        release_kind="deal",
    )
    colony = Facility.objects.create(name="Penal colony No. 4, Homiel", country="BY")
    art361 = CriminalArticle.objects.create(country="BY", number="361", title="calls to harm")
    art357 = CriminalArticle.objects.create(country="BY", number="357", title="conspiracy")

    maria = Person.objects.create(
        uid="by-maria",
        gender="female",
        birth_date=date(1982, 4, 1),
        birth_precision="month",
        note="Flautist; campaign manager in 2020.",
        place="Minsk",
    )
    for value, script, kind in (
        ("Maria Kalesnikava", "und-Latn", "primary"),
        ("Марыя Калеснікава", "be-Cyrl", "alias"),
        ("Мария Колесникова", "ru-Cyrl", "alias"),
        ("玛丽亚·科列斯尼科娃", "zh-Hans", "alias"),
        ("Maria Kolesnikova", "und-Latn", "misspelling"),
    ):
        name = PersonName.objects.create(person=maria, value=value, script=script, kind=kind)
        if kind == "primary":
            cite(name, article, "Maria Kalesnikava")
    ExternalId.objects.create(person=maria, scheme="wikidata", value="Q97201133")
    ExternalId.objects.create(person=maria, scheme="viasna", value="1234")
    cite(Citizenship.objects.create(person=maria, country="BY"), undated, "")
    events = [
        Event(person=maria, type="arrest", date=date(2020, 9, 7), country="BY"),
        Event(person=maria, type="charge", date=date(2020, 9, 16), country="BY"),
        Event(
            person=maria,
            type="sentence",
            date=date(2021, 9, 6),
            country="BY",
            sentence_kind="term",
            term_months=132,
            regime="general",
            court="Minsk Regional Court",
            term_ends_on=date(2031, 9, 6),
            facility=colony,
        ),
        Event(person=maria, type="transfer", date=date(2022, 1, 1), date_precision="year"),
        Event(person=maria, type="recognition", recognised_by="Viasna", date=date(2020, 9, 9)),
        Event(
            person=maria,
            type="release",
            date=date(2025, 12, 13),
            country="BY",
            release_kind="deal",
            destination="UA",
            collective=release,
        ),
        Event(person=maria, type="deportation", date=date(2025, 12, 13), destination="UA"),
        Event(person=maria, type="death", note="a test-only event with no date"),
    ]
    for event in events:
        event.save()
    sentence = events[2]
    sentence.articles.set([art361, art357])
    cite(sentence, article, "sentenced to 11 years in a colony under article 361")
    cite(events[0], undated, "")
    cite(maria, article, "")

    Person.objects.create(uid="by-anon", visibility="anonymous")
    PersonName.objects.create(
        person=Person.objects.get(uid="by-anon"), value="Secret Name", kind="primary"
    )
    hidden = Person.objects.create(uid="by-hidden", visibility="hidden")
    PersonName.objects.create(person=hidden, value="Hidden Name", kind="primary")
    draft = Person.objects.create(uid="by-draft", publication="draft")
    PersonName.objects.create(person=draft, value="Draft Name", kind="primary")


def wipe_registry() -> None:
    """An empty registry (history is left as it is: nothing reads it here)."""
    from rollcall.collective.models import CollectiveEvent
    from rollcall.events.models import CriminalArticle, Event, Facility
    from rollcall.people.models import Person
    from rollcall.sources.models import Citation, Source

    for model in (Citation, Event, Person, Source, Facility, CriminalArticle, CollectiveEvent):
        model._default_manager.all().delete()
