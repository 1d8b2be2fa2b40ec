"""A reviewer's day, in a real headless Chromium with JavaScript off, against the real server:
log in, correct one proposed fact, reject one, accept the rest, and find the release and its
people on the public pages.

The registry starts empty, as a group's first day with Rollcall does: the example article is
ingested with the command a user would run, and the reviewer is created the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_rollcall, served
from tests.ingest.test_extract_command import EXAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "a long reviewer password"
NAMED = ["Ales Bialiatski", "Maria Kolesnikova", "Maxim Snak", "Viktor Babariko"]


@pytest.fixture(scope="module")
def served_queue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on a registry that holds nothing but the example article's queued facts."""
    workdir: Path = tmp_path_factory.mktemp("served-review")
    run_rollcall(workdir, "migrate")
    run_rollcall(workdir, "ingest", str(EXAMPLE))
    run_rollcall(
        workdir, "createuser", "rita", "--role", "reviewer", env={"ROLLCALL_PASSWORD": PASSWORD}
    )
    with served(workdir) as base_url:
        yield base_url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


def card(page: Any, kind: str, text: str = "") -> Any:
    """The first pending proposal card of that kind (whose text holds `text`)."""
    cards = page.locator(f"div.proposal.pending[data-kind='{kind}']")
    if text:
        cards = cards.filter(has_text=text)
    return cards.first


def test_a_reviewer_corrects_one_rejects_one_accepts_the_rest_and_sees_them_published(
    page: Any, served_queue: str
) -> None:
    page.goto(f"{served_queue}/review/")
    assert "/login/" in page.url
    page.fill("input[name=username]", "rita")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    assert page.url.endswith("/review/")
    page.click("table.review-articles a")
    assert "Belarus" in page.locator("h1").inner_text()
    assert page.locator("article.article-text mark").count() > 0

    # Correct the background arrest, reported to the month, to a day the reviewer knows.
    arrest = card(page, "arrest", "Maria Kolesnikova")
    arrest.locator("details.edit summary").click()
    arrest.locator("input[name=date]").fill("2020-09-07")
    arrest.locator("button[value=save_accept]").click()
    assert "corrected and accepted" in page.locator(".messages").inner_text()
    done = page.locator("div.proposal.accepted[data-kind='arrest']")
    assert done.locator("[data-field=date]").inner_text() == "2020-09-07"

    # Reject the undated sentence, saying why.
    sentence = card(page, "sentence")
    sentence.locator("details.reject summary").click()
    sentence.locator("textarea[name=reason]").fill("sentence reported elsewhere with its date")
    sentence.locator("button[value=reject]").click()
    assert "rejected" in page.locator(".messages").inner_text()
    assert page.locator("div.proposal.rejected q.reason").first.inner_text() == (
        "sentence reported elsewhere with its date"
    )

    # Accept whatever is left, one proposal at a time, as a reviewer reading down the page does.
    for _ in range(50):
        pending = page.locator("div.proposal.pending")
        if pending.count() == 0:
            break
        pending.first.locator("button[value=accept]").click()
        assert page.locator(".messages .error").count() == 0, page.locator(".messages").inner_text()
    assert page.locator("div.proposal.pending").count() == 0
    assert page.locator("div.proposal.rejected").count() == 1

    # The public home page shows the release, where the freed were taken, and who they were.
    page.goto(f"{served_queue}/")
    latest = page.locator("section.collective")
    text = latest.inner_text()
    assert "123" in text
    assert "Lithuania" in text
    assert "Ukraine" in text
    named = latest.locator("ul.people a").all_inner_texts()
    assert sorted(named) == NAMED

    # Each named person has a public page with the release, citing the article.
    latest.locator("ul.people a", has_text="Maria Kolesnikova").click()
    body = page.locator("main").inner_text()
    assert "Maria Kolesnikova" in body
    assert "2020-09-07" in body or "7 September 2020" in body
    assert "Belarus Releases 123 Political Prisoners" in body
