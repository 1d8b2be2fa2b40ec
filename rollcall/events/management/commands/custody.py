"""`rollcall manage custody [--rebuild]`: check (or re-derive) everyone's custody from the events.

Every writer re-derives the custody of the people it writes events for. This finds anyone whose
custody no longer follows their events (a write that went around the writers: a queryset
update, SQL in a database shell, a partial restore), and with `--rebuild` re-derives everyone,
which is also the step to run after an upgrade that changes the custody rules.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from rollcall.events.custody import drifted_people, rebuild_custody
from rollcall.events.models import CustodyInterval, Event
from rollcall.people.models import Person


class Command(BaseCommand):
    help = "Check that everyone's custody follows their events; --rebuild re-derives it all."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--rebuild", action="store_true", help="re-derive everyone's custody from the events"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        drifted = drifted_people()
        if options["rebuild"]:
            everyone = set(Event.objects.values_list("person_id", flat=True))
            everyone |= set(CustodyInterval.objects.values_list("person_id", flat=True))
            rebuild_custody(everyone)
            self.stdout.write(
                f"custody re-derived for {len(everyone)} people ({len(drifted)} had drifted)"
            )
            return
        if not drifted:
            self.stdout.write("custody follows the events of everyone")
            return
        uids = dict(Person.objects.filter(pk__in=drifted).values_list("pk", "uid"))
        for pk in drifted:
            self.stderr.write(f"{uids.get(pk, pk)}: custody differs from the events")
        self.stderr.write(
            f"{len(drifted)} people; `rollcall manage custody --rebuild` re-derives their custody"
        )
        raise SystemExit(1)
