"""Given-name equivalence across Russian, Belarusian, Ukrainian and Polish.

Why not fuzzy matching: Uladzimir/Vladimir, Siarhei/Sergei, Yauhen/Evgeny and
Aleś/Aliaksandr are one name but far apart as strings, while Maria/Marina and
Aleksandr/Aleksandra are close strings but different names.  The groups live in
resources/given_names.txt; every listed form is folded with translit.skeletons, so
any romanisation of a listed form finds its group.
"""

from __future__ import annotations

from functools import cache

from rollcall.names.resources import given_name_groups
from rollcall.names.translit import skeletons


@cache
def _index() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]], dict[str, str]]:
    by_skeleton: dict[str, set[str]] = {}
    members: dict[str, set[str]] = {}
    gender: dict[str, str] = {}
    for gid, (sex, forms) in given_name_groups().items():
        gender[gid] = sex
        for form in forms:
            for sk in skeletons(form):
                by_skeleton.setdefault(sk, set()).add(gid)
                members.setdefault(gid, set()).add(sk)
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


def group_skeletons(gid: str) -> tuple[str, ...]:
    return _index()[1].get(gid, ())


def gender_of(gid: str) -> str:
    return _index()[2].get(gid, "")


def all_group_ids() -> list[str]:
    return sorted(_index()[1])


def is_given_name_skeleton(skeleton: str) -> bool:
    return skeleton in _index()[0]
