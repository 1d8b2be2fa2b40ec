"""`rollcall serve`: migrate, optionally load the demo registry, and run gunicorn."""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from rollcall.demo.load import load_demo

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# gunicorn's own default, stated so that the API's parameter bounds can be checked against it:
# a longer request line is answered 414 before Django sees it.
REQUEST_LINE_LIMIT = 4094


class Command(BaseCommand):
    help = "Migrate the database and serve the site and the API with gunicorn."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--demo", action="store_true", help="load the demo data if empty")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )

    def handle(self, *args: Any, **options: Any) -> None:

        call_command("migrate", interactive=False, verbosity=0)
        if options["demo"] and load_demo():
            self.stdout.write("Loaded the demo registry.")
        call_command("collectstatic", interactive=False, verbosity=0)
        bind = f"{options['host']}:{options['port']}"
        warning = secret_key_warning(options["host"])
        if warning:
            self.stderr.write(warning)
        self.stdout.write(f"Serving Rollcall on http://{bind}/ (database: {_db_label()})")
        self.stdout.flush()
        # exec replaces this process, so signals sent to `rollcall serve` reach gunicorn directly.
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            # Load the application (and with it the name index, rollcall.web.warmup) once in
            # the master, before the workers are forked: each starts with it loaded.
            "--preload",
            # Workers replaced after a number of requests, and the index caught up before each
            # fork: the server's memory stays bounded (docs/names.md, "The server").
            "--config",
            "python:rollcall.web.gunicorn_conf",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "5",
            "--limit-request-line",
            str(REQUEST_LINE_LIMIT),
            # gunicorn's control socket defaults to one path in $HOME shared by every server on
            # the machine (a demo, a test server, production); Rollcall does not use it.
            "--no-control-socket",
        ]
        os.execv(sys.executable, argv)  # noqa: S606 - a fixed argument list, no shell


def secret_key_warning(host: str) -> str | None:
    """Sessions and CSRF tokens signed with the published development key can be forged."""
    if host in LOOPBACK or os.environ.get("ROLLCALL_SECRET_KEY"):
        return None
    return (
        "warning: serving beyond this machine with the development secret key; "
        "set ROLLCALL_SECRET_KEY (see docs/deploy-postgresql.md)"
    )


def _db_label() -> str:
    db = settings.DATABASES["default"]
    engine = str(db["ENGINE"])
    return f"{engine.rsplit('.', 1)[-1]} {db.get('NAME')}"
