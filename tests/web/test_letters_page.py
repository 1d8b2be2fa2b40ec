"""The letters page: who may be written to and where, birthdays this month, releases due.

Everyone here is invented, and so are the facilities' addresses. Dates are counted from today,
as the page counts them. Who the page names to each role is also checked, with every other page,
in tests/test_access.py.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rollcall.events.models import Facility
from rollcall.people.models import Person
from tests.cast import person

pytestmark = pytest.mark.django_db

TODAY = date.today()
ADDRESS = "220000, г. Примерный, ул. Садовая, 1, ИК-99"
OLD_ADDRESS = "220001, г. Примерный, ул. Тюремная, 2, СИЗО-9"
# What one GET of the page may cost, whatever the number of people on it: each of the three
# lists is its people, their names and (for two of them) their events.
QUERY_BUDGET = 8


@pytest.fixture
def colony() -> Facility:
    return Facility.objects.create(
        name="Penal colony No. 99", country="BY", locality="Primerny", postal_address=ADDRESS
    )


@pytest.fixture
def remand_centre() -> Facility:
    return Facility.objects.create(
        name="Pre-trial centre No. 9", country="BY", postal_address=OLD_ADDRESS
    )


def held(name: str, *later: tuple[Any, ...], **fields: Any) -> Person:
    """Someone arrested in 2023 and held since, with `later` events on their timeline."""
    return person(name, events=[("arrest", "2023-03-01", "BY"), *later], **fields)


def sentenced(ends_on: date, facility: Facility | None = None) -> tuple[Any, ...]:
    extra = {"sentence_kind": "term", "term_months": 48, "term_ends_on": ends_on}
    return ("sentence", "2023-09-01", "BY", extra | {"facility": facility})


def this_month(day: int) -> date:
    # 1984 was a leap year, so every day of every month exists in it.
    return date(1984, TODAY.month, day)


def page(client: Client) -> str:
    response = client.get("/letters/")
    assert response.status_code == 200
    return response.content.decode()


def section(body: str, name: str) -> str:
    """The HTML of one of the page's three lists: write, birthdays or releases."""
    start = body.index(f'<section aria-labelledby="{name}">')
    return body[start : body.index("</section>", start)]


def names_in(body: str) -> list[str]:
    """The people a part of the page links to, in its order."""
    return re.findall(r'<a href="/people/[^/"]+/">([^<]+)</a>', body)


def test_a_held_person_who_accepts_letters_is_listed_with_their_last_facilitys_address(
    client: Client, colony: Facility, remand_centre: Facility
) -> None:
    writer = held(
        "Invented Writable",
        ("transfer", "2023-03-05", "BY", {"facility": remand_centre}),
        sentenced(TODAY + timedelta(days=900), colony),
        accepts_letters=True,
    )
    write = section(page(client), "write")
    assert f'<a href="/people/{writer.uid}/">Invented Writable</a>' in write
    assert ADDRESS in write
    assert "Penal colony No. 99, Primerny" in write
    assert OLD_ADDRESS not in write
    # The person page names the same facility as the last one on record.
    detail = client.get(f"/people/{writer.uid}/").content.decode()
    held_at = detail.split("Held at (last on record)</dt>")[1]
    assert "Penal colony No. 99" in held_at[: held_at.index("</dd>")]


def test_someone_who_accepts_letters_at_a_facility_with_no_address_is_listed_without_one(
    client: Client,
) -> None:
    unknown = Facility.objects.create(name="Colony of no address", country="BY")
    held(
        "Invented Addressless",
        sentenced(TODAY + timedelta(days=900), unknown),
        accepts_letters=True,
    )
    write = section(page(client), "write")
    assert names_in(write) == ["Invented Addressless"]
    assert "No address on record" in write


@pytest.mark.parametrize(
    ("who", "fields", "released"),
    [
        ("released", {"accepts_letters": True}, True),
        ("anonymous", {"accepts_letters": True, "visibility": "anonymous"}, False),
        ("hidden", {"accepts_letters": True, "visibility": "hidden"}, False),
        ("draft", {"accepts_letters": True, "publication": "draft"}, False),
    ],
)
def test_released_anonymous_hidden_and_draft_people_appear_nowhere_on_the_page(
    client: Client, colony: Facility, who: str, fields: dict[str, Any], released: bool
) -> None:
    # Each would be in all three lists if they were public and held.
    freed = [("release", (TODAY - timedelta(days=3)).isoformat(), "BY")] if released else []
    held(
        f"Invented {who}",
        sentenced(TODAY + timedelta(days=30), colony),
        *freed,
        birth_date=this_month(1),
        birth_precision="day",
        **fields,
    )
    body = page(client)
    assert f"Invented {who}" not in body
    assert ADDRESS not in body


def test_a_held_person_who_has_not_agreed_to_letters_is_not_listed_to_write_to(
    client: Client, colony: Facility
) -> None:
    held("Invented Unwilling", sentenced(TODAY + timedelta(days=900), colony))
    body = page(client)
    assert names_in(section(body, "write")) == []
    assert ADDRESS not in body


def test_birthdays_this_month_are_listed_by_day_and_other_months_are_not(client: Client) -> None:
    next_month = TODAY.month % 12 + 1
    held("Invented Second", birth_date=this_month(2), birth_precision="day")
    held("Invented First", birth_date=this_month(1), birth_precision="day")
    held("Invented Next Month", birth_date=date(1984, next_month, 1), birth_precision="day")
    birthdays = section(page(client), "birthdays")
    assert names_in(birthdays) == ["Invented First", "Invented Second"]
    assert f"<td>{TODAY.year - 1984}</td>" in birthdays  # the age they turn


@pytest.mark.parametrize("precision", ["month", "year"])
def test_a_birth_date_not_known_to_the_day_is_no_birthday(client: Client, precision: str) -> None:
    held("Invented Vague", birth_date=this_month(1), birth_precision=precision)
    assert names_in(section(page(client), "birthdays")) == []


def test_releases_due_within_90_days_are_listed_soonest_first(client: Client) -> None:
    held("Invented In 30 Days", sentenced(TODAY + timedelta(days=30)))
    held("Invented Today", sentenced(TODAY))
    held("Invented In 200 Days", sentenced(TODAY + timedelta(days=200)))
    held("Invented Overdue", sentenced(TODAY - timedelta(days=5)))
    releases = section(page(client), "releases")
    assert names_in(releases) == ["Invented Today", "Invented In 30 Days"]


def test_a_later_sentence_replaces_the_term_an_earlier_one_ended_on(client: Client) -> None:
    held(
        "Invented Resentenced",
        sentenced(TODAY + timedelta(days=30)),
        ("sentence", "2024-05-01", "BY", {"term_ends_on": TODAY + timedelta(days=2000)}),
    )
    assert names_in(section(page(client), "releases")) == []


def test_birthdays_and_releases_of_people_who_accept_letters_link_to_their_address(
    client: Client, colony: Facility
) -> None:
    writer = held(
        "Invented Both",
        sentenced(TODAY + timedelta(days=10), colony),
        accepts_letters=True,
        birth_date=this_month(3),
        birth_precision="day",
    )
    body = page(client)
    for part in ("birthdays", "releases"):
        assert f'href="#write-{writer.uid}"' in section(body, part)
    assert f'id="write-{writer.uid}"' in section(body, "write")


def test_the_api_gives_the_address_only_while_held_and_accepting_letters(
    client: Client, colony: Facility
) -> None:
    writer = held("Invented Api", sentenced(TODAY + timedelta(days=900), colony))
    answer = client.get(f"/api/v1/people/{writer.uid}").json()
    assert (answer["accepts_letters"], answer["postal_address"]) == (False, None)
    writer.accepts_letters = True
    writer.save()
    answer = client.get(f"/api/v1/people/{writer.uid}").json()
    assert (answer["accepts_letters"], answer["postal_address"]) == (True, ADDRESS)
    person(
        "Invented Freed",
        events=[
            ("arrest", "2023-03-01", "BY", {"facility": colony}),
            ("release", "2024-03-01", "BY"),
        ],
        uid="invented-freed",
        accepts_letters=True,
    )
    freed = client.get("/api/v1/people/invented-freed").json()
    assert (freed["accepts_letters"], freed["postal_address"]) == (True, None)


def test_the_page_works_without_javascript_and_is_linked_from_every_page(client: Client) -> None:
    body = page(client)
    assert "<script" not in body
    assert 'href="/letters/"' in client.get("/").content.decode()


def _queries(client: Client) -> int:
    page(client)  # the first GET also pays for what the process caches
    with CaptureQueriesContext(connection) as captured:
        page(client)
    return len(captured.captured_queries)


def _grow_to(count: int, colony: Facility) -> None:
    """People in all three lists, each with two names and events beside the ones listed."""
    for i in range(Person.objects.count(), count):
        held(
            f"Invented Prisoner {i:03d}",
            ("transfer", "2023-04-01", "BY", {"facility": colony}),
            sentenced(TODAY + timedelta(days=i + 1), colony),
            aliases=(f"Выдуманы {i:03d}",),
            accepts_letters=True,
            birth_date=this_month(1 + i % 28),
            birth_precision="day",
        )


def test_the_page_costs_the_same_queries_for_3_people_as_for_30(
    client: Client, colony: Facility, without_page_cache: None
) -> None:
    _grow_to(3, colony)
    small = _queries(client)
    _grow_to(30, colony)
    large = _queries(client)
    body = page(client)
    for part in ("write", "birthdays", "releases"):
        assert len(names_in(section(body, part))) == 30, part
    assert large == small, f"{small} queries for 3 people, {large} for 30"
    assert large <= QUERY_BUDGET, f"{large} queries, over the budget of {QUERY_BUDGET}"
