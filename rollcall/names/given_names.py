"""Given-name equivalence across Russian, Belarusian, Ukrainian and Polish.

Why not fuzzy matching: Uladzimir/Vladimir, Siarhei/Sergei, Yauhen/Evgeny and
Aleś/Aliaksandr are one name but far apart as strings, while Maria/Marina and
Aleksandr/Aleksandra are close strings but different names.  The groups live in
resources/given_names.txt; every listed form is folded with translit.skeletons, so
any romanisation of a listed form finds its group.
"""

from __future__ import annotations

import unicodedata

from rollcall.names.phonetic import single_edit
from rollcall.names.repair import undo_slip
from rollcall.names.resources import diminutives, given_name_groups
from rollcall.names.translit import skeletons, spellings

DIMINUTIVE = "~"  # prefix of a diminutive's own group id (resources/diminutives.txt)


GroupTables = tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]], dict[str, str]]
_group_tables: GroupTables | None = None


def _index() -> GroupTables:
    """Skeleton -> groups, group -> its skeletons, group -> gender."""
    global _group_tables
    if _group_tables is None:
        _group_tables = _build_index()
    return _group_tables


def _build_index() -> GroupTables:
    by_skeleton: dict[str, set[str]] = {}
    members: dict[str, set[str]] = {}
    gender: dict[str, str] = {}
    for gid, (sex, forms) in given_name_groups().items():
        gender[gid] = sex
        for form in forms:
            for sk in skeletons(form):
                by_skeleton.setdefault(sk, set()).add(gid)
                members.setdefault(gid, set()).add(sk)
    for did, (gids, forms) in diminutives().items():
        for form in forms:
            for sk in skeletons(form):
                by_skeleton.setdefault(sk, set()).update((*gids, DIMINUTIVE + did))
    return (
        {k: frozenset(v) for k, v in by_skeleton.items()},
        {k: tuple(sorted(v)) for k, v in members.items()},
        gender,
    )


def groups_of(forms: tuple[str, ...]) -> frozenset[str]:
    """Groups whose members include any of the skeletons `forms` of one word."""
    table = _index()[0]
    found: frozenset[str] = frozenset()
    for sk in forms:
        hit = table.get(sk)
        if hit:
            found = found | hit
    return found


def is_diminutive(groups: frozenset[str]) -> bool:
    return any(g.startswith(DIMINUTIVE) for g in groups)


def group_skeletons(gid: str) -> tuple[str, ...]:
    return _index()[1].get(gid, ())


def gender_of(gid: str) -> str:
    return _index()[2].get(gid, "")


def all_group_ids() -> list[str]:
    return sorted(_index()[1])


def is_given_name_skeleton(skeleton: str) -> bool:
    return skeleton in _index()[0]


# -- slipped given names ------------------------------------------------------
# The vocabulary is closed: a word that is not a known name but is one keystroke
# from exactly one known name (Aleksanra, Vitlai, Валеоый) can only be that name.
# It must not be one edit from another group's name as well (Ivna: Ivana or Ivan?).

_MIN_SLIP_LENGTH = 5  # skeleton letters of the known name
_slip_cache: dict[str, frozenset[str]] = {}


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", word.lower()) if c.isalpha())


SlipTables = tuple[tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]], ...]
_slip_tables: SlipTables | None = None


def _levels() -> SlipTables:
    """For the skeletons, the script-folded spellings and the plain written forms of
    every listed name: (member -> groups, member or member minus a letter -> members)."""
    global _slip_tables
    if _slip_tables is None:
        _slip_tables = _build_levels()
    return _slip_tables


def _build_levels() -> SlipTables:
    tables: list[dict[str, set[str]]] = [{}, {}, {}]
    for gid, (_sex, forms) in given_name_groups().items():
        for form in forms:
            for sk in skeletons(form):
                tables[0].setdefault(sk, set()).add(gid)
            for sp in spellings(form):
                tables[1].setdefault(sp, set()).add(gid)
            tables[2].setdefault(_plain(form), set()).add(gid)
    out = []
    for table in tables:
        dels: dict[str, set[str]] = {}
        for m in table:
            dels.setdefault(m, set()).add(m)
            for i in range(len(m)):
                dels.setdefault(m[:i] + m[i + 1 :], set()).add(m)
        out.append(
            (
                {k: frozenset(v) for k, v in table.items()},
                {k: frozenset(v) for k, v in dels.items()},
            )
        )
    return tuple(out)


WordTables = tuple[GroupTables, SlipTables]


def word_tables() -> WordTables:
    """The given-name tables, for saving beside an index built by this same code."""
    return _index(), _levels()


def adopt_word_tables(tables: WordTables) -> None:
    """Use tables saved by this same code (the caller checks that): reading them back costs a
    fraction of the second building them takes, which a one-shot `match` would pay."""
    global _group_tables, _slip_tables
    _group_tables, _slip_tables = tables


def prepare() -> None:
    """Build the slip tables now: about 0.7 s once per process, better spent while an
    index is built than inside the first query that meets an unknown word."""
    _levels()


def is_listed_form(text: str) -> bool:
    """The written word (lower-cased letters) is a listed name form, up to scheme
    and digraph folding -- not merely a word whose skeleton folds onto one
    (the surname Кирилая folds onto Кирило)."""
    levels = _levels()
    return text in levels[2][0] or any(sp in levels[1][0] for sp in spellings(text))


def slip_groups(text: str, forms: tuple[str, ...]) -> frozenset[str]:
    """Groups of the one known given name that the unknown word `text` (skeletons
    `forms`) is a keystroke slip of; empty when none or when ambiguous.

    Accepted slips: a letter omitted, a doubled or extra letter, an adjacent swap,
    a keyboard-neighbour substitution -- anywhere but the first and the last letter,
    so also near the end (Aleksanra), where surnames keep their suffixes strict.
    Judged on the skeletons, the script-folded spellings and the plain written word
    (a slip may break a digraph, or be a ЙЦУКЕН neighbour).  Refused when the word
    is one edit (of any kind, anywhere) from a member of another group: Ivna is
    Ivana or Ivan, Olgs Olga or Oleg; Petrov is not Petro.
    """
    hit = _slip_cache.get(text)
    if hit is not None:
        return hit
    result: frozenset[str] = frozenset()
    levels = _levels()
    words = (forms, spellings(text), (text,))
    near_groups: set[str] = set()
    hit_groups: set[str] = set()
    for (table, dels), ws in zip(levels, words, strict=True):
        for w in ws:
            if w in table:
                continue
            found = set(dels.get(w, ()))
            for i in range(len(w)):
                found |= dels.get(w[:i] + w[i + 1 :], frozenset())
            for m in found:
                edit = single_edit(w, m)
                if edit is None:
                    continue
                near_groups |= table[m]
                # Omission: the word lacks one letter of the member (not the
                # first or the last).
                if (
                    edit[0] == "indel"
                    and len(m) > len(w)
                    and 0 < edit[1] < len(m) - 1
                    and max(map(len, skeletons(m))) >= _MIN_SLIP_LENGTH
                ):
                    hit_groups |= table[m]
    if near_groups:
        skeleton_table = levels[0][0]
        for word in undo_slip(text):
            for sk in skeletons(word):
                if sk in skeleton_table and len(sk) >= _MIN_SLIP_LENGTH:
                    hit_groups |= skeleton_table[sk]
        if hit_groups and near_groups <= hit_groups:
            result = frozenset(hit_groups)
    if len(_slip_cache) > 200_000:
        _slip_cache.clear()
    _slip_cache[text] = result
    return result
