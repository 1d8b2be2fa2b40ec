"""A mapped list's kinds of custody: read from a column through the list's own words, or given
for every row, and where they land on the person's events."""

from __future__ import annotations

import pytest

from rollcall.events.models import CustodySpan, Event

pytestmark = pytest.mark.django_db

LIST = """Имя,Задержан,Мера,Приговор
Андрей Первый,2021-03-01,СИЗО,
Ирина Вторая,2020-10-10,химия,2024-10-10
Олег Третий,,домашний арест,
Павел Четвёртый,2022-05-05,,
"""

MAPPING = """
[source]
format = "csv"

[id]
hash = ["Имя"]
prefix = "ovd-"

[fields.name]
column = "Имя"

[fields.country]
value = "BY"

[fields.detained_on]
column = "Задержан"

[fields.sentence]
column = "Приговор"

[fields.custody_kind]
column = "Мера"
values = { "сизо" = "pre_trial", "химия" = "restricted_freedom", "домашний арест" = "house_arrest" }
"""


def kinds_of(name: str) -> list[tuple[str, str]]:
    events = Event.objects.filter(person__names__value=name).order_by("type")
    return [(e.type, e.custody_kind) for e in events]


def test_a_column_of_the_lists_own_words_gives_each_row_its_kind_of_custody(write_file, run):
    path, mapping = write_file("ovd.csv", LIST), write_file("ovd.toml", MAPPING)
    result = run("import_list", str(path), "--mapping", str(mapping))
    assert result.code == 0, result.err
    assert kinds_of("Андрей Первый") == [("arrest", "pre_trial")]
    # A sentence takes the kind; the arrest before it stays of a kind not given.
    assert kinds_of("Ирина Вторая") == [("arrest", ""), ("sentence", "restricted_freedom")]
    # A kind with no date at all still says the person is held: an undated arrest of that kind.
    assert kinds_of("Олег Третий") == [("arrest", "house_arrest")]
    assert kinds_of("Павел Четвёртый") == [("arrest", "")]
    held_kinds = CustodySpan.objects.filter(end__isnull=True).values_list("kind", flat=True)
    assert sorted(held_kinds) == ["", "house_arrest", "pre_trial", "restricted_freedom"]


def test_a_word_the_mapping_does_not_translate_is_named_at_its_line(write_file, run):
    path = write_file("ovd.csv", LIST.replace("СИЗО", "колония"))
    mapping = write_file("ovd.toml", MAPPING)
    result = run("import_list", str(path), "--mapping", str(mapping))
    assert result.code == 1
    assert any(
        line.startswith(f"{path}:2: Мера: 'колония' is not translated") for line in result.lines
    ), result.lines
    assert not Event.objects.exists()
