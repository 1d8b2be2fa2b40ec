"""NameIndex: blocking finds the right person; one Match per person; order and limits."""

from __future__ import annotations

import dataclasses

import pytest

from rollcall.names import THRESHOLD, Match, NameIndex

PEOPLE = {
    "kolesnikova": ["Maria Kolesnikova", "Марыя Калеснікава", "Maryia Kalesnikava"],
    "kalesnik": ["Maryia Kalesnik"],
    "kalinina": ["Maria Kalinina"],
    "babaryka-v": ["Viktar Babaryka", "Виктор Бабарико"],
    "babaryka-e": ["Eduard Babaryka"],
    "znak": ["Maksim Znak", "Максім Знак"],
    "bialiatski": ["Ales Bialiatski", "Алесь Бяляцкі"],
    "tsikhanouskaya": ["Sviatlana Tsikhanouskaya", "Светлана Тихановская"],
    "tsikhanouski": ["Siarhei Tsikhanouski"],
    "liu-xiaobo": ["刘晓波", "Liu Xiaobo"],
    "liu-xia": ["刘霞"],
    "kara-murza": ["Vladimir Kara-Murza"],
    "tohti": ["伊力哈木·土赫提"],
}


@pytest.fixture
def index() -> NameIndex:
    ix = NameIndex()
    for pid, names in PEOPLE.items():
        for name in names:
            ix.add(pid, name)
    return ix


@pytest.mark.parametrize(
    ("query", "person"),
    [
        ("Мария Колесникова", "kolesnikova"),
        ("Kolesnikova Maria", "kolesnikova"),
        ("Viktor Babariko", "babaryka-v"),
        ("Maxim Snak", "znak"),
        ("Aleś Bialacki", "bialiatski"),
        ("Aliaksandr Bialiatski", "bialiatski"),
        ("Svetlana Tikhanovskaya", "tsikhanouskaya"),
        ("Sergei Tikhanovsky", "tsikhanouski"),
        ("Xiaobo Liu", "liu-xiaobo"),
        ("liuxiaobo", "liu-xiaobo"),
        ("Liu Xia", "liu-xia"),
        ("Vladimir Karamurza", "kara-murza"),
        ("Ilham Tohti", "tohti"),
        ("Maria Kolesinkova", "kolesnikova"),
    ],
)
def test_search_finds_the_person_on_top(index: NameIndex, query: str, person: str) -> None:
    matches = index.search(query)
    assert matches
    assert matches[0].person_id == person
    assert matches[0].score >= THRESHOLD


@pytest.mark.parametrize(
    "query",
    [
        "Maria",
        "Kolesnikova",
        "Maria Kolesnikov",
        "Eduard Babariko Junior Smith",
        "Maksim Zhak",
        "Marina Kolesnikova",
        "Liu Xiao",
        "Ihar Losik",
    ],
)
def test_strangers_find_nobody_above_threshold(index: NameIndex, query: str) -> None:
    assert all(m.score < THRESHOLD for m in index.search(query))


def test_one_match_per_person_with_best_variant(index: NameIndex) -> None:
    matches = index.search("Maryia Kalesnikava", limit=10, min_score=0.0)
    ids = [m.person_id for m in matches]
    assert len(ids) == len(set(ids))
    assert matches[0] == Match("kolesnikova", "Maryia Kalesnikava", 1.0)


def test_ordering_limit_and_min_score(index: NameIndex) -> None:
    matches = index.search("Viktar Babaryka", limit=10, min_score=0.0)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert [m.person_id for m in matches] == ["babaryka-v", "babaryka-e"]  # rare surname
    assert len(index.search("Maria Kolesnikova", limit=1, min_score=0.0)) == 1
    assert index.search("Maria Kolesnikova", limit=0) == []
    high = index.search("Maria Kolesnikova", limit=10, min_score=0.99)
    assert [m.person_id for m in high] == ["kolesnikova"]


def test_len_add_remove(index: NameIndex) -> None:
    total = sum(len(v) for v in PEOPLE.values())
    assert len(index) == total
    index.remove("kolesnikova")
    assert len(index) == total - 3
    assert all(m.person_id != "kolesnikova" for m in index.search("Maria Kolesnikova"))
    index.remove("kolesnikova")  # removing twice is harmless
    index.remove("nobody")
    assert len(index) == total - 3
    index.add("kolesnikova", "Мария Колесникова")
    assert index.search("Maria Kolesnikova")[0].person_id == "kolesnikova"
    assert len(index) == total - 2


def test_add_many_equals_add() -> None:
    pairs = [(pid, n) for pid, names in PEOPLE.items() for n in names]
    a, b = NameIndex(), NameIndex()
    a.add_many(pairs)
    for pid, n in pairs:
        b.add(pid, n)
    assert len(a) == len(b)
    for q in ["Maksim Znak", "Liu Xiaobo", "Ales Bialiatski"]:
        assert a.search(q) == b.search(q)


def test_empty_inputs() -> None:
    ix = NameIndex()
    assert len(ix) == 0
    assert ix.search("Maria Kolesnikova") == []
    ix.add("p", "")
    ix.add("p", "  --  ")
    assert len(ix) == 0
    assert ix.search("") == []


def test_given_name_is_not_read_as_pinyin() -> None:
    ix = NameIndex()
    ix.add("zh", "Han Na")
    assert not [m for m in ix.search("Hanna") if m.score >= THRESHOLD]


def test_match_is_frozen() -> None:
    m = Match("p", "Maria", 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.score = 1.0  # type: ignore[misc]
