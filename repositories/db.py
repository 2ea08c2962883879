"""Engine and session factory; starts the embedded PostgreSQL when no DATABASE_URL is given."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from repositories.embedded import BIN_DIR, EmbeddedPostgresError, ServerAddress, Watchdog, embedded_server
from repositories.settings import Settings

log = logging.getLogger(__name__)


def start_embedded_postgres(data_dir: Path) -> ServerAddress:
    """Starts (or joins) the embedded PostgreSQL 18 whose data lives in data_dir/pgdata (repositories/embedded.py:
    a private socket, password authentication) and returns where and how to connect to it."""
    return embedded_server(data_dir).acquire()


def _asyncpg_url(address: ServerAddress, database: str) -> str:
    return (f"postgresql+asyncpg://{address.user}:{quote(address.password, safe='')}@/{database}"
            f"?host={quote(str(address.socket_dir))}")


async def _ensure_database(address: ServerAddress, database: str) -> None:
    import asyncpg  # the driver; only here to create the database when it is missing

    conn = await asyncpg.connect(user=address.user, password=address.password, database="postgres",
                                 host=str(address.socket_dir), port=address.port)
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
    address = start_embedded_postgres(settings.data_dir)
    # Called once at start-up, before any event loop runs.
    asyncio.run(_ensure_database(address, settings.database_name))
    return _asyncpg_url(address, settings.database_name)


def supervise_embedded_postgres(settings: Settings) -> Watchdog | None:
    """For `keyhold serve`: restarts the embedded server when it dies, and stops it (unless another process
    still uses it) when `stop()` is called. None with DATABASE_URL: an external server is supervised by its
    own service manager."""
    if settings.database_url:
        return None
    return Watchdog(embedded_server(settings.data_dir)).start()


def libpq_environment(url: str) -> dict[str, str]:
    """PG* variables for the PostgreSQL client tools from a SQLAlchemy URL (so no password shows in `ps`)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    query = {k: v if isinstance(v, str) else v[-1] for k, v in parsed.query.items()}
    env = {"PGHOST": query.get("host") or parsed.host or "", "PGPORT": str(parsed.port or query.get("port") or ""),
           "PGUSER": parsed.username or "", "PGPASSWORD": parsed.password or "", "PGDATABASE": parsed.database or "",
           # asyncpg's ssl=true means libpq's sslmode=require; its other values are libpq's modes.
           "PGSSLMODE": query.get("sslmode") or {"true": "require"}.get(query.get("ssl", ""), query.get("ssl", ""))}
    return {k: v for k, v in env.items() if v}


def postgres_tool(name: str, settings: Settings) -> Path:
    """pg_dump or pg_restore: the embedded distribution's own for the embedded server; for DATABASE_URL the
    one on PATH (of the server's major version or newer)."""
    import shutil

    if not settings.database_url:
        return BIN_DIR / name
    found = shutil.which(name)
    if found is None:
        raise EmbeddedPostgresError(f"{name} is not on PATH: install the PostgreSQL client tools of the server's "
                                    "major version (e.g. Debian's postgresql-client)")
    return Path(found)


# How long a request waits for a connection (new, or free in the pool) before it fails (503), not hangs.
CONNECT_TIMEOUT_SECONDS = 5.0


def make_engine(url: str, *, pool_size: int = 10, statement_timeout_seconds: float | None = None) -> AsyncEngine:
    """An engine. With `statement_timeout_seconds` (interactive requests) PostgreSQL cancels any statement that
    runs longer and any transaction left idle twice as long, so no request can hold a connection or a lock
    for ever; jobs and the command line pass None (their statements may legitimately run for minutes)."""
    server_settings: dict[str, str] = {}
    if statement_timeout_seconds is not None:
        millis = int(statement_timeout_seconds * 1000)
        server_settings = {"statement_timeout": str(millis),
                           "idle_in_transaction_session_timeout": str(2 * millis)}
    return create_async_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                               pool_timeout=CONNECT_TIMEOUT_SECONDS,
                               connect_args={"timeout": CONNECT_TIMEOUT_SECONDS, "server_settings": server_settings})


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
