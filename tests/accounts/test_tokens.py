"""API tokens: `rollcall createtoken` as a real process on its own database, and the token rules.

The command's tests share one registry (made once: migrating takes seconds) holding a staff
user per test that needs one, so that no test sees another's tokens.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from rollcall.accounts.models import LAST_USED_RESOLUTION, MARK, ApiToken
from tests.cast import log_in, staff_user
from tests.conftest import rollcall_env, run_rollcall

PASSWORD = "a long editor password"
STAFF = ("rita", "lena", "oleg", "ivan")


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated registry with the staff users above and one user who is not staff."""
    workdir = tmp_path_factory.mktemp("tokens")
    run_rollcall(workdir, "migrate")
    for name in STAFF:
        run_rollcall(
            workdir, "createuser", name, "--role", "editor", env={"ROLLCALL_PASSWORD": PASSWORD}
        )
    make_visitor = "from django.contrib.auth.models import User; User.objects.create_user('vera')"
    run_rollcall(workdir, "manage", "shell", "-c", make_visitor)
    return workdir


def rollcall(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`rollcall ARGS` as a user runs it, whatever its exit status."""
    return subprocess.run(
        [sys.executable, "-m", "rollcall.cli", *args],
        cwd=workdir,
        env=rollcall_env(workdir),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )


def stored_tokens(workdir: Path, user: str) -> list[tuple[str, str, str | None]]:
    """(prefix, hash, revoked at) of the user's tokens, read straight from the database file."""
    with sqlite3.connect(workdir / "rollcall.sqlite3") as db:
        return db.execute(
            "SELECT prefix, hash, revoked_at FROM accounts_apitoken "
            "JOIN auth_user ON auth_user.id = accounts_apitoken.user_id "
            "WHERE auth_user.username = ? ORDER BY accounts_apitoken.id",
            (user,),
        ).fetchall()


@pytest.mark.slow
def test_a_new_token_is_printed_once_and_only_its_hash_is_kept(registry: Path) -> None:
    done = rollcall(registry, "createtoken", "rita")
    assert done.returncode == 0, done.stderr
    (token,) = done.stdout.splitlines()
    assert token.startswith(MARK)
    assert "shown this once" in done.stderr
    assert token not in done.stderr
    ((prefix, stored_hash, revoked),) = stored_tokens(registry, "rita")
    assert token.startswith(f"{MARK}{prefix}_")
    assert stored_hash == hashlib.sha256(token.encode()).hexdigest()
    assert revoked is None
    assert token.encode() not in (registry / "rollcall.sqlite3").read_bytes()


@pytest.mark.slow
def test_each_token_is_new(registry: Path) -> None:
    first = run_rollcall(registry, "createtoken", "lena").strip()
    second = run_rollcall(registry, "createtoken", "lena").strip()
    assert first != second
    assert len(stored_tokens(registry, "lena")) == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("user", "line"),
    [
        ("nobody", "user: no user called 'nobody'"),
        ("vera", "user: 'vera' is not staff;"),
    ],
)
def test_an_unknown_or_non_staff_user_gets_no_token_and_one_clear_line(
    registry: Path, user: str, line: str
) -> None:
    done = rollcall(registry, "createtoken", user)
    assert done.returncode == 1
    assert done.stdout == ""
    (said,) = done.stderr.splitlines()
    assert said.startswith(line)
    assert stored_tokens(registry, user) == []


@pytest.mark.slow
def test_a_revoked_token_is_listed_as_revoked_and_the_token_itself_never_shown(
    registry: Path,
) -> None:
    kept = run_rollcall(registry, "createtoken", "oleg").strip()
    dropped = run_rollcall(registry, "createtoken", "oleg").strip()
    dropped_prefix = dropped.removeprefix(MARK).split("_")[0]
    revoked = run_rollcall(registry, "createtoken", "oleg", "--revoke", dropped_prefix)
    assert revoked.startswith(f"Revoked {MARK}{dropped_prefix}…")
    listed = run_rollcall(registry, "createtoken", "oleg", "--list").splitlines()
    assert listed[0].split() == ["token", "created", "(UTC)", "last", "used", "revoked"]
    rows = {line.split()[0]: line for line in listed[1:]}
    kept_row = rows[f"{MARK}{kept.removeprefix(MARK).split('_')[0]}…"]
    dropped_row = rows[f"{MARK}{dropped_prefix}…"]
    # token, created (day, minute), last used ("never"), revoked ("-", or its day and minute)
    assert kept_row.split()[3:] == ["never", "-"]
    assert dropped_row.split()[3] == "never"
    assert dropped_row.split()[4:] != ["-"]
    assert kept not in "\n".join(listed)
    assert dropped not in "\n".join(listed)
    assert [revoked_at is None for _, _, revoked_at in stored_tokens(registry, "oleg")] == [
        True,
        False,
    ]
    again = run_rollcall(registry, "createtoken", "oleg", "--revoke", dropped)
    assert "already revoked" in again


@pytest.mark.slow
def test_revoking_a_token_the_user_does_not_have_is_refused(registry: Path) -> None:
    other = run_rollcall(registry, "createtoken", "ivan").strip()
    done = rollcall(registry, "createtoken", "rita", "--revoke", other)
    assert done.returncode == 1
    assert done.stderr.startswith("--revoke: 'rita' has no token")
    assert all(revoked is None for _, _, revoked in stored_tokens(registry, "ivan"))


@pytest.mark.slow
def test_listing_and_revoking_at_once_is_a_usage_error(registry: Path) -> None:
    done = rollcall(registry, "createtoken", "rita", "--list", "--revoke", "abc")
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr


@pytest.mark.django_db
def test_a_token_is_found_by_itself_only_until_it_is_revoked() -> None:
    stored, token = ApiToken.issue(staff_user("rita", "editor"))
    found = ApiToken.find(token)
    assert found is not None
    assert found.pk == stored.pk
    assert found.user.username == "rita"
    assert ApiToken.find(token[:-1]) is None
    assert ApiToken.find(token.removeprefix(MARK)) is None
    stored.revoke()
    assert ApiToken.find(token) is None


@pytest.mark.django_db
def test_its_last_use_is_written_at_most_once_a_minute() -> None:
    stored, token = ApiToken.issue(staff_user("rita", "editor"))
    assert stored.last_used_at is None
    stored.record_use()
    first = ApiToken.objects.get(pk=stored.pk).last_used_at
    assert first is not None
    stored.record_use()
    assert ApiToken.objects.get(pk=stored.pk).last_used_at == first
    # A use a minute or more after the last recorded one is recorded.
    earlier = first - LAST_USED_RESOLUTION - timedelta(seconds=1)
    ApiToken.objects.filter(pk=stored.pk).update(last_used_at=earlier)
    found = ApiToken.find(token)
    assert found is not None
    found.record_use()
    later = ApiToken.objects.get(pk=stored.pk).last_used_at
    assert later is not None
    assert later > first
    assert later <= timezone.now()


@pytest.mark.django_db
def test_admins_see_every_token_by_its_prefix_and_revoke_it_in_the_admin() -> None:
    stored, token = ApiToken.issue(staff_user("rita", "editor"))
    admin = Client()
    log_in(admin, staff_user("ada", "admin"))  # an admin passes the second step too
    page = admin.get("/admin/accounts/apitoken/").content.decode()
    assert f"{MARK}{stored.prefix}…" in page
    assert stored.hash not in page
    assert token not in page
    admin.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [stored.pk]})
    assert ApiToken.find(token) is None


@pytest.mark.django_db
def test_editors_and_reviewers_do_not_see_tokens_in_the_admin() -> None:
    ApiToken.issue(staff_user("rita", "editor"))
    for role in ("editor", "reviewer"):
        client = Client()
        log_in(client, staff_user(f"{role}-1", role))
        assert client.get("/admin/accounts/apitoken/").status_code == 403
