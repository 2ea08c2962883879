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
from urllib.parse import quote, unquote

import asyncpg


def socket_dir(database_url: str) -> str:
    return unquote(database_url.split("host=", 1)[1])


async def recreate_database(database_url: str, name: str) -> str:
    """Drops and creates the database `name` next to `database_url`'s; returns its URL."""
    host = socket_dir(database_url)
    conn = await asyncpg.connect(user="postgres", database="postgres", host=host)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8')
    finally:
        await conn.close()
    return f"postgresql+asyncpg://postgres@/{name}?host={quote(host)}"


def database_name(database_url: str) -> str:
    return database_url.split("@/", 1)[1].split("?", 1)[0]


def stop_server(data_dir: Path, timeout: float = 60.0) -> None:
    """Stops the embedded PostgreSQL of `data_dir` (fast shutdown) and waits for it: a scratch server must be
    gone before its temporary directory is, or it writes its last checkpoint into a deleted directory while the
    next benchmark runs."""
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
