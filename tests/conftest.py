"""Shared fixtures: a real PostgreSQL per test process, each test inside a transaction rolled back at its end.

Each pytest-xdist worker starts its own embedded PostgreSQL in a temporary directory (about a second),
migrates it to head with Alembic and commits a small organisation (see `base_org`). A test then runs on
one connection inside an outer transaction; the app's units of work commit to savepoints of it, so
nothing a test writes is seen by the next test.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool

from api.app import create_app
from api.cli import db_upgrade
from api.security import Argon2PasswordHasher, issue_access_token
from domain.organisation import service as org
from domain.organisation.model import User
from repositories.db import resolve_database_url
from repositories.settings import Settings
from repositories.uow import SqlAlchemyUnitOfWork
from tests.fakes import BASE_UNITS, BASE_USERS, FrozenClock

TEST_PASSWORD = "correct-horse-battery"
TEST_SECRET = "test-secret-key-with-enough-length-for-hs256"


@dataclass(frozen=True)
class BaseOrg:
    users: dict[str, User]


@pytest.fixture(scope="session")
def test_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("keyhold"), secret_key=TEST_SECRET,
                    spa_dir=tmp_path_factory.mktemp("no-spa"), database_url=None)


@pytest.fixture(scope="session")
def database_url(test_settings: Settings) -> str:
    url = resolve_database_url(test_settings)
    db_upgrade(test_settings)
    return url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url, poolclass=NullPool)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def base_org(engine: AsyncEngine) -> BaseOrg:
    uow = SqlAlchemyUnitOfWork(async_sessionmaker(engine, expire_on_commit=False))
    clock = FrozenClock(datetime.now(UTC))
    for code, name, kind, parent in BASE_UNITS:
        await org.create_org_unit(uow, None, code=code, name=name, kind=kind, parent_code=parent, clock=clock)
    hasher = Argon2PasswordHasher()
    users = {}
    for username, role, unit in BASE_USERS:
        users[username] = await org.create_user(uow, None, hasher, username=username, password=TEST_PASSWORD,
                                                role=role, org_unit_code=unit, display_name=None, clock=clock)
    return BaseOrg(users)


@pytest.fixture
async def connection(engine: AsyncEngine, base_org: BaseOrg) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield conn
        finally:
            await outer.rollback()


@pytest.fixture
def session_factory(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")


@pytest.fixture
def uow(session_factory: async_sessionmaker[AsyncSession]) -> SqlAlchemyUnitOfWork:
    return SqlAlchemyUnitOfWork(session_factory)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))


@pytest.fixture
def app(test_settings: Settings, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock) -> Any:
    return create_app(test_settings, session_factory=session_factory, clock=clock)


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=bool(os.environ.get("KEYHOLD_TEST_RAISE")))
    async with httpx.AsyncClient(transport=transport, base_url="http://keyhold.test") as http:
        yield http


@pytest.fixture
def users(base_org: BaseOrg) -> dict[str, User]:
    return base_org.users


@pytest.fixture
def auth(users: dict[str, User], test_settings: Settings, clock: FrozenClock) -> Any:
    """auth("am_zhang") -> headers with a bearer token for that base user."""

    def headers(username: str) -> dict[str, str]:
        token = issue_access_token(users[username], secret=test_settings.secret_key,
                                   minutes=test_settings.access_token_minutes, now=clock.now())
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def new_customer(client: httpx.AsyncClient, auth: Any) -> Any:
    """Creates a customer through the API as `as_user` and returns its JSON."""

    async def create(as_user: str = "am_zhang", **fields: Any) -> dict[str, Any]:
        body = {"name": "上海外滩华庭大酒店", "customer_type": "hotel", **fields}
        response = await client.post("/api/v1/customers", json=body, headers=auth(as_user))
        assert response.status_code == 201, response.text
        return dict(response.json())

    return create


@pytest.fixture
def erp_key(uow: SqlAlchemyUnitOfWork, clock: FrozenClock) -> Any:
    """erp_key("orders:write", name="erp-main") -> X-API-Key headers for a new integration key."""
    from api.security import hash_api_key, new_api_key
    from domain.integrations.service import create_api_key

    async def issue(*scopes: str, name: str = "erp-main") -> dict[str, str]:
        _, key = await create_api_key(uow, None, name=name, scopes=list(scopes), new_key=new_api_key,
                                      hash_key=hash_api_key, clock=clock)
        return {"X-API-Key": key}

    return issue
