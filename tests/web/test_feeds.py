"""The Atom feed and the sitemap: what a feed reader or a search engine may read, and only that."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from rollcall.events.models import Event
from tests.cast import Cast

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parsed(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314 - the documents parsed are the site's own answers


def test_the_feed_gives_the_events_of_public_people_newest_first(shared_cast: Cast) -> None:
    public = shared_cast.people["public"]
    response = Client().get("/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parsed(response.content)
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    events = Event.objects.filter(person=public.person).order_by("-pk")
    assert ids == [f"rollcall-event-{event.pk}" for event in events]
    titles = [e.findtext(f"{ATOM}title") or "" for e in entries]
    assert all(public.name in title for title in titles)
    assert "Release" in titles[0]
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    assert link.get("href", "").endswith(f"/people/{public.uid}/#event-{events[0].pk}")


def test_the_feed_never_names_anyone_a_visitor_may_not_see(shared_cast: Cast) -> None:
    body = Client().get("/feed.atom").content.decode()
    for kind in ("anonymous", "hidden", "draft"):
        member = shared_cast.people[kind]
        assert not any(s in body for s in (member.uid, *member.spellings)), kind
        for event in member.person.events.all():
            assert f"rollcall-event-{event.pk}<" not in body


def test_the_sitemap_lists_every_public_page_and_each_answers(shared_cast: Cast) -> None:
    client = Client()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = [loc.text or "" for loc in parsed(response.content).iter(f"{SITEMAP}loc")]
    paths = [url.split("://", 1)[1].split("/", 1)[1] for url in urls]
    public = shared_cast.people["public"]
    assert f"people/{public.uid}/" in paths
    assert f"collective/{shared_cast.release.pk}/" in paths
    assert {"", "people/", "collective/", "stats/"} <= set(paths)
    for kind in ("anonymous", "hidden", "draft"):
        assert not any(shared_cast.people[kind].uid in path for path in paths), kind
    for path in paths:
        assert client.get(f"/{path}").status_code == 200, path


def test_robots_leave_the_staff_pages_and_the_api_alone_and_point_at_the_sitemap(
    db: None,
) -> None:
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert {"Disallow: /admin/", "Disallow: /review/", "Disallow: /api/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines


@pytest.mark.parametrize(
    "path", ["/", "/people/", "/people/{uid}/", "/collective/", "/stats/", "/letters/"]
)
def test_each_public_page_says_what_it_is_in_its_description(shared_cast: Cast, path: str) -> None:
    body = Client().get(path.format(uid=shared_cast.people["public"].uid)).content.decode()
    found = re.findall(r'<meta name="description" content="([^"]+)">', body)
    assert len(found) == 1
    assert len(found[0]) > 40


def test_a_missing_page_is_a_plain_404_that_does_not_repeat_the_address(db: None) -> None:
    for prefix, heading in (("", "Page not found"), ("/be", "Старонка не знойдзена")):
        response = Client().get(f"{prefix}/people/someone-asked-about/")
        assert response.status_code == 404
        body = response.content.decode()
        assert f"<h1>{heading}</h1>" in body
        assert "someone-asked-about" not in body
