"""`python -m bench.registry.into`: a 100,000-row list imported into a registry of 100,000.

The registry benchmark (`python -m bench.registry`) imports into an empty registry, where the
duplicate check compares rows of the file with each other only. A real list lands in a registry
that already holds people, and then every row that would create a person is also searched for in
the registry's name index (docs/duplicates.md). This benchmark measures that import:

1. (untimed, kept with `--keep DIR`) a labelled-synthetic registry of `--people` N people, built
   the fastest honest way: one CSV imported with `rollcall import`, every held row then kept
   apart as the reviewer who knows the synthetic rows are all different people would
   (`reviewed.py`), and the registry's name index built and saved beside the database, as a
   running site has it;
2. (timed) `rollcall import` of a second, different CSV of `--rows` people, in a subprocess, as a
   user runs it: wall and CPU time and peak memory of that process, and how many rows it held.

Names are crowded as in real registries (bench/names/crowded.py): surnames shared by hundreds,
namesakes in both files. Of the second file's rows, `--respelled` (3 % by default) are registered
people again, in a Latin spelling of another romanisation scheme than the registry holds, with
the birth year and holding state the registry has: the duplicates the check exists to find. The
rest are new people. Every row carries a new `synthetic-…` id, so every row creates a person and is
checked, and the exact-name pairing of rows without an id never turns a row into an update.

The registry is built once per (people, seed) in the `--keep` directory and copied back before
every measurement, so that each import meets the same registry (the import writes into it).

    python -m bench.registry.into --people 100000 --rows 100000 --keep /tmp/into
    python -m bench.registry.into --people 2000 --rows 2000          # a quick look, temp dir
    python -m bench.registry.into ... --profile /tmp/import.prof     # the import under cProfile
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.names.crowded import CrowdedGenerator
from bench.names.schemes import romanise
from bench.names.synthetic import Person as NamedPerson
from bench.registry._run import rollcall_executable, run_measured
from bench.registry.synthetic import CSV_COLUMNS, DEFAULT_SEED, UID_PREFIX

REGISTRY_PREFIX = f"{UID_PREFIX}registry-"
LIST_PREFIX = f"{UID_PREFIX}list-"
SOURCE = "https://example.org/synthetic-list/"
# Latin spellings the registry never holds (it has ICAO, and BGN for Russians): a list that
# writes a registered person this way is what the duplicate check must catch.
RESPELLINGS = {"by": ("by2007", "lacinka", "bgn"), "ru": ("gost", "loc", "french")}
STATES = {"by": "BY", "ru": "RU"}


@dataclass(frozen=True)
class Files:
    registry: Path
    import_list: Path
    respelled: dict[str, str]  # list uid → the registry uid it is the same person as


def _row(
    uid: str, name: str, aliases: list[str], year: int, state: str, gender: str
) -> dict[str, str]:
    return {
        "name": name,
        "id": uid,
        "aliases": "|".join(a for a in aliases if a != name),
        "birth_year": str(year),
        "gender": "female" if gender == "f" else "male",
        "country": state,
        "visibility": "public",
        "source_url": f"{SOURCE}{uid}",
    }


def write_files(directory: Path, people: int, rows: int, respelled: float, seed: int) -> Files:
    """The registry's CSV and the list's CSV; every name crowded, every row labelled synthetic."""
    respelled_count = round(rows * respelled)
    crowd: list[NamedPerson] = CrowdedGenerator(seed).make_people(people + rows - respelled_count)
    rng = random.Random(seed)
    years = [rng.randint(1950, 2004) for _ in crowd]
    registry, listed = directory / "registry.csv", directory / "list.csv"
    same: dict[str, str] = {}
    with registry.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, CSV_COLUMNS)
        writer.writeheader()
        for i, person in enumerate(crowd[:people]):
            uid = f"{REGISTRY_PREFIX}{i:06d}"
            state = STATES[person.kind]
            # Every spelling the registry knows: its primary name and the others as aliases.
            writer.writerow(
                _row(uid, person.names[0], person.names[1:], years[i], state, person.gender)
            )
    lines: list[dict[str, str]] = []
    for offset, person in enumerate(crowd[people:]):
        i = people + offset
        uid = f"{LIST_PREFIX}{i:06d}"
        # A list in the registry's own script, with a Latin spelling beside it on half its rows.
        aliases = [person.names[2]] if rng.random() < 0.5 else []
        lines.append(
            _row(uid, person.names[0], aliases, years[i], STATES[person.kind], person.gender)
        )
    for n, i in enumerate(sorted(rng.sample(range(people), respelled_count))):
        person = crowd[i]
        uid = f"{LIST_PREFIX}again-{n:06d}"
        scheme = rng.choice(RESPELLINGS[person.kind])
        name = romanise(person.names[0], scheme, russian=person.kind == "ru")
        lines.append(_row(uid, name, [], years[i], STATES[person.kind], person.gender))
        same[uid] = f"{REGISTRY_PREFIX}{i:06d}"
    rng.shuffle(lines)
    with listed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(lines)
    return Files(registry, listed, same)


def _env(url: str) -> dict[str, str]:
    root = str(Path(__file__).resolve().parent.parent.parent)
    path = os.environ.get("PYTHONPATH")
    return {
        **os.environ,
        "ROLLCALL_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": f"{root}{os.pathsep}{path}" if path else root,
    }


def _in_child(code: str, url: str) -> Any:
    """Run `code` (which sets `result`) in a Django process on this database; its result."""
    script = (
        "import django, json\ndjango.setup()\n" + code + "\nprint('RESULT ' + json.dumps(result))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=_env(url), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"child failed:\n{done.stderr[-3000:]}")
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


_KEEP_APART = (
    "from bench.registry.reviewed import keep_synthetic_rows_apart\n"
    "result = keep_synthetic_rows_apart()"
)
_BUILD_INDEX = (
    "import time\nfrom rollcall.people.matching import registry_index\n"
    "started = time.perf_counter()\nindex = registry_index.refresh()\n"
    "result = time.perf_counter() - started"
)
_HOLDS = """
from rollcall.duplicates.models import DuplicateFlag, FlagState
from rollcall.people.models import Person
flags = DuplicateFlag.objects.filter(state=FlagState.PENDING, held_uid__startswith={prefix!r})
pairs = list(flags.values_list("held_uid", "candidate_uid"))
result = {{
    "people": Person.objects.count(),
    "pairs": pairs,
}}
"""


def build_registry(keep: Path, files: Files, rollcall: str) -> dict[str, float]:
    """The registry database and its saved name index, in `keep`; what building them took."""
    url = f"sqlite:///{keep / 'pristine.sqlite3'}"
    env = _env(url)
    figures: dict[str, float] = {}
    run_measured([rollcall, "migrate"], env, keep / "migrate.log")
    wall, _, _ = run_measured([rollcall, "import", str(files.registry)], env, keep / "registry.log")
    figures["registry_import_s"] = wall
    figures["registry_held_kept_apart"] = _in_child(_KEEP_APART, url)
    # Everything into the database file itself: only that file is copied for each measurement.
    with closing(sqlite3.connect(keep / "pristine.sqlite3")) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return figures


@contextmanager
def working_copy(keep: Path) -> Iterator[str]:
    """The pristine registry copied to the one path every measurement uses, with its index.

    One path, because the saved index names the database file it was built for: the index
    saved beside `work.sqlite3` after the first copy is kept (`index-saved`) and put back, so a
    measured import loads it as a running site would, and never rebuilds it."""
    work = keep / "work.sqlite3"
    for stale in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(keep / "pristine.sqlite3", work)
    names_dir, saved = Path(f"{work}-names"), keep / "index-saved"
    shutil.rmtree(names_dir, ignore_errors=True)
    if saved.exists():
        shutil.copytree(saved, names_dir)
        os.chmod(names_dir, 0o700)
    yield f"sqlite:///{work}"


def measure(args: argparse.Namespace, keep: Path) -> dict[str, Any]:
    rollcall = rollcall_executable()
    out: dict[str, Any] = {"people": args.people, "rows": args.rows, "seed": args.seed}
    stamp = keep / "files.json"
    wanted = {
        "people": args.people,
        "rows": args.rows,
        "seed": args.seed,
        "respelled": args.respelled,
    }
    if stamp.exists() and json.loads(stamp.read_text())["wanted"] == wanted:
        built = json.loads(stamp.read_text())
        files = Files(keep / "registry.csv", keep / "list.csv", built["respelled_pairs"])
        out.update(built["figures"])
        print("bench.registry.into: reusing the registry in", keep, file=sys.stderr)
    else:
        for old in keep.iterdir():
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        print("bench.registry.into: writing the CSVs …", file=sys.stderr, flush=True)
        files = write_files(keep, args.people, args.rows, args.respelled, args.seed)
        print("bench.registry.into: building the registry …", file=sys.stderr, flush=True)
        figures = build_registry(keep, files, rollcall)
        stamp.write_text(
            json.dumps({"wanted": wanted, "figures": figures, "respelled_pairs": files.respelled})
        )
        out.update(figures)

    with working_copy(keep) as url:
        # The saved index, loaded or (first time, or after the name engine changed) rebuilt.
        out["index_ready_s"] = _in_child(_BUILD_INDEX, url)
        work_names = keep / "work.sqlite3-names"
        shutil.rmtree(keep / "index-saved", ignore_errors=True)
        shutil.copytree(work_names, keep / "index-saved")
    with working_copy(keep) as url:
        print("bench.registry.into: importing the list …", file=sys.stderr, flush=True)
        command = [rollcall, "import", str(files.import_list)]
        if args.profile:
            command = [sys.executable, "-m", "cProfile", "-o", str(args.profile), *command]
        wall, peak, cpu = run_measured(command, _env(url), keep / "import.log")
        out["import_s"], out["import_peak_mb"], out["import_cpu_s"] = wall, peak, cpu
        out["import_output"] = (keep / "import.log").read_text(encoding="utf-8").strip()[-300:]
        found = _in_child(_HOLDS.format(prefix=LIST_PREFIX), url)
    pairs = [tuple(p) for p in found["pairs"]]
    out["people_after"] = found["people"]
    out["held"] = len(pairs)
    out["held_on_registry"] = sum(1 for _, c in pairs if c.startswith(REGISTRY_PREFIX))
    out["respelled"] = len(files.respelled)
    out["respelled_found"] = sum(1 for h, c in pairs if files.respelled.get(h) == c)
    return out


def report(out: dict[str, Any]) -> str:
    lines = [
        f"Rollcall: a {out['rows']:,}-row list imported into {out['people']:,} people "
        f"(crowded synthetic names, seed {out['seed']}); {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"load average {out['load_start']:.1f} at start, {out['load_end']:.1f} at end",
        f"  registry build (untimed): import {out['registry_import_s']:.1f} s, "
        f"{out['registry_held_kept_apart']:,} namesakes kept apart; "
        f"index ready in {out['index_ready_s']:.1f} s",
        f"  `rollcall import` wall        {out['import_s']:8.2f} s",
        f"  CPU time (with its workers)    {out['import_cpu_s']:8.2f} s",
        f"  peak memory (largest process) {out['import_peak_mb']:8.0f} MB",
        f"  rows held for review          {out['held']:8,} "
        f"({out['held_on_registry']:,} like a registered person, the rest like an earlier row)",
        f"  re-spelled registered people  {out['respelled_found']:8,} of {out['respelled']:,} "
        "held against the right person",
        f"  people after the import       {out['people_after']:8,}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.registry.into",
        description="Time a list's import, duplicate checks included, into a full registry.",
    )
    parser.add_argument("--people", type=int, default=100_000, help="registry size")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the imported list")
    parser.add_argument(
        "--respelled",
        type=float,
        default=0.03,
        help="share of the list that is registered people in another spelling (default 0.03)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--keep", type=Path, help="keep the registry here and reuse it (default: a temp dir)"
    )
    parser.add_argument("--profile", type=Path, help="run the timed import under cProfile")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write raw results here")
    args = parser.parse_args(argv)
    if args.people < 1 or args.rows < 1 or not 0 <= args.respelled <= 1:
        parser.error("--people and --rows must be positive, --respelled a share in [0, 1]")
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="rollcall-bench-into-") as scratch:
        keep = args.keep or Path(scratch)
        keep.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        out = measure(args, keep)
        out["total_s"] = time.perf_counter() - started
    out["load_start"], out["load_end"] = load_start, os.getloadavg()[0]
    print(report(out))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
