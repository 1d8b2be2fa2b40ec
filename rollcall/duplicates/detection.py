"""Which people an import would create look like someone registered, or like an earlier row.

One rule for every import path (CSV, JSON Lines, mapped lists): a row that would create a person
is held when its names score at least `THRESHOLD` against an existing person's, or an earlier
new row's of the same file, after `people.likeness` has sharpened the name score with the birth
years and holding states both sides give. The best such match is the one the flag names; a
registry person wins a tie with a row.

Lists rarely carry our ids, and the exact-name pairing of the CSV import misses "Maria
Kolesnikova" for "Maryia Kalesnikava"; a list may also name one person twice, or two people with
one name (the Chinese list's two 陈卫). Creating such a row as a new published person would
count one prisoner twice in every public figure; refusing it would lose what the list says. So
the row is imported, but held: a draft, left out of public figures and exports, until a reviewer
merges it or keeps it apart.

Costs: the registry index is consulted only when the registry holds somebody and the file
creates somebody. Rows of the file are compared with earlier rows only when they share one kind
of the name engine's keys in full (every word's skeleton, say): a name index over the file
itself took about 0.2 s per search on a large list, far past the 30 s a 100,000-row import may
take, while the keys cost microseconds and still pair transliterations and slips; and a row is
scored against at most `_PER_BLOCK` earlier rows of a block, so a list of many namesakes stays
linear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from rollcall.duplicates.models import DuplicateFlag, FlagState
from rollcall.duplicates.searching import search_names
from rollcall.names import keys, score
from rollcall.people.context import holding_states
from rollcall.people.likeness import (
    SEARCH_FLOOR,
    Likeness,
    likeness,
    same_spelling,
    spelling,
)
from rollcall.people.models import Person, PersonName, shown_name

_PER_BLOCK = 5
# Key kinds of one word of a name (`gn`: a given name's group), not of the whole name; `pt`
# (a patronymic) is told only from the whole name, and read word by word it is a skeleton.
_PART_KEYS = frozenset({"gn"})


@dataclass(frozen=True)
class Candidate:
    """A row that would create a person, as the check needs it (the importer builds it)."""

    line: int
    uid: str  # the uid the new person gets
    names: tuple[str, ...]  # the primary name first
    birth_year: int | None
    states: frozenset[str]
    # A fingerprint of the row, and whether the person would be published without the hold.
    digest: str
    publish_on_keep: bool


@dataclass(frozen=True)
class Hold:
    """A new row held for review, and the person (or earlier row) it looks like."""

    line: int
    name: str
    uid: str
    match_uid: str
    match_name: str
    match_line: int | None  # set when the match is an earlier row of the same file
    likeness: Likeness
    digest: str
    publish_on_keep: bool

    def notice(self, label: str, dry_run: bool) -> str:
        """One stderr line, in the `FILE:LINE: column: message` style of every import problem."""
        held = "would be held" if dry_run else "held"
        row = f" (line {self.match_line})" if self.match_line is not None else ""
        return (
            f'{label}:{self.line}: name: likely the same person as {self.match_uid} "'
            f'{self.match_name}"{row} (score {self.likeness.explained()}); {held} as a draft '
            "for review"
        )


def find_holds(candidates: list[Candidate]) -> dict[int, Hold]:
    """line → hold, for the candidates that look like someone; before anything is written."""
    if not candidates:
        return {}
    best: dict[int, Hold] = {}
    apart = _kept_apart([c.uid for c in candidates])
    if Person.objects.exists():
        for hold in _registry_matches(candidates, apart):
            best[hold.line] = hold
    for hold in _file_matches(candidates):
        current = best.get(hold.line)
        if frozenset((hold.uid, hold.match_uid)) in apart:
            continue
        if current is None or hold.likeness.score > current.likeness.score:
            best[hold.line] = hold
    return best


def _registry_matches(candidates: list[Candidate], apart: set[frozenset[str]]) -> list[Hold]:
    # Imported only now: the name engine's tables take ~0.25 s and ~60 MB to load, which an
    # import into an empty registry never needs.
    from rollcall.people.matching import registry_index

    # Refreshed once, then searched directly: `match` refreshes on every call (~10 ms on a
    # 100,000-person registry against ~1–2 ms for the search itself).
    index = registry_index.refresh()
    # Each distinct spelling searched once, a long list on every core (searching.py).
    queries = [query for candidate in candidates for query in candidate.names]
    answers = search_names(
        index,
        queries,
        limit=5,
        min_score=SEARCH_FLOOR,
        description=f"Checking {len(candidates)} new rows for likely duplicates",
    )
    found: dict[int, dict[int, tuple[float, str, str]]] = {}  # line → person id → best
    for candidate in candidates:
        for query in candidate.names:
            for match in answers[query]:
                pid = int(match.person_id)
                previous = found.setdefault(candidate.line, {}).get(pid)
                if previous is None or match.score > previous[0]:
                    found[candidate.line][pid] = (match.score, query, match.variant)
    people = _people({pid for by_person in found.values() for pid in by_person})
    holds = []
    for candidate in candidates:
        options = []
        for pid, (name_score, query, variant) in found.get(candidate.line, {}).items():
            if pid not in people:
                continue
            uid, name, birth_year, states = people[pid]
            if uid == candidate.uid or frozenset((candidate.uid, uid)) in apart:
                continue
            alike = likeness(
                name_score,
                birth_years=(candidate.birth_year, birth_year),
                states=(candidate.states, states),
                identical=same_spelling(query, variant),
            )
            if alike.likely_same:
                options.append(_hold(candidate, uid, name, None, alike))
        if options:
            holds.append(max(options, key=lambda h: h.likeness.score))
    return holds


def _file_matches(candidates: list[Candidate]) -> list[Hold]:
    """Each candidate against the earlier candidates it shares a block of name keys with.

    A name spelled exactly as an earlier row's is compared with those rows only: it is held
    whatever else differs, and a list of many namesakes would otherwise fill every block."""
    blocks: dict[tuple[str, ...], list[tuple[Candidate, str]]] = defaultdict(list)
    namesakes: dict[str, list[Candidate]] = defaultdict(list)
    # A list repeats its common names: each spelling is parsed, and each pair scored, once.
    scores: dict[tuple[str, str], float] = {}
    signatures: dict[str, set[tuple[str, ...]]] = {}
    words: dict[str, list[str]] = {}
    spelled: dict[str, str] = {}  # name → its spelling as `same_spelling` compares it
    holds = []
    for candidate in candidates:
        for name in candidate.names:
            if name not in spelled:
                spelled[name] = spelling(name)
        own = {spelled[name] for name in candidate.names}
        same = {o.line: o for sp in own for o in namesakes[sp][-_PER_BLOCK:]}
        if same:
            holds.append(_best([_namesake(candidate, other) for other in same.values()]))
            for sp in own:
                namesakes[sp].append(candidate)
            continue
        signed = [
            (name, sig)
            for name in candidate.names
            for sig in signatures.get(name) or signatures.setdefault(name, _signatures(name, words))
        ]
        # Only the names that share a block are scored: (their line) → name pairs.
        pairs: dict[int, tuple[Candidate, set[tuple[str, str]]]] = {}
        for name, signature in signed:
            for other, other_name in blocks[signature][-_PER_BLOCK:]:
                pairs.setdefault(other.line, (other, set()))[1].add((name, other_name))
        options = []
        for other, names in pairs.values():
            identical = any(a == b or spelled[a] == spelled[b] for a, b in names)
            name_score = 1.0 if identical else max(_score(a, b, scores) for a, b in names)
            if name_score < SEARCH_FLOOR:
                continue  # no context can lift it to the threshold
            alike = likeness(
                name_score,
                birth_years=(candidate.birth_year, other.birth_year),
                states=(candidate.states, other.states),
                identical=identical,
            )
            if alike.likely_same:
                options.append(_hold(candidate, other.uid, other.names[0], other.line, alike))
        if options:
            holds.append(_best(options))
        for name, signature in signed:
            blocks[signature].append((candidate, name))
        for sp in own:
            namesakes[sp].append(candidate)
    return holds


def _namesake(candidate: Candidate, other: Candidate) -> Hold:
    alike = likeness(
        1.0,
        birth_years=(candidate.birth_year, other.birth_year),
        states=(candidate.states, other.states),
        identical=True,
    )
    return _hold(candidate, other.uid, other.names[0], other.line, alike)


def _best(options: list[Hold]) -> Hold:
    """The best-scoring, and of those the earliest row: the one a reviewer finds first."""
    top = max(h.likeness.score for h in options)
    return min((h for h in options if h.likeness.score == top), key=_line)


def _score(a: str, b: str, known: dict[tuple[str, str], float]) -> float:
    """The engine's score, once per pair of spellings: a list repeats its common names."""
    if (a, b) not in known:
        known[a, b] = score(a, b)
    return known[a, b]


def _line(hold: Hold) -> int:
    return hold.match_line or 0


def _signatures(name: str, words: dict[str, list[str]]) -> set[tuple[str, ...]]:
    """One block per kind of key that spells the whole name (every word's skeleton, consonant
    frame, Chinese reading): the keys of that kind of all its words, together. Keys of one
    word alone (`gn`, a given name's group) are left out: they would put every Maria of a list
    in one block. Keys are read word by word, each word once (`words`): a list repeats its
    words far more than its names, and reading a name's keys costs ~80 µs."""
    by_kind: dict[str, set[str]] = defaultdict(set)
    for word in name.split():
        if word not in words:
            words[word] = keys(word)
        for key in words[word]:
            kind, _, _ = key.partition(":")
            if kind not in _PART_KEYS:
                by_kind[kind].add(key)
    return {(kind, *sorted(found)) for kind, found in by_kind.items()}


def _hold(candidate: Candidate, uid: str, name: str, line: int | None, alike: Likeness) -> Hold:
    return Hold(
        candidate.line,
        candidate.names[0],
        candidate.uid,
        uid,
        name,
        line,
        alike,
        candidate.digest,
        candidate.publish_on_keep,
    )


def _people(ids: set[int]) -> dict[int, tuple[str, str, int | None, frozenset[str]]]:
    """id → (uid, primary name, birth year, holding states) of the people the index found.

    Read as plain values, not model instances: a long list finds tens of thousands of people,
    and building a model (and its prefetched names) for each took seconds."""
    found: dict[int, tuple[str, str, int | None, frozenset[str]]] = {}
    ordered = sorted(ids)
    for offset in range(0, len(ordered), 900):
        chunk = ordered[offset : offset + 900]
        states = holding_states(chunk)
        names: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for person_id, kind, value in (
            PersonName.objects.filter(person_id__in=chunk)
            .order_by("person_id", "id")
            .values_list("person_id", "kind", "value")
        ):
            names[person_id].append((kind, value))
        for pk, uid, birth_date in Person.objects.filter(pk__in=chunk).values_list(
            "pk", "uid", "birth_date"
        ):
            found[pk] = (
                uid,
                shown_name(names[pk]),
                birth_date.year if birth_date else None,
                states.get(pk, frozenset()),
            )
    return found


def _kept_apart(uids: Collection[str]) -> set[frozenset[str]]:
    """Pairs a reviewer kept apart that involve these uids: never flagged again."""
    pairs: set[frozenset[str]] = set()
    ordered = sorted(set(uids))
    for offset in range(0, len(ordered), 450):
        chunk = ordered[offset : offset + 450]
        decided = DuplicateFlag.objects.filter(state=FlagState.KEPT_APART)
        for held, candidate in decided.filter(held_uid__in=chunk).values_list(
            "held_uid", "candidate_uid"
        ):
            pairs.add(frozenset((held, candidate)))
        for held, candidate in decided.filter(candidate_uid__in=chunk).values_list(
            "held_uid", "candidate_uid"
        ):
            pairs.add(frozenset((held, candidate)))
    return pairs
