"""PostgreSQL for the benchmark: a throwaway cluster when none is given, a fresh database per run.

Why a fresh database per run: a registry left by the previous size would make the next import an
update rather than a creation, and its caches and table statistics would flatter the queries.
Why a cluster of our own when no server is given: the full benchmark should run on a clean
machine with nothing but PostgreSQL's binaries installed, as `scripts/test` does.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def pg_bin() -> Path:
    """The directory of initdb and pg_ctl: on PATH, else Debian's newest /usr/lib/postgresql."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(directory, "initdb").exists() and Path(directory, "pg_ctl").exists():
            return Path(directory)
    raise RuntimeError("PostgreSQL's initdb was not found (install postgresql, or give --pg-url)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a private PostgreSQL cluster in a temp dir; yield its URL; stop and delete it.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
    Durability settings are left at their defaults so the import is timed as a real server
    would run it (one transaction, so fsync costs little either way).
    """
    binaries = pg_bin()
    root = Path(tempfile.mkdtemp(prefix="rollcall-bench-pg-"))
    cluster = root / "pg"
    cluster.mkdir(mode=0o700)
    as_root = os.geteuid() == 0
    if as_root:
        root.chmod(0o711)  # postgres may pass through, not list
        shutil.chown(cluster, "postgres", "postgres")

    def as_pg(*args: str) -> subprocess.CompletedProcess[str]:
        command = ["runuser", "-u", "postgres", "--", *args] if as_root else list(args)
        return subprocess.run(command, cwd=cluster, capture_output=True, text=True, check=False)

    data, port = cluster / "data", free_port()
    started = False
    try:
        done = as_pg(
            str(binaries / "initdb"),
            "-D",
            str(data),
            "--auth=trust",
            "--username=postgres",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{done.stdout}{done.stderr}")
        options = f"-p {port} -k '{cluster}' -c listen_addresses=127.0.0.1"
        started = True
        done = as_pg(
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(cluster / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )
        if done.returncode != 0:
            log = (cluster / "server.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"PostgreSQL did not start:\n{done.stderr}{log}")
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            stopped = as_pg(
                str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "-t", "60", "stop"
            )
            pid_file = data / "postmaster.pid"
            if stopped.returncode != 0 and pid_file.exists():
                # pg_ctl could not stop it: kill the postmaster, whose pid leads postmaster.pid.
                pid = int(pid_file.read_text().split()[0])
                os.kill(pid, 9)
        shutil.rmtree(root, ignore_errors=True)


def with_database(url: str, name: str) -> str:
    """The same server URL, naming another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(_maintenance(url), autocommit=True) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


@contextmanager
def fresh_database(url: str, name: str) -> Iterator[str]:
    """Create database `name` on the server of `url`; yield its URL; drop it afterwards."""
    import psycopg
    from psycopg import sql

    admin = _maintenance(url)

    def execute(statement: sql.Composed) -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(statement)

    def drop() -> None:
        execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    drop()
    execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(url, name)
    finally:
        drop()


def _maintenance(url: str) -> str:
    """Where to connect to create databases: the URL's own database, else `postgres`."""
    return url if urlsplit(url).path.strip("/") else with_database(url, "postgres")
