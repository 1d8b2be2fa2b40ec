"""The promises around the code: the README's two commands, CI's entry point, the CLI's front door,
and the pure-Python packages that must stay free of Django."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUICK_START_COMMANDS = ["./scripts/demo", "./scripts/test"]
CONTRACT_COMMANDS = [
    "serve",
    "migrate",
    "createuser",
    "import",
    "export",
    "extract",
    "ingest",
    "review",
    "match",
    "stats",
]
SCRIPTS = ["scripts/demo", "scripts/test", "scripts/setup-venv", ".ci/run"]


def quick_start_block(readme: str) -> list[str]:
    """The command lines of the first code block under the README's "Quick start" heading."""
    section = re.search(r"^#+\s*Quick start\s*$(.*?)(?=^#+\s|\Z)", readme, re.M | re.S | re.I)
    assert section, "README.md has no 'Quick start' section"
    block = re.search(r"^```[^\n]*\n(.*?)^```", section.group(1), re.M | re.S)
    assert block, "README.md's Quick start section has no code block"
    lines = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def test_readme_quick_start_is_exactly_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert quick_start_block(readme) == QUICK_START_COMMANDS


@pytest.mark.parametrize("script", SCRIPTS)
def test_scripts_are_executable_strict_bash(script: str) -> None:
    path = ROOT / script
    assert path.is_file(), f"{script} is missing"
    assert os.access(path, os.X_OK), f"{script} is not executable (chmod +x; git keeps the bit)"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n"), f"{script}: not a bash script"
    assert "set -euo pipefail" in text, f"{script}: does not stop on errors"
    syntax = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True, check=False)
    assert syntax.returncode == 0, f"{script}: {syntax.stderr}"


def test_ci_runs_scripts_test() -> None:
    """CI and a developer run the same thing, so a green `./scripts/test` means a green CI."""
    code = [
        line.split("#", 1)[0]
        for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    assert any(re.search(r"\bscripts/test\b", line) for line in code)


# Parts of Rollcall that must run without Django: the name matcher and the article reader are used
# by the benchmarks and by other projects as plain libraries.
@pytest.mark.parametrize("package", ["rollcall.names", "rollcall.extraction"])
def test_pure_python_packages_import_no_django(package: str) -> None:
    if not (ROOT / package.replace(".", "/") / "__init__.py").is_file():
        pytest.skip(f"{package} does not exist yet")
    # Every module of the package, tests excepted; a fresh interpreter, with no Django settings.
    program = f"""
import importlib, pkgutil, sys
package = importlib.import_module({package!r})
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    leaf = module.name.rsplit(".", 1)[-1]
    if leaf not in {{"tests", "conftest"}} and not leaf.startswith("test_"):
        importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(" ".join(loaded))
"""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{package} imports Django: {result.stdout.strip()}"


def rollcall(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it."""
    script = Path(sys.executable).with_name("rollcall")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "rollcall.cli"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, check=False, timeout=120
    )


def test_rollcall_without_a_command_is_a_usage_error() -> None:
    result = rollcall()
    assert result.returncode == 2
    assert "usage: rollcall" in result.stdout + result.stderr


def test_rollcall_help_lists_the_contract_commands() -> None:
    result = rollcall("--help")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    listed = {line.split()[0] for line in lines if line.startswith("  ") and line.strip()}
    missing = [command for command in CONTRACT_COMMANDS if command not in listed]
    assert not missing, f"`rollcall --help` does not list {missing}:\n{result.stdout}"


@pytest.mark.django_db
def test_the_suite_runs_on_the_configured_database() -> None:
    """./scripts/test runs the suite twice; make sure the second run really is on PostgreSQL."""
    from django.db import connection

    url = os.environ.get("ROLLCALL_DATABASE_URL", "sqlite:///rollcall.sqlite3")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    if expected == "postgresql":
        assert connection.settings_dict["NAME"].startswith("test_")
