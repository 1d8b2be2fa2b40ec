"""Reading the audit trail django-simple-history keeps for every registry record."""

from __future__ import annotations

from typing import TypedDict

from django.db import models
from simple_history.utils import get_history_manager_for_model

from rollcall.collective.models import (
    Agreement,
    CollectiveEvent,
    DestinationCount,
    NationalsCount,
    ReportedEstimate,
    SanctionsMeasure,
)
from rollcall.events.models import Event
from rollcall.people.models import Citizenship, ExternalId, Person, PersonName
from rollcall.sources.models import Citation, Source

AUDITED: dict[str, type[models.Model]] = {
    "person": Person,
    "name": PersonName,
    "external_id": ExternalId,
    "citizenship": Citizenship,
    "event": Event,
    "source": Source,
    "citation": Citation,
    "collective": CollectiveEvent,
    "destination": DestinationCount,
    "nationals": NationalsCount,
    "agreement": Agreement,
    "sanctions": SanctionsMeasure,
    "estimate": ReportedEstimate,
}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# A field's value as a change shows it: JSON's own types as they are, anything else as text.
Plain = str | int | float | bool | None


class Change(TypedDict):
    when: str
    who: str | None
    action: str
    reason: str
    changes: dict[str, tuple[Plain, Plain]]


def _record_id(model: type[models.Model], key: str) -> int:
    if model is Person and not key.isdigit():
        found = Person.objects.filter(uid=key).values_list("pk", flat=True).first()
        if found is None:
            # A deleted person is found through its history.
            found = Person.history.filter(uid=key).values_list("id", flat=True).first()
        if found is None:
            raise LookupError(f"no person {key!r}")
        return int(found)
    if not key.isdigit():
        raise LookupError(f"{key!r} is not a record id")
    return int(key)


def changes(model_name: str, key: str) -> list[Change]:
    """Each historical version as who/when/action/reason plus the fields that changed."""
    model = AUDITED[model_name]
    pk = _record_id(model, key)
    records = list(
        get_history_manager_for_model(model).filter(id=pk).order_by("history_date", "history_id")
    )
    if not records:
        raise LookupError(f"no history for {model_name} {key}")
    out: list[Change] = []
    previous = None
    for record in records:
        diff: dict[str, tuple[Plain, Plain]] = {}
        if previous is not None:
            delta = record.diff_against(previous)
            diff = {c.field: (_plain(c.old), _plain(c.new)) for c in delta.changes}
        out.append(
            {
                "when": record.history_date.isoformat(timespec="seconds"),
                "who": record.history_user.get_username() if record.history_user else None,
                "action": ACTIONS.get(record.history_type, record.history_type),
                "reason": record.history_change_reason or "",
                "changes": diff,
            }
        )
        previous = record
    return out


def _plain(value: object) -> Plain:
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)
