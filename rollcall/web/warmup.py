"""Loading what the first visitors would otherwise wait for, once, before the workers start.

`rollcall serve` runs gunicorn with `--preload`: the application is loaded in gunicorn's master
process, which then forks its workers. Whatever is loaded here is then in every worker from its
first request, shared with the master until a worker writes to it: the registry's name index
(a search's first seconds at 100,000 people), the views and what they import, the message
catalogs and the chart library (a few seconds in all).

The index is only a head start: before answering, it still checks the registry for names
written since and takes them in (`rollcall.people.matching`), so a worker forked from an old
master never answers from old names.
"""

from __future__ import annotations

import gc
import logging

from django.conf import settings
from django.db import DatabaseError, connections
from django.urls import get_resolver
from django.utils import translation

from rollcall.names.chinese import han_name
from rollcall.people.matching import registry_index

log = logging.getLogger(__name__)


def warm_up() -> None:
    # Imported for its side effect: matplotlib and the SVG backend, loaded once.
    from rollcall.web import charts  # noqa: F401

    # The URL configuration imports every view and what they use (the exporters, the API's
    # schemas): two seconds Django would otherwise spend on a worker's first request.
    get_resolver().url_patterns  # noqa: B018 - read for its side effect
    for code, _name in settings.LANGUAGES:  # activating parses the language's catalogs, once
        translation.activate(code)
    translation.deactivate()

    han_name("刘晓波")  # pypinyin and its phrase tables: a second, on a Han name's first search
    catch_up()


def catch_up() -> None:
    """Bring the name index up to date and leave it to be shared by the workers forked next.

    Called once at start-up and again by the master before it forks each worker
    (rollcall/web/gunicorn_conf.py): one look at the change signal when nothing was written."""
    try:
        registry_index.refresh()
    except DatabaseError as error:  # an unmigrated or unreachable database: each worker will try
        log.warning("the name index was not loaded before start-up: %s", error)
    finally:
        # A connection opened here would be shared by every forked worker: close it, so that
        # each opens its own.
        connections.close_all()
    # Everything loaded so far lives as long as the process. Frozen, the collector never walks
    # it, so a worker's collections do not write to (and so copy) the pages it shares with the
    # master and the other workers: the index stays shared (docs/names.md, "The server").
    gc.freeze()
