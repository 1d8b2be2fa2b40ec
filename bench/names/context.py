"""Typos against look-alikes, with and without a birth year and a holding state.

    python -m bench.names.context [--people 20000] [--queries 2000] [--seed 4]

On labelled-synthetic people (bench/names/synthetic.py), each given a birth year and a holding
state at random (also synthetic):

- a typo is one of a registered person's names with a one-letter slip, asked with that person's
  own birth year and state: it should reach the threshold for them;
- a look-alike is a stranger: another registered person's name with a one-letter slip, asked
  with another birth year and another state: it should reach the threshold for nobody.

"Without context" reads the name engine's score alone (what `rollcall match NAME` answers);
"with context" sharpens each candidate's score with `people.likeness`, as
`rollcall match NAME --birth-year YYYY --country XX` does, after searching down to
`SEARCH_FLOOR`. Plain Python: no database, the same engine and rule the registry uses.
"""

from __future__ import annotations

import argparse
import time

from bench.names.synthetic import Generator, Person
from rollcall.names import THRESHOLD, NameIndex
from rollcall.people.likeness import SEARCH_FLOOR, likeness, same_spelling

STATES = ("BY", "RU", "CN", "AZ", "IR")
YEARS = range(1940, 2006)


def typo(gen: Generator, person: Person) -> str | None:
    """One of the person's names with a one-letter slip (None: too short to slip safely)."""
    for _ in range(5):
        name = gen.rng.choice(person.names)
        slipped = gen._typo(name)  # the generator's own rule for a one-letter slip
        if slipped != name:
            return slipped
    return None


def hits(
    index: NameIndex,
    query: str,
    context: tuple[int, str] | None,
    known: dict[str, tuple[int, str]],
) -> set[str]:
    """The people a query names at or above the threshold."""
    if context is None:
        return {m.person_id for m in index.search(query, limit=5, min_score=THRESHOLD)}
    year, state = context
    found = set()
    for m in index.search(query, limit=25, min_score=SEARCH_FLOOR):
        their_year, their_state = known[m.person_id]
        alike = likeness(
            m.score,
            birth_years=(year, their_year),
            states=({state}, {their_state}),
            identical=same_spelling(query, m.variant),
        )
        if alike.likely_same:
            found.add(m.person_id)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=2_000, help="typos, and as many strangers")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)

    gen = Generator(args.seed)
    people = gen.make_people(args.people)
    known = {p.pid: (gen.rng.choice(YEARS), gen.rng.choice(STATES)) for p in people}
    index = NameIndex()
    index.add_many((p.pid, name) for p in people for name in p.names)

    typos: list[tuple[str, str, tuple[int, str]]] = []
    strangers: list[tuple[str, tuple[int, str]]] = []
    while len(typos) < args.queries or len(strangers) < args.queries:
        p = gen.rng.choice(people)
        text = typo(gen, p)
        if text is None:
            continue
        year, state = known[p.pid]
        if len(typos) < args.queries:
            typos.append((text, p.pid, (year, state)))
        elif len(strangers) < args.queries:
            other_year = gen.rng.choice([y for y in YEARS if y != year])
            other_state = gen.rng.choice([s for s in STATES if s != state])
            strangers.append((text, (other_year, other_state)))

    started = time.perf_counter()
    rows = []
    for label, use in (("without context", False), ("with context", True)):
        found = sum(
            pid in hits(index, text, ctx if use else None, known) for text, pid, ctx in typos
        )
        named = sum(bool(hits(index, text, ctx if use else None, known)) for text, ctx in strangers)
        rows.append((label, found, named))
    spent = time.perf_counter() - started

    n = args.queries
    print(f"{len(people)} synthetic people, seed {args.seed}; threshold {THRESHOLD}")
    print(f"{'':18}{'typos found ≥ 0.7':>22}{'look-alikes named ≥ 0.7':>28}")
    for label, found, named in rows:
        typos_found = f"{found}/{n} ({found / n:.1%})"
        strangers_named = f"{named}/{n} ({named / n:.1%})"
        print(f"{label:18}{typos_found:>22}{strangers_named:>28}")
    print(f"({4 * n} searches in {spent:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
