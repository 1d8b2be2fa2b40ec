"""The production server's name index: memory of all its processes, and the first search.

    python -m bench.names.server --database sqlite:////DIR/site.sqlite3 [--workers 2]

Starts `rollcall serve` (gunicorn, `--preload`: the index is loaded once in the master, then
the workers are forked with it; rollcall/web/warmup.py) on an existing registry, e.g. the
100,000 synthetic people `python -m bench.site --people 100000 --keep DIR` builds. Then:

- the time from start to the first answer, and the first search's own time (the index is
  loaded from its saved file before the workers start: a search then only reads it);
- searches through the API from two clients (registry names, half with a one-letter slip), so
  every worker has searched and touched its copy of the index;
- each process's resident (RSS) and proportional (PSS) memory from /proc/PID/smaps_rollup.
  PSS counts a page shared by k processes as 1/k in each: the sum over the processes is what
  the server costs the machine, where summing RSS would count the shared index once per worker.

Visitors' page cache is off for the run (`ROLLCALL_PAGE_CACHE=0`), so every request searches.
Exit status 0 when measured (a missed target is printed, not an error), 1 when the server could
not be started.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench.registry.postgres import free_port

HOST = "127.0.0.1"
MEMORY_TARGET_MB = 1024.0
FIRST_SEARCH_TARGET_S = 2.0
START_TIMEOUT = 600.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.names.server", description=__doc__)
    parser.add_argument("--database", required=True, help="ROLLCALL_DATABASE_URL of a registry")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "2")),
        help="gunicorn workers (the server's default: WEB_CONCURRENCY, else 2)",
    )
    parser.add_argument("--queries", type=int, default=2000, help="searches after the first")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


def sample_names(database: str, count: int, seed: int) -> list[str]:
    """Registry names, half with a one-letter slip, read straight from a SQLite registry."""
    if not database.startswith("sqlite:///"):
        return ["Aliaksandr Ivanou", "Мария Колесникова"] * (count // 2 + 1)
    path = database.removeprefix("sqlite:///")  # sqlite:////abs/path or sqlite:///relative
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT value FROM people_personname ORDER BY random() LIMIT ?", (count,)
        ).fetchall()
    rng = random.Random(seed)
    names = []
    for (value,) in rows:
        if rng.random() < 0.5 and len(value) > 6:
            at = rng.randrange(2, len(value) - 2)
            value = value[:at] + value[at + 1] + value[at] + value[at + 2 :]  # a swap
        names.append(value)
    return names


def ask(port: int, name: str) -> float:
    started = time.perf_counter()
    url = f"http://{HOST}:{port}/api/v1/match?name={quote(name)}&limit=5"
    with urllib.request.urlopen(url, timeout=60) as answer:
        json.load(answer)
    return time.perf_counter() - started


def processes(root: int) -> list[int]:
    """The server's process and its workers (children of the gunicorn master)."""
    found = [root]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == root:
            found.append(int(entry.name))
    return found


def memory_mb(pid: int) -> tuple[float, float, float]:
    """(RSS, PSS, private) in MB."""
    values = {"Private_Clean": 0.0, "Private_Dirty": 0.0}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
            values[key] = int(rest.split()[0]) / 1024
    return values["Rss"], values["Pss"], values["Private_Clean"] + values["Private_Dirty"]


def wait_until_up(server: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"rollcall serve exited {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/robots.txt", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("rollcall serve did not answer in time")
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = sample_names(args.database, args.queries + 1, args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="bench-names-server-"))
    env = dict(os.environ)
    env.update(
        ROLLCALL_DATABASE_URL=args.database,
        ROLLCALL_STATIC_ROOT=str(scratch / "static"),
        ROLLCALL_PAGE_CACHE="0",
    )
    port = free_port()
    rollcall = str(Path(sys.executable).with_name("rollcall"))
    command = [rollcall, "serve", "--host", HOST, "--port", str(port)]
    command += ["--workers", str(args.workers)]
    log_path = scratch / "serve.log"
    with log_path.open("wb") as log:
        started = time.perf_counter()
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        try:
            wait_until_up(server, port)
        except RuntimeError as exc:
            print(f"error: {exc}\n{log_path.read_text()[-3000:]}", file=sys.stderr)
            return 1
        up = time.perf_counter() - started
        first = ask(port, names[0])
        times: list[float] = []
        queue = list(names[1:])
        lock = threading.Lock()

        def client() -> None:
            while True:
                with lock:
                    if not queue:
                        return
                    name = queue.pop()
                took = ask(port, name)
                with lock:
                    times.append(took)

        peak = [0.0, 0.0]
        done = threading.Event()

        def sampler() -> None:
            """The highest total PSS seen while searching (workers come and go)."""
            while not done.wait(0.5):
                total = held = 0.0
                for pid in processes(server.pid):
                    try:
                        rss, pss, private = memory_mb(pid)
                    except (OSError, KeyError):  # a worker just replaced
                        continue
                    total += pss
                    # What the machine holds: the master's pages, and each worker's own.
                    held += rss if pid == server.pid else private
                peak[0] = max(peak[0], total)
                peak[1] = max(peak[1], held)

        watching = threading.Thread(target=sampler)
        watching.start()
        wall = time.perf_counter()
        clients = [threading.Thread(target=client) for _ in range(2)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        wall = time.perf_counter() - wall
        done.set()
        watching.join()
        pids = processes(server.pid)
        memory = {pid: memory_mb(pid) for pid in pids}
    finally:
        server.terminate()
        server.wait(timeout=30)
    times.sort()
    rss = sum(m[0] for m in memory.values())
    pss = sum(m[1] for m in memory.values())
    print(f"rollcall serve --workers {args.workers} on {args.database}")
    print(f"  answering after start:  {up:.2f} s (migrate, static files, loading the index)")
    print(f"  first search:           {first * 1000:.0f} ms (target <= {FIRST_SEARCH_TARGET_S} s)")
    if times:
        p50 = times[len(times) // 2] * 1000
        p95 = times[int(len(times) * 0.95)] * 1000
        print(
            f"  {len(times)} searches, 2 clients: {len(times) / wall:.0f}/s, "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        )
    for pid, (r, p, own) in memory.items():
        role = "master" if pid == server.pid else "worker"
        print(f"  {role:<7} {pid:>7}: RSS {r:7.1f} MB  PSS {p:7.1f} MB  own {own:7.1f} MB")
    print(f"  all {len(memory)} processes: PSS {pss:.0f} MB (RSS summed {rss:.0f} MB) at the end")
    print(
        f"  highest while searching (sampled twice a second): total PSS {peak[0]:.0f} MB; "
        f"master RSS + workers' own {peak[1]:.0f} MB"
    )
    replaced = log_path.read_text().count("Booting worker") - args.workers
    print(f"  workers replaced while searching: {replaced}")
    if max(pss, peak[0]) > MEMORY_TARGET_MB:
        print(f"MISSED: memory {max(pss, peak[0]):.0f} MB > {MEMORY_TARGET_MB:.0f} MB")
    if first > FIRST_SEARCH_TARGET_S:
        print(f"MISSED: first search {first:.2f} s > {FIRST_SEARCH_TARGET_S} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
