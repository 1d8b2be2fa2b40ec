"""The whole public site, crawled as a visitor follows it: every page answers, and none names
the people a visitor may not see.

The crawl starts from `/` (and the sitemap and feed, which search engines and feed readers start
from) and follows, breadth first, every link to this site: each `<a href>` of a page, the
sitemap's `<loc>`s and the feed's `<link href>`s, the CSV downloads and the JSON the pages link
to. The staff pages (the admin, logging in, the review queue) are left out: a visitor is sent to
their login. Pages that differ only in the values of their query (another page of results,
another sort or filter) are crawled once, by path and query keys, which keeps the crawl to
seconds while still reaching every kind of page.

It runs on the fixed cast of tests/cast.py, where the anonymous, hidden and draft people are
arrested and freed in the same collective release as the public one, and every fact cites a
source that names them: a page that leaks them shows one of their names, their id, or their
database id in a link.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.http.response import HttpResponseBase
from django.test import Client

from rollcall.people.matching import registry_index
from tests.cast import Cast, Member

pytestmark = pytest.mark.django_db

START = ("/", "/sitemap.xml", "/feed.atom")
# Staff pages: a visitor is sent to a login page, which is all they would see.
STAFF_ONLY = ("admin", "login", "logout", "review")
# Far more than the cast's site has (about a hundred pages in three languages): a crawl that
# reaches this is following links that make new addresses without end.
MAX_URLS = 2_000
HOSTS = {"", "testserver"}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LANGUAGES = {code for code, _ in settings.LANGUAGES}


class Links(HTMLParser):
    """The `href` of every `<a>` of a page, and each GET form submitted as it stands: its
    action with every field at its default value (a select's selected or first option)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.form: tuple[str, list[tuple[str, str]]] | None = None
        self.select: str | None = None  # the name of the select being read
        self.options: list[str] = []
        self.chosen: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.found.append(a["href"] or "")
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self.form = (a.get("action") or "", [])
        elif tag == "option" and self.select is not None:
            value = a.get("value") or ""
            self.options.append(value)
            if "selected" in a:
                self.chosen = value
        elif self.form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type") not in {"submit", "button", "checkbox", "radio"}:
            self.form[1].append((a["name"] or "", a.get("value") or ""))
        elif tag == "select":
            self.select, self.options, self.chosen = a["name"], [], None

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.form is not None and self.select is not None:
            default = self.chosen if self.chosen is not None else next(iter(self.options), "")
            self.form[1].append((self.select, default))
            self.select = None
        elif tag == "form" and self.form is not None:
            action, fields = self.form
            self.found.append(f"{action}?{urlencode(fields)}" if fields else action)
            self.form = None


def links_in(content_type: str, body: str) -> list[str]:
    """The addresses a page links to, by what kind of document it is."""
    if content_type.startswith("text/html"):
        parser = Links()
        parser.feed(body)
        return parser.found
    if "xml" in content_type:
        root = ElementTree.fromstring(body)  # noqa: S314 - the site's own answers
        atom = [link.get("href", "") for link in root.iter(f"{ATOM}link")]
        return atom + [loc.text or "" for loc in root.iter(f"{SITEMAP}loc")]
    return []  # JSON and CSV: read for leaks, not followed


def on_this_site(base: str, href: str) -> str | None:
    """`href` as a path and query on this site, or None for another site or a fragment only."""
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in {"", "http", "https"} or parts.netloc not in HOSTS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def staff_only(path: str) -> bool:
    segments = [s for s in path.split("/") if s]
    if segments and segments[0] in LANGUAGES:
        segments = segments[1:]
    return bool(segments) and segments[0] in STAFF_ONLY


def kind_of(url: str) -> tuple[str, tuple[str, ...]]:
    """What makes a page another kind of page: its path and which query keys it has."""
    parts = urlsplit(url)
    return parts.path, tuple(
        sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    )


@dataclass
class Crawl:
    bodies: dict[str, str] = field(default_factory=dict)  # by URL, the pages that answered 200
    redirects: dict[str, str] = field(default_factory=dict)  # URL → where it sent the visitor
    failures: dict[str, int] = field(default_factory=dict)  # URL → status
    linked_from: dict[str, str] = field(default_factory=dict)  # URL → the page that linked it


def body_of(response: HttpResponseBase) -> str:
    chunks = response.streaming_content if response.streaming else [response.content]
    return b"".join(chunks).decode()  # type: ignore[arg-type]


def crawl(client: Client) -> Crawl:
    done = Crawl()
    queue: deque[str] = deque(START)
    queued = set(START)
    kinds = {kind_of(url) for url in START}
    while queue:
        url = queue.popleft()
        assert len(queued) <= MAX_URLS, f"the crawl passed {MAX_URLS} pages: links without end?"
        response = client.get(url)
        if response.status_code in {301, 302}:
            target = on_this_site(url, response["Location"])
            assert target is not None, f"{url} redirects away: {response['Location']}"
            done.redirects[url] = target
            found, redirected = [target], True
        elif response.status_code == 200:
            body = body_of(response)
            done.bodies[url] = body
            found, redirected = links_in(response.get("Content-Type", ""), body), False
        else:
            done.failures[url] = response.status_code
            continue
        for href in found:
            target = on_this_site(url, href)
            if target is None or target in queued or staff_only(urlsplit(target).path):
                continue
            kind = kind_of(target)
            if kind in kinds and not redirected:
                continue  # another page, sort or filter of a page already crawled
            kinds.add(kind)
            queued.add(target)
            done.linked_from[target] = url
            queue.append(target)
    return done


@pytest.fixture(scope="module")
def crawled(module_cast: Cast, django_db_blocker: Any) -> Iterator[tuple[Cast, Crawl]]:
    """The site crawled once for the module's tests, as a visitor, over the shared cast."""
    with django_db_blocker.unblock():
        registry_index.reset()  # the name index must hold this cast's names, no one else's
        try:
            yield module_cast, crawl(module_cast.client("visitor"))
        finally:
            registry_index.reset()


def naming(member: Member) -> dict[str, re.Pattern[str]]:
    """What would name `member` on a page: each spelling of their name, their id, and their
    database id (or one of their events') where a link or an anchor would carry it."""
    person = member.person
    patterns = {s: re.compile(re.escape(s)) for s in (member.uid, *member.spellings)}
    pk = person.pk
    patterns[f"/people/{pk}/"] = re.compile(rf"/(?:people|person)/{pk}(?!\d)")
    for event_pk in person.events.values_list("pk", flat=True):
        patterns[f"event-{event_pk}"] = re.compile(rf"event-{event_pk}(?!\d)")
    return patterns


def test_every_page_a_visitor_can_reach_answers(crawled: tuple[Cast, Crawl]) -> None:
    _, done = crawled
    broken = {url: (status, done.linked_from.get(url)) for url, status in done.failures.items()}
    assert not broken, f"pages that do not answer 200 (status, linked from): {broken}"
    for url, target in done.redirects.items():
        assert target in done.bodies, f"{url} redirects to {target}, which does not answer 200"


def test_no_page_names_the_people_a_visitor_may_not_see(crawled: tuple[Cast, Crawl]) -> None:
    cast, done = crawled
    unnamed = [m for m in cast.people.values() if m.kind != "public"]
    leaks = [
        f"{url} names the {member.kind} person: {shown}"
        for member in unnamed
        for shown, pattern in naming(member).items()
        for url, body in done.bodies.items()
        if pattern.search(body)
    ]
    assert not leaks, "\n".join(leaks)


def test_the_crawl_reaches_every_kind_of_public_page(crawled: tuple[Cast, Crawl]) -> None:
    # A crawl that stopped at the home page would find no leak and prove nothing.
    cast, done = crawled
    public = cast.people["public"]
    paths = {urlsplit(url).path for url in done.bodies}
    expected = {
        "/",
        "/people/",
        f"/people/{public.uid}/",
        f"/collective/{cast.release.pk}/",
        "/collective/",
        "/stats/",
        "/letters/",
        "/feed.atom",
        "/sitemap.xml",
        "/people.csv",
        f"/api/v1/people/{public.uid}",
        "/api/v1/stats",
        "/api/v1/docs",
    }
    assert expected <= paths, f"never reached: {sorted(expected - paths)}"
    assert any(path.endswith(".csv") and path.startswith("/stats/") for path in paths)
    other_languages = {code for code in LANGUAGES if code != settings.LANGUAGE_CODE}
    assert all(f"/{code}/people/{public.uid}/" in paths for code in other_languages)
    # The public person's names are on the pages, so the search for the others' means something.
    assert any(public.name in body for body in done.bodies.values())
