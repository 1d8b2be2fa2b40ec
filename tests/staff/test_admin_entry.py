"""Data entry in the admin: the data-entry rules shown at their fields, nothing saved, and an
editor's new person kept from the public as a draft."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import HttpResponse

from rollcall.collective.models import CollectiveEvent, DestinationCount
from rollcall.events.models import CriminalArticle
from rollcall.events.status import status_of, with_status
from rollcall.people.models import Person
from rollcall.sources.models import Citation, Source
from tests.cast import Cast, person
from tests.events.admin_pages import add_inline_row, form_errors, inline_row, page_form, post

pytestmark = pytest.mark.django_db


def errors_at(response: HttpResponse) -> dict[str, list[str]]:
    assert response.status_code == 200, "the form is shown again with its errors"
    form = response.context["adminform"].form  # type: ignore[attr-defined]
    return {name: list(errors) for name, errors in form.errors.items()}


def test_a_release_before_the_arrest_is_refused_at_its_date_and_nothing_is_saved(
    cast: Cast,
) -> None:
    editor = cast.client("editor")
    losik = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    data = page_form(editor, "/admin/events/event/add/", has="type")
    data.update(
        person=[str(losik.pk)],
        type=["release"],
        date=["2019-06-21"],
        date_precision=["day"],
        country=["BY"],
    )

    response = post(editor, "/admin/events/event/add/", data)

    errors = errors_at(response)
    assert list(errors) == ["date"]
    assert "before the person's first arrest" in errors["date"][0]
    assert "2020-06-25" in errors["date"][0]
    assert losik.events.count() == 1
    page = response.content.decode()
    assert "before the person&#x27;s first arrest" in page


def test_a_sentence_ending_before_it_began_is_refused_at_its_end(cast: Cast) -> None:
    editor = cast.client("editor")
    losik = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    data = page_form(editor, "/admin/events/event/add/", has="type")
    data.update(
        person=[str(losik.pk)],
        type=["sentence"],
        date=["2021-12-14"],
        country=["BY"],
        sentence_kind=["term"],
        term_months=["180"],
        term_ends_on=["2021-01-01"],
    )

    errors = errors_at(post(editor, "/admin/events/event/add/", data))

    assert list(errors) == ["term_ends_on"]
    assert not losik.events.filter(type="sentence").exists()


def test_a_charge_under_another_states_article_is_refused_at_the_articles(cast: Cast) -> None:
    editor = cast.client("editor")
    losik = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    russian = CriminalArticle.objects.create(country="RU", number="280")
    data = page_form(editor, "/admin/events/event/add/", has="type")
    data.update(
        person=[str(losik.pk)],
        type=["charge"],
        date=["2020-07-01"],
        country=["BY"],
        articles=[str(russian.pk)],
    )

    errors = errors_at(post(editor, "/admin/events/event/add/", data))

    assert list(errors) == ["articles"]
    assert "RU" in errors["articles"][0]


def test_an_arrest_and_its_release_typed_together_in_the_timeline_are_accepted(
    cast: Cast,
) -> None:
    editor = cast.client("editor")
    losik = person("Ihar Losik")
    url = f"/admin/people/person/{losik.pk}/change/"
    data = page_form(editor, url, has="uid")
    add_inline_row(data, "events", type="release", date="2025-06-21", country="BY")
    add_inline_row(data, "events", type="arrest", date="2020-06-25", country="BY")

    response = post(editor, url, data)

    assert response.status_code == 302, form_errors(response)
    released = with_status(Person.objects.filter(pk=losik.pk), date.today()).get()
    assert status_of(released) == "released"  # custody derived from the events just typed


def test_a_release_typed_before_the_arrest_in_the_timeline_is_refused_on_its_row(
    cast: Cast,
) -> None:
    editor = cast.client("editor")
    losik = person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])
    url = f"/admin/people/person/{losik.pk}/change/"
    data = page_form(editor, url, has="uid")
    add_inline_row(data, "events", type="release", date="2019-06-21", country="BY")

    response = post(editor, url, data)

    assert response.status_code == 200
    (events,) = [
        f.formset
        for f in response.context["inline_admin_formsets"]  # type: ignore[attr-defined]
        if f.formset.prefix == "events"
    ]
    row_errors = [form.errors for form in events.forms if form.errors]
    assert len(row_errors) == 1
    assert list(row_errors[0]) == ["date"]
    assert losik.events.count() == 1


def test_moving_the_arrest_after_the_release_in_the_timeline_is_refused(cast: Cast) -> None:
    editor = cast.client("editor")
    losik = person(
        "Ihar Losik", events=[("arrest", "2020-06-25", "BY"), ("release", "2025-06-21", "BY")]
    )
    arrest = losik.events.get(type="arrest")
    url = f"/admin/people/person/{losik.pk}/change/"
    data = page_form(editor, url, has="uid")
    data[f"{inline_row(data, 'events', arrest.pk)}date"] = ["2025-07-01"]

    response = post(editor, url, data)

    assert response.status_code == 200
    arrest.refresh_from_db()
    assert arrest.date == date(2020, 6, 25)


def test_a_collective_destination_equal_to_the_holding_state_is_refused_on_its_row(
    cast: Cast,
) -> None:
    editor = cast.client("editor")
    url = f"/admin/collective/collectiveevent/{cast.release.pk}/change/"
    data = page_form(editor, url, has="title")
    add_inline_row(data, "destinations", country="BY", count_value="3", count_qualifier="exact")

    response = post(editor, url, data)

    assert response.status_code == 200
    (destinations,) = [
        f.formset
        for f in response.context["inline_admin_formsets"]  # type: ignore[attr-defined]
        if f.formset.prefix == "destinations"
    ]
    (row,) = [form.errors for form in destinations.forms if form.errors]
    assert list(row) == ["country"]
    assert "holding state" in row["country"][0]
    assert not DestinationCount.objects.filter(collective=cast.release).exists()


def test_a_collective_count_without_its_qualifier_is_refused(cast: Cast) -> None:
    editor = cast.client("editor")
    data = page_form(editor, "/admin/collective/collectiveevent/add/", has="title")
    data.update(
        type=["release"],
        title=["Release"],
        date=["2025-09-11"],
        country=["BY"],
        count_value=["52"],
        count_qualifier=[""],
    )

    errors = errors_at(post(editor, "/admin/collective/collectiveevent/add/", data))

    assert list(errors) == ["count_qualifier"]
    assert CollectiveEvent.objects.count() == 1  # the cast's release only


def test_a_citation_whose_quote_is_not_in_the_source_is_refused_and_a_found_one_located(
    cast: Cast,
) -> None:
    editor = cast.client("editor")
    event = cast.people["public"].person.events.get(type="arrest")
    source = Source.objects.create(title="Detained", text="He was detained in Minsk.")
    url = f"/admin/events/event/{event.pk}/change/"
    prefix = "sources-citation-content_type-object_id"

    def cite(quote: str) -> HttpResponse:
        data = page_form(editor, url, has="type")
        add_inline_row(data, prefix, source=str(source.pk), quote=quote)
        return post(editor, url, data)

    refused = cite("He was freed")
    assert refused.status_code == 200
    assert "not in the source&#x27;s stored text" in refused.content.decode()
    assert not Citation.objects.filter(source=source).exists()

    response = cite("detained in Minsk")

    assert response.status_code == 302, form_errors(response)
    citation = Citation.objects.get(source=source)
    assert (citation.start, citation.end) == (7, 24)


def test_an_editors_new_person_is_a_draft_that_visitors_do_not_see(cast: Cast) -> None:
    editor = cast.client("editor")
    data = page_form(editor, "/admin/people/person/add/", has="uid")
    assert "publication" not in data  # read-only to those who may not publish
    data.update(uid=["new-draft"])
    add_inline_row(data, "names", value="Palina Sharenda-Panasiuk", kind="primary")

    response = post(editor, "/admin/people/person/add/", data)

    assert response.status_code == 302, form_errors(response)
    made = Person.objects.get(uid="new-draft")
    assert made.publication == "draft"
    visitor = cast.client("visitor")
    assert visitor.get("/api/v1/people/new-draft").status_code == 404
    assert visitor.get("/people/new-draft/").status_code == 404
    assert "Sharenda-Panasiuk" not in visitor.get("/people/").content.decode()
    assert cast.client("reviewer").get("/api/v1/people/new-draft").status_code == 200


def test_an_editor_cannot_publish_by_posting_the_field(cast: Cast) -> None:
    editor = cast.client("editor")
    draft = cast.people["draft"].person
    url = f"/admin/people/person/{draft.pk}/change/"
    data = page_form(editor, url, has="uid")
    data["publication"] = ["published"]
    data["note"] = ["checked the spelling"]

    response = post(editor, url, data)

    assert response.status_code == 302, form_errors(response)
    draft.refresh_from_db()
    assert draft.note == "checked the spelling"
    assert draft.publication == "draft"


def test_a_new_persons_events_are_judged_against_the_birth_date_typed_with_them(
    cast: Cast,
) -> None:
    editor = cast.client("editor")
    data = page_form(editor, "/admin/people/person/add/", has="uid")
    data.update(uid=["new-born"], birth_date=["2005-05-01"], birth_precision=["day"])
    add_inline_row(data, "names", value="Young Person", kind="primary")
    add_inline_row(data, "events", type="arrest", date="2004-01-01", country="BY")

    response = post(editor, "/admin/people/person/add/", data)

    assert response.status_code == 200
    assert "before the person was born" in response.content.decode()
    assert not Person.objects.filter(uid="new-born").exists()
