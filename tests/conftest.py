"""Fixtures shared by the whole suite: a real headless Chromium and a real `rollcall serve --demo`.

- `chromium_path`: Debian's Chromium (`ROLLCALL_CHROMIUM`, default /usr/bin/chromium). A missing
  browser fails the tests that need it instead of skipping them: `scripts/test` installs it, and a
  skipped browser test would hide that the site was never looked at.
- `browser`: Playwright driving that Chromium, headless. Playwright never downloads a browser here.
- `served_demo`: the base URL (no trailing slash) of `rollcall serve --demo` started as its own
  process, exactly as `./scripts/demo` starts it.
- `free_port()`: a TCP port on 127.0.0.1 that nothing listens on;
  `from tests.conftest import free_port`.
- `cast`: the fixed cast of people and users every access test starts from (tests/cast.py), in
  the test database, with the process-wide name index rebuilt around it. `shared_cast` is the same
  cast made once per module, for modules whose every test starts from it.

Tests that use `browser` run after all the others (see `pytest_collection_modifyitems`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from rollcall.people.matching import registry_index
from tests.cast import Cast, build_cast

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling Google's services, which a closed CI network
# refuses; --no-sandbox because CI runs as root, where Chromium's sandbox will not start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVE_TIMEOUT = 60.0  # seconds for `rollcall serve --demo` to migrate, load the demo and answer
STOP_TIMEOUT = 10.0  # seconds between SIGTERM and SIGKILL when stopping it


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering (database tests first)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the tests that use a browser last, in their own order.

    While Playwright's sync API runs, the main thread looks to asyncio as if an event loop were
    running in it, so Django refuses database access there ("SynchronousOnlyOperation"). The
    session's browser stays up once started, so every test after the first browser test would be
    hit; run last, no other test is, and `browser` lets Django through only while it is up.
    """
    browser_tests = [item for item in items if "browser" in getattr(item, "fixturenames", ())]
    if browser_tests:
        others = [item for item in items if "browser" not in getattr(item, "fixturenames", ())]
        items[:] = others + browser_tests


@pytest.fixture(autouse=True)
def _empty_caches() -> None:
    """Each test starts with empty figure and page caches.

    Cached entries are keyed on the registry's version, which a test's rolled-back writes return
    to an earlier value: an entry made in one test must not answer the next.
    """
    for alias in ("default", "shared"):
        caches[alias].clear()


def middleware_without_page_cache() -> list[str]:
    return [m for m in settings.MIDDLEWARE if m != "rollcall.web.pagecache.PageCacheMiddleware"]


@pytest.fixture
def without_page_cache(settings: Any) -> None:
    """Every request renders its page: for tests that count what a view itself costs, or that
    change what "today" is for one module only. pytest-django's `settings` undoes it after."""
    settings.MIDDLEWARE = middleware_without_page_cache()


@pytest.fixture
def cast(db: None) -> Iterator[Cast]:
    """Public, anonymous, hidden and draft people; a visitor, an editor, a reviewer, an admin."""
    # The index outlives each test's database; one built from another test's rows would name
    # people this one never made.
    registry_index.reset()
    yield build_cast()
    registry_index.reset()


@contextlib.contextmanager
def rolled_back(django_db_blocker: Any) -> Iterator[None]:
    """A transaction around a module's tests, rolled back after the last of them.

    What a module-scoped fixture writes inside it is there for each of the module's tests, as
    Django's `setUpTestData` makes class data: each test runs in a savepoint inside it
    (pytest-django's `db`), so what a test changes is undone before the next one. The rows are
    there for every test of the module, so only a module whose every test starts from them may
    use it. `django_db_blocker` is pytest-django's fixture of that name.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_cast(django_db_setup: None, django_db_blocker: Any) -> Iterator[Cast]:
    """The cast made once for a module (see `rolled_back`): a module of many small access tests
    saves building it (about 240 queries) for each. Use it through `shared_cast`."""
    with rolled_back(django_db_blocker):
        with django_db_blocker.unblock():
            made = build_cast()
        yield made


@pytest.fixture
def shared_cast(module_cast: Cast, db: None) -> Iterator[Cast]:
    """`cast`, made once per module (`module_cast`); each test's changes are rolled back."""
    registry_index.reset()
    yield module_cast
    registry_index.reset()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("ROLLCALL_CHROMIUM") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {path}. The browser tests drive Debian's Chromium: install it "
            "with `apt-get install chromium` (./scripts/test does), or set ROLLCALL_CHROMIUM to "
            "another Chromium binary.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    """A headless Chromium (playwright.sync_api.Browser); each test makes its own context."""
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    from playwright.sync_api import sync_playwright

    allow_before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # see pytest_collection_modifyitems
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if allow_before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_before


def _rollcall_command() -> list[str]:
    """The installed `rollcall` console script next to this Python, as a user runs it."""
    script = Path(sys.executable).with_name("rollcall")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "rollcall.cli"]


def _die_with_parent() -> Any:
    """A pre-exec hook for the server: SIGTERM it when the test process dies, on Linux.

    Teardown stops the server, but not when pytest itself is killed (a CI time limit); the death
    signal covers that. The libc call is looked up here, before the fork, so that the child does
    nothing but the one system call.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def hook() -> None:
        prctl(pr_set_pdeathsig, signal.SIGTERM)

    return hook


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group, SIGKILL it if it is still there after a while."""
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, STOP_TIMEOUT)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; its workers may not be yet.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        return


def _tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no output)"
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


@pytest.fixture(scope="session")
def served_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `rollcall serve --demo` on a free port and yield its base URL, e.g. http://127.0.0.1:5123.

    The server always runs on a fresh SQLite file, also in the PostgreSQL run of ./scripts/test:
    `serve --demo` on the embedded database is what ./scripts/demo and a new user run, and it must
    work with nothing configured. PostgreSQL is covered by the rest of the suite, which runs on it;
    a server on it would also need a database of its own beside pytest-django's, made and dropped
    around it.
    """
    with served(tmp_path_factory.mktemp("served-demo"), "--demo") as base_url:
        yield base_url


def rollcall_env(workdir: Path) -> dict[str, str]:
    """The environment of a `rollcall` process working on its own SQLite file in `workdir`."""
    env = dict(os.environ)
    env.update(
        ROLLCALL_DATABASE_URL=f"sqlite:///{workdir / 'rollcall.sqlite3'}",
        ROLLCALL_STATIC_ROOT=str(workdir / "static"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def run_rollcall(workdir: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run one `rollcall` command on `workdir`'s database, as a user would; its output."""
    done = subprocess.run(
        [*_rollcall_command(), *args],
        cwd=workdir,
        env={**rollcall_env(workdir), **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"rollcall {' '.join(args)}: {done.stderr}"
    return done.stdout


@contextlib.contextmanager
def served(workdir: Path, *args: str) -> Iterator[str]:
    """`rollcall serve` on `workdir`'s database on a free port, stopped on leaving."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = workdir / "serve.log"
    command = [*_rollcall_command(), "serve", *args, "--host", "127.0.0.1", "--port", str(port)]
    # Output goes to a file, not a pipe: nobody reads a pipe while tests run, and the access log
    # would fill it and block the server.
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=workdir,
            env=rollcall_env(workdir),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session, so that teardown stops it and its gunicorn workers as one group.
            start_new_session=True,
            preexec_fn=_die_with_parent(),
        )
    try:
        _wait_until_answering(process, base_url, log_path)
        yield base_url
    finally:
        _stop(process)


def _wait_until_answering(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVE_TIMEOUT
    # Straight to the server, whatever proxy the environment names.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while True:
        if process.poll() is not None:
            pytest.fail(
                f"`rollcall serve` exited with status {process.returncode} before it "
                f"answered on {base_url}. Its output:\n{_tail(log)}",
                pytrace=False,
            )
        try:
            with opener.open(f"{base_url}/", timeout=5):
                return
        except urllib.error.HTTPError as answer:
            answer.close()
            return  # an HTTP answer, even an error page: the server is up
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(
                f"`rollcall serve` did not answer on {base_url} within {SERVE_TIMEOUT:.0f} "
                f"s. Its output:\n{_tail(log)}",
                pytrace=False,
            )
        time.sleep(0.2)
