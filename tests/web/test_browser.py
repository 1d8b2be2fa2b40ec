"""The site as a visitor sees it: the real `rollcall serve --demo`, in a real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page_without_js(browser: Any) -> Iterator[Any]:
    """A page in a browser with JavaScript off: the registry must be readable without it."""
    context = browser.new_context(java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def test_home_page_works_without_javascript(page_without_js: Any, served_demo: str) -> None:
    response = page_without_js.goto(f"{served_demo}/")
    assert response is not None
    assert response.status == 200
    assert "Rollcall" in page_without_js.title()
    assert page_without_js.locator("main").count() == 1


def test_home_page_has_no_console_errors(page: Any, served_demo: str) -> None:
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text}")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            errors.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("response", on_response)
    response = page.goto(f"{served_demo}/", wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    assert errors == []
