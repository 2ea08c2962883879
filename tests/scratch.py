"""Scratch databases on a test worker's embedded PostgreSQL, for tests that need their own (migrations,
a real server process)."""

from __future__ import annotations

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
