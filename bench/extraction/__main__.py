"""Run the article-extraction benchmark (see bench/extraction/__init__.py for the commands)."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from typing import cast

from rich.console import Console
from rich.table import Table

from bench.extraction import articles, contract
from bench.extraction.score import KINDS, Tally, score, total
from rollcall.extraction.document import Document

F1_TARGET = 0.90
SPEED_TARGET = 20.0  # articles of 1,000 words per second, one core
SPEED_SECONDS = 2.0  # repeat the whole set until this long has passed (at least once)

Extract = Callable[[Document], Mapping[str, object]]


def extractor() -> tuple[Extract | None, str]:
    """`rollcall.extraction.extract`, or None and why not."""
    try:
        module = importlib.import_module("rollcall.extraction")
    except Exception as error:  # the package itself may be half-written while it lands
        return None, f"rollcall.extraction does not import: {type(error).__name__}: {error}"
    found = getattr(module, "extract", None)
    if not callable(found):
        return None, "rollcall.extraction.extract does not exist yet"
    return cast(Extract, found), ""


def documents(chosen: list[articles.Article], console: Console) -> tuple[list[Document], list[str]]:
    """Each article as the extractor reads it: through its own reader when there is one."""
    read = articles.reader()
    if read is None:
        console.print(
            "rollcall.extraction.read_document is not importable yet: articles read by the "
            "benchmark (whole file as text, title and publication date from the gold)"
        )
        return [a.fallback_document() for a in chosen], []
    docs: list[Document] = []
    notes: list[str] = []
    for article in chosen:
        doc = read(str(article.path))
        docs.append(doc)
        meta = article.gold.get("document")
        expected = meta.get("published") if isinstance(meta, dict) else None
        got = doc.published.isoformat() if doc.published else None
        if expected != got:
            notes.append(f"{article.set}/{article.name}: published read as {got}, gold {expected}")
    return docs, notes


def figures_table(title: str, tallies: dict[str, Tally]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("fact kind")
    for set_name in tallies:
        for head in ("P", "R", "F1", "gold"):
            table.add_column(f"{set_name} {head}", justify="right")
    for kind in (None, *KINDS):
        row = ["all facts" if kind is None else kind]
        for tally in tallies.values():
            precision, recall, f1, gold = tally.figures(kind)
            row += [f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", f"{gold:,}"]
        table.add_row(*row, end_section=kind is None)
    return table


def speed(extract: Extract, docs: list[Document]) -> tuple[float, int, int]:
    """Words per second of extract() on one core over the documents, repeated.

    Returns (words per second, words in one round, rounds)."""
    words = sum(len(d.text.split()) for d in docs)
    rounds = 0
    started = time.perf_counter()
    while True:
        for doc in docs:
            extract(doc)
        rounds += 1
        elapsed = time.perf_counter() - started
        if elapsed >= SPEED_SECONDS:
            break
    return words * rounds / elapsed, words, rounds


def details(console: Console, article: articles.Article, tally: Tally, notes: list[str]) -> None:
    _p, _r, f1, _gold = tally.figures()
    console.print(f"\n[bold]{article.set}/{article.name}[/bold]  F1 {f1:.3f}")
    for line in notes:
        console.print(f"  ! {line}", markup=False)
    for line in tally.missed:
        console.print(f"  missed  {line}", markup=False)
    for line in tally.extra:
        console.print(f"  false   {line}", markup=False)


def run(args: argparse.Namespace, console: Console) -> int:
    chosen = articles.load(args.set)
    sets = [s for s in articles.SETS if any(a.set == s for a in chosen)]
    gold_problems = [
        f"{a.set}/{a.name}: {p}" for a in chosen for p in contract.problems(a.gold, a.text)
    ]
    console.print(
        f"Article extraction benchmark: {len(chosen)} synthetic articles ("
        + ", ".join(f"{s} {sum(1 for a in chosen if a.set == s)}" for s in sets)
        + f"), {sum(a.words for a in chosen):,} words"
    )
    console.print(
        "The extractor is developed on dev only: heldout measures how it generalises, "
        "so its articles and misses are not for reading while writing it."
    )
    for line in gold_problems:
        console.print(f"GOLD PROBLEM: {line}", markup=False)

    extract, why = extractor()
    if extract is None:
        console.print(f"{why}: nothing to score yet (the gold files were checked).")
        return 1 if gold_problems else 0

    docs, read_notes = documents(chosen, console)
    tallies: dict[str, Tally] = {}
    crashed = False
    violations = 0
    per_article: list[tuple[articles.Article, Tally, list[str]]] = []
    for article, doc in zip(chosen, docs, strict=True):
        notes = [
            n.split(": ", 1)[1]
            for n in read_notes
            if n.startswith(f"{article.set}/{article.name}:")
        ]
        try:
            output = dict(extract(doc))
        except Exception:
            crashed = True
            console.print(f"CRASH on {article.set}/{article.name}:", markup=False)
            console.print(traceback.format_exc(), markup=False)
            output = {"schema": contract.SCHEMA, "events": [], "estimates": []}
        broken = contract.problems(output, doc.text)
        violations += len(broken)
        notes += [f"contract: {p}" for p in broken]
        per_article.append((article, score(article.gold, output), notes))
    for set_name in sets:
        tallies[set_name] = total(t for a, t, _n in per_article if a.set == set_name)
    if len(sets) > 1:
        tallies["all"] = total(t for _a, t, _n in per_article)

    console.print(figures_table("Fact-level precision, recall and F1 (micro-averaged)", tallies))
    if read_notes:
        console.print(
            f"publication date read differently from the gold: {len(read_notes)} of "
            f"{len(chosen)} articles (see --verbose)"
        )
    if violations:
        console.print(f"contract violations in the system output: {violations} (see --verbose)")

    wps, words, rounds = speed(extract, docs)
    per_second = wps / 1000
    console.print(
        f"speed: {wps:,.0f} words/s = {per_second:,.1f} articles of 1,000 words per second "
        f"(extract() over {words:,} words × {rounds} rounds, one core; target ≥ {SPEED_TARGET:.0f})"
    )
    if "dev" in tallies:
        f1 = tallies["dev"].figures()[2]
        verdict = "met" if f1 >= F1_TARGET else "MISSED"
        console.print(f"{verdict}: F1 on the dev set {f1:.3f} (target ≥ {F1_TARGET:.2f})")
    verdict = "met" if per_second >= SPEED_TARGET else "MISSED"
    console.print(
        f"{verdict}: speed {per_second:,.1f} articles of 1,000 words/s"
        f" (target ≥ {SPEED_TARGET:.0f})"
    )

    if args.verbose:
        hidden = 0
        for article, tally, notes in per_article:
            if article.set == "heldout" and not args.show_heldout:
                hidden += 1
                continue
            details(console, article, tally, notes)
        if hidden:
            console.print(
                f"\n{hidden} heldout articles' details withheld (--show-heldout shows them; "
                "not while developing the extractor)"
            )
    return 1 if crashed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__)
    parser.add_argument("--set", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument(
        "--verbose", action="store_true", help="each article's misses and false positives"
    )
    parser.add_argument(
        "--show-heldout",
        action="store_true",
        help="with --verbose, also the heldout articles' details (never while developing)",
    )
    args = parser.parse_args(argv)
    if args.set == "heldout" and args.verbose and not args.show_heldout:
        parser.error(
            "--verbose on the heldout set shows what the extractor must never be tuned to; "
            "add --show-heldout if you really mean it"
        )
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 140)
    try:
        return run(args, console)
    except Exception:
        console.print(traceback.format_exc(), markup=False)
        return 1


if __name__ == "__main__":
    sys.exit(main())
