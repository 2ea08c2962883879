"""Scratch databases on a test worker's embedded PostgreSQL, for tests that need their own (migrations,
a real server process)."""

from __future__ import annotations

import os
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import asyncpg
from sqlalchemy.engine import make_url


def socket_dir(database_url: str) -> str:
    return unquote(database_url.split("host=", 1)[1])


def database_name(database_url: str) -> str:
    return database_url.split("@/", 1)[1].split("?", 1)[0]


async def connect(database_url: str, database: str | None = None) -> asyncpg.Connection:
    """An asyncpg connection to `database_url`'s server (its embedded socket and password), to `database`
    (default: the URL's own)."""
    url = make_url(database_url)
    return await asyncpg.connect(user=url.username, password=url.password, host=socket_dir(database_url),
                                 database=database or url.database)


async def recreate_database(database_url: str, name: str) -> str:
    """Drops and creates the database `name` next to `database_url`'s; returns its URL."""
    conn = await connect(database_url, "postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8')
    finally:
        await conn.close()
    return make_url(database_url).set(database=name).render_as_string(hide_password=False)


def stop_server(data_dir: Path, timeout: float = 60.0) -> None:
    """Stops the embedded PostgreSQL of `data_dir` (fast shutdown) and waits for it: a scratch server must be
    gone before its temporary directory is, or it writes its last checkpoint into a deleted directory while the
    next benchmark runs."""
    from repositories.embedded import embedded_server

    # This process's own handle first (else it would try to stop the server again at exit).
    embedded_server(data_dir).release()
    pid_file = data_dir / "pgdata" / "postmaster.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text().splitlines()[0])
    try:
        os.kill(pid, signal.SIGINT)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


@contextmanager
def scratch_directory(prefix: str) -> Iterator[Path]:
    """A temporary directory for a benchmark's embedded PostgreSQL, whose server is stopped before it goes."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        try:
            yield Path(tmp)
        finally:
            stop_server(Path(tmp))


async def run_keyhold(monkeypatch: Any, args: list[str], *, stdin: str = "", **env: str) -> str | None:
    """Runs the `keyhold` command line in this process (on a thread: it runs event loops of its own) with
    DATABASE_URL unset, the given environment variables and standard input; returns the message it exited
    with, None when it succeeded."""
    import asyncio
    import io
    import sys

    from api.cli import main

    for name in ("DATABASE_URL", "KEYHOLD_DATABASE_URL", "KEYHOLD_DATABASE_NAME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        await asyncio.to_thread(main, args)
    except SystemExit as exc:
        return str(exc.code)
    return None
