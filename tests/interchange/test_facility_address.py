"""A facility's postal address, read from a list through a mapping or from a JSON Lines record:
it is where letter campaigns send their letters, so it must come in with the list and go out
with the export."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from rollcall.events.models import Facility
from rollcall.people.models import Person

pytestmark = pytest.mark.django_db

MAPPING = """
[source]
format = "csv"

[id]
column = "id"
prefix = "fa-"

[fields.name]
column = "Name"

[fields.country]
value = "BY"

[fields.detained_on]
column = "Detained"

[fields.facility]
column = "Prison"

[fields.facility_address]
column = "Address"
"""

ADDRESS = "231300, г. Лида, ул. Кирова, 16, ИК-1"


def test_a_lists_address_column_becomes_its_facilitys_postal_address(write_file, run):
    mapping = write_file("prisons.toml", MAPPING)
    path = write_file(
        "prisons.csv",
        f'id,Name,Detained,Prison,Address\n1,Ales Bialiatski,2021-07-14,IK-1,"{ADDRESS}"\n',
    )

    result = run("import_list", str(path), "--mapping", str(mapping))

    assert result.code == 0, result.err
    assert Facility.objects.get(name="IK-1").postal_address == ADDRESS
    event = Person.objects.get(uid="fa-1").events.get()
    assert event.facility is not None
    assert event.facility.name == "IK-1"


def test_the_address_goes_out_with_the_export_and_importing_it_again_changes_nothing(
    write_file, run
):
    mapping = write_file("prisons.toml", MAPPING)
    path = write_file(
        "prisons.csv",
        f'id,Name,Detained,Prison,Address\n1,Ales Bialiatski,2021-07-14,IK-1,"{ADDRESS}"\n',
    )
    assert run("import_list", str(path), "--mapping", str(mapping)).code == 0
    out = io.StringIO()
    call_command("export", "--format", "jsonl", stdout=out)
    [event] = json.loads(out.getvalue())["events"]
    assert (event["facility"], event["facility_address"]) == ("IK-1", ADDRESS)
    exported = write_file("people.jsonl", out.getvalue())

    again = run("import_list", str(exported))

    assert again.code == 0, again.err
    assert "1 unchanged" in again.out


def test_an_address_without_its_facility_is_refused_naming_the_row(write_file, run):
    mapping = write_file("prisons.toml", MAPPING)
    path = write_file(
        "prisons.csv",
        f'id,Name,Detained,Prison,Address\n1,Ales Bialiatski,2021-07-14,,"{ADDRESS}"\n',
    )

    result = run("import_list", str(path), "--mapping", str(mapping))

    assert result.code == 1
    assert f"{path}:2: Address: given without the facility it is of (fields.facility)" in result.err
    assert not Person.objects.exists()
