"""gunicorn's settings for `rollcall serve` that its command line cannot hold: the hooks.

Memory (docs/names.md, "The server"): the name index is loaded once in the master and shared
with the workers it forks (rollcall/web/warmup.py). But a search touches the index's objects,
and CPython writes a reference count into every object it touches, so the kernel copies each
touched page for the worker: in a crowded registry a worker's own memory grows by hundreds of
megabytes within a few thousand searches, until it holds a copy of most of the index. So a
worker whose private memory passes `ROLLCALL_WORKER_MEMORY_MB` is replaced, after the request
it is answering, by a fresh fork that shares the master's pages again; and every worker is
replaced after `max_requests` requests in any case. Before each fork the master catches its own
index up, so a new worker starts from today's names and keeps them shared.
"""

from __future__ import annotations

import os
from typing import Any

# A worker answers this many requests, give or take the jitter (so that the workers are not all
# replaced at once), then is replaced by a fresh fork.
max_requests = 5000
max_requests_jitter = 500

# Memory of its own (pages no other process shares) a worker may hold before it is replaced.
WORKER_MEMORY_MB = float(os.environ.get("ROLLCALL_WORKER_MEMORY_MB", "200"))
# Reading a worker's memory costs about a millisecond: once every this many requests.
CHECK_EVERY = 25


def pre_fork(server: Any, worker: Any) -> None:
    from rollcall.web.warmup import catch_up

    catch_up()


def post_request(worker: Any, req: Any, environ: Any, resp: Any) -> None:
    worker.rollcall_requests = getattr(worker, "rollcall_requests", 0) + 1
    if worker.rollcall_requests % CHECK_EVERY:
        return
    own = private_mb()
    if own is not None and own > WORKER_MEMORY_MB:
        worker.log.info("worker replaced: %.0f MB of its own memory", own)
        worker.alive = False  # as gunicorn's own max_requests does: leave after this request


def private_mb() -> float | None:
    """Memory this process does not share with any other (None where the kernel cannot say)."""
    try:
        with open("/proc/self/smaps_rollup") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    kb = 0
    for line in lines:
        key, _, rest = line.partition(":")
        if key in ("Private_Clean", "Private_Dirty"):
            kb += int(rest.split()[0])
    return kb / 1024
