"""Admin forms that ask the data-entry rules (`events.validation`, `collective.validation`)
and show each problem at the field it names.

A form's `clean()` judges the record as it would be saved (a copy of the instance with the
form's values, `candidate()`), so the rules read the same model objects whether a record comes
through the admin or the API. A problem about a field the form does not show (an event's
articles, in the person page's timeline) is shown above the form, naming the field. A field that
already failed its own check (a date that is no date) is not judged again on its old value.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django import forms
from django.db import models
from django.forms.models import BaseInlineFormSet, construct_instance

from rollcall.events.models import CriminalArticle, Event
from rollcall.events.validation import Problem, event_problems

_M = TypeVar("_M", bound=models.Model)

if TYPE_CHECKING:
    _ModelForm = forms.ModelForm
else:
    # Django's form classes cannot be subscripted at run time; to the type checker they are
    # the stubs' generic ModelForm.
    class _ModelForm(forms.ModelForm):
        def __class_getitem__(cls, _: object) -> type:
            return cls


def show_problems(form: forms.BaseForm, problems: Iterable[Problem]) -> None:
    """Each problem at its field when the form has one, else above the form naming the field."""
    for problem in problems:
        if problem.field in form.errors:
            continue
        if problem.field in form.fields:
            form.add_error(problem.field, problem.message)
        else:
            form.add_error(None, f"{problem.field}: {problem.message}")


def candidate(form: forms.ModelForm[_M]) -> _M:
    """The record as saving the form would make it, without saving it or touching the form's
    own instance (the admin shows that one again when the form is refused)."""
    made = copy.copy(form.instance)
    construct_instance(form, made, form._meta.fields, form._meta.exclude)
    return made


class CheckedForm(_ModelForm[_M], Generic[_M]):
    """A model form whose `clean()` shows the problems `problems()` finds in the candidate."""

    def problems(self, record: _M) -> list[Problem]:
        return []

    def clean(self) -> dict[str, Any]:
        super().clean()
        show_problems(self, self.problems(candidate(self)))
        return self.cleaned_data


def _articles(form: forms.BaseForm, event: Event) -> Sequence[CriminalArticle]:
    """The charges as the form sets them, or (when it does not show them) as stored."""
    if "articles" in form.fields:
        return list(form.cleaned_data.get("articles") or ())
    return list(event.articles.all()) if event.pk is not None else []


class EventForm(CheckedForm[Event]):
    """An event on its own page, judged against the person's stored timeline."""

    def problems(self, record: Event) -> list[Problem]:
        return event_problems(record, _articles(self, record))


class TimelineFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """A person's events edited together: each is judged against the others as the form
    leaves them (a release and its arrest may be typed in one go), not as they are stored."""

    def clean(self) -> None:
        super().clean()
        # Unchanged rows are context, not judged: a save is not refused over a row nobody
        # touched (an imported event the rules would now refuse shows on its own page).
        rows = [
            (form, candidate(form))
            for form in self.forms
            if (form.has_changed() or form.instance.pk is not None)
            and hasattr(form, "cleaned_data")
            and not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]
        events = [event for _, event in rows]
        for form, event in rows:
            if not form.has_changed():
                continue
            others = [other for other in events if other is not event]
            show_problems(form, event_problems(event, _articles(form, event), others=others))
