"""A seeded, clearly synthetic registry: look-alike names and plausible custody timelines.

Why synthetic: the benchmark must be reproducible and publishable, and real lists name real people
who may have asked not to be named. Every person's uid is `synthetic-NNNNNN`, every list source is
an `example.org` address, and every record's note says "synthetic benchmark data", so rows that
leak into a real database are easy to find and delete.

Why one `random.Random` per pair of people, seeded from (seed, pair): person *i* is the same at
every registry size, so the 10,000-person registry is exactly the first tenth of the 100,000 one
and growth figures compare like with like; it also lets the CSV and the event load regenerate the
same people in two streaming passes instead of holding a million events in memory.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

SYNTHETIC_NOTE = "synthetic benchmark data"
UID_PREFIX = "synthetic-"
DEFAULT_SEED = 20251213
FIRST_DAY = date(2018, 1, 1)
# The last day any event happens on: fixed (not "today") so that figures do not drift from one
# run to the next, and a little before the end of the 2020–2026 series the benchmark asks for.
LAST_DAY = date(2026, 10, 31)
# When most Belarusian arrests happened (after the August 2020 election); a share of all
# first arrests falls here so the series has a realistic peak rather than a flat line.
WAVE = (date(2020, 8, 9), date(2021, 12, 31))

# The CSV columns `rollcall import` reads (docs/import-export.md), written out here rather than
# imported: the generator runs without Django, as any outside script writing a list for
# `rollcall import` does.
CSV_COLUMNS = (
    "name",
    "id",
    "aliases",
    "birth_year",
    "gender",
    "country",
    "detained_on",
    "released_on",
    "release_kind",
    "destination",
    "visibility",
    "source_url",
)

# (Latin, Cyrillic) parts; combined they give names that look Belarusian or Russian without
# being anyone's in particular.
GIVEN_MALE = (
    ("Aliaksei", "Аляксей"),
    ("Siarhei", "Сяргей"),
    ("Uladzimir", "Уладзімір"),
    ("Mikalai", "Мікалай"),
    ("Andrei", "Андрэй"),
    ("Dzmitry", "Дзмітрый"),
    ("Pavel", "Павел"),
    ("Ihar", "Ігар"),
    ("Yauhen", "Яўген"),
    ("Viktar", "Віктар"),
    ("Maksim", "Максім"),
    ("Artsiom", "Арцём"),
    ("Raman", "Раман"),
    ("Aleh", "Алег"),
    ("Vadzim", "Вадзім"),
    ("Dmitry", "Дмитрий"),
    ("Sergei", "Сергей"),
    ("Vladimir", "Владимир"),
    ("Ivan", "Иван"),
    ("Nikolai", "Николай"),
    ("Oleg", "Олег"),
    ("Yuri", "Юрий"),
    ("Kirill", "Кирилл"),
)
GIVEN_FEMALE = (
    ("Maryia", "Марыя"),
    ("Volha", "Вольга"),
    ("Katsiaryna", "Кацярына"),
    ("Alena", "Алена"),
    ("Hanna", "Ганна"),
    ("Nasta", "Наста"),
    ("Palina", "Паліна"),
    ("Iryna", "Ірына"),
    ("Yulia", "Юлія"),
    ("Darya", "Дар'я"),
    ("Tatsiana", "Таццяна"),
    ("Anastasia", "Анастасия"),
    ("Ekaterina", "Екатерина"),
    ("Olga", "Ольга"),
    ("Natalia", "Наталья"),
    ("Svetlana", "Светлана"),
    ("Elena", "Елена"),
)
SURNAME_ROOTS = (
    ("Bial", "Бял"),
    ("Krasn", "Красн"),
    ("Zhur", "Жур"),
    ("Malin", "Малін"),
    ("Sakal", "Сакал"),
    ("Dubr", "Дубр"),
    ("Hrom", "Гром"),
    ("Lisits", "Лісіц"),
    ("Kavalen", "Кавален"),
    ("Tsvirk", "Цвірк"),
    ("Miron", "Мірон"),
    ("Sviridz", "Свірыдз"),
    ("Hramad", "Грамад"),
    ("Palyn", "Палын"),
    ("Varab", "Вараб"),
    ("Zaitsau", "Зайцаў"),
    ("Rudak", "Рудак"),
    ("Lukash", "Лукаш"),
    ("Shaur", "Шаур"),
    ("Yasin", "Ясін"),
    ("Kuzmin", "Кузмін"),
    ("Bersen", "Берсен"),
    ("Tumash", "Тумаш"),
    ("Hlush", "Глуш"),
)
SURNAME_ENDINGS = (
    ("evich", "евіч"),
    ("enka", "енка"),
    ("ouski", "оўскі"),
    ("ok", "ок"),
    ("ik", "ік"),
    ("uk", "ук"),
    ("ovich", "овіч"),
    ("ets", "ец"),
    ("ski", "скі"),
    ("in", "ін"),
)
CN_SURNAMES = (
    ("Wang", "王"),
    ("Li", "李"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Chen", "陈"),
    ("Yang", "杨"),
    ("Huang", "黄"),
    ("Zhao", "赵"),
    ("Wu", "吴"),
    ("Zhou", "周"),
)
CN_GIVEN = (
    ("Wei", "伟"),
    ("Fang", "芳"),
    ("Min", "敏"),
    ("Jing", "静"),
    ("Lei", "磊"),
    ("Qiang", "强"),
    ("Yan", "燕"),
    ("Jun", "军"),
    ("Tao", "涛"),
    ("Ming", "明"),
)
MM_PARTS = (
    "Aung",
    "Kyaw",
    "Min",
    "Thant",
    "Zaw",
    "Htet",
    "Myo",
    "Naing",
    "Thura",
    "Hla",
    "Soe",
    "Win",
    "Tun",
    "Nyein",
    "Su",
    "Khin",
    "Moe",
    "Thida",
)
LATIN_GIVEN = (
    "Farid",
    "Leyla",
    "Ramin",
    "Nasrin",
    "Carlos",
    "Maria",
    "Javier",
    "Elmar",
    "Arzu",
    "Reza",
    "Sara",
    "Daniel",
    "Lucia",
    "Tofig",
    "Gunel",
)
LATIN_SURNAMES = (
    "Aliyev",
    "Mammadli",
    "Hosseini",
    "Karimi",
    "Lopez",
    "Ortega",
    "Rahimov",
    "Guliyeva",
    "Moradi",
    "Chamorro",
    "Huseynov",
    "Tehrani",
)

# Holding states, roughly as the registry's first lists weigh them.
COUNTRIES = (("BY", 45), ("RU", 30), ("CN", 8), ("MM", 7), ("AZ", 4), ("IR", 3), ("NI", 3))
DESTINATIONS = ("LT", "PL", "LV", "UA", "DE", "GE", "US")
RELEASE_KINDS = (
    ("end_of_term", 50),
    ("pardon", 20),
    ("amnesty", 12),
    ("deal", 8),
    ("acquittal", 5),
    ("other", 5),
)
FILLERS = (("charge", 30), ("sentence", 25), ("transfer", 30), ("recognition", 15))
# What the person's last custody ends in; earlier ones always end in a release.
OUTCOMES = (("held", 40), ("released", 48), ("deported", 9), ("died_in_custody", 3))
VISIBILITY = (("public", 90), ("anonymous", 7), ("hidden", 3))


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in table], [weight for _, weight in table])[0]


@dataclass(frozen=True, slots=True)
class SynEvent:
    """One event as the registry stores it (date already snapped to the precision's first day)."""

    type: str
    date: date
    country: str
    precision: str = "day"
    release_kind: str = ""
    destination: str = ""
    sentence_kind: str = ""
    term_months: int | None = None

    def model_fields(self) -> dict[str, object]:
        """The registry Event's fields for this event, labelled synthetic: the benchmarks that
        load events straight into the database build `Event(person_id=…, **model_fields())`."""
        return {
            "type": self.type,
            "date": self.date,
            "date_precision": self.precision,
            "country": self.country,
            "release_kind": self.release_kind,
            "destination": self.destination,
            "sentence_kind": self.sentence_kind,
            "term_months": self.term_months,
            "note": SYNTHETIC_NOTE,
        }


@dataclass(slots=True)
class Episode:
    """One stretch of custody in the generator's own terms (the ground truth for the checks)."""

    start: date
    end: date | None = None
    end_type: str = ""  # release, death_in_custody
    deported: bool = False


@dataclass(slots=True)
class SynPerson:
    index: int
    uid: str
    name: str
    aliases: list[str]
    birth_year: int | None
    gender: str
    country: str
    visibility: str
    source_url: str
    events: list[SynEvent] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)

    @property
    def first_arrest(self) -> SynEvent:
        return next(e for e in self.events if e.type == "arrest")

    @property
    def last_release(self) -> SynEvent | None:
        return next((e for e in reversed(self.events) if e.type == "release"), None)

    def csv_row(self) -> dict[str, str]:
        """The import CSV row: first arrest and last release, as the export writes them."""
        arrest, release = self.first_arrest, self.last_release
        detained = {
            "day": arrest.date.isoformat(),
            "month": arrest.date.isoformat()[:7],
            "year": arrest.date.isoformat()[:4],
        }[arrest.precision]
        return {
            "name": self.name,
            "id": self.uid,
            "aliases": "|".join(self.aliases),
            "birth_year": str(self.birth_year or ""),
            "gender": self.gender,
            "country": self.country,
            "detained_on": detained,
            "released_on": release.date.isoformat() if release else "",
            "release_kind": release.release_kind if release else "",
            "destination": release.destination if release else "",
            "visibility": self.visibility,
            "source_url": self.source_url,
        }

    def loaded_events(self) -> list[SynEvent]:
        """The events a CSV row cannot carry, which the benchmark bulk-loads after the import."""
        arrest, release = self.first_arrest, self.last_release
        return [e for e in self.events if e is not arrest and e is not release]


def event_counts(seed: int, pair: int, per_person: int) -> tuple[int, int]:
    """Events of people 2·pair and 2·pair+1: they vary but always add up to 2·per_person, so a
    registry of N people holds exactly per_person·N events (for even N)."""
    spread = random.Random(f"{seed}:counts:{pair}").randint(0, max(0, min(per_person - 1, 6)))
    return per_person + spread, per_person - spread


def make_person(seed: int, index: int, n_events: int) -> SynPerson:
    """Person `index` of the synthetic registry with exactly `n_events` (≥ 1) events."""
    rng = random.Random(f"{seed}:person:{index}")
    country = _weighted(rng, COUNTRIES)
    gender = rng.choices(["male", "female", "other", ""], [68, 28, 1, 3])[0]
    name, aliases = _name(rng, country, gender)
    person = SynPerson(
        index=index,
        uid=f"{UID_PREFIX}{index:06d}",
        name=name,
        aliases=aliases,
        birth_year=rng.randint(1950, 2004) if rng.random() < 0.95 else None,
        gender=gender,
        country=country,
        visibility=_weighted(rng, VISIBILITY),
        source_url=f"https://example.org/synthetic-list/{country.lower()}",
    )
    _timeline(rng, person, max(1, n_events))
    return person


def people(seed: int, count: int, per_person: int) -> Iterator[SynPerson]:
    """The first `count` people of the registry, in index order."""
    for pair in range(0, (count + 1) // 2):
        first, second = event_counts(seed, pair, per_person)
        yield make_person(seed, 2 * pair, first)
        if 2 * pair + 1 < count:
            yield make_person(seed, 2 * pair + 1, second)


def write_csv(handle: TextIO, seed: int, count: int, per_person: int) -> int:
    """Write the import file for `count` people; return the number of rows written."""
    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = 0
    for person in people(seed, count, per_person):
        writer.writerow(person.csv_row())
        rows += 1
    return rows


def write_csv_file(path: Path, seed: int, count: int, per_person: int) -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        return write_csv(handle, seed, count, per_person)


def _name(rng: random.Random, country: str, gender: str) -> tuple[str, list[str]]:
    """A look-alike name in the state's usual form, with the native-script spelling as alias."""
    if country == "CN":
        (family, family_han), (given, given_han) = rng.choice(CN_SURNAMES), rng.choice(CN_GIVEN)
        return f"{family} {given}", [family_han + given_han] if rng.random() < 0.7 else []
    if country == "MM":
        return " ".join(rng.sample(MM_PARTS, rng.randint(2, 3))), []
    if country in {"BY", "RU"}:
        given_table = GIVEN_FEMALE if gender == "female" else GIVEN_MALE
        (given, given_cyr) = rng.choice(given_table)
        (root, root_cyr), (end, end_cyr) = rng.choice(SURNAME_ROOTS), rng.choice(SURNAME_ENDINGS)
        if gender == "female" and end in {"ouski", "ski"}:
            end, end_cyr = end[:-1] + "aya", end_cyr[:-1] + "ая"
        latin, cyrillic = f"{given} {root}{end}", f"{given_cyr} {root_cyr}{end_cyr}"
        aliases = [cyrillic] if rng.random() < 0.6 else []
        if rng.random() < 0.1:
            aliases.append(f"{root}{end} {given}")
        return latin, aliases
    return f"{rng.choice(LATIN_GIVEN)} {rng.choice(LATIN_SURNAMES)}", []


def _random_day(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


def _timeline(rng: random.Random, person: SynPerson, n_events: int) -> None:
    """Fill `person.events` (date order) and `person.episodes` with exactly `n_events` events.

    Arrests, releases, re-arrests, deportations and deaths in custody are the skeleton; charges,
    sentences, transfers and recognitions fill each stretch of custody up to the event count.
    """
    country = person.country
    wanted = rng.choices([1, 2, 3], [72, 22, 6])[0]
    outcome = _weighted(rng, OUTCOMES)
    # Each episode needs an arrest and (except a last one still open) one or two closing events.
    closing = {"held": 0, "released": 1, "deported": 2, "died_in_custody": 1}
    while wanted > 1 and 2 * (wanted - 1) + 1 + closing[outcome] > n_events:
        wanted -= 1
    if 1 + closing[outcome] > n_events:
        outcome = "held" if n_events < 2 else "released"

    if rng.random() < 0.35:
        start = _random_day(rng, *WAVE)
    else:
        start = _random_day(rng, FIRST_DAY, date(2026, 6, 30))
    precision = rng.choices(["day", "month", "year"], [85, 12, 3])[0]
    if precision == "month":
        start = start.replace(day=1)
    elif precision == "year":
        start = start.replace(month=1, day=1)

    skeleton: list[list[SynEvent]] = []
    for number in range(wanted):
        last = number == wanted - 1
        arrest = SynEvent("arrest", start, country, precision if number == 0 else "day")
        episode = Episode(start=start)
        person.episodes.append(episode)
        kind = outcome if last else "released"
        end = start + timedelta(days=rng.randint(20, 1500))
        if kind == "held" or end > LAST_DAY:
            skeleton.append([arrest])
            break
        closing_events: list[SynEvent]
        if kind == "died_in_custody":
            closing_events = [SynEvent("death_in_custody", end, country)]
            episode.end_type = "death_in_custody"
        elif kind == "deported":
            destination = rng.choice(DESTINATIONS)
            closing_events = [
                SynEvent(
                    "release",
                    end,
                    country,
                    release_kind=rng.choice(["deal", "pardon"]),
                    destination=destination,
                ),
                SynEvent(
                    "deportation",
                    min(end + timedelta(days=rng.randint(0, 1)), LAST_DAY),
                    country,
                    destination=destination,
                ),
            ]
            episode.end_type, episode.deported = "release", True
        else:
            closing_events = [
                SynEvent("release", end, country, release_kind=_weighted(rng, RELEASE_KINDS))
            ]
            episode.end_type = "release"
        episode.end = end
        skeleton.append([arrest, *closing_events])
        start = end + timedelta(days=rng.randint(30, 600))
        if start > LAST_DAY:
            break

    used = sum(len(events) for events in skeleton)
    filler_counts = [0] * len(skeleton)
    for _ in range(max(0, n_events - used)):
        filler_counts[rng.randrange(len(skeleton))] += 1
    for events, episode, fillers in zip(skeleton, person.episodes, filler_counts, strict=True):
        # Inside the stretch of custody: from the arrest day to the day before it ends.
        high = (episode.end - timedelta(days=1)) if episode.end else LAST_DAY
        middle = sorted(
            (_filler(rng, _random_day(rng, episode.start, high), country) for _ in range(fillers)),
            key=lambda e: e.date,
        )
        person.events += [events[0], *middle, *events[1:]]


def _filler(rng: random.Random, day: date, country: str) -> SynEvent:
    kind = _weighted(rng, FILLERS)
    if kind == "sentence":
        return SynEvent(
            "sentence",
            day,
            country,
            sentence_kind="term",
            term_months=rng.choice([12, 18, 24, 36, 48, 60, 84, 120, 180]),
        )
    return SynEvent(kind, day, country)


@dataclass
class Expected:
    """The public figures on one date, computed from the generator's own episodes: an answer
    independent of the importer, the custody rebuild and the stats queries."""

    held: int = 0
    released: int = 0
    deported: int = 0
    died_in_custody: int = 0

    def add(self, person: SynPerson, day: date, country: str | None = None) -> None:
        if person.visibility == "hidden" or (country and person.country != country):
            return
        episodes = person.episodes
        if any(e.start <= day and (e.end is None or e.end > day) for e in episodes):
            self.held += 1
        ended = [e for e in episodes if e.end is not None and e.end <= day]
        if any(e.end_type == "release" for e in ended):
            self.released += 1
        if any(e.end_type == "release" and e.deported for e in ended):
            self.deported += 1
        if any(e.end_type == "death_in_custody" for e in ended):
            self.died_in_custody += 1
