"""One benchmark run: one registry size on one (fresh, empty) database, in its own process.

Why a process of its own: Django reads its database settings once, at start-up; a child per
database and size lets each run have its own `ROLLCALL_DATABASE_URL` and start from cold caches.
The parent (`python -m bench.registry`) creates and drops the database; this module fills it,
measures, checks the figures, and speaks to the parent on stdout, one JSON object per line:
`{"step": "…"}` as it goes, then `{"result": {…}}` (or `{"error": "…"}`) at the end.

    python -m bench.registry._run --db-url URL --people N [--events-per-person 10] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from bench.registry.synthetic import (
    DEFAULT_SEED,
    LAST_DAY,
    SYNTHETIC_NOTE,
    UID_PREFIX,
    Expected,
    people,
    write_csv_file,
)

# The dates `totals` is timed and checked on: in the 2020–21 wave, mid-way, and the last day.
TOTALS_DATES = (date(2020, 12, 31), date(2023, 6, 30), LAST_DAY)
COUNTRY = "BY"
SERIES_START, SERIES_END = date(2020, 1, 1), date(2026, 12, 31)
LOAD_BATCH = 5000


class CheckFailed(Exception):
    """The registry's figures disagree with each other or with the generator's ground truth."""


def emit(**message: Any) -> None:
    print(json.dumps(message), flush=True)


def rollcall_executable() -> str:
    """The console script of the interpreter running us (the project's virtualenv)."""
    beside = Path(sys.executable).with_name("rollcall")
    found = str(beside) if beside.exists() else shutil.which("rollcall")
    if not found:
        raise RuntimeError("the `rollcall` console script is not installed")
    return found


def run_measured(args: list[str], env: dict[str, str], log: Path) -> tuple[float, float, float]:
    """Run a command; return wall seconds, peak RSS in MB and CPU seconds of that one process.

    `os.wait4` gives the resource usage of exactly the process waited for, unlike
    RUSAGE_CHILDREN, which is the maximum over every child this process ever had.
    """
    errors = log.with_name(log.name + ".stderr")
    with log.open("wb") as out, errors.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = (log.read_bytes() + errors.read_bytes()).decode("utf-8", "replace")[-3000:]
        raise RuntimeError(f"{' '.join(args)} exited {process.returncode}:\n{tail}")
    # Linux reports kilobytes. CPU time (user + system) is that of this process only: it says what
    # the command costs even when other work on the machine stretches the wall time.
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def timed(function: Callable[[], Any], repeat: int, warmup: int = 1) -> tuple[float, Any]:
    """Median wall seconds of `repeat` calls after `warmup` calls, and the last call's result."""
    result = None
    for _ in range(warmup):
        result = function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.registry._run")
    parser.add_argument("--db-url", required=True)
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--events-per-person", type=int, default=10)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path, help="scratch directory (default: a temp dir)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rollcall-bench-run-") as scratch:
        workdir = args.workdir or Path(scratch)
        try:
            result = run(args.db_url, args.people, args.events_per_person, args.seed, workdir)
        except CheckFailed as failure:
            emit(error=f"check failed: {failure}")
            return 3
        except Exception as error:  # the parent reports it with the run it belongs to
            emit(error=f"{type(error).__name__}: {error}")
            return 1
    emit(result=result)
    return 0


def run(url: str, count: int, per_person: int, seed: int, workdir: Path) -> dict[str, Any]:
    os.environ["ROLLCALL_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env = {**os.environ, "ROLLCALL_DATABASE_URL": url}
    rollcall = rollcall_executable()
    out: dict[str, Any] = {"people": count, "events_per_person": per_person, "seed": seed}

    emit(step="writing the CSV")
    csv_path = workdir / f"synthetic-{count}.csv"
    started = time.perf_counter()
    write_csv_file(csv_path, seed, count, per_person)
    out["csv_write_s"] = time.perf_counter() - started
    out["csv_mb"] = csv_path.stat().st_size / 1e6

    emit(step="migrating")
    run_measured([rollcall, "migrate"], env, workdir / "migrate.log")

    emit(step="importing the CSV")
    wall, peak, cpu = run_measured([rollcall, "import", str(csv_path)], env, workdir / "import.log")
    out["import_s"], out["import_peak_mb"], out["import_cpu_s"] = wall, peak, cpu
    out["import_output"] = (workdir / "import.log").read_text(encoding="utf-8").strip()[-300:]

    import django

    django.setup()
    from django.db import connection, transaction

    from bench.registry.reviewed import keep_synthetic_rows_apart
    from rollcall.events.custody import rebuild_custody
    from rollcall.events.models import CustodyInterval, Event
    from rollcall.people.models import Person
    from rollcall.stats import queries

    emit(step="loading the other events")
    check_dates = [*TOTALS_DATES, SERIES_END]
    expected = {day: Expected() for day in check_dates}
    expected_country = Expected()
    started = time.perf_counter()
    with transaction.atomic():
        ids = dict(Person.objects.filter(uid__startswith=UID_PREFIX).values_list("uid", "id"))
        if len(ids) != count:
            raise CheckFailed(f"the import created {len(ids)} synthetic people, not {count}")
        Person.objects.filter(uid__startswith=UID_PREFIX).update(note=SYNTHETIC_NOTE)
        out["held_for_review"] = keep_synthetic_rows_apart()
        batch: list[Any] = []
        for person in people(seed, count, per_person):
            for day in check_dates:
                expected[day].add(person, day)
            expected_country.add(person, LAST_DAY, COUNTRY)
            pk = ids[person.uid]
            batch += [Event(person_id=pk, **e.model_fields()) for e in person.loaded_events()]
            if len(batch) >= LOAD_BATCH:
                Event.objects.bulk_create(batch, batch_size=LOAD_BATCH)
                batch = []
        Event.objects.bulk_create(batch, batch_size=LOAD_BATCH)
    out["load_s"] = time.perf_counter() - started

    emit(step="rebuilding custody")
    all_ids = list(ids.values())
    started = time.perf_counter()
    with transaction.atomic():
        rebuild_custody(all_ids)
    out["rebuild_s"] = time.perf_counter() - started

    out["vendor"] = connection.vendor
    if connection.vendor == "postgresql":
        # Autovacuum would analyse the new tables within a minute of the load; do it now so the
        # planner has statistics, as it would on a running site.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        out["analyze_s"] = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            out["db_mb"] = cursor.fetchone()[0] / 1e6
    else:
        path = Path(connection.settings_dict["NAME"])
        out["db_mb"] = sum(
            p.stat().st_size / 1e6 for p in (path, Path(f"{path}-wal")) if p.exists()
        )
    out["events"] = Event.objects.count()
    out["intervals"] = CustodyInterval.objects.count()
    out["people_in_db"] = Person.objects.count()
    out["expected_events"] = sum(len(p.events) for p in people(seed, count, per_person))
    if out["events"] != out["expected_events"]:
        raise CheckFailed(f"{out['events']} events in the database, {out['expected_events']} made")

    emit(step="timing totals")
    problems: list[str] = []
    out["totals"] = []
    for day in TOTALS_DATES:
        seconds, figures = timed(lambda day=day: queries.totals(day), repeat=5)
        out["totals"].append(
            {"as_of": day.isoformat(), "country": None, "s": seconds, "figures": asdict(figures)}
        )
        problems += _compare(f"totals({day})", figures, expected[day])
    seconds, figures = timed(lambda: queries.totals(LAST_DAY, COUNTRY), repeat=5)
    out["totals"].append(
        {
            "as_of": LAST_DAY.isoformat(),
            "country": COUNTRY,
            "s": seconds,
            "figures": asdict(figures),
        }
    )
    problems += _compare(f"totals({LAST_DAY}, {COUNTRY})", figures, expected_country)

    emit(step="timing the monthly series")
    out["series"] = []
    for country in (None, COUNTRY):
        seconds, periods = timed(
            lambda country=country: queries.series(
                SERIES_END, "month", country=country, start=SERIES_START
            ),
            repeat=3,
        )
        at_end = queries.totals(SERIES_END, country)
        last = periods[-1]
        out["series"].append(
            {"country": country, "s": seconds, "periods": len(periods), "last": asdict(last)}
        )
        if len(periods) != 84:
            problems.append(f"series({country}): {len(periods)} months, expected 84 (2020–2026)")
        for figure in ("held", "released", "deported", "died_in_custody"):
            if getattr(last, figure) != getattr(at_end, figure):
                problems.append(
                    f"series({country}) {last.period} {figure} = {getattr(last, figure)}, "
                    f"but totals({SERIES_END}) {figure} = {getattr(at_end, figure)}"
                )
        if country is None:
            problems += _compare(f"series {last.period}", last, expected[SERIES_END])

    emit(step="timing `rollcall stats` end to end")
    stats_log = workdir / "stats.json"
    wall, peak, _ = run_measured(
        [rollcall, "stats", "--as-of", LAST_DAY.isoformat(), "--format", "json"], env, stats_log
    )
    out["stats_cli_s"], out["stats_cli_peak_mb"] = wall, peak
    printed = json.loads(stats_log.read_text(encoding="utf-8"))["totals"]
    in_process = out["totals"][len(TOTALS_DATES) - 1]["figures"]
    if any(printed[key] != in_process[key] for key in ("held", "released", "deported")):
        problems.append(f"`rollcall stats` printed {printed}, totals() gave {in_process}")

    if problems:
        raise CheckFailed("; ".join(problems))
    out["checks"] = "ok"
    return out


def _compare(what: str, got: Any, want: Expected) -> list[str]:
    """Differences between the registry's figures and the generator's ground truth."""
    return [
        f"{what} {figure} = {getattr(got, figure)}, the generated registry has "
        f"{getattr(want, figure)}"
        for figure in ("held", "released", "deported", "died_in_custody")
        if getattr(got, figure) != getattr(want, figure)
    ]


if __name__ == "__main__":
    sys.exit(main())
