"""The Content-Security-Policy and the pages agree: in a real Chromium, no page of the site, the
API documentation, the review pages or the admin does anything the policy forbids.

Chromium reports each thing a policy blocks (an inline style or script, a request elsewhere) as a
console error; every page here is opened with JavaScript on, so the admin's and the API
documentation's scripts run, and any error at all fails the test. The admin logs in through the
real login pages, setting up two-factor login with a code computed from the secret the page shows.

The login itself, password, setting up a device and giving a code, works with JavaScript off, as
the rest of the site does (readers and staff on Tor Browser at its safest setting).
"""

from __future__ import annotations

import re
from base64 import b32decode
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp

from tests.conftest import run_rollcall, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "a long admin password"

VISITOR_PAGES = [
    "/",
    "/people/",
    "/people/?q=a",
    "/collective/",
    "/stats/",
    "/stats/?series=year&from=2020-01-01",
    "/letters/",
    "/be/",
    "/ru/people/",
    "/login/",
    "/api/v1/docs",
    "/no-such-page/",
]
STAFF_PAGES = [
    "/review/",
    "/admin/",
    "/admin/people/person/",
    "/admin/people/person/add/",
    "/admin/events/event/",
    "/admin/auth/user/",
    "/admin/axes/accessattempt/",
    "/admin/otp_totp/totpdevice/",
    "/login/two-factor/",
]


@pytest.fixture(scope="module")
def served_registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo registry with an admin made as `rollcall createuser` makes one."""
    workdir: Path = tmp_path_factory.mktemp("served-csp")
    run_rollcall(workdir, "migrate")
    for name in ("ada", "bo"):
        run_rollcall(
            workdir, "createuser", name, "--role", "admin", env={"ROLLCALL_PASSWORD": PASSWORD}
        )
    with served(workdir, "--demo") as base_url:
        yield base_url


class Watched:
    """A page whose console errors (each blocked thing, each failed request) are kept."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda message: (
                self.errors.append(f"{self.page.url}: {message.text}")
                if message.type == "error" and "404" not in message.text
                else None
            ),
        )

    def visit(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context()
    try:
        yield Watched(context)
    finally:
        context.close()


def log_in_as_admin(watched: Watched, base_url: str) -> None:
    """Password, then the first-login set-up of an authenticator: its code from the secret."""
    page = watched.page
    watched.visit(f"{base_url}/admin/")
    assert "/login/" in page.url
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    if "/login/code/" in page.url:  # set up by an earlier test of this module
        pytest.skip("the admin's device was set up by an earlier test")
    assert "/login/two-factor/" in page.url
    secret = page.locator("figure.qr code").inner_text().replace(" ", "")
    assert page.locator("figure.qr svg").count() == 1
    page.fill("input[name=code]", f"{totp(b32decode(secret)):06d}")
    page.click("main button[type=submit]")
    assert page.url.endswith("/admin/"), page.url


def test_no_page_of_the_site_the_api_docs_review_or_admin_breaks_the_policy(
    watched: Watched, served_registry: str
) -> None:
    for path in VISITOR_PAGES:
        watched.visit(served_registry + path)
    page = watched.page
    watched.visit(f"{served_registry}/people/")
    page.locator("main a[href*='/people/']").first.click()
    page.wait_for_load_state("networkidle")
    person_url = page.url
    watched.visit(f"{served_registry}/collective/")
    page.locator("main a[href*='/collective/']").first.click()
    page.wait_for_load_state("networkidle")
    assert watched.errors == [], "\n".join(watched.errors)

    log_in_as_admin(watched, served_registry)
    for path in STAFF_PAGES:
        watched.visit(served_registry + path)
    # A record's change form and history (with simple_history's one inline style).
    watched.visit(f"{served_registry}/admin/people/person/")
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_load_state("networkidle")
    change_url = page.url
    assert re.search(r"/admin/people/person/\d+/change/$", change_url)
    watched.visit(change_url.replace("/change/", "/history/"))
    watched.visit(person_url)
    watched.visit(f"{served_registry}/stats/")
    assert watched.errors == [], "\n".join(watched.errors)

    # The watch sees what the policy blocks: an inline style added to the page is refused.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in error for error in watched.errors), watched.errors


def test_an_admin_sets_up_two_factor_login_and_logs_in_again_with_javascript_off(
    browser: Any, served_registry: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{served_registry}/admin/people/person/")
        assert "/login/" in page.url
        page.fill("input[name=username]", "bo")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        assert "/login/two-factor/" in page.url
        # The page and its QR code need no script.
        assert page.locator("figure.qr svg title").text_content() == "QR code of the secret"
        key = b32decode(page.locator("figure.qr code").inner_text().replace(" ", ""))
        page.fill("input[name=code]", f"{totp(key):06d}")
        page.click("main button[type=submit]")
        assert page.url.endswith("/admin/people/person/"), page.url

        page.click("#logout-form button")  # the admin's own log-out form
        page.goto(f"{served_registry}/login/?next=/admin/")
        page.fill("input[name=username]", "bo")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        assert "/login/code/" in page.url
        page.fill("input[name=code]", "000000")
        page.click("main button[type=submit]")
        assert page.locator("p.error").count() == 1
        page.wait_for_timeout(1100)  # a wrong code makes the device wait a second
        # The next code of the app (the one already used is not accepted twice).
        page.fill("input[name=code]", f"{totp(key, drift=1):06d}")
        page.click("main button[type=submit]")
        assert page.url.endswith("/admin/"), page.url
        assert "Site administration" in page.content()
    finally:
        context.close()
