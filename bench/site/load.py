"""Filling a fresh database with the synthetic registry, in a process of its own.

Django reads its database settings once, at start-up, so the parent (`python -m bench.site`)
runs this with the database's URL in the environment:

    python -m bench.site.load --people N [--events-per-person 10] [--seed S] CSV

The CSV (written by the parent with bench/registry's generator) has already been imported with
`rollcall import`; this loads the other events as bench/registry does, then re-derives custody,
which also gives the registry a new version (the cached figures start cold).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from bench.registry.synthetic import DEFAULT_SEED, SYNTHETIC_NOTE, UID_PREFIX, people

BATCH = 5000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site.load")
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--events-per-person", type=int, default=10)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from bench.registry.reviewed import keep_synthetic_rows_apart
    from rollcall.events.custody import rebuild_custody
    from rollcall.events.models import Event
    from rollcall.people.models import Person

    with transaction.atomic():
        ids = dict(Person.objects.filter(uid__startswith=UID_PREFIX).values_list("uid", "id"))
        if len(ids) != args.people:
            raise SystemExit(f"the import created {len(ids)} synthetic people, not {args.people}")
        Person.objects.filter(uid__startswith=UID_PREFIX).update(note=SYNTHETIC_NOTE)
        keep_synthetic_rows_apart()
        batch: list[Any] = []
        for person in people(args.seed, args.people, args.events_per_person):
            batch += [
                Event(person_id=ids[person.uid], **e.model_fields()) for e in person.loaded_events()
            ]
            if len(batch) >= BATCH:
                Event.objects.bulk_create(batch, batch_size=BATCH)
                batch = []
        Event.objects.bulk_create(batch, batch_size=BATCH)
        rebuild_custody(ids.values())
    if connection.vendor == "postgresql":
        # What autovacuum would do within a minute of the load on a running site.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(Event.objects.count(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
