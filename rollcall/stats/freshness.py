"""Figures computed once per registry version, not once per visitor.

The rule (docs/stats.md, "Cached figures"): every write to the registry changes
`RegistryVersion.token` in its own transaction, and cached figures are keyed on the token (with
the date and the filters). A request reads the token first and then the figures for it, so it
never gets figures older than the last write committed before it began, in any worker: the
token lives in the database all workers share, and so do the figures (the `shared` cache).

Writes are seen through the models' post_save, post_delete and m2m_changed signals for every
model of the registry apps, and through `rollcall.lib.signals.registry_written`, which the bulk
paths that skip model signals send (`RawInsert.flush`, the CSV import's bulk updates,
`rebuild_custody`, which every event writer calls). A write by other means (SQL in a database
shell, a restore) is seen at the next write through Rollcall.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from rollcall.events.models import CustodyInterval
from rollcall.lib.signals import registry_written
from rollcall.stats.models import RegistryVersion
from rollcall.stats.queries import Stats, compute

# The apps whose records the figures (and the pages around them) are made of.
REGISTRY_APPS = ("sources", "people", "events", "collective")
CACHE_PREFIX = "rollcall.stats"
# Shared by the server's workers (config/settings.py): one computes, every one reads.
CACHE_ALIAS = "shared"
# Long enough that a quiet registry is computed a few times a day, short enough that the cache
# of a worker asked for many different filters empties itself.
CACHE_SECONDS = 6 * 3600
T = TypeVar("T")


def current_token() -> str:
    """The registry's version now: one primary-key lookup.

    Plain SQL: every visitor's request asks it (the page cache), and building the ORM's query
    costs more than running it.
    """
    table = connection.ops.quote_name(RegistryVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 - a model's table
        row = cursor.fetchone()
    return str(row[0]) if row else ""


def bump(**_: Any) -> None:
    """Give the registry a new version, in the caller's transaction."""
    token = uuid.uuid4().hex
    if not RegistryVersion.objects.filter(pk=1).update(token=token):
        RegistryVersion.objects.create(pk=1, token=token)


def per_version(name: str, make: Callable[[], T]) -> T:
    """`make()` as of the registry's current version: made once per version, then read.

    For what a page derives from the whole registry and the version alone decides (the list of
    holding states a filter offers): `name` must say everything else the value depends on.
    """
    key = f"{CACHE_PREFIX}:{current_token()}:{name}"  # the token first: what follows is as fresh
    found: T | None = caches[CACHE_ALIAS].get(key)
    if found is not None:
        return found
    made = make()
    caches[CACHE_ALIAS].set(key, made, CACHE_SECONDS)
    return made


def cached_compute(
    as_of: date | None = None,
    country: str | None = None,
    series: str | None = None,
    from_: date | None = None,
) -> Stats:
    """`compute(...)` as of the registry's current version: computed once, then read."""
    day = as_of or date.today()
    return per_version(
        f"figures:{day.isoformat()}:{country}:{series}:{from_}",
        lambda: compute(day, country, series, from_),
    )


def _registry_models() -> list[type[Model]]:
    found: list[type[Model]] = []
    for label in REGISTRY_APPS:
        for model in apps.get_app_config(label).get_models():
            # History rows are written beside the records they follow, and custody intervals by
            # `rebuild_custody` alone, which sends `registry_written`. A listener on custody
            # would also cost its bulk delete Django's fast path.
            if model is CustodyInterval or model.__name__.startswith("Historical"):
                continue
            found.append(model)
    return found


def connect() -> None:
    """Listen to every registry write (called once, from the app's `ready`)."""
    uid = "rollcall.stats.freshness"
    for model in _registry_models():
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}.save.{model._meta.label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}.delete.{model._meta.label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(bump, sender=through, dispatch_uid=f"{uid}.m2m.{through}")
    registry_written.connect(bump, dispatch_uid=f"{uid}.bulk")
