"""What the registry's admin classes share: their history, and refusing dates still to come.

`RegistryAdmin` is simple_history's admin (every change is kept, with who made it) and
`RegistryInline` the admin's tabular inline; both refuse, in the fields named by `past_dates`,
dates later than today (`dates.not_in_the_future`): an arrest, a release or a birth cannot have
happened tomorrow, and the figures would count it as if it had.

simple_history ships no type information, and Django's admin classes cannot be subscripted at
run time; to the type checker these are Django's generic ModelAdmin and TabularInline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib import admin
from django.db import models
from django.forms import Field as FormField
from django.http import HttpRequest

from rollcall.lib.dates import not_in_the_future

_M = TypeVar("_M", bound=models.Model)
# The model an inline's rows belong to: a person's names, a collective event's destinations.
_Parent = TypeVar("_Parent", bound=models.Model)

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin as _HistoryAdmin
    from django.contrib.admin import TabularInline as _TabularInline
else:
    from simple_history.admin import SimpleHistoryAdmin

    class _HistoryAdmin(SimpleHistoryAdmin):
        def __class_getitem__(cls, _: object) -> type:
            return cls

    class _TabularInline(admin.TabularInline):
        def __class_getitem__(cls, _: object) -> type:
            return cls


def _refusing_future(formfield: FormField | None, name: str, past_dates: tuple[str, ...]) -> None:
    if formfield is not None and name in past_dates:
        formfield.validators = [*formfield.validators, not_in_the_future]


class RegistryAdmin(_HistoryAdmin[_M]):
    # Date fields of things that happened; a date that looks ahead (a term's end) is left out.
    past_dates: tuple[str, ...] = ()

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> FormField | None:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        _refusing_future(formfield, db_field.name, self.past_dates)
        return formfield


class RegistryInline(_TabularInline[_M, _Parent]):
    past_dates: tuple[str, ...] = ()

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> FormField | None:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        _refusing_future(formfield, db_field.name, self.past_dates)
        return formfield
