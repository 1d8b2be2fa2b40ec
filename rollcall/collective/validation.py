"""What data entry refuses in collective events, agreements, sanctions and estimates, and why.

The companion of `events.validation` (same `Problem`, shown at the field it names) for the
records reported about many people at once:

- a date of something that happened still to come (a sanctions measure may take effect later,
  so only its country codes are checked);
- a country that is not an ISO code;
- a destination that is the holding state itself, or destinations on an event that takes nobody
  anywhere;
- a number without a qualifier ("exactly", "at least", …) or a qualifier without a number;
  destinations or citizenships counted exactly that add up to more than the event's exact count;
- a release kind on an event that is no release; a state sanctioning itself.

Interface shared with the API's writes (keep it; extend with keyword arguments that default):
`collective_problems(event, destinations=(), today=None)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from rollcall.collective.choices import Qualifier
from rollcall.collective.models import (
    Agreement,
    AgreementParty,
    CollectiveEvent,
    DestinationCount,
    NationalsCount,
    ReportedEstimate,
    SanctionsMeasure,
)
from rollcall.events.validation import (
    HAS_DESTINATION,
    Problem,
    country_problem,
    future_date_problem,
)

# Issuers of sanctions that are no state.
ISSUERS = frozenset({"EU", "UN"})


def count_problems(value: int | None, qualifier: str, *, required: bool = False) -> list[Problem]:
    """A reported number comes with how exact it is, and a qualifier with its number.

    Both empty is "some": the event or the group was reported without a figure (`required`
    refuses that where a figure is the whole point, as in an estimate).
    """
    if value is None and qualifier:
        return [
            Problem(
                "count_value",
                _('Give the number that "%(qualifier)s" qualifies, or clear the qualifier.')
                % {"qualifier": Qualifier(qualifier).label},
            )
        ]
    if value is not None and not qualifier:
        return [
            Problem(
                "count_qualifier",
                _(
                    "Say how exact the number is (exactly, at least, more than, about, …), as "
                    "the source gives it."
                ),
            )
        ]
    if value is None and required:
        return [Problem("count_value", _("Give the number."))]
    return []


def destination_problems(
    event: CollectiveEvent, destination: DestinationCount | NationalsCount
) -> list[Problem]:
    """One row of a collective event's destinations (or citizenships), on the row's own fields."""
    problems = country_problem("country", destination.country)
    problems += count_problems(destination.count_value, destination.count_qualifier)
    if isinstance(destination, DestinationCount):
        if event.type not in HAS_DESTINATION:
            problems.append(
                Problem(
                    "country",
                    _(
                        "Only a release or a deportation takes people to another country: "
                        "remove this destination."
                    ),
                )
            )
        elif destination.country and destination.country == event.country:
            problems.append(
                Problem(
                    "country",
                    _(
                        "The destination is the holding state itself (%(country)s): give the "
                        "country the people were taken to."
                    )
                    % {"country": event.country},
                )
            )
    return problems


def _exact_total(rows: Sequence[DestinationCount | NationalsCount]) -> int:
    return sum(
        row.count_value or 0
        for row in rows
        if row.count_qualifier in (Qualifier.EXACT, Qualifier.AT_LEAST, Qualifier.MORE_THAN)
    )


def parts_problems(
    event: CollectiveEvent, rows: Sequence[DestinationCount | NationalsCount], field: str
) -> list[Problem]:
    """Parts of a group counted at least so many cannot outnumber a group counted exactly."""
    if event.count_qualifier != Qualifier.EXACT or event.count_value is None:
        return []
    total = _exact_total(rows)
    if total <= event.count_value:
        return []
    return [
        Problem(
            field,
            _(
                "These add up to at least %(total)s people, more than the %(count)s the event "
                "counts: correct a number, or the event's count."
            )
            % {"total": total, "count": event.count_value},
        )
    ]


def collective_problems(
    event: CollectiveEvent,
    destinations: Sequence[DestinationCount] = (),
    today: date | None = None,
    *,
    nationals: Sequence[NationalsCount] = (),
) -> list[Problem]:
    """Problems with a collective event as entered, with its destinations (and citizenships).

    A destination's own problems are reported on the `destinations` field, naming the country,
    for writers that show them at the event; the admin shows them on the row itself
    (`destination_problems`).
    """
    problems = [
        *future_date_problem("date", event.date, event.date_precision, today),
        *country_problem("country", event.country),
        *count_problems(event.count_value, event.count_qualifier),
    ]
    if event.release_kind and event.type not in HAS_DESTINATION:
        problems.append(
            Problem(
                "release_kind",
                _("Only a release or a deportation says how people were freed: leave it empty."),
            )
        )
    for row in destinations:
        problems += [
            Problem("destinations", f"{row.country}: {problem.message}")
            for problem in destination_problems(event, row)
        ]
    for counted in nationals:
        problems += [
            Problem("nationals", f"{counted.country}: {problem.message}")
            for problem in destination_problems(event, counted)
        ]
    problems += parts_problems(event, destinations, "destinations")
    problems += parts_problems(event, nationals, "nationals")
    return problems


def agreement_problems(agreement: Agreement, today: date | None = None) -> list[Problem]:
    return future_date_problem("date", agreement.date, agreement.date_precision, today)


def party_problems(party: AgreementParty) -> list[Problem]:
    return country_problem("country", party.country)


def sanctions_problems(measure: SanctionsMeasure) -> list[Problem]:
    """Who imposed what on whom; a measure may take effect later, so its date is not checked."""
    problems = country_problem("target_country", measure.target_country)
    if measure.issuer not in ISSUERS:
        problems += country_problem("issuer", measure.issuer)
    if measure.issuer and measure.issuer == measure.target_country:
        problems.append(
            Problem(
                "target_country",
                _("A state does not sanction itself: check the issuer and the target country."),
            )
        )
    return problems


def estimate_problems(estimate: ReportedEstimate, today: date | None = None) -> list[Problem]:
    return [
        *future_date_problem("as_of", estimate.as_of, estimate.as_of_precision, today),
        *country_problem("country", estimate.country),
        *count_problems(estimate.count_value, estimate.count_qualifier, required=True),
    ]
