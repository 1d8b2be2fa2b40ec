"""The registry searches of an import's duplicate check: each distinct name once, on every core.

The check searches the registry's name index for every name of every row that would create a
person (detection.py). On a registry of 100,000 people a search costs about 1 ms of CPU once the
engine's word caches are warm, and about 2 ms before; a 100,000-row list gives over 100,000
distinct names, so the searches are most of such an import. Two things make them cheaper without
changing any answer:

- each distinct spelling is searched once: a search's answer depends on the query and the index
  alone, and a crowded list repeats its names (namesakes, an alias that is another row's name);
- a long list is searched by as many processes as there are cores free (the machine's cores,
  less the load average other work puts on them), forked from this one after the index is
  loaded, so each starts with the index without reading or parsing anything again. The names
  are shared out by their last word, so names with one surname meet one worker's warm caches.
  The workers only read the index; their answers come back over a pipe and are put together in
  the caller's order, so the result is the one a single process gives (a test compares them).

Below `PARALLEL_FROM` distinct names one process searches them all: forking costs more than a
few seconds of searching saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
import zlib
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection

from rollcall.lib.progress import progress
from rollcall.names import Match, NameIndex

PARALLEL_FROM = 4_000
_CHUNK = 250  # names per message from a worker: enough to keep the pipe's overhead small

# What a worker sends: (query, ((person id, variant, score), …)) pairs, or an error's traceback.
_Answers = list[tuple[str, tuple[tuple[str, str, float], ...]]]

# The index the forked workers search: set just before they fork, cleared after.
_shared: NameIndex | None = None


def search_names(
    index: NameIndex, queries: Sequence[str], *, limit: int, min_score: float, description: str
) -> dict[str, list[Match]]:
    """query → the index's answer for it, for each distinct query."""
    distinct = list(dict.fromkeys(queries))
    workers = _workers() if len(distinct) >= PARALLEL_FROM else 1
    if workers <= 1:
        return {
            query: index.search(query, limit=limit, min_score=min_score)
            for query in progress(distinct, len(distinct), description)
        }
    shares: list[list[str]] = [[] for _ in range(workers)]
    for query in distinct:
        shares[_share(query, workers)].append(query)
    answers = _in_parallel(index, shares, limit, min_score, description)
    return {query: answers[query] for query in distinct}


def _workers() -> int:
    """The cores free for this search, this process's own included.

    A worker warms its own caches (about 30 % more CPU in all, measured) and pays only with a
    core to itself: on a machine already busy with other work, two processes searching took
    longer than one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    # The load average counts this process, which is running: the rest is others' work.
    busy = os.getloadavg()[0] - 1 if hasattr(os, "getloadavg") else 0.0
    return max(1, min(cores, round(cores - max(busy, 0.0))))


def _share(query: str, workers: int) -> int:
    words = query.split()
    # A stable digest (str's hash changes from process to process): the same split every run.
    return zlib.crc32((words[-1] if words else query).casefold().encode()) % workers


def _in_parallel(
    index: NameIndex, shares: list[list[str]], limit: int, min_score: float, description: str
) -> dict[str, list[Match]]:
    """The first share searched here, each other one in a forked worker, at the same time."""
    global _shared
    context = multiprocessing.get_context("fork")
    found: dict[str, list[Match]] = {}
    pipes: list[Connection] = []
    children = []
    _shared = index
    # What is loaded now is left alone by the collector, in the workers too: a collection there
    # would write to every object's header and copy the index's memory page by page.
    gc.freeze()
    try:
        for share in shares[1:]:
            ours, theirs = context.Pipe(duplex=False)
            child = context.Process(
                target=_worker, args=(theirs, share, limit, min_score), daemon=True
            )
            child.start()
            theirs.close()
            pipes.append(ours)
            children.append(child)
    finally:
        _shared = None
        gc.unfreeze()
    total = sum(len(share) for share in shares)
    bar = iter(progress(range(total), total, description))
    try:
        own = shares[0]
        for start in range(0, len(own), _CHUNK):
            for query in own[start : start + _CHUNK]:
                found[query] = index.search(query, limit=limit, min_score=min_score)
                next(bar, None)
            # Read what the workers have sent so far: a worker whose pipe is full waits.
            for pipe in list(pipes):
                while pipe in pipes and pipe.poll():
                    _receive(pipe, pipes, found, bar)
        for pipe in list(pipes):
            while pipe in pipes:
                _receive(pipe, pipes, found, bar)
    finally:
        for pipe in pipes:
            pipe.close()
        for child in children:
            child.join(timeout=5)
            if child.is_alive():
                child.kill()
    return found


def _receive(
    pipe: Connection, pipes: list[Connection], found: dict[str, list[Match]], bar: Iterator[int]
) -> None:
    message = pipe.recv()
    if message is None:  # this worker is done
        pipes.remove(pipe)
        pipe.close()
        return
    if isinstance(message, str):
        raise RuntimeError(f"a duplicate-check worker failed:\n{message}")
    answers: _Answers = message
    for query, matches in answers:
        found[query] = [Match(pid, variant, score) for pid, variant, score in matches]
        next(bar, None)


def _worker(pipe: Connection, queries: list[str], limit: int, min_score: float) -> None:
    index = _shared
    try:
        assert index is not None
        for start in range(0, len(queries), _CHUNK):
            answers: _Answers = [
                (
                    query,
                    tuple(
                        (m.person_id, m.variant, m.score)
                        for m in index.search(query, limit=limit, min_score=min_score)
                    ),
                )
                for query in queries[start : start + _CHUNK]
            ]
            pipe.send(answers)
        pipe.send(None)
    except Exception:
        pipe.send(traceback.format_exc())
    finally:
        pipe.close()
