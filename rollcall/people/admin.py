"""The people app's admin: a person with their names, external ids and citizenships.

`PersonAdmin` is registered by events/admin.py, which adds the person's events inline and keeps
their custody in step when they are edited or the person is deleted: this app sits below events
and cannot know them.
"""

from __future__ import annotations

from rollcall.lib.admin import RegistryAdmin, RegistryInline
from rollcall.people.models import Citizenship, ExternalId, Person, PersonName


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
