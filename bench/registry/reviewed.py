"""The reviewer's part in a synthetic import: every held row kept apart, as its own person.

The generator draws names from small tables, so most of its people have a namesake, and the
import holds each later namesake as a draft for review (docs/duplicates.md). The benchmarks know
what no reviewer can: every synthetic row is someone else. So they play the reviewer who keeps
every pair apart, in one bulk update (a reviewer's page would take one decision per pair), and
the figures they check count every synthetic person, as the generator's ground truth does.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bench.registry.synthetic import UID_PREFIX
from rollcall.duplicates.models import DuplicateFlag, FlagState
from rollcall.lib.signals import registry_written
from rollcall.people.choices import Publication
from rollcall.people.models import Person

REASON = "synthetic benchmark data: every generated row is a different person"


def keep_synthetic_rows_apart() -> int:
    """Publish the synthetic people an import held, marking their flags kept apart; how many."""
    with transaction.atomic():
        flags = DuplicateFlag.objects.filter(
            state=FlagState.PENDING, held_uid__startswith=UID_PREFIX
        )
        held = list(flags.values_list("held_id", flat=True))
        Person.objects.filter(pk__in=held, publication=Publication.DRAFT).update(
            publication=Publication.PUBLISHED
        )
        flags.update(state=FlagState.KEPT_APART, decided_at=timezone.now(), reason=REASON)
        # A queryset update sends no model signal: tell whatever keys on registry writes (the
        # cached figures, the page cache) that the registry changed.
        registry_written.send(sender=Person)
    return len(held)
