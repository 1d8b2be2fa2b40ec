from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rollcall.people.models import ExternalId, Person, PersonName


class NameInline(admin.TabularInline):
    model = PersonName
    extra = 0


class ExternalIdInline(admin.TabularInline):
    model = ExternalId
    extra = 0


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["uid", "__str__", "visibility", "publication", "updated_at"]
    list_filter = ["visibility", "publication", "gender"]
    search_fields = ["uid", "names__value"]
    inlines = [NameInline, ExternalIdInline]
