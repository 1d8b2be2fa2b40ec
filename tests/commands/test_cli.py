"""The `rollcall` front door as a real process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest


def rollcall(tmp_path: Path, *args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = dict(os.environ, ROLLCALL_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "rollcall.cli", *args],
        env=env,
        cwd=tmp_path,
        **kwargs,  # type: ignore[call-overload]
    )


def invented_name(seed: int) -> str:
    """A synthetic two-word name, unlike any other this function gives for another seed."""
    digest = hashlib.sha256(str(seed).encode()).digest()
    letters = "".join(chr(ord("a") + byte % 26) for byte in digest[:16])
    return f"{letters[:8].title()} {letters[8:].title()}"


@pytest.mark.slow
def test_a_reader_closing_the_pipe_early_is_not_a_crash(tmp_path: Path) -> None:
    assert rollcall(tmp_path, "migrate", "-v0").wait(timeout=120) == 0
    # Enough people that the export outgrows the pipe buffer and meets the closed end. Their
    # names must differ as names do (not by a number, which the name engine ignores): rows that
    # look alike are held as drafts for review and left out of the export.
    rows = ["name,id,country,detained_on"]
    rows += [f"{invented_name(i)},synthetic-{i},BY,2021-01-01" for i in range(2000)]
    (tmp_path / "list.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert rollcall(tmp_path, "import", "list.csv", stdout=subprocess.DEVNULL).wait(120) == 0
    process = rollcall(
        tmp_path, "export", "--format", "jsonl", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.read(10) == b'{"schema":'
    process.stdout.close()
    process.wait(timeout=120)
    assert "Traceback" not in process.stderr.read().decode()
    assert process.returncode == 141


def test_an_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    process = rollcall(tmp_path, "frobnicate", stderr=subprocess.PIPE)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert b"unknown command 'frobnicate'" in stderr


def test_serve_warns_about_the_development_key_beyond_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rollcall.web.management.commands.serve import secret_key_warning

    monkeypatch.delenv("ROLLCALL_SECRET_KEY", raising=False)
    assert secret_key_warning("127.0.0.1") is None
    assert "ROLLCALL_SECRET_KEY" in (secret_key_warning("192.0.2.10") or "")
    monkeypatch.setenv("ROLLCALL_SECRET_KEY", "a-real-secret")
    assert secret_key_warning("192.0.2.10") is None
