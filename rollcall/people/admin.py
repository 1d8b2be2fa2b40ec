"""The people app's admin: a person with their names, external ids and citizenships, and who
may publish them.

`PersonAdmin` is registered by events/admin.py, which adds the person's events inline, judges
them with the data-entry rules and keeps their custody in step when they are edited or the
person is deleted: this app sits below events and cannot know them.

Publishing (rollcall/people/publishing.py): a person an editor adds is a draft, and the
`publication` field is read-only to anyone who may not publish; reviewers and admins publish
and unpublish with the list's actions (or on the staff person page), each decision recorded in
the person's history with who made it and why.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rollcall.lib.admin import RegistryAdmin, RegistryInline
from rollcall.people.choices import Publication
from rollcall.people.models import Citizenship, ExternalId, Person, PersonName
from rollcall.people.publishing import (
    PUBLISHED,
    UNPUBLISHED,
    NotPublishable,
    may_publish,
    set_publication,
)


class NameInline(RegistryInline[PersonName, Person]):
    model = PersonName
    extra = 0


class ExternalIdInline(RegistryInline[ExternalId, Person]):
    model = ExternalId
    extra = 0


class CitizenshipInline(RegistryInline[Citizenship, Person]):
    model = Citizenship
    extra = 0


class PersonAdmin(RegistryAdmin[Person]):
    list_display = ["uid", "__str__", "visibility", "publication", "updated_at"]
    list_filter = ["visibility", "publication", "accepts_letters", "gender"]
    search_fields = ["uid", "names__value"]
    inlines = [NameInline, ExternalIdInline, CitizenshipInline]
    past_dates = ("birth_date",)
    actions = ["publish", "unpublish"]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return may_publish(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Person | None = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if may_publish(request.user) else [*readonly, "publication"]

    def save_model(
        self, request: HttpRequest, obj: Person, form: ModelForm[Person], change: bool
    ) -> None:
        if not may_publish(request.user):
            if not change:
                obj.publication = Publication.DRAFT
        elif change and "publication" in form.changed_data:
            obj._change_reason = (  # type: ignore[attr-defined]
                PUBLISHED if obj.publication == Publication.PUBLISHED else UNPUBLISHED
            )
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Publish the selected people"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        self._set_publication(request, queryset, Publication.PUBLISHED)

    @admin.action(
        description=gettext_lazy("Unpublish the selected people"), permissions=["publish"]
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        self._set_publication(request, queryset, Publication.DRAFT)

    def _set_publication(
        self, request: HttpRequest, queryset: QuerySet[Person], publication: str
    ) -> None:
        changed = 0
        for person in queryset:
            try:
                changed += set_publication(person, publication, request.user)
            except NotPublishable as refused:
                for field, message in refused.problems:
                    self.message_user(
                        request, f"{person.uid}: {field}: {message}", level=messages.ERROR
                    )
        done = (
            _("%(count)s people published.")
            if publication == Publication.PUBLISHED
            else _("%(count)s people unpublished.")
        )
        self.message_user(request, done % {"count": changed}, level=messages.SUCCESS)
