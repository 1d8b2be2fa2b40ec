"""In-memory name index: blocking by phonetic keys, then exact scoring.

Why two levels (key -> vocabulary token -> name variants): a registry of 300,000
name variants has only tens of thousands of *distinct* words.  Blocking keys
(consonant frames and their one-letter deletions, given-name group ids, unspaced
pinyin) point to distinct words; each candidate word is checked once with the real
token similarity, and only words that could match pull in their name variants.  A
query then scores a few dozen variants instead of the registry.

A candidate variant must share similar words with the query on at least two tokens
(given name and surname), except when the query has one token or one of its words is
rare; this is what keeps common given names (Maria, Aliaksandr) from flooding the
candidate set.  Every stored variant is parsed once, at add time.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from rollcall.names.given_names import is_listed_form, slip_groups
from rollcall.names.given_names import prepare as prepare_given_names
from rollcall.names.parse import ParsedName, Token, make_token, parse
from rollcall.names.phonetic import consonants, deletion_keys
from rollcall.names.repair import repaired_skeletons
from rollcall.names.score import DIFFERENT_GIVEN_NAME, THRESHOLD, compare
from rollcall.names.translit import spellings

_WORD_MIN_SIMILARITY = 0.5  # vocabulary words weaker than this pull nothing in
_RARE_POSTINGS = 40  # a query word this rare is enough on its own
_SINGLE_TOKEN_CAP = 100  # one-word queries cannot match: score the nearest names only


@dataclass(frozen=True, slots=True)
class Match:
    person_id: str
    variant: str
    score: float


def _block_keys(tok: Token) -> set[str]:
    keys: set[str] = set()
    for form in tok.forms:
        frame = consonants(form).replace("q", "s")  # ц/с: German z, Polish c
        if frame:
            keys.update("c:" + k for k in deletion_keys(frame))
        else:
            keys.add("v:" + form)
    keys.update("g:" + gid for gid in tok.groups)
    if not tok.foreign:
        keys.update(_spelling_keys(spellings(tok.text)))
    return keys


def _spelling_keys(forms: Iterable[str]) -> set[str]:
    """Consonant frames of the written spellings: a slip that the skeleton folding
    turns into two edits (Tsivrkskii: ts before i reads т) still meets its word."""
    keys: set[str] = set()
    for sp in forms:
        if len(sp) >= 7:
            frame = consonants(sp).replace("y", "")
            keys.update("w:" + k for k in deletion_keys(frame))
    return keys


@dataclass(slots=True)
class _Block:
    """One blocking key's words laid out flat for C-speed comparison: their
    skeletons and their written spellings (each with the word it belongs to; the
    spellings by their first letter, which a slip between them must keep), and the
    Han transcriptions among them, which the pre-check lets through."""

    forms: list[str]
    form_words: list[str]
    written: dict[str, tuple[list[str], list[str]]]  # first letter -> spellings, words
    foreign: list[str]


def _near_words(tok: Token, blocks: list[_Block], out: set[str]) -> None:
    """Add to `out` the words of `blocks` that pass the cheap pre-check against `tok`
    before a word pulls in its names: a skeleton within an edit allowance that grows
    with length (a third of the shorter word), or one slip between written spellings
    that the skeleton shows as more edits, never at the first letter
    (score.token_similarity; a word may be stored in several spellings with one
    skeleton: Климович, Klimavich).

    One C-speed pass per query form over every candidate form of the blocks together:
    in a crowded registry one query word meets hundreds of vocabulary words through
    its blocking keys, and a Python loop per pair was a third of a query's time.  (A
    word in several blocks comes twice, which costs less than merging the blocks.)
    Written spellings are compared only with those of the same first letter.
    """
    forms: list[str] = []
    form_words: list[str] = []
    for block in blocks:
        forms += block.forms
        form_words += block.form_words
    for fa in tok.forms:
        for fb, d, j in process.extract_iter(
            fa, forms, scorer=Levenshtein.distance, score_cutoff=max(2, len(fa) // 3)
        ):
            if d <= max(2, min(len(fa), len(fb)) // 3):
                out.add(form_words[j])
    by_first: dict[str, tuple[list[str], list[str]]] = {}
    for sa in spellings(tok.text):
        if len(sa) < 6:
            continue
        same = by_first.get(sa[0])
        if same is None:
            same = by_first[sa[0]] = ([], [])
            for block in blocks:
                part = block.written.get(sa[0])
                if part is not None:
                    same[0].extend(part[0])
                    same[1].extend(part[1])
        written, words = same
        for _sb, _d, j in process.extract_iter(sa, written, scorer=OSA.distance, score_cutoff=1):
            out.add(words[j])


def _other_name_bound(words: int) -> float:
    """The most a name can score when one of the query's `words` words meets only a
    different given name (similarity at most score.DIFFERENT_GIVEN_NAME) and every
    other word matches perfectly: 0.9 * min + 0.1 * mean (0.2875 for two words)."""
    low = DIFFERENT_GIVEN_NAME
    n = max(1, words)
    return 0.9 * low + 0.1 * (low + n - 1) / n


def _joined_tokens(tokens: tuple[Token, ...]) -> list[Token]:
    """Neighbouring words written together: Kara-Murza may be queried as Karamurza."""
    out = []
    for a, b in pairwise(tokens):
        if (a.hyphen or b.hyphen or len(tokens) >= 3) and not (a.foreign or b.foreign):
            out.append(make_token(a.word + b.word))
    return out


class NameIndex:
    """Names of many people; one person may have many name variants."""

    def __init__(self) -> None:
        self._names: list[ParsedName | None] = []
        self._owner: list[str] = []
        self._by_person: dict[str, list[int]] = {}
        self._postings: dict[str, set[int]] = {}  # token key -> variant ids
        self._vocab: dict[str, Token] = {}  # token key -> token
        self._blocks: dict[str, set[str]] = {}  # block key -> token keys
        self._spellings: dict[str, set[str]] = {}  # token key -> written spellings
        self._zh: dict[str, set[int]] = {}  # pinyin string -> variant ids
        self._skeletons: dict[str, set[str]] = {}  # skeleton -> token keys (slip repairs)
        self._size = 0
        # query word -> (similar vocabulary words, their variants); cleared on change
        self._word_cache: dict[str, tuple[frozenset[str], set[int]]] = {}
        self._near_cache: dict[str, set[int]] = {}
        self._block_cache: dict[str, _Block] = {}  # block key -> its words laid out flat

    def __len__(self) -> int:
        return self._size

    def __getstate__(self) -> dict[str, object]:
        """Saved without the query caches: they refill on use, and would only make a saved
        index larger (and could change size under a search running while it is saved)."""
        state = dict(self.__dict__)
        for name in ("_word_cache", "_near_cache", "_block_cache"):
            state[name] = {}
        return state

    # -- building -------------------------------------------------------------
    def add(self, person_id: str, name: str) -> None:
        parsed = parse(name)
        if not parsed.tokens:
            return
        vid = len(self._names)
        self._names.append(parsed)
        self._owner.append(person_id)
        self._by_person.setdefault(person_id, []).append(vid)
        self._size += 1
        for tok in (*parsed.tokens, *_joined_tokens(parsed.core)):
            posting = self._postings.get(tok.key)
            if posting is None:
                posting = self._postings[tok.key] = set()
                self._vocab[tok.key] = tok
                for bk in _block_keys(tok):
                    self._blocks.setdefault(bk, set()).add(tok.key)
                if not (tok.foreign or tok.groups):
                    for form in tok.forms:
                        self._skeletons.setdefault(form, set()).add(tok.key)
            if not tok.foreign:
                known = self._spellings.get(tok.key)
                if known is None:
                    known = self._spellings[tok.key] = set()
                new = [sp for sp in spellings(tok.text) if sp not in known]
                if new:
                    known.update(new)
                    for bk in _spelling_keys(new):
                        self._blocks.setdefault(bk, set()).add(tok.key)
            posting.add(vid)
        for form in parsed.zh:
            self._zh.setdefault(form, set()).add(vid)
        if self._word_cache or self._near_cache or self._block_cache:
            self._word_cache.clear()
            self._near_cache.clear()
            self._block_cache.clear()

    def add_many(self, pairs: Iterable[tuple[str, str]]) -> None:
        prepare_given_names()
        cache = self._word_cache
        self._word_cache = {}
        for person_id, name in pairs:
            self.add(person_id, name)
        cache.clear()

    def remove(self, person_id: str) -> None:
        vids = self._by_person.pop(person_id, None)
        if not vids:
            return
        for vid in vids:
            parsed = self._names[vid]
            if parsed is None:
                continue
            for tok in (*parsed.tokens, *_joined_tokens(parsed.core)):
                posting = self._postings.get(tok.key)
                if posting is not None:
                    posting.discard(vid)
            for form in parsed.zh:
                self._zh.get(form, set()).discard(vid)
            self._names[vid] = None
            self._size -= 1
        self._word_cache.clear()
        self._near_cache.clear()

    # -- searching ------------------------------------------------------------
    def _similar_words(self, tok: Token) -> list[str]:
        """Vocabulary words (token keys) similar enough to `tok` to pull in their names."""
        keys = _block_keys(tok)
        # A slipped given name (Jauhemija) meets the name it can only be.
        slipped = frozenset() if (tok.groups or tok.foreign) else slip_groups(tok.text, tok.forms)
        keys.update("g:" + gid for gid in slipped)
        blocks = self._blocks
        out: set[str] = set()
        if tok.foreign:  # a Han transcription: every word of its blocks
            for bk in keys:
                out |= blocks.get(bk, set())
        for gid in tok.groups:  # the same given name, in any of its forms
            out |= blocks.get("g:" + gid, set())
        for gid in slipped:
            out.update(w for w in blocks.get("g:" + gid, ()) if is_listed_form(self._vocab[w].text))
        used = [self._block(bk) for bk in keys if bk in blocks]
        for block in used:
            out.update(block.foreign)
        _near_words(tok, used, out)
        postings = self._postings
        return [w for w in out if postings[w]]

    def _block(self, bk: str) -> _Block:
        hit = self._block_cache.get(bk)
        if hit is None:
            hit = _Block([], [], {}, [])
            for wkey in self._blocks[bk]:
                word = self._vocab[wkey]
                if word.foreign:
                    hit.foreign.append(wkey)
                for fb in word.forms:
                    hit.forms.append(fb)
                    hit.form_words.append(wkey)
                for sb in self._spellings.get(wkey, ()):
                    part = hit.written.get(sb[0])
                    if part is None:
                        part = hit.written[sb[0]] = ([], [])
                    part[0].append(sb)
                    part[1].append(wkey)
            if len(self._block_cache) > 200_000:
                self._block_cache.clear()
            self._block_cache[bk] = hit
        return hit

    def _word_postings(self, tok: Token) -> set[int]:
        """Variants containing a word similar to `tok` (cached per query word)."""
        return self._similar(tok)[1]

    def _similar(self, tok: Token, same_name_only: bool = False) -> tuple[frozenset[str], set[int]]:
        """The vocabulary words similar to `tok` and the variants holding them.

        `same_name_only` leaves out, for a known given name, the words that are other
        known given names (Aliaksandr for Aliaksandra, Ivan for Ivana): such a pair
        never scores above 0.25 (score.DIFFERENT_GIVEN_NAME), so a name that meets
        the query only through it stays below any min_score over `_other_name_bound`.
        In a crowded registry they are hundreds of namesakes of the other gender.
        """
        cache_key = tok.key + ("=" if same_name_only and tok.groups else "")
        hit = self._word_cache.get(cache_key)
        if hit is not None:
            return hit
        words = frozenset(self._similar_words(tok))
        if same_name_only and tok.groups:
            vocab = self._vocab
            words = frozenset(
                w for w in words if not vocab[w].groups or vocab[w].groups & tok.groups
            )
        found: set[int] = set()
        for wkey in words:
            found |= self._postings[wkey]
        if len(self._word_cache) > 50_000:
            self._word_cache.clear()
        hit = self._word_cache[cache_key] = (words, found)
        return hit

    def _word_keys(self, vid: int) -> set[str]:
        parsed = self._names[vid]
        if parsed is None:
            return set()
        return {t.key for t in (*parsed.tokens, *_joined_tokens(parsed.core))}

    def _two_words(
        self, a: tuple[frozenset[str], set[int]], b: tuple[frozenset[str], set[int]]
    ) -> set[int]:
        """Variants holding a word similar to one query word *and another* similar to the
        second.  When one stored word is similar to both (Valeryy Valiraw: the surname is
        a slip away from the given name), the plain intersection would be every Valery
        in the registry, and a name that meets the query on one word only cannot
        score as the same person."""
        both = a[1] & b[1]
        shared = a[0] & b[0]
        if not shared or not both:
            return both
        out = set()
        for vid in both:
            keys = self._word_keys(vid)
            in_a, in_b = keys & a[0], keys & b[0]
            if in_a and in_b and (len(in_a | in_b) >= 2):
                out.add(vid)
        return out

    def _nearest_postings(self, tok: Token, cap: int) -> set[int]:
        """At most `cap` variants, from the words nearest to `tok` first (edit
        distance of skeletons; the oldest variants of the last word), so a one-word
        query shows its closest names."""
        hit = self._near_cache.get(tok.key)
        if hit is not None:
            return hit
        vocab = self._vocab

        def nearness(wkey: str) -> int:
            word = vocab[wkey]
            if tok.groups & word.groups:
                return 0  # the same given name, in any of its forms
            return min(Levenshtein.distance(f, g) for f in tok.forms for g in word.forms)

        found: set[int] = set()
        for wkey in sorted(self._similar_words(tok), key=lambda w: (nearness(w), w)):
            posting = self._postings[wkey]
            if len(found) + len(posting) > cap:
                found.update(heapq.nsmallest(cap - len(found), posting))
                break
            found |= posting
        if len(self._near_cache) > 10_000:
            self._near_cache.clear()
        self._near_cache[tok.key] = found
        return found

    def _candidates(self, q: ParsedName, min_score: float = 0.0) -> set[int]:
        cands: set[int] = set()
        for form in q.zh:
            cands |= self._zh.get(form, set())
        if cands and not any(t.groups for t in q.core):
            # A Chinese reading met exactly: the strict pinyin comparison can only
            # confirm these, and common syllables (Wang, Wei) would pull in thousands
            # of fuzzy candidates that cannot match.  (Not for Hanna Lin: a known
            # given name may be a Slavic name that merely reads as pinyin.)
            return cands
        if len(q.core) <= 1:
            # One word never matches a fuller name; list the nearest names only.
            if q.core:
                cands |= self._nearest_postings(q.core[0], _SINGLE_TOKEN_CAP)
            return cands
        same_name_only = min_score > _other_name_bound(len(q.core))
        found = [self._similar(t, same_name_only) for t in (*q.core, *_joined_tokens(q.core))]
        sets = sorted((f for f in found if f[1]), key=lambda f: len(f[1]))
        if not sets:
            return cands
        for _words, s in sets:
            if len(s) <= _RARE_POSTINGS:
                cands |= s
        for i in range(len(sets)):
            for j in range(i + 1, len(sets)):
                cands |= self._two_words(sets[i], sets[j])
        return cands

    def _repair_candidates(self, q: ParsedName) -> set[int]:
        """Variants whose word is the skeleton of a query word with one keystroke
        undone (repair.py), and that share another word with the query.  Asked only
        when nothing matched: a slip inside a digraph can also move the consonant
        frame too far for the frame keys."""
        sets = [self._word_postings(t) for t in q.core]
        out: set[int] = set()
        for i, tok in enumerate(q.core):
            if tok.groups or tok.foreign or len(tok.text) < 6:
                continue
            found: set[int] = set()
            for sk in repaired_skeletons(tok.text):
                for wkey in self._skeletons.get(sk, ()):
                    found |= self._postings[wkey]
            if found:
                for j, other in enumerate(sets):
                    if j != i:
                        out |= found & other
        return out

    def search(self, query: str, limit: int = 5, min_score: float = 0.3) -> list[Match]:
        """Best-matching people, one Match per person, best first."""
        q = parse(query)
        if not q.tokens or limit <= 0:
            return []
        best: dict[str, tuple[float, float, int]] = {}
        candidates = self._candidates(q, min_score)
        self._score_into(best, q, query, candidates, min_score, repair=False)
        if len(q.core) >= 2 and not any(v[0] >= THRESHOLD for v in best.values()):
            # Nothing matched: perhaps a slip in the query that the folding hides.
            # Score, with slips undone, the variants holding a word that a repaired
            # query word spells exactly.  (So a query that matched someone outright
            # does not list a second person who would need a repaired slip; and a
            # slip in the *stored* name is left to score(), which tries both.)
            self._score_into(best, q, query, self._repair_candidates(q), min_score, repair=True)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))[:limit]
        out = []
        for pid, (s, _tie, vid) in ranked:
            cand = self._names[vid]
            assert cand is not None
            out.append(Match(person_id=pid, variant=cand.raw, score=s))
        return out

    def _score_into(
        self,
        best: dict[str, tuple[float, float, int]],
        q: ParsedName,
        query: str,
        vids: Iterable[int],
        min_score: float,
        repair: bool,
    ) -> None:
        names = self._names
        owner = self._owner
        folded = query.casefold()
        # Namesakes written alike (dozens of "Аляксандр Іванаў") are scored once.
        scored: dict[str, float] = {}
        ties: dict[str, float] = {}
        for vid in vids:
            cand = names[vid]
            if cand is None:
                continue
            s = scored.get(cand.raw)
            if s is None:
                s = scored[cand.raw] = round(compare(q, cand, repair), 4)
            if s < min_score:
                continue
            pid = owner[vid]
            prev = best.get(pid)
            if prev is None or s >= prev[0]:
                # Equal scores: show the variant written most like the query.
                tie = ties.get(cand.raw)
                if tie is None:
                    tie = ties[cand.raw] = fuzz.ratio(folded, cand.raw.casefold())
                if prev is None or s > prev[0] or tie > prev[1]:
                    best[pid] = (s, tie, vid)
