"""`rollcall match NAME` end to end, as a user runs it: a new process each time.

    python -m bench.names.coldstart --database sqlite:////DIR/site.sqlite3 [--runs 5]

On an existing registry (e.g. the 100,000 synthetic people `python -m bench.site --people
100000 --keep DIR` builds). The first run starts without the saved index (it builds and saves
it, docs/names.md "The index on disk"); the others start from the file, which is what every
later `rollcall match` does. Wall clock of the whole process, interpreter start included.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_S = 2.0
NAMES = ("Aliaksandr Ivanou", "Марыя Калеснікава", "Ihar Losik", "刘晓波", "Siarhei Tsikhanouski")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.names.coldstart", description=__doc__)
    parser.add_argument("--database", required=True, help="ROLLCALL_DATABASE_URL of a registry")
    parser.add_argument("--runs", type=int, default=5, help="runs from the saved index")
    return parser.parse_args(argv)


def run(rollcall: str, env: dict[str, str], *args: str) -> tuple[float, float]:
    """Wall clock and CPU time (user + system) of one `rollcall` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([rollcall, *args], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env = dict(os.environ, ROLLCALL_DATABASE_URL=args.database)
    # As an installed Rollcall runs: with its compiled modules cached (the first run writes them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rollcall = str(Path(sys.executable).with_name("rollcall"))
    # Dropping the saved index: the same code path `rollcall match` takes, so the file is found
    # wherever this database keeps it.
    forget = "from rollcall.people import index_file; index_file.remove()"
    run(rollcall, env, "manage", "shell", "-c", forget)
    built, built_cpu = run(rollcall, env, "match", NAMES[0])
    print(f"rollcall match NAME on {args.database} (load average {os.getloadavg()[0]:.1f})")
    print(f"  no saved index (build and save): {built:.2f} s wall, {built_cpu:.2f} s CPU")
    walls = []
    for i in range(args.runs):
        name = NAMES[i % len(NAMES)]
        wall, cpu = run(rollcall, env, "match", name)
        walls.append(wall)
        print(f"  from the saved index, {name!r}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    median = statistics.median(walls)
    print(f"  median {median:.2f} s wall (target <= {TARGET_S} s)")
    if median > TARGET_S:
        print(f"MISSED: rollcall match {median:.2f} s > {TARGET_S} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
