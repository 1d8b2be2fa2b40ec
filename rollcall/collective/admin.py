"""The admin of collective events, agreements, sanctions and reported estimates.

Every form asks the data-entry rules (`collective.validation`) in its `clean()` and shows each
problem at its field; a destination's own problems (the holding state given as a destination, a
number without its qualifier) are shown on its row.

None of these is read by custody (a person's events point to a collective event, but custody is
derived from the events' own type, dates and places), so no write here re-derives it: deleting a
collective event only unlinks its people's events from it.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from rollcall.collective.models import (
    Agreement,
    AgreementParty,
    CollectiveEvent,
    DestinationCount,
    NationalsCount,
    ReportedEstimate,
    SanctionsMeasure,
)
from rollcall.collective.validation import (
    agreement_problems,
    collective_problems,
    destination_problems,
    estimate_problems,
    parts_problems,
    party_problems,
    sanctions_problems,
)
from rollcall.events.admin import CitationInline
from rollcall.events.forms import CheckedForm, candidate, show_problems
from rollcall.events.validation import Problem
from rollcall.lib.admin import RegistryAdmin, RegistryInline


class CollectiveForm(CheckedForm[CollectiveEvent]):
    def problems(self, record: CollectiveEvent) -> list[Problem]:
        # The destinations are judged row by row in their own formset, which sees the
        # event as this form leaves it.
        return collective_problems(record)


class PartsFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """A collective event's destinations or citizenships: each row judged against the event as
    its form leaves it, and together against its exact count."""

    def clean(self) -> None:
        super().clean()
        event: CollectiveEvent = self.instance
        rows = [
            (form, candidate(form))
            for form in self.forms
            if (form.has_changed() or form.instance.pk is not None)
            and hasattr(form, "cleaned_data")
            and not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]
        for form, row in rows:
            show_problems(form, destination_problems(event, row))
        together = parts_problems(event, [row for _, row in rows], "count_value")
        if together:
            raise ValidationError([problem.message for problem in together])


class DestinationInline(RegistryInline[DestinationCount, CollectiveEvent]):
    model = DestinationCount
    formset = PartsFormSet
    extra = 0


class NationalsInline(RegistryInline[NationalsCount, CollectiveEvent]):
    model = NationalsCount
    formset = PartsFormSet
    extra = 0


class AgreementForm(CheckedForm[Agreement]):
    def problems(self, record: Agreement) -> list[Problem]:
        return agreement_problems(record)


class PartyForm(CheckedForm[AgreementParty]):
    def problems(self, record: AgreementParty) -> list[Problem]:
        return party_problems(record)


class SanctionsForm(CheckedForm[SanctionsMeasure]):
    def problems(self, record: SanctionsMeasure) -> list[Problem]:
        return sanctions_problems(record)


class EstimateForm(CheckedForm[ReportedEstimate]):
    def problems(self, record: ReportedEstimate) -> list[Problem]:
        return estimate_problems(record)


class PartyInline(RegistryInline[AgreementParty, Agreement]):
    model = AgreementParty
    form = PartyForm
    extra = 0


@admin.register(CollectiveEvent)
class CollectiveEventAdmin(RegistryAdmin[CollectiveEvent]):
    form = CollectiveForm
    list_display = ["title", "type", "date", "country", "count_qualifier", "count_value"]
    inlines = [DestinationInline, NationalsInline, CitationInline]
    past_dates = ("date",)


@admin.register(Agreement)
class AgreementAdmin(RegistryAdmin[Agreement]):
    form = AgreementForm
    list_display = ["title", "date"]
    inlines = [PartyInline, CitationInline]
    past_dates = ("date",)


@admin.register(SanctionsMeasure)
class SanctionsMeasureAdmin(RegistryAdmin[SanctionsMeasure]):
    # No past_dates: a measure is often announced to take effect on a date still to come.
    form = SanctionsForm
    list_display = ["issuer", "action", "target_country", "target", "date"]
    inlines = [CitationInline]


@admin.register(ReportedEstimate)
class ReportedEstimateAdmin(RegistryAdmin[ReportedEstimate]):
    form = EstimateForm
    list_display = ["attributed_to", "measure", "country", "count_qualifier", "count_value"]
    past_dates = ("as_of",)
    inlines = [CitationInline]
