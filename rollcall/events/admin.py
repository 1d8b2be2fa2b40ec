"""The admin of events, and of people with their timeline of events inline; citations.

Every form here asks the data-entry rules (`events.validation`, through `events.forms`) in its
`clean()` and shows each problem at its field: a release before the arrest is refused at the
release's date, with nothing saved. A person's timeline is judged as the form leaves it, so an
arrest and its release can be typed in one go.

Every admin path that writes events (add, change, revert from the history, delete, the bulk
"delete selected" action, a person's inline events, deleting people) runs inside
`custody.writing_events`, so custody is re-derived in the transaction of the write.

The person admin lives here rather than in people/admin.py: the people app sits below events
and cannot show a person's events (`lint-imports` holds the layers). It extends the people app's
own `PersonAdmin`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse

from rollcall.events.custody import writing_events
from rollcall.events.forms import CheckedForm, EventForm, TimelineFormSet
from rollcall.events.models import CriminalArticle, Event, Facility
from rollcall.events.validation import (
    Problem,
    citation_problems,
    country_problem,
    name_problems,
    person_problems,
    source_problems,
)
from rollcall.lib.admin import RegistryAdmin, RegistryInline
from rollcall.people.admin import CitizenshipInline, ExternalIdInline, NameInline, PersonAdmin
from rollcall.people.choices import Publication
from rollcall.people.models import Person, PersonName
from rollcall.people.publishing import publication_problems
from rollcall.sources.admin import CitationAdmin, SourceAdmin
from rollcall.sources.models import Citation, Source

# The event's own date is a fact that happened; a sentence's `term_ends_on` looks ahead.
EVENT_PAST_DATES = ("date",)


class CitationForm(CheckedForm[Citation]):
    """A citation whose quote is found in the source's stored text; offsets left empty are
    filled in with where the quote is (as `sources.services.cite` does)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        source, quote = cleaned.get("source"), cleaned.get("quote") or ""
        located = cleaned.get("start") is not None or cleaned.get("end") is not None
        if source is not None and quote and source.text and not located and not self.errors:
            start = source.text.find(quote)
            if start >= 0:
                cleaned["start"], cleaned["end"] = start, start + len(quote)
        return cleaned

    def problems(self, record: Citation) -> list[Problem]:
        return citation_problems(record)


class CitationInline(GenericTabularInline):
    """The sources a fact cites, with the quoted evidence, on the fact's own page."""

    model = Citation
    form = CitationForm
    extra = 0
    fields = ["source", "quote", "start", "end"]
    raw_id_fields = ["source"]


@admin.register(Event)
class EventAdmin(RegistryAdmin[Event]):
    form = EventForm
    inlines = [CitationInline]
    list_display = ["person", "type", "date", "country", "release_kind", "destination"]
    list_filter = ["type", "country", "release_kind", "custody_kind"]
    raw_id_fields = ["person", "collective"]
    filter_horizontal = ["articles"]
    past_dates = EVENT_PAST_DATES

    def save_model(
        self, request: HttpRequest, obj: Event, form: ModelForm[Event], change: bool
    ) -> None:
        with writing_events(events=[obj]):
            super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Event) -> None:
        with writing_events(events=[obj]):
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        with writing_events(people=queryset.values_list("person_id", flat=True)):
            super().delete_queryset(request, queryset)


class EventInline(RegistryInline[Event, Person]):
    """A person's timeline; sources, articles and notes are edited on the event's own page."""

    model = Event
    extra = 0
    fields = [
        "type",
        "date",
        "date_precision",
        "country",
        "release_kind",
        "destination",
        "sentence_kind",
        "term_months",
        "term_ends_on",
        "custody_kind",
        "facility",
        "collective",
    ]
    raw_id_fields = ["collective"]
    show_change_link = True
    past_dates = EVENT_PAST_DATES
    formset = TimelineFormSet


class NameForm(CheckedForm[PersonName]):
    def problems(self, record: PersonName) -> list[Problem]:
        return name_problems(record)


class CheckedNameInline(NameInline):
    form = NameForm


class PersonForm(CheckedForm[Person]):
    def problems(self, record: Person) -> list[Problem]:
        problems = person_problems(record)
        # Publishing through the form (an admin's choice) needs what publishing needs; a new
        # person's names come with the form's own rows, so only a stored person is asked.
        publishing = record.publication == Publication.PUBLISHED and (
            self.instance.pk is not None and "publication" in self.changed_data
        )
        if publishing:
            problems += [Problem(field, message) for field, message in publication_problems(record)]
        return problems


@admin.register(Person)
class PersonWithEventsAdmin(PersonAdmin):
    form = PersonForm
    inlines = [CheckedNameInline, ExternalIdInline, CitizenshipInline, EventInline]

    def view_on_site(self, obj: Person) -> str:
        # The staff page rather than the public one: it shows drafts and hidden people too,
        # with their history.
        return reverse("web:staff-person", args=[obj.uid])

    def save_related(
        self, request: HttpRequest, form: ModelForm[Person], formsets: Any, change: bool
    ) -> None:
        with writing_events(people=[form.instance.pk]):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request: HttpRequest, obj: Person) -> None:
        # The cascade takes the person's events and custody with them; re-deriving the deleted
        # person clears anything a cascade did not reach.
        with writing_events(people=[obj.pk]):
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        with writing_events(people=queryset.values_list("pk", flat=True)):
            super().delete_queryset(request, queryset)


class CountryForm(CheckedForm[Any]):
    """A record whose `country` is an ISO code: charges are matched to the holding state by it."""

    def problems(self, record: Any) -> list[Problem]:
        return country_problem("country", record.country)


@admin.register(CriminalArticle)
class CriminalArticleAdmin(RegistryAdmin[CriminalArticle]):
    form = CountryForm
    list_display = ["country", "code", "number", "title"]
    list_filter = ["country"]


@admin.register(Facility)
class FacilityAdmin(RegistryAdmin[Facility]):
    form = CountryForm
    list_display = ["name", "country", "locality", "postal_address"]
    search_fields = ["name", "locality", "postal_address"]


@admin.register(Citation)
class CheckedCitationAdmin(CitationAdmin):
    """Registered here, as the person admin is: the rule its form asks lives above sources."""

    form = CitationForm


class SourceForm(CheckedForm[Source]):
    def problems(self, record: Source) -> list[Problem]:
        return source_problems(record)


@admin.register(Source)
class CheckedSourceAdmin(SourceAdmin):
    """Registered here, as citations are: its form asks a rule that lives above sources."""

    form = SourceForm
