"""`rollcall import FILE --mapping MAPPING`: lists in their own shape, all or nothing."""

from __future__ import annotations

import json

import pytest

from rollcall.events.models import Event
from rollcall.interchange.models import ImportRun
from rollcall.people.choices import Publication, Visibility
from rollcall.people.models import Person
from rollcall.sources.models import Citation
from tests.interchange.conftest import table_counts

pytestmark = pytest.mark.django_db

# A Russian-language list: its own columns, semicolons, Windows-1251, day-first dates.
RUSSIAN = """
[source]
format = "csv"
delimiter = ";"
encoding = "cp1251"

[id]
column = "№"
prefix = "ovd-"

[dates]
formats = ["%d.%m.%Y", "%m.%Y", "%Y"]

[fields.name]
column = "ФИО"

[fields.aliases]
column = "Латиницей"
separator = "|"

[fields.gender]
column = "Пол"
values = { "женский" = "female", "мужской" = "male", "неизвестно" = "" }

[fields.country]
value = "RU"

[fields.detained_on]
column = "Задержан"

[fields.sentence]
column = "Приговор"
values = { "пожизненно" = "life", "до суда" = "not_sentenced" }

[fields.articles]
column = "Статьи"
separator = ","
code = "УК РФ"

[fields.facility]
column = "Учреждение"

[fields.sources]
column = "Источник"
separator = " "
"""

HEADER = "№;ФИО;Латиницей;Пол;Задержан;Приговор;Статьи;Учреждение;Источник\n"


@pytest.fixture
def russian(write_file):
    return write_file("ovd.toml", RUSSIAN)


def csv_1251(write_file, *rows: str):
    return write_file("ovd.csv", (HEADER + "".join(row + "\n" for row in rows)).encode("cp1251"))


def test_a_list_in_its_own_columns_words_and_date_formats_becomes_person_records(
    write_file, russian, run
):
    path = csv_1251(
        write_file,
        "17;Иванова Анна;Ivanova Anna|Anna Ivanova;женский;07.09.2021;15.03.2030;"
        "280.3, 207.3;СИЗО-1;https://example.org/a https://example.org/b",
        "18;Петров Пётр;;неизвестно;2022;до суда;;;https://example.org/a",
    )

    result = run("import_list", str(path), "--mapping", str(russian))

    assert result.code == 0, result.err
    run_kept = ImportRun.objects.get()
    assert result.out.strip() == (
        f"{path}: 2 rows read; 2 new, 0 updated, 0 unchanged; missing: Латиницей 1, "
        f"Статьи 1, Учреждение 1; report: /staff/imports/{run_kept.pk}/"
    )
    anna = Person.objects.get(uid="ovd-17")
    assert anna.gender == "female"
    assert sorted(anna.names.values_list("value", "kind")) == [
        ("Anna Ivanova", "alias"),
        ("Ivanova Anna", "alias"),
        ("Иванова Анна", "primary"),
    ]
    arrest, sentence = anna.events.order_by("type")
    assert (arrest.type, arrest.when, arrest.country) == ("arrest", "2021-09-07", "RU")
    assert (sentence.type, sentence.sentence_kind, str(sentence.term_ends_on)) == (
        "sentence",
        "term",
        "2030-03-15",
    )
    assert sentence.facility is not None
    assert sentence.facility.name == "СИЗО-1"
    assert sorted(sentence.articles.values_list("code", "number")) == [
        ("УК РФ", "207.3"),
        ("УК РФ", "280.3"),
    ]
    for fact in (anna, arrest, sentence):
        cited = Citation.objects.filter(
            object_id=fact.pk, content_type__model=fact._meta.model_name
        )
        assert sorted(cited.values_list("source__url", flat=True)) == [
            "https://example.org/a",
            "https://example.org/b",
        ]
    petr = Person.objects.get(uid="ovd-18")
    assert petr.gender == ""
    held = petr.events.get()
    assert (held.type, held.when, held.sentence_kind) == ("arrest", "2022", "")


def test_an_untranslated_value_and_a_bad_date_refuse_the_whole_file_naming_each_line(
    write_file, russian, run
):
    before = table_counts()
    path = csv_1251(
        write_file,
        "1;Иванова Анна;;женский;07.09.2021;;;;",
        "2;Петров Пётр;;жен.;31.02.2021;;;;",
        "3;Сидоров;;мужской;;10 лет;;;",
    )

    result = run("import_list", str(path), "--mapping", str(russian))

    assert result.code == 1
    assert result.lines == [
        f"{path}:3: Пол: 'жен.' is not translated; add it under fields.gender.values "
        "(registry words: female, male, other)",
        f"{path}:3: Задержан: '31.02.2021' is not a date in any of the formats %d.%m.%Y, %m.%Y, "
        "%Y (fields.detained_on.formats)",
        f"{path}:4: Приговор: '10 лет' is not translated; add it under fields.sentence.values "
        "(registry words: term, life, death_penalty, non_custodial, unknown, not_sentenced, a "
        "date in fields.sentence.formats)",
    ]
    assert table_counts() == before


def test_a_column_the_mapping_names_but_the_file_lacks_is_a_problem_of_the_header(
    write_file, russian, run
):
    path = write_file("ovd.csv", "№;ФИО\n1;Иванова Анна\n".encode("cp1251"))
    result = run("import_list", str(path), "--mapping", str(russian))
    assert result.code == 1
    assert result.lines[0] == (
        f"{path}:1: header: no column 'Латиницей' (named by fields.aliases.column); "
        "the file's columns are №, ФИО"
    )


def test_a_bad_mapping_is_refused_before_the_list_is_read(write_file, run):
    before = table_counts()
    mapping = write_file("bad.toml", RUSSIAN.replace("[fields.gender]", "[fields.sex]"))
    result = run("import_list", "no-such-list.csv", "--mapping", str(mapping))
    assert result.code == 1
    assert result.lines[0] == (
        f"{mapping}: fields.sex: unknown key; expected one of name, aliases, gender, birth, "
        "death, country, citizenship, visibility, note, place, detained_on, sentenced_on, "
        "sentence, term_months, custody_kind, court, facility, facility_address, articles, "
        "released_on, release_kind, sources"
    )
    assert table_counts() == before


def test_an_unreadable_value_may_be_left_empty_when_the_mapping_says_so(write_file, run):
    mapping = write_file(
        "m.toml",
        '[source]\nformat = "csv"\n[id]\ncolumn = "id"\n[fields.name]\ncolumn = "name"\n'
        '[fields.birth]\ncolumn = "born"\nif_unreadable = "leave_empty"\n',
    )
    path = write_file("l.csv", "id,name,born\na1,Ales,19812\na2,Ina,1981\n")

    result = run("import_list", str(path), "--mapping", str(mapping))

    assert result.code == 0, result.err
    assert result.lines == [
        f"{path}:2: born: '19812' is not a date in any of the formats %Y-%m-%d, %Y-%m, %Y "
        "(fields.birth.formats); left empty"
    ]
    assert "2 new" in result.out
    assert "1 values could not be read (left empty)" in result.out
    assert Person.objects.get(uid="a1").birth_date is None
    assert Person.objects.get(uid="a2").birth_date.year == 1981


GEOJSON_MAPPING = """
[source]
format = "json"
record_path = "features[].properties"

[id]
hash = ["name", "born"]
prefix = "geo-"

[dates]
formats = ["%d %B %Y", "%B %Y", "%Y"]

[fields.name]
column = "name"

[fields.birth]
column = "born"

[fields.country]
column = "state"
values = { "Belarus" = "BY" }

[fields.released_on]
column = "freed"

[fields.release_kind]
column = "how"
values = { "pardoned" = "pardon" }

[fields.sources]
column = "links"
"""


def test_geojson_features_properties_are_the_rows_and_a_list_value_is_several_values(
    write_file, run
):
    features = [
        {
            "type": "Feature",
            "geometry": None,
            "properties": {
                "name": "Ihar Losik",
                "born": "1992",
                "state": "Belarus",
                "freed": "1 October 2022",
                "how": "pardoned",
                "links": ["https://example.org/1", "https://example.org/2"],
            },
        },
        {"type": "Feature", "properties": {"name": "Maria Kalesnikava", "born": "April 1982"}},
    ]
    mapping = write_file("geo.toml", GEOJSON_MAPPING)
    path = write_file(
        "list.geojson", json.dumps({"type": "FeatureCollection", "features": features})
    )

    first = run("import_list", str(path), "--mapping", str(mapping))
    again = run("import_list", str(path), "--mapping", str(mapping))

    assert first.code == 0, first.err
    assert "2 rows read; 2 new" in first.out
    assert "0 new, 0 updated, 2 unchanged" in again.out
    ihar = Person.objects.get(names__value="Ihar Losik")
    assert ihar.uid.startswith("geo-")
    release = ihar.events.get()
    assert (release.type, release.when, release.release_kind, release.country) == (
        "release",
        "2022-10-01",
        "pardon",
        "BY",
    )
    maria = Person.objects.get(names__value="Maria Kalesnikava")
    assert (str(maria.birth_date), maria.birth_precision) == ("1982-04-01", "month")


def test_rows_the_hash_cannot_tell_apart_are_refused_with_the_columns_to_add(write_file, run):
    mapping = write_file("geo.toml", GEOJSON_MAPPING)
    same = {"name": "Ihar Losik", "born": "1992"}
    path = write_file("list.json", json.dumps({"features": [{"properties": same}] * 2}))
    result = run("import_list", str(path), "--mapping", str(mapping))
    assert result.code == 1
    assert result.lines[0].startswith(f"{path}:2: id: same id 'geo-")
    assert result.lines[0].endswith("as line 1; add a column to id.hash that tells them apart")


def test_reimporting_a_list_keeps_what_the_registry_decided_about_its_people(
    write_file, russian, run
):
    path = csv_1251(write_file, "17;Иванова Анна;;женский;07.09.2021;;;;https://example.org/a")
    assert run("import_list", str(path), "--mapping", str(russian), "--draft").code == 0
    Person.objects.filter(uid="ovd-17").update(visibility=Visibility.HIDDEN)

    result = run("import_list", str(path), "--mapping", str(russian))

    assert "0 new, 0 updated, 1 unchanged" in result.out, result.err
    anna = Person.objects.get(uid="ovd-17")
    assert (anna.visibility, anna.publication) == (Visibility.HIDDEN, Publication.DRAFT)


def test_a_dry_run_counts_the_people_and_writes_nothing(write_file, russian, run):
    before = table_counts()
    path = csv_1251(write_file, "17;Иванова Анна;;женский;07.09.2021;;;;")
    result = run("import_list", str(path), "--mapping", str(russian), "--dry-run")
    assert result.out.split("; missing:")[0].endswith(
        "1 new, 0 updated, 0 unchanged (dry run: nothing written)"
    )
    assert table_counts() == before
    assert not Event.objects.exists()


def test_a_bad_json_record_is_named_by_the_line_it_starts_on(write_file, run):
    mapping = write_file("geo.toml", GEOJSON_MAPPING)
    people = [{"name": "Ihar Losik", "born": "1992"}, {"name": "Ina", "born": "soon"}]
    features = [{"properties": person} for person in people]
    path = write_file("list.json", json.dumps({"features": features}, indent=2))
    result = run("import_list", str(path), "--mapping", str(mapping))
    assert result.code == 1
    assert result.lines == [
        f"{path}:10: born: 'soon' is not a date in any of the formats %d %B %Y, %B %Y, %Y "
        "(fields.birth.formats)"
    ]


def test_a_byte_order_mark_is_no_part_of_the_first_columns_name(write_file, run):
    mapping = write_file(
        "m.toml",
        '[source]\nformat = "csv"\nencoding = "UTF8"\n[id]\ncolumn = "id"\n'
        '[fields.name]\ncolumn = "name"\n',
    )
    path = write_file("l.csv", "\ufeffid,name\nx1,Ales Bialiatski\n")
    result = run("import_list", str(path), "--mapping", str(mapping))
    assert result.code == 0, result.err
    assert Person.objects.get(uid="x1").names.get().value == "Ales Bialiatski"


def test_a_source_that_is_no_url_is_named_once_at_its_column(write_file, russian, run):
    path = csv_1251(write_file, "17;Иванова Анна;;женский;07.09.2021;пожизненно;;;ovd.info")
    result = run("import_list", str(path), "--mapping", str(russian))
    assert result.code == 1
    assert result.lines == [f"{path}:2: Источник: 'ovd.info' is not an http(s) URL"]
