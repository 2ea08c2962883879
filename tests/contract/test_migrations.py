"""Migrations go from empty to head, down to empty and up again; each revision goes up, down and up again (the
stairway); and head matches the table definitions: columns, types, nullability, constraints and indexes
(alembic's compare_metadata)."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from api.cli import _alembic_config
from repositories.metadata import schema
from tests.scratch import recreate_database

SCRATCH_DB = "keyhold_migrations"


async def _schema(url: str) -> dict[str, set[str]]:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            def read(sync_conn: Any) -> dict[str, set[str]]:
                inspector = inspect(sync_conn)
                return {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}
            return await conn.run_sync(read)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade(database_url: str) -> None:
    url = await recreate_database(database_url, SCRATCH_DB)
    config = _alembic_config(url)
    # Alembic's env.py runs its own event loop: give it a thread.
    await asyncio.to_thread(command.upgrade, config, "head")
    at_head = await _schema(url)
    expected = {t.name: {c.name for c in t.columns} for t in schema().sorted_tables}
    assert {t: cols for t, cols in at_head.items() if t != "alembic_version"} == expected
    await asyncio.to_thread(command.downgrade, config, "base")
    assert set(await _schema(url)) <= {"alembic_version"}
    await asyncio.to_thread(command.upgrade, config, "head")
    assert await _schema(url) == at_head


async def test_each_revision_goes_up_down_and_up_again(database_url: str) -> None:
    url = await recreate_database(database_url, SCRATCH_DB)
    config = _alembic_config(url)
    revisions = [r.revision for r in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]
    for revision in revisions:
        await asyncio.to_thread(command.upgrade, config, revision)
        after_up = await _schema(url)
        await asyncio.to_thread(command.downgrade, config, "-1")
        await asyncio.to_thread(command.upgrade, config, revision)
        assert await _schema(url) == after_up, revision


async def test_head_matches_the_table_definitions_in_types_constraints_and_indexes(database_url: str) -> None:
    url = await recreate_database(database_url, SCRATCH_DB)
    await asyncio.to_thread(command.upgrade, _alembic_config(url), "head")
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            def differences(sync_conn: Any) -> list[Any]:
                context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
                return list(compare_metadata(context, schema()))
            assert await conn.run_sync(differences) == []
    finally:
        await engine.dispose()
