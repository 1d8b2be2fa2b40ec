"""Run the name-matching benchmark (see bench/names/__init__.py for the commands)."""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeVar

from anyascii import anyascii
from rapidfuzz import fuzz, process
from rich.progress import track

from bench.names.synthetic import Generator, Person, Query
from rollcall.names import THRESHOLD, NameIndex
from rollcall.names.parse import parse
from rollcall.names.score import compare

T = TypeVar("T")


def progress(items: Sequence[T], label: str) -> Iterable[T]:
    """A progress bar only for a person watching a terminal; CI logs stay clean."""
    if sys.stdout.isatty():
        return track(items, description=label, transient=True)
    return items


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sweep(results: list[tuple[Query, str | None, float]]) -> tuple[float, float, float, float]:
    """Best threshold for a matcher: (threshold, positives ok, negatives ok, combined)."""
    best = (0.0, 0.0, 0.0, -1.0)
    pos = [r for r in results if r[0].expected]
    neg = [r for r in results if not r[0].expected]
    for step in range(0, 101):
        t = step / 100
        p_ok = sum(1 for q, top, s in pos if top == q.expected and s >= t) / max(1, len(pos))
        n_ok = sum(1 for _q, _top, s in neg if s < t) / max(1, len(neg))
        comb = (p_ok * len(pos) + n_ok * len(neg)) / max(1, len(results))
        if comb > best[3]:
            best = (t, p_ok, n_ok, comb)
    return best


def accuracy_at(
    results: list[tuple[Query, str | None, float]], t: float
) -> tuple[float, float, float]:
    pos = [r for r in results if r[0].expected]
    neg = [r for r in results if not r[0].expected]
    p_ok = sum(1 for q, top, s in pos if top == q.expected and s >= t)
    n_ok = sum(1 for _q, _top, s in neg if s < t)
    return (p_ok / max(1, len(pos)), n_ok / max(1, len(neg)), (p_ok + n_ok) / max(1, len(results)))


def fmt(p: float, n: float, c: float) -> str:
    return f"positives {p:.3f}  negatives {n:.3f}  combined {c:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.names", description=__doc__)
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument(
        "--baseline-sample",
        type=int,
        default=500,
        help="queries evaluated with the rapidfuzz brute-force baseline",
    )
    ap.add_argument(
        "--nomenklatura-sample",
        type=int,
        default=200,
        help="queries evaluated with nomenklatura (pooled, see docs)",
    )
    ap.add_argument("--pool", type=int, default=20, help="people per nomenklatura pool")
    ap.add_argument("--show-failures", type=int, default=0)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    gen = Generator(args.seed)
    people = gen.make_people(args.people)
    _real, real_queries = gen.add_real()
    queries = gen.make_queries(args.queries) + real_queries
    random.Random(args.seed).shuffle(queries)  # baseline samples mix positives and negatives
    people = gen.people
    pairs = [(p.pid, name) for p in people for name in p.names]
    print(
        f"registry: {len(people):,} people, {len(pairs):,} name variants "
        f"(generated in {time.perf_counter() - t0:.1f} s)"
    )
    kinds = Counter(q.kind for q in queries)
    print(
        f"queries: {len(queries):,} ({sum(1 for q in queries if q.expected):,} positive, "
        f"{sum(1 for q in queries if not q.expected):,} negative): "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    )

    # -- Rollcall -------------------------------------------------------------
    gc.collect()
    rss_before = rss_mb()
    t0 = time.perf_counter()
    index = NameIndex()
    index.add_many(pairs)
    build = time.perf_counter() - t0
    rss_after = rss_mb()
    results: list[tuple[Query, str | None, float]] = []
    latencies: list[float] = []
    t_all = time.perf_counter()
    for q in progress(queries, "Rollcall queries"):
        t1 = time.perf_counter()
        matches = index.search(q.text, limit=5)
        latencies.append(time.perf_counter() - t1)
        top = matches[0] if matches else None
        results.append((q, top.person_id if top else None, top.score if top else 0.0))
    total = time.perf_counter() - t_all
    qps = len(queries) / total
    lat = sorted(latencies)
    p50 = lat[len(lat) // 2] * 1000
    p95 = lat[int(len(lat) * 0.95)] * 1000
    rc = accuracy_at(results, THRESHOLD)
    print("\n== Rollcall (rollcall.names, threshold 0.7) ==")
    print(f"accuracy: {fmt(*rc)}")
    by_kind: dict[str, list[tuple[Query, str | None, float]]] = defaultdict(list)
    for r in results:
        by_kind[r[0].kind].append(r)
    for kind, rs in sorted(by_kind.items()):
        p, n, c = accuracy_at(rs, THRESHOLD)
        print(f"  {kind:16s} {len(rs):6d} queries  correct {c:.3f}")
    print(
        f"speed: {qps:,.0f} queries/s on one core, latency p50 {p50:.2f} ms, p95 {p95:.2f} ms, "
        f"max {lat[-1] * 1000:.1f} ms"
    )
    print(
        f"index build: {build:.1f} s for {len(index):,} variants; "
        f"peak RSS {rss_after:,.0f} MB (index adds ~{rss_after - rss_before:,.0f} MB)"
    )
    if args.show_failures:
        shown = 0
        for q, top, s in results:
            ok = (top == q.expected and s >= THRESHOLD) if q.expected else s < THRESHOLD
            if not ok and shown < args.show_failures:
                shown += 1
                exp = (
                    next((p.names[0] for p in people if p.pid == q.expected), None)
                    if q.expected
                    else None
                )
                got = next((p.names[0] for p in people if p.pid == top), None) if top else None
                print(f"  FAIL {q.kind:14s} {q.text!r} expected {exp!r} got {got!r} {s:.3f}")

    # -- Baseline 1: rapidfuzz token_sort_ratio over anyascii, brute force -----
    sample = queries[: args.baseline_sample]
    choices = [anyascii(name).lower() for _pid, name in pairs]
    owners = [pid for pid, _name in pairs]
    rf_results: list[tuple[Query, str | None, float]] = []
    rf_pools: dict[int, list[str]] = {}
    t1 = time.perf_counter()
    for i, q in enumerate(progress(sample, "rapidfuzz baseline")):
        hits = process.extract(
            anyascii(q.text).lower(), choices, scorer=fuzz.token_sort_ratio, limit=args.pool * 4
        )
        seen: list[str] = []
        for _choice, _s, idx in hits:
            if owners[idx] not in seen:
                seen.append(owners[idx])
        rf_pools[i] = seen[: args.pool]
        top = hits[0] if hits else None
        rf_results.append((q, owners[top[2]] if top else None, top[1] / 100 if top else 0.0))
    rf_time = time.perf_counter() - t1
    rf_qps = len(sample) / rf_time
    t, p, n, c = sweep(rf_results)
    rc_sample = accuracy_at(results[: len(sample)], THRESHOLD)
    print(
        f"\n== Baseline: rapidfuzz token_sort_ratio over anyascii "
        f"(brute force, {len(sample)} queries x {len(choices):,} variants) =="
    )
    print(f"best threshold {t:.2f}: {fmt(p, n, c)}")
    print(f"Rollcall on the same queries: {fmt(*rc_sample)}")
    print(f"speed: {rf_qps:,.1f} queries/s; Rollcall is {qps / rf_qps:,.0f}x faster")

    # -- Baseline 2: nomenklatura logic-v2 on pools ----------------------------
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:  # pragma: no cover - optional test dependency
        print("\nnomenklatura not installed: skipping the OpenSanctions baseline")
        return 0
    alg = get_algorithm("logic-v2") or get_algorithm("logic-v1")
    cfg = ScoringConfig.defaults()
    by_pid: dict[str, Person] = {p.pid: p for p in people}

    def entity(eid: str, names: list[str]):  # type: ignore[no-untyped-def]
        e = model.make_entity("Person")
        e.id = eid
        for name in names:
            e.add("name", name)
        return e

    nk_sample = list(range(min(args.nomenklatura_sample, len(sample))))
    nk_results: list[tuple[Query, str | None, float]] = []
    rp_results: list[tuple[Query, str | None, float]] = []
    comparisons = 0
    nk_time = rp_time = 0.0
    cands: dict[str, object] = {}
    alg.compare(entity("w", ["warm up"]), entity("x", ["warm up"]), cfg)  # type: ignore[union-attr]
    for i in progress(nk_sample, "nomenklatura baseline"):
        q = sample[i]
        pool = list(rf_pools[i])
        if q.expected and q.expected not in pool:
            pool = [q.expected, *pool[: args.pool - 1]]
        qe = entity(f"query-{i}", [q.text])  # logic-v2 caches by entity id: keep ids unique
        best_nk: tuple[float, str | None] = (0.0, None)
        t1 = time.perf_counter()
        for pid in pool:
            if pid not in cands:
                cands[pid] = entity(pid, by_pid[pid].names)
            s = alg.compare(qe, cands[pid], cfg).score  # type: ignore[union-attr]
            if s > best_nk[0]:
                best_nk = (s, pid)
        nk_time += time.perf_counter() - t1
        comparisons += len(pool)
        nk_results.append((q, best_nk[1], best_nk[0]))
        best_rp: tuple[float, str | None] = (0.0, None)
        t1 = time.perf_counter()
        pq = parse(q.text)
        for pid in pool:
            s = max(compare(pq, parse(v)) for v in by_pid[pid].names)
            if s > best_rp[0]:
                best_rp = (s, pid)
        rp_time += time.perf_counter() - t1
        rp_results.append((q, best_rp[1], best_rp[0]))
    t, p, n, c = sweep(nk_results)
    print(
        f"\n== Baseline: nomenklatura {getattr(alg, 'NAME', alg)} on followthemoney Person "
        f"entities ({len(nk_sample)} queries, each vs a pool of {args.pool} people: the true "
        f"person + rapidfuzz's nearest look-alikes; {comparisons:,} comparisons) =="
    )
    print(f"best threshold {t:.2f}: {fmt(p, n, c)}")
    print(f"Rollcall score() on the same pools at 0.7: {fmt(*accuracy_at(rp_results, THRESHOLD))}")
    nk_qps = len(nk_sample) / nk_time
    rp_qps = len(nk_sample) / rp_time
    print(
        f"speed on the same pools: nomenklatura {nk_qps:,.1f} queries/s, Rollcall score() "
        f"{rp_qps:,.0f} queries/s ({rp_qps / nk_qps:,.0f}x); Rollcall indexed search over the "
        f"whole registry {qps:,.0f} queries/s ({qps / nk_qps:,.0f}x)"
    )
    _ = statistics  # keep import for future percentile helpers
    return 0


if __name__ == "__main__":
    sys.exit(main())
