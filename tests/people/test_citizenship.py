"""A person's citizenships: ISO codes as stored, one row per state, cited, with history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from rollcall.people.models import Citizenship
from rollcall.sources.models import Source
from rollcall.sources.services import cite
from tests.cast import person
from tests.events.admin_pages import add_inline_row, admin_client, form_errors, page_form, post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["XX", "Ukraine", "UKR", "", "ua", " UA"])
def test_a_citizenship_that_is_not_an_upper_case_iso_code_is_refused(code: str) -> None:
    citizenship = Citizenship(person=person("Oleh Marchenko"), country=code)
    with pytest.raises(ValidationError) as refused:
        citizenship.full_clean()
    assert list(refused.value.message_dict) == ["country"]


def test_a_citizenship_of_an_iso_code_is_accepted_and_keeps_its_history() -> None:
    marchenko = person("Oleh Marchenko")
    citizenship = Citizenship(person=marchenko, country="UA")
    citizenship.full_clean()
    citizenship.save()
    citizenship.country = "MD"
    citizenship.full_clean()
    citizenship.save()
    assert [h.country for h in citizenship.history.order_by("history_date")] == ["UA", "MD"]
    assert list(marchenko.citizenships.values_list("country", flat=True)) == ["MD"]


def test_a_person_holds_each_citizenship_once() -> None:
    marchenko = person("Oleh Marchenko")
    Citizenship.objects.create(person=marchenko, country="UA")
    Citizenship.objects.create(person=person("Ivan Kovalenko"), country="UA")
    with pytest.raises(IntegrityError), transaction.atomic():
        Citizenship.objects.create(person=marchenko, country="UA")
    assert Citizenship.objects.count() == 2


def test_a_citizenship_cites_the_source_that_reports_it() -> None:
    source = Source.objects.create(
        title="Three Ukrainians freed", text="Belarus released three Ukrainian nationals."
    )
    citizenship = Citizenship.objects.create(person=person("Oleh Marchenko"), country="UA")
    cite(citizenship, source, "three Ukrainian nationals")
    (citation,) = citizenship.citations.all()
    assert (citation.source, citation.start, citation.end) == (source, 17, 42)


@pytest.fixture
def admin() -> Client:
    return admin_client()


def test_a_citizenship_added_in_the_person_admin_is_kept_and_a_bad_code_refused(
    admin: Client,
) -> None:
    marchenko = person("Oleh Marchenko")
    url = f"/admin/people/person/{marchenko.pk}/change/"
    data = page_form(admin, url, has="uid")
    add_inline_row(data, "citizenships", country="Ukraine")

    refused = post(admin, url, data)

    assert refused.status_code == 200
    (rows,) = [
        f
        for f in refused.context["inline_admin_formsets"]  # type: ignore[attr-defined]
        if f.formset.prefix == "citizenships"
    ]
    assert [list(errors) for errors in rows.formset.errors if errors] == [["country"]]
    assert not marchenko.citizenships.exists()

    data = page_form(admin, url, has="uid")
    add_inline_row(data, "citizenships", country="UA")
    saved = post(admin, url, data)

    assert saved.status_code == 302, form_errors(saved)
    assert list(marchenko.citizenships.values_list("country", flat=True)) == ["UA"]
