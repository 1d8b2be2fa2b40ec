"""Regenerate the generated blocks of docs/cli.md and docs/json.md from the code itself.

    .venv/bin/python docs/gen.py            # rewrite the blocks
    .venv/bin/python docs/gen.py --check    # only compare: exit 1 and show the difference

A generated block sits between `<!-- generated: SOURCE -->` and `<!-- end generated -->`; the
prose around it is written by hand and left alone. SOURCE says what produces the block:

- `rollcall ARGS`: the `rollcall` command run with ARGS; `--help` output is shown as text, any
  other output is JSON (one document per line) shown pretty-printed. `| head -N` keeps the first
  N documents.
- `GET /api/v1/…`: the JSON the API answers.
- `values`: the allowed values of the coded fields, read from the models' choices.

Commands and requests run in this process against a throwaway SQLite database holding the demo
registry (never the database `ROLLCALL_DATABASE_URL` names), so the examples are real output. A
date equal to the day of generation (a person's status is always "as of today") is written
`YYYY-MM-DD`, or every block would change daily. `docs/cli.md` gets a block for every command
`rollcall --help` lists and every other management command of Rollcall's own apps (run as
`rollcall manage NAME`), appended at the end when one is missing.

The script lives outside the `rollcall` package: it drives the whole application, from the
command line down to the models, and belongs to none of its layers.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
CLI_DOC = DOCS / "cli.md"
JSON_DOC = DOCS / "json.md"
REGENERATE = ".venv/bin/python docs/gen.py"

BLOCK = re.compile(
    r"(?P<open><!-- generated: (?P<source>.+?) -->\n)"
    r"(?P<body>.*?)"
    r"(?P<close><!-- end generated -->)",
    re.DOTALL,
)
# Help is wrapped to the terminal's width; a fixed one keeps the text the same on every machine.
HELP_COLUMNS = "100"
JSON_WIDTH = 100
TODAY_PLACEHOLDER = "YYYY-MM-DD"

# (what the docs call the field, model path, field name): the coded fields whose values
# docs/json.md lists, in the order a reader meets them in a person record.
CODED_FIELDS = [
    ("person `gender`", "people.Person", "gender"),
    ("person `visibility`", "people.Person", "visibility"),
    ("person `publication`", "people.Person", "publication"),
    ("name `kind`", "people.PersonName", "kind"),
    ("event `type`", "events.Event", "type"),
    ("`date_precision`", "events.Event", "date_precision"),
    ("event `release_kind`", "events.Event", "release_kind"),
    ("event `sentence_kind`", "events.Event", "sentence_kind"),
    ("event `custody_kind`", "events.Event", "custody_kind"),
    ("source `kind`", "sources.Source", "kind"),
    ("count `qualifier`", "collective.CollectiveEvent", "count_qualifier"),
    ("agreement party `role`", "collective.AgreementParty", "role"),
    ("sanctions `action`", "collective.SanctionsMeasure", "action"),
    ("estimate `measure`", "collective.ReportedEstimate", "measure"),
]


class GenerationError(Exception):
    """A block whose source cannot be produced: a command that failed, an unknown source."""


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print(f"usage: {REGENERATE} [--check]", file=sys.stderr)
        return 2
    errors: list[str] = []
    with demo_registry():
        updated = {CLI_DOC: cli_doc(CLI_DOC.read_text(encoding="utf-8"), errors)}
        updated[JSON_DOC] = fill(JSON_DOC.read_text(encoding="utf-8"), errors)
    for error in errors:
        print(f"docs/gen.py: {error}", file=sys.stderr)
    stale = [path for path, text in updated.items() if path.read_text(encoding="utf-8") != text]
    if not check:
        # Blocks that could not be produced are left as they were; the others are written.
        for path in stale:
            path.write_text(updated[path], encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: regenerated")
        return 1 if errors else 0
    for path in stale:
        name = str(path.relative_to(ROOT))
        old = path.read_text(encoding="utf-8").splitlines(keepends=True)
        new = updated[path].splitlines(keepends=True)
        sys.stdout.writelines(difflib.unified_diff(old, new, f"{name} (now)", f"{name} (code)"))
    if stale:
        names = ", ".join(str(path.relative_to(ROOT)) for path in stale)
        print(f"\n{names}: out of date with the code; run `{REGENERATE}`", file=sys.stderr)
    return 1 if stale or errors else 0


@contextlib.contextmanager
def demo_registry() -> Iterator[None]:
    """Django set up on a throwaway SQLite file holding the demo registry, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="rollcall-docs-") as tmp:
        os.environ["ROLLCALL_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'docs.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        os.environ["COLUMNS"] = HELP_COLUMNS
        sys.path.insert(0, str(ROOT))
        code, _, errors = run_rollcall(["migrate", "--verbosity", "0"])
        if code != 0:
            raise SystemExit(f"docs/gen.py: rollcall migrate failed:\n{errors}")
        from rollcall.demo.load import load_demo

        load_demo()
        yield


def run_rollcall(args: list[str]) -> tuple[int, str, str]:
    """`rollcall ARGS` in this process, as the console script runs it: (exit code, out, err)."""
    from rollcall import cli

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.main(args)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def cli_doc(text: str, errors: list[str]) -> str:
    """docs/cli.md with every block filled, and a section added for any command it lacks."""
    from rollcall import cli

    present = {match["source"] for match in BLOCK.finditer(text)}
    wanted = ["rollcall --help"] + [f"rollcall {name} --help" for name in cli.COMMANDS]
    wanted += [f"rollcall manage {name} --help" for name in own_manage_commands()]
    for source in wanted:
        if source not in present:
            command = source.removesuffix(" --help")
            text = text.rstrip("\n") + f"\n\n## `{command}`\n\n<!-- generated: {source} -->\n"
            text += "<!-- end generated -->\n"
    return fill(text, errors)


def own_manage_commands() -> list[str]:
    """Rollcall's own management commands that `rollcall` does not list (`rollcall manage …`)."""
    from django.core.management import get_commands

    from rollcall import cli

    listed = {*cli.COMMANDS, "import_list"}  # `rollcall import` runs the command import_list
    return sorted(
        name
        for name, app in get_commands().items()
        if app.startswith("rollcall.") and name not in listed
    )


def fill(text: str, errors: list[str]) -> str:
    """`text` with each block's body produced again; a failure is noted and keeps the old body."""

    def replace(match: re.Match[str]) -> str:
        try:
            body = produce(match["source"])
        except GenerationError as error:
            errors.append(str(error))
            body = match["body"]
        return match["open"] + body + match["close"]

    return BLOCK.sub(replace, text)


def produce(source: str) -> str:
    if source == "values":
        return coded_values()
    if source.startswith("GET "):
        return fenced("json", api_json(source.removeprefix("GET ")))
    if source.startswith("rollcall "):
        return rollcall_output(source)
    raise GenerationError(f"unknown block source {source!r}")


def rollcall_output(source: str) -> str:
    command, _, pipe = source.partition(" | ")
    args = shlex.split(command)[1:]
    code, out, err = run_rollcall(args)
    if code != 0:
        raise GenerationError(f"`{command}` exited {code}:\n{err}")
    if "--help" in args:
        return fenced("text", out.rstrip())
    try:
        documents = [json.loads(out)]
    except json.JSONDecodeError:  # JSON Lines: one document per line
        documents = [json.loads(line) for line in out.splitlines() if line.strip()]
    if pipe:
        head = re.fullmatch(r"head -(\d+)", pipe)
        if head is None:
            raise GenerationError(f"{source!r}: only `| head -N` may follow a command")
        documents = documents[: int(head[1])]
    return fenced("json", "\n".join(pretty(pin_today(doc)) for doc in documents))


def api_json(path: str) -> str:
    from django.test import Client

    # A request the API refuses is an example here, not a server problem to log.
    with contextlib.redirect_stderr(io.StringIO()):
        response = Client(raise_request_exception=False).get(quote(path, safe="/?=&%"))
    if response.status_code >= 500 or not response["Content-Type"].startswith("application/json"):
        exc_info = getattr(response, "exc_info", None)
        detail = f": {exc_info[0].__name__}: {exc_info[1]}" if exc_info else ""
        raise GenerationError(f"GET {path} answered {response.status_code}{detail}")
    return pretty(pin_today(response.json()))


def coded_values() -> str:
    from django.apps import apps

    rows = ["| field | values |", "| --- | --- |"]
    for label, model, field_name in CODED_FIELDS:
        field = apps.get_model(model)._meta.get_field(field_name)
        choices: list[tuple[str, str]] = list(getattr(field, "choices", None) or [])
        if not choices:
            raise GenerationError(f"{model}.{field_name} has no choices")
        values = ", ".join(_value(value, str(text)) for value, text in choices)
        empty = ", or empty" if getattr(field, "blank", False) else ""
        rows.append(f"| {label} | {values}{empty} |")
    return "\n".join(rows) + "\n"


def _value(value: str, label: str) -> str:
    """`value`, with its label when the label says more than the value itself."""
    if label in {value, value.replace("_", " ")}:
        return f"`{value}`"
    return f"`{value}` ({label})"


def fenced(language: str, body: str) -> str:
    return f"```{language}\n{body}\n```\n"


def pin_today(value: Any) -> Any:
    today = date.today().isoformat()
    return _walk(value, lambda item: TODAY_PLACEHOLDER if item == today else item)


def _walk(value: Any, leaf: Callable[[Any], Any]) -> Any:
    if isinstance(value, dict):
        return {key: _walk(item, leaf) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, leaf) for item in value]
    return leaf(value)


def pretty(value: Any, indent: int = 0, lead: int = 0) -> str:
    """JSON indented like json.dumps(indent=2), but any part that fits on a line stays on one."""
    flat = json.dumps(value, ensure_ascii=False)
    # +1 for the comma that may follow the value.
    if (
        not isinstance(value, dict | list)
        or not value
        or indent + lead + len(flat) + 1 <= JSON_WIDTH
    ):
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            name = json.dumps(key, ensure_ascii=False) + ": "
            items.append(pad + name + pretty(item, indent + 2, len(name)))
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + pretty(item, indent + 2) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
