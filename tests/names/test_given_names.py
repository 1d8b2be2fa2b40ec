"""The given-name table: every group's forms find the group, groups stay apart, diminutives
stand apart from full names, and a slipped given name is read as the one name it is near."""

from __future__ import annotations

import pytest

from rollcall.names.given_names import _index, all_group_ids, groups_of, is_diminutive, slip_groups
from rollcall.names.parse import make_token
from rollcall.names.resources import diminutives, given_name_groups
from rollcall.names.translit import skeletons


@pytest.mark.parametrize(
    ("names", "group"),
    [
        (
            [
                "Alexander",
                "Aliaksandr",
                "Aleksandr",
                "Alyaksandr",
                "Alexandre",
                "Aleś",
                "Ales",
                "Alies",
                "Александр",
                "Аляксандр",
                "Алесь",
            ],
            "alexander",
        ),
        (["Sergei", "Siarhei", "Sergey", "Serhiy", "Сяргей"], "sergei"),
        (["Yevgeny", "Yauhen", "Evgeny", "Evgeniy", "Jauhien", "Яўген", "Євген"], "evgeny"),
        (["Nikolai", "Mikalai", "Mikola", "Mykola", "Мікалай"], "nikolai"),
        (["Maria", "Maryia", "Mariya", "Marya", "Марыя"], "maria"),
        (["Viktor", "Viktar", "Wiktar", "Віктар"], "viktor"),
        (["Ihar", "Igor", "Ігар", "Игорь"], "igor"),
        (["Paviel", "Pavel", "Paval", "Павал"], "pavel"),
        (["Uladzimir", "Vladimir", "Wladimir", "Уладзімір"], "vladimir"),
        (["Yury", "Yuri", "Iouri", "Juri", "Юры"], "yuri"),
        (["Dzmitry", "Dmitry", "Zmitser", "Дзмітрый"], "dmitry"),
        (["Andrei", "Andrey", "Andrej", "Andrzej", "Андрэй"], "andrei"),
        (["Sviatlana", "Svetlana", "Святлана", "Світлана"], "svetlana"),
        (["Volha", "Olga", "Вольга"], "olga"),
    ],
)
def test_forms_find_their_group(names: list[str], group: str) -> None:
    for name in names:
        assert group in groups_of(skeletons(name)), name


def test_close_strings_different_names() -> None:
    assert not groups_of(skeletons("Maria")) & groups_of(skeletons("Marina"))
    assert not groups_of(skeletons("Aleksandr")) & groups_of(skeletons("Aleksandra"))
    assert not groups_of(skeletons("Yevgeny")) & groups_of(skeletons("Yevgenia"))


def test_table_is_big_and_unambiguous() -> None:
    assert len(all_group_ids()) >= 80
    seen: dict[str, str] = {}
    clashes = []
    for gid, (_sex, forms) in given_name_groups().items():
        for form in forms:
            for sk in skeletons(form):
                if seen.setdefault(sk, gid) != gid:
                    clashes.append((form, gid, seen[sk]))
    assert not clashes


def test_diminutives_do_not_fold_onto_full_names() -> None:
    full = {sk for sk, gids in _index()[0].items() if not is_diminutive(gids)}
    known = set(given_name_groups())
    for did, (gids, forms) in diminutives().items():
        assert set(gids) <= known, did
        for form in forms:
            for sk in skeletons(form):
                assert sk not in full, (did, form, sk)


@pytest.mark.parametrize(
    ("word", "group"),
    [("Aleksanra", "alexandra"), ("Alwksandr", "alexander"), ("Сцчпан", "stepan")],
)
def test_slip_groups_finds_the_one_name(word: str, group: str) -> None:
    tok = make_token(word)
    assert slip_groups(tok.text, tok.forms) == {group}


@pytest.mark.parametrize(
    "word",
    [
        "Ivna",  # Ivana or Ivan
        "Olgs",  # Olga or Oleg
        "Petrov",  # Petro + a letter at the end: the last letter carries the form
        "Ivanov",
        "Romana",
        "Lyubvo",  # the slip touches the last letter
    ],
)
def test_slip_groups_refuses_ambiguous_or_ending(word: str) -> None:
    tok = make_token(word)
    assert slip_groups(tok.text, tok.forms) == frozenset()
