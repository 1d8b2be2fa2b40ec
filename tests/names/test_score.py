"""score(): >= 0.7 for spellings of one person, < 0.7 for anyone else."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from rollcall.names import THRESHOLD, score

SAME_PERSON = [
    # The article's four people.
    [
        "Maria Kolesnikova",
        "Maryia Kalesnikava",
        "Марыя Калеснікава",
        "Мария Колесникова",
        "Kolesnikova Maria",
        "Maria Alexandrovna Kolesnikova",
        "Марыя Аляксандраўна Калеснікава",
        "Maryja Kalesnikava",
        "Marija Kolesnikowa",
    ],
    [
        "Viktor Babariko",
        "Viktar Babaryka",
        "Виктор Бабарико",
        "Віктар Бабарыка",
        "Wiktar Babaryka",
        "Viktor Babaryko",
    ],
    ["Maxim Snak", "Maksim Znak", "Максим Знак", "Максім Знак", "Maxime Znak"],
    [
        "Ales Bialiatski",
        "Aleś Bialacki",
        "Ales Byalyatski",
        "Алесь Беляцкий",
        "Алесь Бяляцкі",
        "Aliaksandr Bialiatski",
        "Alies Bialiacki",
        "Ales Beliatski",
    ],
    # Other well-documented cases.
    [
        "Sviatlana Tsikhanouskaya",
        "Svetlana Tikhanovskaya",
        "Святлана Ціханоўская",
        "Светлана Тихановская",
        "Swiatłana Cichanouska",
        "Svetlana Tikhanovskaïa",
        "Swetlana Tichanowskaja",
    ],
    ["Siarhei Tsikhanouski", "Sergei Tikhanovsky", "Сяргей Ціханоўскі", "Сергей Тихановский"],
    ["Ihar Losik", "Igor Losik", "Ігар Лосік", "Игорь Лосик"],
    ["Mikalai Statkevich", "Nikolai Statkevich", "Мікалай Статкевіч", "Mikoła Statkiewicz"],
    ["Raman Pratasevich", "Roman Protasevich", "Раман Пратасевіч", "Роман Протасевич"],
    ["Pavel Sevyarynets", "Paval Seviarynets", "Павел Северинец", "Павел Севярынец"],
    [
        "Alexei Navalny",
        "Aleksei Navalnyi",
        "Алексей Навальный",
        "Alexeï Navalny",
        "Alexej Nawalny",
        "Aleksiej Nawalny",
    ],
    [
        "Vladimir Kara-Murza",
        "Владимир Кара-Мурза",
        "Wladimir Kara-Mursa",
        "Vladimir Karamurza",
        "Vladimir Kara Murza",
    ],
    ["Ilya Yashin", "Илья Яшин", "Ilja Jaschin", "Ilia Iachine"],
    ["Ihar Karnei", "Игорь Карней", "Ігар Карней"],
    ["Eduard Babaryka", "Эдуард Бабарико", "Eduard Babariko"],
    ["Yevgeny Afnagel", "Yauhen Afnagel", "Евгений Афнагель", "Jauhien Afnahiel"],
    ["Uladzimir Matskevich", "Vladimir Matskevich", "Уладзімір Мацкевіч"],
    ["Dzmitry Dashkevich", "Dmitry Dashkevich", "Зміцер Дашкевіч"],
]

DIFFERENT_PEOPLE = [
    ("Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"),  # spouses
    ("Svetlana Tikhanovskaya", "Sergei Tikhanovsky"),
    ("Viktar Babaryka", "Eduard Babaryka"),  # father and son
    ("Maryia Kalesnikava", "Maryia Kalesnik"),  # look-alike surname
    ("Maria", "Maria Kolesnikova"),  # first name only
    ("Kolesnikova", "Maria Kolesnikova"),  # surname only
    ("Maria Kalinina", "Maria Kolesnikova"),
    ("Maria Kolesnikova", "Marina Kolesnikova"),
    ("Aleksandr Ivanov", "Aleksandra Ivanova"),
    ("Aliaksandr Kalesnikau", "Maryia Kalesnikava"),
    ("Alexei Navalny", "Yulia Navalnaya"),
    ("Alexei Navalny", "Alexei Navalnaya"),  # gendered ending alone
    ("Mikalai Statkevich", "Mikalai Stankevich"),  # one consonant
    ("Maksim Znak", "Maksim Zhak"),
    ("Ihar Losik", "Ihar Lozin"),
    ("Ilya Yashin", "Ilya Yashkin"),
    ("Maria Alexandrovna Kolesnikova", "Maria Viktorovna Kolesnikova"),  # patronymic differs
    ("Ales Bialiatski", "Alesia Bialiatskaya"),
]


@pytest.mark.parametrize("group", SAME_PERSON, ids=lambda g: g[0])
def test_every_spelling_pair_matches(group: list[str]) -> None:
    failures = [
        (a, b, score(a, b)) for a, b in itertools.combinations(group, 2) if score(a, b) < THRESHOLD
    ]
    assert not failures


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people_stay_below_threshold(a: str, b: str) -> None:
    assert score(a, b) < THRESHOLD
    assert score(b, a) < THRESHOLD


def test_range_and_symmetry() -> None:
    for a, b in [
        ("Maria Kolesnikova", "Марыя Калеснікава"),
        ("Maria", "Maria Kolesnikova"),
        ("刘晓波", "Xiaobo Liu"),
        ("", "Maria"),
        ("Ales Bialiatski", "X"),
    ]:
        s = score(a, b)
        assert 0.0 <= s <= 1.0
        assert s == score(b, a)


def test_identical_names_score_one() -> None:
    assert score("Maria Kolesnikova", "Maria Kolesnikova") == 1.0


def test_one_letter_typos_in_long_names() -> None:
    assert score("Maria Kolesnikova", "Maria Kolesinkova") >= THRESHOLD  # swap
    assert score("Maria Kolesnikova", "Maria Kolesnkova") >= THRESHOLD  # dropped vowel
    assert score("Sviatlana Tsikhanouskaya", "Sviatlana Tsikhanuoskaya") >= THRESHOLD
    assert score("Raman Pratasevich", "Raman Prataseich") >= THRESHOLD


def test_package_does_not_import_django() -> None:
    code = (
        "import sys; import rollcall.names as n; n.score('a b', 'c d'); n.NameIndex();"
        "print('django' in sys.modules or any(m.startswith('rollcall.') and m.split('.')[1] "
        "not in ('names',) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
