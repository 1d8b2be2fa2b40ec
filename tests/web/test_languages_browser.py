"""The language switch in a real headless Chromium with JavaScript off, as Tor Browser at its
safest setting reads the site: plain links, no script, no cookie."""

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


def test_the_switch_turns_the_home_page_belarusian_then_russian_without_javascript(
    page_without_js: Any, served_demo: str
) -> None:
    page = page_without_js
    page.goto(f"{served_demo}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("The registry as of")

    page.locator("nav.languages").get_by_role("link", name="Беларуская").click()
    assert page.url == f"{served_demo}/be/"
    assert page.locator("html").get_attribute("lang") == "be"
    assert page.locator("h1").inner_text().startswith("Рэестр на ")
    assert page.get_by_role("link", name="Людзі", exact=True).count() == 1

    page.locator("nav.languages").get_by_role("link", name="Русский").click()
    assert page.url == f"{served_demo}/ru/"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text().startswith("Реестр на ")

    # The other pages follow: the navigation stays in the reader's language.
    page.get_by_role("link", name="Люди", exact=True).click()
    assert page.url == f"{served_demo}/ru/people/"
    assert page.locator("h1").inner_text() == "Люди"
