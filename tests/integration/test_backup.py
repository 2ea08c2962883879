"""`keyhold db backup` and `keyhold db restore`: a database with a small demo company in it, backed up and
restored into a fresh data directory (a new embedded PostgreSQL), holds every row of every table again."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from api.cli import db_upgrade
from api.demo.content import generate_demo_company
from api.demo.data import demo_external_id, load_demo_company, load_demo_orders
from api.demo.orders import DemoBuyer
from repositories.db import (
    libpq_environment,
    make_engine,
    make_session_factory,
    postgres_tool,
    resolve_database_url,
)
from repositories.embedded import BIN_DIR, EmbeddedPostgresError
from repositories.settings import Settings
from repositories.uow import SqlAlchemyUnitOfWork
from tests.scratch import connect, recreate_database, run_keyhold, stop_server

SOURCE_DB = "backup_source"
# A table's rows and a checksum over all of them, in a fixed order.
ROWS_OF = "SELECT count(*) AS n, md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')) AS sum FROM "


async def contents(url: str) -> dict[str, tuple[int, str]]:
    """Per table its row count and a checksum of all its rows (in a fixed order); per sequence its value."""
    conn = await connect(url)
    try:
        found = {}
        for table in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"):
            name = table["tablename"]
            row = await conn.fetchrow(ROWS_OF + f'"{name}" t')
            found[name] = (row["n"], row["sum"])
        for sequence in await conn.fetch("SELECT sequencename, last_value FROM pg_sequences "
                                         "WHERE schemaname = 'public'"):
            found[f"sequence {sequence['sequencename']}"] = (sequence["last_value"] or 0, "")
        return found
    finally:
        await conn.close()


@pytest.fixture
def keyhold(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    async def run(args: list[str], **env: str) -> str | None:
        return await run_keyhold(monkeypatch, args, **env)

    return run


async def test_a_backup_restored_into_a_fresh_data_directory_has_every_row(
        database_url: str, test_settings: Settings, tmp_path: Path, keyhold, capsys) -> None:  # type: ignore[no-untyped-def]
    url = await recreate_database(database_url, SOURCE_DB)
    settings = test_settings.model_copy(update={"database_name": SOURCE_DB})
    await asyncio.to_thread(db_upgrade, settings)
    engine = make_engine(url, pool_size=2)
    try:
        # A small demo company, and two years of orders of some of its customers sent by its ERP.
        uow, now, company = SqlAlchemyUnitOfWork(make_session_factory(engine)), datetime.now(UTC), \
            generate_demo_company(customer_count=200)
        await load_demo_company(uow, company, now=now, settings=settings, with_orders=False)
        buyers = [DemoBuyer(demo_external_id(i), c.customer_type, None, now - timedelta(days=c.created_days_ago),
                            abandoned=False) for i, c in enumerate(company.customers[:40])]
        await load_demo_orders(uow, buyers, now=now, settings=settings)
    finally:
        await engine.dispose()
    source = await contents(url)
    filled = {table for table, (rows, _) in source.items() if rows and not table.startswith("sequence ")}
    assert {"org_units", "users", "customers", "contacts", "audit_log", "api_keys", "orders", "order_lines",
            "customer_facts", "customer_monthly_revenue"} <= filled, filled
    assert sum(source[t][0] for t in filled) > 2000

    # Backed up through DATABASE_URL, as against an external server: with the pg_dump found on PATH.
    backup = tmp_path / "keyhold.dump"
    assert await keyhold(["db", "backup", str(backup)], DATABASE_URL=url,
                         PATH=f"{BIN_DIR}{os.pathsep}{os.environ['PATH']}") is None
    assert f"{BIN_DIR / 'pg_dump'} from PATH" in capsys.readouterr().out
    assert backup.stat().st_size > 0 and not (tmp_path / "keyhold.dump.partial").exists()

    fresh = tmp_path / "fresh"
    try:
        # Restored into a new data directory: a new embedded server, the dump tools of its distribution.
        assert await keyhold(["db", "restore", str(backup)], KEYHOLD_DATA_DIR=str(fresh)) is None
        restored_url = await asyncio.to_thread(resolve_database_url, Settings(data_dir=fresh, database_url=None))
        assert await contents(restored_url) == source

        # Not over a database that holds something, unless told to; then it is replaced whole.
        refusal = await keyhold(["db", "restore", str(backup)], KEYHOLD_DATA_DIR=str(fresh))
        assert refusal is not None and "is not empty" in refusal and "--force" in refusal
        conn = await connect(restored_url)
        try:
            await conn.execute("CREATE TABLE left_over (id int)")
            await conn.execute("UPDATE org_units SET name = 'changed'")
        finally:
            await conn.close()
        assert await keyhold(["db", "restore", "--force", str(backup)], KEYHOLD_DATA_DIR=str(fresh)) is None
        assert await contents(restored_url) == source
    finally:
        await asyncio.to_thread(stop_server, fresh)


def test_an_external_server_is_backed_up_with_the_pg_dump_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    external = Settings(database_url="postgresql+asyncpg://keyhold:secret@db.example/keyhold")
    monkeypatch.setenv("PATH", str(BIN_DIR))
    assert postgres_tool("pg_dump", external) == BIN_DIR / "pg_dump"
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EmbeddedPostgresError, match="pg_dump is not on PATH"):
        postgres_tool("pg_dump", external)
    # The embedded server always uses its own distribution's.
    assert postgres_tool("pg_restore", Settings(database_url=None)) == BIN_DIR / "pg_restore"
    # The tools get the connection through the environment (nothing secret on their command line).
    assert libpq_environment("postgresql+asyncpg://app:s%40cret@db.example:5433/keyhold?ssl=true") == {
        "PGHOST": "db.example", "PGPORT": "5433", "PGUSER": "app", "PGPASSWORD": "s@cret", "PGDATABASE": "keyhold",
        "PGSSLMODE": "require"}
