"""`python -m bench.registry`: the registry benchmark, as one command.

Generates a synthetic registry (labelled synthetic: see bench/registry/synthetic.py) of N people
and 10·N events, and for each size and database, in a fresh database, measures:
the CSV import (`rollcall import`, wall time and peak memory of that process), loading the other
events and rebuilding the derived custody table, `stats` totals as of a few dates, the monthly
series 2020–2026, and `rollcall stats` end to end; it checks the figures against the generator's
own ground truth, then prints one table with the growth from the smallest to the largest size.

    python -m bench.registry                           # the full benchmark: 10k and 100k people,
                                                       #   SQLite and PostgreSQL
    python -m bench.registry --people 10000            # the reduced run (scripts/test): SQLite
    python -m bench.registry --db postgres --pg-url postgres://user@host:5432/postgres

Defaults, chosen so the bare command is the full benchmark and `--people N` alone stays quick:
- sizes: 10,000 and 100,000 people; `--people N` alone means just N; `--sizes` lists them.
- databases: with neither `--people` nor `--sizes`, both; otherwise SQLite, plus PostgreSQL when a
  server is given (`--pg-url` or ROLLCALL_BENCH_PG_URL). PostgreSQL without a server given starts
  a throwaway cluster (initdb, as user `postgres` when run as root) and removes it afterwards.
Exit status: 0 when every run finished and every check passed (a missed target is reported, not
an error: this is a benchmark, not a timed test), 1 when a run failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from bench.registry.postgres import fresh_database, server_version, throwaway_cluster
from bench.registry.report import DB_LABELS, Run, plain, rich_table
from bench.registry.synthetic import DEFAULT_SEED

FULL_SIZES = [10_000, 100_000]
STEPS_PER_RUN = 8  # the `{"step": …}` messages one run emits


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected sizes like 10000,100000") from None
    if not sizes or sizes[0] < 2:
        raise argparse.ArgumentTypeError(f"{text!r}: sizes must be at least 2 people")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.registry",
        description="Registry benchmark on synthetic data: import, custody rebuild, stats.",
        epilog="With no --people/--sizes: 10k and 100k people on SQLite and PostgreSQL.",
    )
    parser.add_argument("--people", type=int, help="registry size (alone: the only size)")
    parser.add_argument(
        "--sizes", type=parse_sizes, help="comma-separated sizes, e.g. 10000,100000"
    )
    parser.add_argument(
        "--events-per-person",
        type=int,
        default=10,
        metavar="K",
        help="events per person on average (default 10)",
    )
    parser.add_argument(
        "--db",
        choices=["sqlite", "postgres", "both"],
        help="default: both for the full run, else sqlite (+ postgres if a URL)",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("ROLLCALL_BENCH_PG_URL") or None,
        help="a PostgreSQL server to create the benchmark databases on "
        "(default $ROLLCALL_BENCH_PG_URL; none: a throwaway cluster)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write raw results here")
    args = parser.parse_args(argv)
    if args.people is not None and args.people < 2:
        parser.error("--people must be at least 2")
    if args.events_per_person < 1:
        parser.error("--events-per-person must be at least 1")
    if args.sizes and args.people is not None and args.people != args.sizes[-1]:
        parser.error("--people must be the largest of --sizes (or leave one of them out)")
    full = args.sizes is None and args.people is None
    args.sizes = args.sizes or ([args.people] if args.people else FULL_SIZES)
    if args.db is None:
        args.db = "both" if full or args.pg_url else "sqlite"
    args.dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    return args


class Progress:
    """A rich progress bar on a terminal; otherwise one line per run on stderr (for CI logs)."""

    def __init__(self, total: int) -> None:
        self.bar: Any = None
        self.what = ""
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("starting", total=total)

    def run(self, what: str) -> None:
        if self.bar is None:
            print(f"bench.registry: {what} …", file=sys.stderr, flush=True)
        else:
            self.what = what

    def step(self, step: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=f"{self.what}: {step}", advance=1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def run_child(url: str, people: int, args: argparse.Namespace, progress: Progress) -> Run:
    """Run one size on one database in a child process and collect what it reports."""
    db = "postgres" if url.startswith("postgres") else "sqlite"
    command = [
        sys.executable,
        "-m",
        "bench.registry._run",
        "--db-url",
        url,
        "--people",
        str(people),
        "--events-per-person",
        str(args.events_per_person),
        "--seed",
        str(args.seed),
    ]
    started = time.perf_counter()
    result: dict[str, Any] | None = None
    error: str | None = None
    steps = 0
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, cwd=_project_root(), env=_child_env()
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            try:
                message = json.loads(line)
            except json.JSONDecodeError:
                print(line, end="", file=sys.stderr)
                continue
            if "step" in message:
                steps += 1
                progress.step(message["step"])
            result = message.get("result", result)
            error = message.get("error", error)
    if child.returncode != 0 and error is None:
        error = f"the run exited {child.returncode}"
    for _ in range(STEPS_PER_RUN - steps):
        progress.step("done")
    return Run(db, people, None if error else result, error, time.perf_counter() - started)


def _project_root() -> Path:
    return Path(__file__).resolve().parent.parent.parent


def _child_env() -> dict[str, str]:
    """The environment of a run: ours, with the project importable (`bench` is not installed)."""
    root = str(_project_root())
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{path}" if path else root}


@contextmanager
def sqlite_database(people: int) -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="rollcall-bench-sqlite-") as directory:
        yield f"sqlite:///{Path(directory) / f'registry-{people}.sqlite3'}"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    runs: list[Run] = []
    versions = [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}"]
    # Other work on the machine slows every figure; the load average says how quiet it was.
    load_at_start = os.getloadavg()[0]
    progress = Progress(len(args.dbs) * len(args.sizes) * STEPS_PER_RUN)
    try:
        with ExitStack() as stack:
            pg_url = args.pg_url
            if "postgres" in args.dbs and not pg_url:
                progress.run("starting a throwaway PostgreSQL cluster")
                pg_url = stack.enter_context(throwaway_cluster())
            if "postgres" in args.dbs:
                versions.append(f"PostgreSQL {server_version(pg_url)}")
            for db in args.dbs:
                for people in args.sizes:
                    progress.run(f"{DB_LABELS[db]}, {people:,} people")
                    if db == "sqlite":
                        database = sqlite_database(people)
                    else:
                        name = f"rollcall_bench_{people}_{os.getpid()}"
                        database = fresh_database(pg_url, name)
                    with database as url:
                        runs.append(run_child(url, people, args, progress))
    finally:
        progress.close()

    title = (
        f"Rollcall registry benchmark: synthetic registry (seed {args.seed}), "
        f"{args.events_per_person} events per person; {os.cpu_count()} CPUs, "
        f"{', '.join(versions)}; load average {load_at_start:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end"
    )
    if sys.stdout.isatty():
        rich_table(title, runs)
    else:
        print(plain(title, runs))
    if args.json:
        raw = {"title": title, "runs": [run.__dict__ for run in runs]}
        args.json.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return 1 if any(run.error for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
