"""`python -m bench.site`: the public site under load, as one command.

Generates a synthetic registry (labelled synthetic: bench/registry/synthetic.py) of N people and
10·N events in a fresh database (SQLite, or a throwaway PostgreSQL cluster), starts the
production server on it (`rollcall serve`: gunicorn) on a free loopback port, and drives C
concurrent clients against each route in turn for S seconds, printing requests per second and
the median and 95th-percentile latency of each.

    python -m bench.site                                   # reduced: 10,000 people, SQLite, 5 s
    python -m bench.site --people 100000 --seconds 20      # the full size
    python -m bench.site --engine postgresql               # a throwaway cluster (initdb)

Exit status: 0 when every route was measured (a missed target is printed, not an error: this is
a benchmark, not a timed test), 1 when the registry could not be built or served.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

from bench.registry.postgres import free_port, fresh_database, throwaway_cluster
from bench.registry.synthetic import DEFAULT_SEED, people, write_csv_file
from bench.site import wrk
from bench.site.client import Summary, drive, get, once

HOST = "127.0.0.1"
# The targets the site is held to on a 2-core machine (docs/benchmarks.md).
P95_TARGET_MS = 100.0
RATE_TARGET = 200.0
RATE_ROUTES = {"home", "search", "api search"}
STATIC_ROUTE = "static file"
SAMPLE = 200  # distinct people and names asked for on the person and search routes
START_TIMEOUT = 300.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.site",
        description="The public site under load, on a synthetic registry served by gunicorn.",
    )
    parser.add_argument("--people", type=int, default=10_000, help="default 10,000")
    parser.add_argument("--events-per-person", type=int, default=10, metavar="K")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--seconds", type=float, default=5.0, help="per route (5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--pg-url", default=os.environ.get("ROLLCALL_BENCH_PG_URL"), help="an existing server"
    )
    parser.add_argument(
        "--client",
        choices=["wrk", "python"],
        default="wrk" if wrk.available() else "python",
        help="the steady state's load generator: wrk (in C, when installed: the default) or the "
        "Python client",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="SQLite: build the registry in DIR and keep it; a later run with the same DIR and "
        "sizes measures it again without rebuilding",
    )
    args = parser.parse_args(argv)
    if args.people < 2 or args.clients < 1 or args.seconds <= 0:
        parser.error("--people must be at least 2, --clients at least 1, --seconds above 0")
    return args


def routes(seed: int, count: int, per_person: int) -> dict[str, list[str]]:
    """The paths each route asks for: fixed pages, and a sample of public people and names."""
    public = [p for p in people(seed, count, per_person) if p.visibility == "public"]
    step = max(1, len(public) // SAMPLE)
    sample = public[::step][:SAMPLE]
    names = [p.name for p in sample]
    return {
        "home": ["/"],
        "search": [f"/people/?{urlencode({'q': name})}" for name in names],
        "person": [f"/people/{quote(p.uid)}/" for p in sample],
        "stats page": ["/stats/"],
        "api search": [f"/api/v1/people?{urlencode({'q': name})}" for name in names],
        "api person": [f"/api/v1/people/{quote(p.uid)}" for p in sample],
        "api stats": ["/api/v1/stats"],
        # Not a target: the ceiling, a static file (whitenoise, before any view) through the
        # same server, connections and load generator on the same cores.
        STATIC_ROUTE: ["/static/web/site.css"],
    }


@contextmanager
def database(args: argparse.Namespace, scratch: Path) -> Iterator[str]:
    if args.engine == "sqlite":
        yield f"sqlite:///{scratch / 'site.sqlite3'}"
        return
    with ExitStack() as stack:
        server = args.pg_url or stack.enter_context(throwaway_cluster())
        yield stack.enter_context(fresh_database(server, f"rollcall_site_{os.getpid()}"))


def run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(
            f"{what} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-3000:]}"
        )


def build(args: argparse.Namespace, env: dict[str, str], scratch: Path) -> None:
    marker = scratch / "built.txt"
    wanted = f"{args.seed} {args.people} {args.events_per_person}\n"
    if args.keep and marker.exists() and marker.read_text() == wanted:
        print(f"  reusing the registry in {scratch}", file=sys.stderr, flush=True)
        return
    for stale in scratch.glob("site.sqlite3*"):  # a build that stopped half-way
        stale.unlink()
    csv_path = scratch / "synthetic.csv"
    write_csv_file(csv_path, args.seed, args.people, args.events_per_person)
    rollcall = str(Path(sys.executable).with_name("rollcall"))
    run([rollcall, "migrate"], env, "migrate")
    run([rollcall, "import", str(csv_path)], env, "rollcall import")
    load = [sys.executable, "-m", "bench.site.load", "--people", str(args.people)]
    load += ["--events-per-person", str(args.events_per_person), "--seed", str(args.seed)]
    run(load, env, "loading the events")
    marker.write_text(wanted)


@contextmanager
def served(args: argparse.Namespace, env: dict[str, str], scratch: Path) -> Iterator[int]:
    """`rollcall serve` on a free port until the block ends; its log goes to a file."""
    port = free_port()
    rollcall = str(Path(sys.executable).with_name("rollcall"))
    command = [rollcall, "serve", "--host", HOST, "--port", str(port)]
    command += ["--workers", str(args.workers)]
    log = (scratch / "serve.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"rollcall serve exited {server.returncode}")
            try:
                if asyncio.run(get(HOST, port, "/robots.txt")) == "200":
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("rollcall serve did not answer in time")
            time.sleep(0.5)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def measure(args: argparse.Namespace, port: int) -> list[tuple[Summary, Summary]]:
    """Per route: its first visits (each path once, one client per worker: no page made yet),
    then C clients asking for the same paths for S seconds.

    No request warms the workers first: `rollcall serve` loads the name index, the views and
    the chart library before forking them (rollcall/web/warmup.py), so what a first visit costs
    is the page's own cost.
    """
    results = []
    for route, paths in routes(args.seed, args.people, args.events_per_person).items():
        first = Summary.of(asyncio.run(once(route, HOST, port, paths, args.workers)))
        if args.client == "wrk":
            steady = wrk.drive(route, HOST, port, paths, args.clients, args.seconds)
        else:
            steady = Summary.of(
                asyncio.run(drive(route, HOST, port, paths, args.clients, args.seconds))
            )
        results.append((first, steady))
        print(f"  measured {route}", file=sys.stderr, flush=True)
    return results


def report(
    args: argparse.Namespace, results: list[tuple[Summary, Summary]], build_s: float
) -> None:
    load = os.getloadavg()[0]
    print(
        f"Rollcall site benchmark: synthetic registry (seed {args.seed}), {args.people:,} people, "
        f"~{args.people * args.events_per_person:,} events, {args.engine}; "
        f"rollcall serve with {args.workers} gunicorn workers; {args.clients} clients × "
        f"{args.seconds:g} s per route on loopback ({args.client} client); {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; built in {build_s:.0f} s; load average {load:.1f}"
    )
    print(
        f"{'':<12} {'first visits':>19}  {'then ' + str(args.clients) + ' clients':>35}\n"
        f"{'route':<12} {'p50 ms':>9} {'p95 ms':>9}  {'requests':>9} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8}  errors"
    )
    missed = []
    for first, r in results:
        p50, p95 = r.p50 * 1000, r.p95 * 1000
        errors = {
            k: r.errors.get(k, 0) + first.errors.get(k, 0) for k in {*r.errors, *first.errors}
        }
        failed = ", ".join(f"{k}×{v}" for k, v in sorted(errors.items())) or "-"
        print(
            f"{r.route:<12} {first.p50 * 1000:>9.1f} {first.p95 * 1000:>9.1f}  "
            f"{r.answered:>9} {r.rate:>8.1f} {p50:>8.1f} {p95:>8.1f}  {failed}"
        )
        if r.route == STATIC_ROUTE:
            continue
        if not p95 <= P95_TARGET_MS:
            missed.append(f"{r.route}: p95 {p95:.0f} ms > {P95_TARGET_MS:.0f} ms")
        if r.route in RATE_ROUTES and r.rate < RATE_TARGET:
            missed.append(f"{r.route}: {r.rate:.0f} req/s < {RATE_TARGET:.0f}")
    for line in missed:
        print(f"MISSED: {line}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.keep and args.engine != "sqlite":
        print("error: --keep keeps a SQLite registry only", file=sys.stderr)
        return 2
    with ExitStack() as kept:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            scratch = args.keep.resolve()
        else:
            scratch = Path(kept.enter_context(tempfile.TemporaryDirectory(prefix="rollcall-site-")))
        try:
            with database(args, scratch) as url:
                env = {
                    **os.environ,
                    "ROLLCALL_DATABASE_URL": url,
                    "ROLLCALL_STATIC_ROOT": str(scratch / "static"),
                    # The server's own store of pages and figures, emptied below: a kept
                    # registry must not be measured from what an earlier run stored.
                    "ROLLCALL_CACHE_DIR": str(scratch / "cache"),
                    "DJANGO_SETTINGS_MODULE": "config.settings",
                }
                print(f"  building {args.people:,} synthetic people", file=sys.stderr, flush=True)
                started = time.perf_counter()
                build(args, env, scratch)
                build_s = time.perf_counter() - started
                shutil.rmtree(scratch / "cache", ignore_errors=True)
                with served(args, env, scratch) as port:
                    results = measure(args, port)
        except RuntimeError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    report(args, results, build_s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
