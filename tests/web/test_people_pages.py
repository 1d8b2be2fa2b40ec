"""The people pages: search with the API's filters, its CSV download, and one person's record.

Who each page names, for every role, is checked with every other page in tests/test_access.py.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from rollcall.collective.models import Agreement, CollectiveEvent
from rollcall.demo.load import load_demo
from rollcall.events.models import CriminalArticle, Event, Facility
from rollcall.people.matching import registry_index
from rollcall.sources.models import Source
from rollcall.sources.services import cite
from rollcall.web.people import DOWNLOAD_COLUMNS
from tests.cast import Cast, person

pytestmark = pytest.mark.django_db

PERSON_LINK = re.compile(r'<a href="/people/([^/"]+)/">')


@pytest.fixture
def demo() -> None:
    """The demo registry, and two people of other statuses so that every filter selects."""
    registry_index.reset()
    load_demo()
    person("Still Held", events=[("arrest", "2023-03-01", "BY")], uid="still-held")
    person(
        "Taken To Vilnius",
        events=[
            ("arrest", "2021-01-10", "BY"),
            ("release", "2024-06-01", "BY", {"destination": "LT"}),
        ],
        uid="released-abroad",
    )
    registry_index.reset()


def listed(client: Client, url: str) -> list[str]:
    """The ids of the people a search page lists, in its order."""
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:2000]
    body = response.content.decode()
    table = body[body.index("<main>") : body.index("</main>")]
    return PERSON_LINK.findall(table)


def api_ids(client: Client, query: str) -> list[str]:
    answer = client.get(f"/api/v1/people?{query}")
    assert answer.status_code == 200, answer.content
    return [p["id"] for p in answer.json()["items"]]


def test_kolesnikova_finds_maryia_kalesnikava(client: Client, demo: None) -> None:
    assert listed(client, "/people/?q=Kolesnikova") == ["demo-maria-kalesnikava"]
    body = client.get("/people/?q=Kolesnikova").content.decode()
    assert "Maryia Kalesnikava" in body


def test_a_name_in_another_script_finds_the_same_person(client: Client, demo: None) -> None:
    assert listed(client, "/people/?q=Марыя Калеснікава") == ["demo-maria-kalesnikava"]
    assert listed(client, "/people/?q=Maxim Snak") == ["demo-maksim-znak"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=Kolesnikova",
        "q=Babaryka",
        "q=nobody-is-called-this",
        "status=released",
        "status=held",
        "status=deported",
        "status=died",
        "country=BY",
        "country=by",
        "country=LT",
        "q=Znak&status=released&country=BY",
        "status=&country=&q=",
    ],
)
def test_the_page_selects_exactly_the_people_the_api_selects(
    client: Client, demo: None, query: str
) -> None:
    page = listed(client, f"/people/?{query}&limit=500")
    assert sorted(page) == sorted(api_ids(client, f"{query}&limit=500"))


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=jailed", "status"),
        ("country=XX", "country"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("offset=-1", "offset"),
        ("q=" + "x" * 201, "q"),
        ("q=%00", "q"),
        ("sort=age", "sort"),
    ],
)
def test_a_refused_filter_is_a_message_not_an_error(
    client: Client, demo: None, query: str, field: str
) -> None:
    response = client.get(f"/people/?{query}")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="problems"' in body
    assert f"<code>{field}</code>" in body
    assert '<form method="get"' in body  # the reader can correct the search where they are
    if field != "sort":  # the API refuses the same values
        assert client.get(f"/api/v1/people?{query}").status_code == 422


def test_people_are_sorted_by_name_by_status_or_latest_event(client: Client, demo: None) -> None:
    by_name = listed(client, "/people/")
    assert by_name[0] == "demo-ales-bialiatski"
    assert listed(client, "/people/?sort=-name") == by_name[::-1]
    by_status = listed(client, "/people/?sort=status")
    assert by_status.index("released-abroad") < by_status.index("still-held")
    # The demo's four were freed in 2025, one person in 2024, the last arrested in 2023.
    assert listed(client, "/people/?sort=recent")[-2:] == ["released-abroad", "still-held"]


def test_pages_follow_on_from_each_other(client: Client, demo: None) -> None:
    everyone = listed(client, "/people/")
    first = listed(client, "/people/?limit=4")
    body = client.get("/people/?limit=4").content.decode()
    following = re.search(r'rel="next" href="\?([^"]+)"', body)
    assert following is not None
    rest = listed(client, "/people/?" + following.group(1).replace("&amp;", "&"))
    assert first + rest == everyone
    assert "1–4 of 6" in body


def test_the_csv_has_every_selected_person_in_the_documented_columns(
    client: Client, demo: None
) -> None:
    response = client.get("/people.csv?status=released&limit=1&sort=-name")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == DOWNLOAD_COLUMNS
    # Every row, whatever the page's limit, in the page's order.
    assert [r["id"] for r in rows] == listed(client, "/people/?status=released&sort=-name")
    assert sorted(r["id"] for r in rows) == sorted(api_ids(client, "status=released&limit=500"))
    kalesnikava = next(r for r in rows if r["id"] == "demo-maria-kalesnikava")
    assert kalesnikava["name"] == "Maria Kolesnikova"
    assert "Марыя Калеснікава" in kalesnikava["aliases"].split("|")
    assert (kalesnikava["detained_on"], kalesnikava["released_on"]) == ("2020-09", "2025-12-13")
    assert kalesnikava["status"] == "released"


def test_a_refused_csv_says_why(client: Client, demo: None) -> None:
    response = client.get("/people.csv?status=jailed")
    assert response.status_code == 400
    assert response.content.decode().startswith("status: ")


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [("/people", "/people/"), ("/people/demo-maksim-znak", "/people/demo-maksim-znak/")],
)
def test_a_path_without_its_slash_is_redirected_to_it(
    client: Client, demo: None, asked: str, canonical: str
) -> None:
    response = client.get(asked)
    assert response.status_code == 301
    assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_a_person_page_shows_names_status_and_the_sourced_timeline(
    client: Client, demo: None
) -> None:
    body = client.get("/people/demo-maria-kalesnikava/").content.decode()
    for name in ("Maria Kolesnikova", "Maryia Kalesnikava", "Марыя Калеснікава"):
        assert name in body
    assert 'data-status="released"' in body
    timeline = body[body.index('<ol class="timeline">') :]
    assert timeline.index('data-type="arrest"') < timeline.index('data-type="release"')
    assert "<q>later sentenced to a lengthy prison term</q>" in timeline
    release = CollectiveEvent.objects.get()
    assert f'<a href="/collective/{release.pk}/">{release.title}</a>' in timeline
    assert f'<a href="/collective/{release.pk}/#agreement">' in timeline


def test_a_person_page_shows_charges_sentence_and_facility(client: Client) -> None:
    source = Source.objects.create(
        title="Court report", text="Sentenced to six and a half years under articles 342 and 130."
    )
    colony = Facility.objects.create(name="Penal colony No. 4", country="BY", locality="Homiel")
    article = CriminalArticle.objects.create(country="BY", number="342", title="gross violation")
    p = person(
        "Ihar Losik",
        uid="losik",
        events=[
            ("arrest", "2020-06-25", "BY"),
            ("charge", "2020-07-01", "BY"),
            (
                "sentence",
                "2021-12-14",
                "BY",
                {
                    "sentence_kind": "term",
                    "term_months": 78,
                    "court": "Homiel Regional Court",
                    "term_ends_on": date(2026, 12, 24),
                    "facility": colony,
                },
            ),
        ],
    )
    for e in p.events.all():
        if e.type in ("charge", "sentence"):
            e.articles.add(article)
        cite(e, source, "Sentenced to six and a half years")
    body = client.get("/people/losik/").content.decode()
    assert 'data-status="held"' in body
    assert "Belarus criminal code, art. 342 <q>gross violation</q>" in body
    assert "prison term, 6 years 6 months" in body
    assert "Homiel Regional Court; term ends 24 December 2026" in body
    assert "Penal colony No. 4, Homiel, Belarus" in body
    assert body.count("<q>Sentenced to six and a half years</q>") == 3


def test_a_release_under_an_agreement_links_to_its_collective_event(client: Client) -> None:
    deal = Agreement.objects.create(title="Prisoner agreement")
    release = CollectiveEvent.objects.create(
        type="release", title="Mass release", country="BY", agreement=deal
    )
    person("Freed Person", uid="freed", events=[("release", "2025-12-13", "BY")])
    Event.objects.filter(person__uid="freed").update(collective=release)
    body = client.get("/people/freed/").content.decode()
    assert f'Part of <a href="/collective/{release.pk}/">Mass release</a>' in body
    assert "Prisoner agreement</a>" in body


@pytest.mark.parametrize("kind", ["anonymous", "hidden", "draft"])
def test_a_person_a_visitor_may_not_see_is_not_found_as_in_the_api(cast: Cast, kind: str) -> None:
    member = cast.people[kind]
    visitor, admin = cast.client("visitor"), cast.client("admin")
    assert visitor.get(f"/api/v1/people/{member.uid}").status_code == 404
    response = visitor.get(f"/people/{member.uid}/")
    assert response.status_code == 404
    assert member.name not in response.content.decode()
    assert admin.get(f"/people/{member.uid}/").status_code == 200


@pytest.mark.parametrize("url", ["/people/nobody/", "/people/%00/", "/people/" + "x" * 201 + "/"])
def test_an_unknown_id_is_not_found(client: Client, url: str) -> None:
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/people/", "/people.csv", "/people/cast-public/"])
def test_the_people_pages_refuse_a_post(cast: Cast, url: str) -> None:
    assert cast.client("visitor").post(url).status_code == 405


def test_the_home_page_links_people_to_their_pages(client: Client, demo: None) -> None:
    body = client.get("/").content.decode()
    assert '<a href="/people/demo-maksim-znak/">Maksim Znak</a>' in body
    assert "/api/v1/people/demo-" not in body


def test_the_csv_columns_are_documented_in_order() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "site.md").read_text(encoding="utf-8")
    table = docs[docs.index("| column |") :].split("\n\n")[0]
    first_cells = [row.split("|")[1] for row in table.splitlines()[2:]]
    documented = [name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)]
    assert tuple(documented) == DOWNLOAD_COLUMNS


def test_a_persons_page_says_the_kind_of_custody_they_are_in_now(client: Client) -> None:
    person(
        "Kastus Prykladny",
        events=[
            ("arrest", "2020-06-07", "BY", {"custody_kind": "pre_trial"}),
            ("sentence", "2021-05-18", "BY", {"sentence_kind": "term", "custody_kind": "prison"}),
        ],
        uid="prykladny",
    )
    person("Unsaid Kind", events=[("arrest", "2023-03-01", "BY")], uid="unsaid-kind")
    page = client.get("/people/prykladny/").content.decode()
    assert 'data-kind="prison"' in page
    assert "prison or colony" in page
    assert "pre-trial detention" not in page  # the kind before the sentence
    assert 'class="custody-kind"' not in client.get("/people/unsaid-kind/").content.decode()
