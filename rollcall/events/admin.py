"""The admin of events, and of people with their timeline of events inline.

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
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from rollcall.events.custody import writing_events
from rollcall.events.models import CriminalArticle, Event, Facility
from rollcall.lib.admin import RegistryAdmin, RegistryInline
from rollcall.people.admin import PersonAdmin
from rollcall.people.models import Person

# The event's own date is a fact that happened; a sentence's `term_ends_on` looks ahead.
EVENT_PAST_DATES = ("date",)


@admin.register(Event)
class EventAdmin(RegistryAdmin[Event]):
    list_display = ["person", "type", "date", "country", "release_kind", "destination"]
    list_filter = ["type", "country", "release_kind"]
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
        "facility",
        "collective",
    ]
    raw_id_fields = ["collective"]
    show_change_link = True
    past_dates = EVENT_PAST_DATES


@admin.register(Person)
class PersonWithEventsAdmin(PersonAdmin):
    inlines = [*PersonAdmin.inlines, EventInline]

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


@admin.register(CriminalArticle)
class CriminalArticleAdmin(RegistryAdmin[CriminalArticle]):
    list_display = ["country", "code", "number", "title"]
    list_filter = ["country"]


@admin.register(Facility)
class FacilityAdmin(RegistryAdmin[Facility]):
    list_display = ["name", "country", "locality", "postal_address"]
    search_fields = ["name", "locality", "postal_address"]
