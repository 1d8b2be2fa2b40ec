"""An editor enters a person, an event and its source in a real headless Chromium against the
real server, is stopped once by a validation message, and a reviewer publishes the draft:
until then a visitor sees nothing of it, afterwards the site and the API show it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_rollcall, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "a long staff password"
NAME = "Ihar Losik"
UID = "rc-browser-losik"
TEXT = "Ihar Losik was detained in Minsk on 25 June 2020 and freed on 21 June 2025."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on an empty registry with one editor and one reviewer, made as users make them."""
    workdir: Path = tmp_path_factory.mktemp("served-staff")
    run_rollcall(workdir, "migrate")
    for name, role in (("edna", "editor"), ("rita", "reviewer")):
        run_rollcall(
            workdir, "createuser", name, "--role", role, env={"ROLLCALL_PASSWORD": PASSWORD}
        )
    with served(workdir) as base_url:
        yield base_url


@pytest.fixture
def browser_context(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    try:
        yield context
    finally:
        context.close()


def visitor_status(url: str) -> int:
    """What a visitor's request (no cookies, no proxy) is answered."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        refused.close()
        return int(refused.code)


def log_in(page: Any, base_url: str, name: str, then: str) -> None:
    page.goto(f"{base_url}/login/?next={then}")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    assert page.url.endswith(then), page.url


def test_an_editor_enters_a_draft_and_a_reviewer_publishes_it(
    browser_context: Any, server: str
) -> None:
    page = browser_context.new_page()
    log_in(page, server, "edna", "/staff/people/")

    # The source the facts come from.
    page.goto(f"{server}/admin/sources/source/add/")
    page.fill("#id_title", "Ihar Losik freed")
    page.fill("#id_url", "https://news.example.org/losik-freed")
    page.fill("#id_text", TEXT)
    page.click("input[name=_save]")
    assert "was added successfully" in page.inner_text(".messagelist")
    source_id = page.get_attribute(".messagelist a", "href").rstrip("/").split("/")[-2]

    # The person, their name and their timeline, with the release typed before the arrest.
    page.goto(f"{server}/admin/people/person/add/")
    page.fill("#id_uid", UID)
    page.click("#names-group .add-row a")
    page.fill("#id_names-0-value", NAME)
    page.select_option("#id_names-0-kind", "primary")
    page.click("#events-group .add-row a")
    page.select_option("#id_events-0-type", "arrest")
    page.fill("#id_events-0-date", "2020-06-25")
    page.fill("#id_events-0-country", "BY")
    page.click("#events-group .add-row a")
    page.select_option("#id_events-1-type", "release")
    page.fill("#id_events-1-date", "2019-06-21")
    page.fill("#id_events-1-country", "BY")
    page.click("input[name=_save]")
    assert "before the person's first arrest" in page.inner_text("#events-group")

    page.fill("#id_events-1-date", "2025-06-21")
    page.click("input[name=_save]")
    assert "was added successfully" in page.inner_text(".messagelist")

    # The release cites the source, on the event's own page.
    page.goto(f"{server}/staff/people/{UID}/")
    assert page.get_attribute("dd[data-publication]", "data-publication") == "draft"
    page.click("li[data-type=release] a:text('edit')")
    page.click(".inline-group .add-row a")
    page.fill("input[name$='-0-source']", source_id)
    page.fill("textarea[name$='-0-quote'], input[name$='-0-quote']", "freed on 21 June 2025")
    page.click("input[name=_save]")
    assert "was changed successfully" in page.inner_text(".messagelist")

    # A visitor sees none of it.
    assert visitor_status(f"{server}/people/{UID}/") == 404
    assert visitor_status(f"{server}/api/v1/people/{UID}") == 404

    # The editor is not offered publishing; a reviewer publishes.
    page.goto(f"{server}/staff/people/{UID}/")
    assert page.locator("form.publication").count() == 0
    reviewer = browser_context.browser.new_context()
    try:
        other = reviewer.new_page()
        log_in(other, server, "rita", f"/staff/people/{UID}/")
        assert "freed on 21 June 2025" in other.inner_text("li[data-type=release] ul.sources")
        other.click("form.publication button[type=submit]")
        assert "Published." in other.inner_text(".messages")
        assert 'data-reason="published"' in other.content()
    finally:
        reviewer.close()

    assert visitor_status(f"{server}/people/{UID}/") == 200
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{server}/api/v1/people/{UID}", timeout=10) as answer:
        record = json.load(answer)
    assert NAME in json.dumps(record, ensure_ascii=False)
