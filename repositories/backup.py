"""`keyhold db backup` and `keyhold db restore`: pg_dump's custom format (compressed, every table, sequence,
index and constraint; pg_restore reads it), the connection handed to the tools through PG* variables."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from repositories.db import libpq_environment

# Everything outside PostgreSQL's own schemas (pg_catalog, information_schema, pg_toast, pg_temp_N) is Keyhold's.
_USER_SCHEMAS = ("SELECT n.oid, n.nspname FROM pg_namespace n "
                 "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'")
_USER_RELATIONS = ("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
                   "AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY 1")


class BackupError(RuntimeError):
    pass


def tool_version(tool: Path) -> str:
    return subprocess.run([str(tool), "--version"],  # noqa: S603 - a PostgreSQL client program
                          capture_output=True, text=True, check=True).stdout.strip()


def _run(tool: Path, url: str, *args: str) -> None:
    import os

    result = subprocess.run(  # noqa: S603 - a PostgreSQL client program, arguments built here
        [str(tool), *args], env={**os.environ, **libpq_environment(url)}, capture_output=True, text=True,
        stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise BackupError(f"{tool.name} failed:\n{(result.stderr or result.stdout).strip()[-3000:]}")


def backup(url: str, file: Path, *, pg_dump: Path) -> int:
    """Writes the whole database to `file` (through `file.partial`, so a failed backup never looks like one);
    returns its size in bytes."""
    partial = file.with_name(file.name + ".partial")
    try:
        _run(pg_dump, url, "--format=custom", f"--file={partial}")
        partial.replace(file)
    finally:
        partial.unlink(missing_ok=True)
    return file.stat().st_size


async def user_relations(url: str) -> list[str]:
    """The tables, views and sequences of the database outside PostgreSQL's own schemas."""
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text(_USER_RELATIONS))
            return [row[0] for row in rows]
    finally:
        await engine.dispose()


async def clear(url: str) -> None:
    """Drops every schema of the database except PostgreSQL's own (with all they hold) and makes an empty
    `public`: what `restore --force` starts from."""
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as conn:
            schemas = [row.nspname for row in await conn.execute(text(_USER_SCHEMAS))]
            for schema in schemas:
                await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


def restore(url: str, file: Path, *, pg_restore: Path) -> None:
    """Loads a backup into the (empty) database in one transaction: all of it, or nothing on an error. Objects
    end up owned by the role that restores."""
    if not file.is_file():
        raise BackupError(f"{file}: no such file")
    _run(pg_restore, url, "--single-transaction", "--exit-on-error", "--no-owner",
         f"--dbname={libpq_environment(url).get('PGDATABASE', '')}", str(file))
