"""The `rollcall` console script: a thin front over Django management commands.

Only the commands docs/cli.md describes are listed; `rollcall manage …` reaches any other Django
command (createsuperuser, shell, dbshell) for operators who need one.
"""

from __future__ import annotations

import logging
import os
import sys

COMMANDS = {
    "serve": "serve the site and the API (gunicorn); --demo loads the demo registry",
    "migrate": "create or upgrade the database schema",
    "createuser": "create an editor, reviewer or admin",
    "resetotp": "remove a user's two-factor devices (a lost phone)",
    "createtoken": "print a new API token for a staff user; list or revoke their tokens",
    "import": "import a CSV or JSON Lines file, all or nothing",
    "export": "export the public registry as CSV, JSON Lines or FollowTheMoney",
    "match": "find registry people by name",
    "stats": "registry counts as of a date",
    "history": "list the recorded changes of one record",
    "extract": "read one article and print the facts it reports (writes nothing)",
    "ingest": "store articles and queue the facts they report for review",
    "review": "list, accept or reject the facts queued for review",
    "duplicates": "list likely duplicates imports held; merge, keep apart, undo",
}


# Commands whose process ends holding the registry's whole name index: freeing it object by
# object at exit took longer than the answer (1.7 s at 300,000 name variants).
LEAVE_AT_ONCE = {"match"}


def leave_at_once() -> None:
    """End a read-only command without the interpreter's teardown: its output flushed, its
    database connections closed and its logs written, the memory goes back to the system whole."""
    from django.db import connections

    connections.close_all()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def usage() -> str:
    lines = ["usage: rollcall COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<11} {text}" for name, text in COMMANDS.items()]
    lines += ["  manage      run any other Django management command", ""]
    lines += ["`rollcall COMMAND --help` describes a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if not args or args[0] in {"-h", "--help", "help"}:
        print(usage())
        sys.exit(0 if args else 2)
    command, rest = args[0], args[1:]
    shown = command  # how the command is named in its own usage line
    if command == "manage":
        if not rest:
            print("usage: rollcall manage DJANGO_COMMAND [options]", file=sys.stderr)
            sys.exit(2)
        command, rest = rest[0], rest[1:]
        shown = f"manage {command}"
    elif command not in COMMANDS:
        print(f"rollcall: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        sys.exit(2)
    elif command == "import":
        # `import` is a Python keyword, so the Django command module is called import_list.
        command = "import_list"

    import django
    from django.core.management import (
        execute_from_command_line,
        get_commands,
        load_command_class,
    )

    try:
        django.setup()
        app = get_commands().get(command)
        if app is None:
            # Django's own message for an unknown command, with its suggestions.
            execute_from_command_line(["rollcall", command, *rest])
        else:
            # Run the command ourselves so that its usage line says `rollcall import`, not
            # Django's module name (`rollcall import_list`).
            load_command_class(app, command).run_from_argv(["rollcall", shown, *rest])
            if command in LEAVE_AT_ONCE:
                leave_at_once()
    except BrokenPipeError:
        # `rollcall export | head`: the reader has gone, which is not an error worth a traceback.
        # Point stdout at /dev/null so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)  # 128 + SIGPIPE, as a shell reports a command killed by a closed pipe


if __name__ == "__main__":
    main()
