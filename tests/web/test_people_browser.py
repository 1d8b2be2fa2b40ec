"""Finding a person as a reader behind Tor Browser's safest setting does: JavaScript off.

The real `rollcall serve --demo`, in a real headless Chromium with JavaScript disabled: the
search form is a plain GET form, results and timelines are links and text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page_without_js(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_searching_kolesnikova_opens_maryia_kalesnikavas_timeline_without_javascript(
    page_without_js: Any, served_demo: str
) -> None:
    page = page_without_js
    assert page.goto(f"{served_demo}/").status == 200
    page.get_by_role("link", name="People").click()
    page.get_by_label("Name, in any script or spelling").fill("Kolesnikova")
    page.get_by_role("button", name="Search").click()
    assert "q=Kolesnikova" in page.url
    results = page.locator("table.people tbody tr")
    assert results.count() == 1
    assert "Maryia Kalesnikava" in results.inner_text()
    results.get_by_role("link", name="Maria Kolesnikova").click()
    assert page.url == f"{served_demo}/people/demo-maria-kalesnikava/"
    assert page.locator("h1").inner_text() == "Maria Kolesnikova"
    assert "Марыя Калеснікава" in page.locator("ul.names").inner_text()
    timeline = page.locator("ol.timeline > li")
    assert [timeline.nth(i).get_attribute("data-type") for i in range(timeline.count())] == [
        "arrest",
        "release",
        "sentence",  # undated: after the dated events
    ]
    arrest = timeline.nth(0)
    assert "September 2020" in arrest.locator("q").inner_text()
    assert "Belarus Releases 123 Political Prisoners" in arrest.locator("cite").inner_text()
    # The release links to the collective event it was part of.
    release = "Release of 123 political prisoners by Belarus"
    timeline.nth(1).get_by_role("link", name=release).click()
    assert page.locator("h1").inner_text() == release
