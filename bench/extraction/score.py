"""Fact-level scoring of an extraction (`rollcall.extraction/1`) against a hand-made gold one.

An extraction is cut into facts, each of one *kind*:

- `event`: one per event (its type, holding country and date, as one event; see the matching below).
- For each event matched to a gold event, the facts inside it are compared one by one:
  `date` (the date string and its precision, both equal), `country`, `release_kind`, `count`
  (value and qualifier, both equal: 100 "more_than" against 100 "exact" is a wrong count),
  `person` (one per name), `destination` (country and count), `link` (type, `by` and a loose
  `target`) and `national` (country and count).
- `estimate`: one per estimate: measure, country and count equal, `attributed_to` loose.

A fact the system states and gold does not is a false positive, a gold fact the system misses a
false negative; a fact stated differently on both sides (a wrong date, a wrong count) is both.
An unmatched system event counts every fact it holds as false positives (its `event` fact
included); an unmatched gold event counts every fact it holds as false negatives. Precision, recall
and F1 are micro-averaged: true positives, false positives and false negatives are summed over all
articles (per kind, and over all kinds) before dividing.

**Matching events.** A system event may pair with a gold event of the same `type` that is
*compatible* with it: same holding country, or dates that overlap (one date inside the period
the other's precision covers: 2020-09 month holds 2020-09-07), or a person in common. Each
compatible pair gets a similarity: 2 for overlapping dates (3 when date and precision are equal),
2 for the same country, 2 × the Jaccard overlap of the person sets, 1 for an equal count, 1 for an
equal release kind. Pairs are then taken greedily, most similar first (ties: gold order, then system
order), each event used at most once: with the handful of events an article holds this gives the
pairs an optimal assignment would in the cases we met, and it is easy to follow by hand.

**Comparing names.** Person names are compared exactly after normalisation: Unicode NFKD with the
combining marks dropped, case-folded, hyphens and punctuation turned into spaces, whitespace
collapsed ("Aleś Bialiacki" = "ales bialiacki"). The gold spells a name as the article does, so
"Maxim Snak" is expected, not the registry's "Maksim Znak" (that is the matcher's job, scored by
bench/names). Within one event the persons are a set: a name given twice counts once.

**Loose text** (`attributed_to`, a link's `target`): both normalised as names are, with a leading
"the" dropped; they agree when the words of one are a contiguous run of the words of the other
("human rights organizations" agrees with "rights organizations" and with "several human rights
organizations", not with "human rights groups"). An empty text never agrees.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

KINDS = (
    "event",
    "date",
    "country",
    "release_kind",
    "count",
    "person",
    "destination",
    "link",
    "national",
    "estimate",
)

Json = Mapping[str, object]


@dataclass
class Tally:
    """True and false positives and false negatives per fact kind, and the facts behind them."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def hit(self, kind: str) -> None:
        self.tp[kind] += 1

    def miss(self, kind: str, what: str) -> None:
        self.fn[kind] += 1
        self.missed.append(f"{kind}: {what}")

    def false(self, kind: str, what: str) -> None:
        self.fp[kind] += 1
        self.extra.append(f"{kind}: {what}")

    def add(self, other: Tally) -> None:
        self.tp.update(other.tp)
        self.fp.update(other.fp)
        self.fn.update(other.fn)

    def figures(self, kind: str | None = None) -> tuple[float, float, float, int]:
        """(precision, recall, F1, gold facts) for one kind, or over all kinds."""
        if kind is None:
            tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        else:
            tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1, tp + fn


# -- normalising -------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")


def norm(text: object) -> str:
    """A name or phrase as compared: no accents, case-folded, punctuation as spaces."""
    if not isinstance(text, str):
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).split())


def loose_agrees(gold: object, system: object) -> bool:
    """The words of one text are a contiguous run of the other's (see the module docstring)."""
    a, b = norm(gold).split(), norm(system).split()
    if a[:1] == ["the"]:
        a = a[1:]
    if b[:1] == ["the"]:
        b = b[1:]
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _count_key(count: object) -> tuple[int, str] | None:
    if isinstance(count, Mapping) and isinstance(count.get("value"), int):
        return int(count["value"]), str(count.get("qualifier") or "exact")
    return None


def _show_count(count: tuple[int, str] | None) -> str:
    return "no count" if count is None else f"{count[1]} {count[0]}"


def _date_key(event: Json) -> tuple[str, str] | None:
    value = event.get("date")
    if not isinstance(value, str) or not value:
        return None
    return value, str(event.get("date_precision") or "day")


def _period(key: tuple[str, str]) -> tuple[date, date] | None:
    """The first and last day a date at its precision covers."""
    value, precision = key
    try:
        parts = [int(p) for p in value.split("-")]
        if precision == "year" or len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if precision == "month" or len(parts) == 2:
            start = date(parts[0], parts[1], 1)
            following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return start, date.fromordinal(following.toordinal() - 1)
        day = date(parts[0], parts[1], parts[2])
        return day, day
    except (ValueError, IndexError):
        return None


def dates_overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    if a is None or b is None:
        return False
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return False
    return pa[0] <= pb[1] and pb[0] <= pa[1]


def _list(value: object) -> list[Json]:
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [v for v in value if isinstance(v, Mapping)]
    return []


def persons_of(event: Json) -> set[str]:
    return {norm(p.get("name")) for p in _list(event.get("persons")) if norm(p.get("name"))}


def _label(event: Json) -> str:
    key = _date_key(event)
    when = f"{key[0]} ({key[1]})" if key else "no date"
    return f"{event.get('type')} {event.get('country') or '??'} {when}"


# -- the facts inside one event ----------------------------------------------------------------


def _destinations(event: Json) -> Counter[tuple[str, tuple[int, str] | None]]:
    return Counter(
        (str(d.get("country")), _count_key(d.get("count")))
        for d in _list(event.get("destinations"))
    )


def _nationals(event: Json) -> Counter[tuple[str, tuple[int, str] | None]]:
    return Counter(
        (str(d.get("country")), _count_key(d.get("count"))) for d in _list(event.get("nationals"))
    )


def _links(event: Json) -> list[tuple[str, str, str]]:
    return [
        (str(link.get("type")), str(link.get("by") or ""), str(link.get("target") or ""))
        for link in _list(event.get("linked"))
    ]


def _multiset(
    tally: Tally,
    kind: str,
    label: str,
    gold: Counter[tuple[str, tuple[int, str] | None]],
    system: Counter[tuple[str, tuple[int, str] | None]],
) -> None:
    for key in gold | system:
        common = min(gold[key], system[key])
        for _ in range(common):
            tally.hit(kind)
        for _ in range(gold[key] - common):
            tally.miss(kind, f"{label}: {key[0]} {_show_count(key[1])}")
        for _ in range(system[key] - common):
            tally.false(kind, f"{label}: {key[0]} {_show_count(key[1])}")


def _link_agrees(gold: tuple[str, str, str], system: tuple[str, str, str]) -> bool:
    if gold[0] != system[0] or gold[1] != system[1]:
        return False
    if not gold[2] and not system[2]:
        return True
    return loose_agrees(gold[2], system[2])


def _show_link(link: tuple[str, str, str]) -> str:
    return f"{link[0]} by {link[1] or '?'}" + (f" target {link[2]!r}" if link[2] else "")


def _compare_links(tally: Tally, label: str, gold: Json, system: Json) -> None:
    left = _links(system)
    for g in _links(gold):
        found = next((i for i, s in enumerate(left) if _link_agrees(g, s)), None)
        if found is None:
            tally.miss("link", f"{label}: {_show_link(g)}")
        else:
            tally.hit("link")
            left.pop(found)
    for s in left:
        tally.false("link", f"{label}: {_show_link(s)}")


def _compare_value(tally: Tally, kind: str, label: str, gold: object, system: object) -> None:
    if gold is None and system is None:
        return
    if gold == system:
        tally.hit(kind)
        return
    if gold is not None:
        tally.miss(kind, f"{label}: {gold}")
    if system is not None:
        tally.false(kind, f"{label}: {system}")


def _compare_event(tally: Tally, gold: Json, system: Json) -> None:
    label = _label(gold)
    tally.hit("event")
    date_gold, date_system = _date_key(gold), _date_key(system)
    _compare_value(
        tally,
        "date",
        label,
        None if date_gold is None else f"{date_gold[0]} ({date_gold[1]})",
        None if date_system is None else f"{date_system[0]} ({date_system[1]})",
    )
    _compare_value(tally, "country", label, gold.get("country"), system.get("country"))
    _compare_value(
        tally, "release_kind", label, gold.get("release_kind"), system.get("release_kind")
    )
    count_gold, count_system = _count_key(gold.get("count")), _count_key(system.get("count"))
    _compare_value(
        tally,
        "count",
        label,
        None if count_gold is None else _show_count(count_gold),
        None if count_system is None else _show_count(count_system),
    )
    names_gold, names_system = persons_of(gold), persons_of(system)
    for _name in names_gold & names_system:
        tally.hit("person")
    for name in sorted(names_gold - names_system):
        tally.miss("person", f"{label}: {name}")
    for name in sorted(names_system - names_gold):
        tally.false("person", f"{label}: {name}")
    _multiset(tally, "destination", label, _destinations(gold), _destinations(system))
    _compare_links(tally, label, gold, system)
    _multiset(tally, "national", label, _nationals(gold), _nationals(system))


def _one_sided(event: Json, record: Callable[[str, str], None]) -> None:
    """Every fact of an event with no counterpart, handed to `record` (miss or false)."""
    label = _label(event)
    record("event", label)
    if _date_key(event) is not None:
        record("date", label)
    for kind in ("country", "release_kind", "count"):
        if event.get(kind) is not None:
            record(kind, f"{label}: {event.get(kind)}")
    for name in sorted(persons_of(event)):
        record("person", f"{label}: {name}")
    for (country, count), n in _destinations(event).items():
        for _ in range(n):
            record("destination", f"{label}: {country} {_show_count(count)}")
    for link in _links(event):
        record("link", f"{label}: {_show_link(link)}")
    for (country, count), n in _nationals(event).items():
        for _ in range(n):
            record("national", f"{label}: {country} {_show_count(count)}")


# -- matching events ---------------------------------------------------------------------------


def similarity(gold: Json, system: Json) -> float | None:
    """How alike two events are, or None when they may not be paired (see the module docstring)."""
    if gold.get("type") != system.get("type"):
        return None
    date_gold, date_system = _date_key(gold), _date_key(system)
    same_country = gold.get("country") is not None and gold.get("country") == system.get("country")
    overlap = dates_overlap(date_gold, date_system)
    names_gold, names_system = persons_of(gold), persons_of(system)
    shared = names_gold & names_system
    if not (same_country or overlap or shared):
        return None
    score = 0.0
    if overlap:
        score += 3.0 if date_gold == date_system else 2.0
    if same_country:
        score += 2.0
    if names_gold | names_system:
        score += 2.0 * len(shared) / len(names_gold | names_system)
    count_gold = _count_key(gold.get("count"))
    if count_gold is not None and count_gold == _count_key(system.get("count")):
        score += 1.0
    if gold.get("release_kind") is not None and gold.get("release_kind") == system.get(
        "release_kind"
    ):
        score += 1.0
    return score


def match_events(gold: Sequence[Json], system: Sequence[Json]) -> list[tuple[int, int]]:
    """Pairs (gold index, system index), greedily by similarity (see the module docstring)."""
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            value = similarity(g, s)
            if value is not None:
                candidates.append((-value, gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _value, gi, si in candidates:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


# -- estimates ---------------------------------------------------------------------------------


def _estimate_agrees(gold: Json, system: Json) -> bool:
    return (
        gold.get("measure") == system.get("measure")
        and gold.get("country") == system.get("country")
        and _count_key(gold.get("count")) == _count_key(system.get("count"))
        and loose_agrees(gold.get("attributed_to"), system.get("attributed_to"))
    )


def _show_estimate(estimate: Json) -> str:
    count = _show_count(_count_key(estimate.get("count")))
    return (
        f"{estimate.get('measure')} {estimate.get('country') or '??'} {count}"
        f" according to {estimate.get('attributed_to')!r}"
    )


# -- one article -------------------------------------------------------------------------------


def score(gold: Json, system: Json) -> Tally:
    """Compare one system extraction with its gold: the facts right, missed and wrong."""
    tally = Tally()
    gold_events, system_events = _list(gold.get("events")), _list(system.get("events"))
    pairs = match_events(gold_events, system_events)
    for gi, si in pairs:
        _compare_event(tally, gold_events[gi], system_events[si])
    paired_gold = {gi for gi, _ in pairs}
    paired_system = {si for _, si in pairs}
    for gi, event in enumerate(gold_events):
        if gi not in paired_gold:
            _one_sided(event, tally.miss)
    for si, event in enumerate(system_events):
        if si not in paired_system:
            _one_sided(event, tally.false)

    left = _list(system.get("estimates"))
    for estimate in _list(gold.get("estimates")):
        found = next((i for i, s in enumerate(left) if _estimate_agrees(estimate, s)), None)
        if found is None:
            tally.miss("estimate", _show_estimate(estimate))
        else:
            tally.hit("estimate")
            left.pop(found)
    for estimate in left:
        tally.false("estimate", _show_estimate(estimate))
    return tally


def total(tallies: Iterable[Tally]) -> Tally:
    """The micro-average's sums over many articles."""
    summed = Tally()
    for tally in tallies:
        summed.add(tally)
    return summed
