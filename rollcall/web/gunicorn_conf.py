"""gunicorn's settings for `rollcall serve` that its command line cannot hold: the hooks.

Memory (docs/names.md, "The server"): the name index is loaded once in the master and shared
with the workers it forks (rollcall/web/warmup.py). A worker's own memory grows as it searches
(the engine's bounded per-word caches, and the shared pages it touches, which the kernel then
copies for it), so each worker is replaced after `max_requests` requests by a fresh fork that
shares the master's index again. Before each fork the master catches its index up with the
registry, so a new worker starts from today's names, not the ones the server started with, and
keeps them shared.
"""

from __future__ import annotations

from typing import Any

# A worker answers this many requests, give or take the jitter (so that the workers are not all
# replaced at once), then is replaced by a fresh fork.
max_requests = 5000
max_requests_jitter = 500


def pre_fork(server: Any, worker: Any) -> None:
    from rollcall.web.warmup import catch_up

    catch_up()
