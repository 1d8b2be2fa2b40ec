"""The production settings (ROLLCALL_PRODUCTION=1) pass Django's deployment checks, refuse to start
half-configured, and serve over HTTPS only; the demo set-up keeps working over plain HTTP.
Every answer carries the security headers, whichever the set-up (docs/security.md)."""

from __future__ import annotations

import secrets
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import (
    SERVE_TIMEOUT,
    _die_with_parent,
    _rollcall_command,
    _stop,
    free_port,
    rollcall_env,
    run_rollcall,
)
from tests.security.conftest import PASSWORD, with_password

HOST = "registry.example.org"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=()",
}


def production_env() -> dict[str, str]:
    return {
        "ROLLCALL_PRODUCTION": "1",
        "ROLLCALL_SECRET_KEY": secrets.token_urlsafe(50),
        "ROLLCALL_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
    }


def rollcall(workdir: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_rollcall_command(), *args],
        cwd=workdir,
        env={**rollcall_env(workdir), **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )


def assert_security_headers(headers: dict[str, str], where: str) -> None:
    for name, value in HEADERS.items():
        assert value in headers.get(name, ""), f"{where}: {name} is {headers.get(name)!r}"
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    # Directives in whatever order the policy is built in: one of them is exactly this.
    assert "script-src 'self'" in [d.strip() for d in policy.split(";")]


# --- check --deploy -------------------------------------------------------------------------------


def test_check_deploy_is_clean_with_the_production_environment(tmp_path: Path) -> None:
    done = rollcall(
        tmp_path, "manage", "check", "--deploy", "--fail-level", "WARNING", env=production_env()
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_warns_about_the_demo_set_up(tmp_path: Path) -> None:
    """The check itself is live: without the production settings it finds what they fix."""
    done = rollcall(tmp_path, "manage", "check", "--deploy", "--fail-level", "WARNING", env={})
    assert done.returncode != 0
    for problem in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert problem in done.stderr


def test_production_refuses_to_start_without_its_own_key_and_host_names(tmp_path: Path) -> None:
    done = rollcall(
        tmp_path,
        "manage",
        "check",
        env={"ROLLCALL_PRODUCTION": "1", "ROLLCALL_SECRET_KEY": "", "ROLLCALL_DEBUG": "1"},
    )
    assert done.returncode != 0
    assert "ROLLCALL_SECRET_KEY: set a random key of at least 50 characters" in done.stderr
    assert "ROLLCALL_ALLOWED_HOSTS: name the host names the site answers to" in done.stderr
    assert "ROLLCALL_DEBUG: must be off in production" in done.stderr


# --- A production server, behind a proxy that says HTTPS -----------------------------------------


@pytest.fixture(scope="module")
def served_production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`rollcall serve` with the production environment on loopback, as behind nginx."""
    workdir = tmp_path_factory.mktemp("served-production")
    env = {**rollcall_env(workdir), **production_env()}
    run_rollcall(workdir, "migrate", env=env)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with (workdir / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [*_rollcall_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent(),
        )
    try:
        deadline = time.monotonic() + SERVE_TIMEOUT
        while not answers(f"{base_url}/robots.txt"):
            assert process.poll() is None, (workdir / "serve.log").read_text()
            assert time.monotonic() < deadline, "the production server did not answer"
            time.sleep(0.5)
        yield base_url
    finally:
        _stop(process)


def answers(url: str) -> bool:
    try:
        return fetch(url)[0] == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, https: bool = True) -> tuple[int, dict[str, str], list[str]]:
    """Status, headers and Set-Cookie lines, as the proxy in front would receive them."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirects())
    request = urllib.request.Request(url, headers={"Host": HOST})  # noqa: S310 - http://127.0.0.1
    if https:
        # What nginx tells gunicorn (which trusts it from 127.0.0.1): the client came over HTTPS.
        request.add_header("X-Forwarded-Proto", "https")
    try:
        with opener.open(request, timeout=30) as response:
            return (
                response.status,
                dict(response.headers),
                response.headers.get_all("Set-Cookie") or [],
            )
    except urllib.error.HTTPError as answer:
        with answer:
            return answer.code, dict(answer.headers), answer.headers.get_all("Set-Cookie") or []


@pytest.mark.slow
def test_production_redirects_plain_http_to_https(served_production: str) -> None:
    status, headers, _ = fetch(f"{served_production}/people/", https=False)
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/people/"


@pytest.mark.slow
def test_production_sends_hsts_and_only_secure_http_only_cookies(served_production: str) -> None:
    status, headers, cookies = fetch(f"{served_production}/login/")
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert_security_headers(headers, "/login/")
    (csrf,) = cookies
    assert csrf.startswith("__Host-rollcall-csrf=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in csrf
    assert "Domain=" not in csrf


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/people/",
        "/api/v1/people",
        "/api/v1/stats",
        "/admin/",
        "/login/",
        "/no-such-page/",
        "/static/web/site.css",
    ],
)
def test_every_answer_of_a_production_server_carries_the_headers(
    served_production: str, path: str
) -> None:
    status, headers, _ = fetch(served_production + path)
    assert status in (200, 302, 404)
    assert_security_headers(headers, path)
    assert "max-age=31536000" in headers["Strict-Transport-Security"]


# --- The demo set-up ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/people/",
        "/be/people/",
        "/api/v1/people",
        "/api/v1/stats",
        "/api/v1/openapi.json",
        "/admin/",
        "/admin/login/",
        "/login/",
        "/login/code/",
        "/no-such-page/",
        "/feed.atom",
    ],
)
def test_every_answer_carries_the_security_headers(path: str) -> None:
    response = Client().get(path)
    assert response.status_code in (200, 302, 404)
    assert_security_headers(dict(response.headers), path)


@pytest.mark.django_db
def test_the_locked_login_page_and_a_staff_page_carry_them_too() -> None:
    with_password("rita", "reviewer")
    client = Client()
    for attempt in range(10):
        client.post("/login/", {"username": "rita", "password": f"wrong {attempt}"})
    locked = client.post("/login/", {"username": "rita", "password": "still wrong"})
    assert locked.status_code == 429
    assert_security_headers(dict(locked.headers), "the locked login")


@pytest.mark.django_db
def test_the_demo_set_up_logs_in_over_plain_http() -> None:
    with_password("rita", "reviewer")
    client = Client()
    page = client.get("/login/")
    assert page.status_code == 200
    assert not page.cookies["csrftoken"]["secure"]
    assert page.cookies["csrftoken"]["httponly"]
    response = client.post("/login/", {"username": "rita", "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert not session["secure"]
    assert not session["expires"]  # ends with the browser
