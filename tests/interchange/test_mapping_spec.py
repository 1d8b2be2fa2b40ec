"""Mapping files are checked whole before a row is read, each problem at its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollcall.interchange.mapping import BadMapping, load_mapping
from rollcall.interchange.mapping.dates import read_date

GOOD = """
[source]
format = "csv"

[id]
column = "No"

[fields.name]
column = "ФИО"
"""


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "list.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadMapping) as refused:
        load_mapping(path)
    return [problem.format("list.toml") for problem in refused.value.problems]


def test_a_minimal_mapping_needs_only_a_format_an_id_and_a_name(tmp_path):
    path = tmp_path / "list.toml"
    path.write_text(GOOD, encoding="utf-8")
    mapping = load_mapping(path)
    assert mapping.source.format == "csv"
    assert mapping.fields["name"].column == "ФИО"
    assert mapping.columns() == [("id.column", "No"), ("fields.name.column", "ФИО")]


def test_an_unknown_key_is_named_with_the_closest_valid_one(tmp_path):
    lines = problems_of(
        tmp_path, GOOD + '[fields.gendr]\ncolumn = "Пол"\n[fields.birth]\ncolum = "Дата"\n'
    )
    assert any(
        line.startswith("list.toml: fields.gendr: unknown key; did you mean 'gender'?")
        for line in lines
    ), lines
    assert any(
        line.startswith("list.toml: fields.birth.colum: unknown key; did you mean 'column'?")
        for line in lines
    ), lines


def test_a_translation_into_a_word_the_registry_lacks_says_which_words_it_has(tmp_path):
    lines = problems_of(
        tmp_path, GOOD + '[fields.gender]\ncolumn = "Пол"\nvalues = { "женский" = "woman" }\n'
    )
    assert lines == [
        "list.toml: fields.gender.values.женский: 'woman' is not a registry word here; write one "
        'of female, male, other, or "" for "the list does not say"'
    ]


def test_a_date_pattern_without_a_year_or_with_an_unknown_directive_is_refused(tmp_path):
    lines = problems_of(tmp_path, GOOD + '[dates]\nformats = ["%d/%m", "%Y-%j"]\n')
    assert lines[0] == "list.toml: dates.formats[0]: '%d/%m' has no year (%Y); every date needs one"
    assert lines[1].startswith("list.toml: dates.formats[1]: '%Y-%j' uses %j;")


def test_a_mapping_without_a_name_or_an_id_lists_both_and_says_what_to_write(tmp_path):
    lines = problems_of(tmp_path, '[source]\nformat = "xls"\n')
    assert "list.toml: fields.name: missing; every person needs a name" in lines[-1]
    assert any(line.startswith("list.toml: id: give either column") for line in lines), lines
    assert any(line.startswith("list.toml: source.format: 'xls' is not a format") for line in lines)


def test_a_constant_that_is_not_a_country_code_is_refused_at_its_key(tmp_path):
    lines = problems_of(tmp_path, GOOD + '[fields.country]\nvalue = "China"\n')
    assert lines == [
        "list.toml: fields.country.value: 'China' is not an ISO 3166-1 alpha-2 country code, "
        "e.g. BY, CN, RU"
    ]


def test_a_field_with_both_a_column_and_a_value_is_refused(tmp_path):
    lines = problems_of(tmp_path, GOOD + '[fields.country]\nvalue = "CN"\ncolumn = "Land"\n')
    assert lines[0].startswith("list.toml: fields.country: give either column")


def test_a_file_that_is_not_toml_is_one_problem(tmp_path):
    lines = problems_of(tmp_path, "[source\n")
    assert len(lines) == 1
    assert lines[0].startswith("list.toml: toml: not valid TOML:")


@pytest.mark.parametrize(
    ("text", "formats", "iso", "precision"),
    [
        ("2022-10-01", ("%Y-%m-%d",), "2022-10-01", "day"),
        ("07/09/2020", ("%d/%m/%Y",), "2020-09-07", "day"),
        ("1 October 2022", ("%Y", "%d %B %Y"), "2022-10-01", "day"),
        ("October 2022", ("%d %B %Y", "%B %Y"), "2022-10", "month"),
        ("1982", ("%Y-%m-%d", "%Y-%m", "%Y"), "1982", "year"),
    ],
)
def test_dates_are_read_by_the_first_pattern_that_reads_them_whole(text, formats, iso, precision):
    when = read_date(text, formats)
    assert (when.iso(), when.precision) == (iso, precision)


def test_a_day_that_is_not_in_the_calendar_is_no_date(tmp_path):
    with pytest.raises(ValueError, match="'1954-02-29' is not a date in any of the formats"):
        read_date("1954-02-29", ("%Y-%m-%d", "%Y-%m", "%Y"))


def test_month_names_in_the_lists_language_are_read_through_the_months_table(tmp_path):
    path = tmp_path / "list.toml"
    path.write_text(
        GOOD + '[dates]\nformats = ["%d %B %Y", "%B %Y"]\n'
        '[dates.months]\n"сентября" = 9\n"сентябрь" = 9\n"верасня" = 9\n'
        '[fields.detained_on]\ncolumn = "Задержан"\n',
        encoding="utf-8",
    )
    spec = load_mapping(path).fields["detained_on"]
    for text, iso in (
        ("7 сентября 2021", "2021-09-07"),
        ("7 Верасня 2021", "2021-09-07"),
        ("Сентябрь 2021", "2021-09"),
    ):
        assert read_date(text, spec.formats, spec.months).iso() == iso


def test_a_month_number_out_of_the_calendar_is_refused_at_its_key(tmp_path):
    lines = problems_of(tmp_path, GOOD + '[dates.months]\n"брумера" = 13\n')
    assert lines == ["list.toml: dates.months.брумера: must be a month number from 1 to 12, e.g. 9"]
