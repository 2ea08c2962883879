"""API keys of machine clients: stored as hashes, found by their prefix, with their daily use."""

from __future__ import annotations

import builtins
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.integrations.model import ApiKey, ApiKeyUsage
from repositories.integrations.tables import api_key_usage, api_keys


def _api_key_from_row(row: Any) -> ApiKey:
    m = row._mapping
    return ApiKey(id=m["id"], name=m["name"], prefix=m["prefix"], scopes=frozenset(m["scopes"]),
                  created_at=m["created_at"], last_used_at=m["last_used_at"], revoked_at=m["revoked_at"])


class SqlApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, name: str, prefix: str, key_hash: str, scopes: list[str], created_by: int | None,
                  at: datetime) -> ApiKey:
        row = (await self.session.execute(
            insert(api_keys).values(name=name, prefix=prefix, key_hash=key_hash, scopes=scopes,
                                    created_by=created_by, created_at=at).returning(*api_keys.c)
        )).first()
        return _api_key_from_row(row)

    async def find_by_prefix(self, prefix: str) -> tuple[ApiKey, str] | None:
        row = (await self.session.execute(select(api_keys).where(api_keys.c.prefix == prefix))).first()
        return (_api_key_from_row(row), row._mapping["key_hash"]) if row else None

    async def touch(self, key_id: int, at: datetime) -> None:
        await self.session.execute(update(api_keys).where(api_keys.c.id == key_id).values(last_used_at=at))

    async def list(self) -> list[ApiKey]:
        return [_api_key_from_row(r) for r in await self.session.execute(select(api_keys).order_by(api_keys.c.id))]

    async def revoke(self, key_id: int, at: datetime) -> bool:
        result = await self.session.execute(
            update(api_keys).where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=at).returning(api_keys.c.id)
        )
        return result.first() is not None

    async def record_usage(self, key_id: int, at: datetime, items: int) -> None:
        hour = at.replace(minute=0, second=0, microsecond=0)
        stmt = pg_insert(api_key_usage).values(api_key_id=key_id, hour=hour, requests=1, items=items)
        await self.session.execute(stmt.on_conflict_do_update(
            index_elements=[api_key_usage.c.api_key_id, api_key_usage.c.hour],
            set_={"requests": api_key_usage.c.requests + 1, "items": api_key_usage.c["items"] + items}))

    async def usage_since(self, since: datetime) -> builtins.list[ApiKeyUsage]:
        since_hour = since.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        rows = await self.session.execute(
            select(api_key_usage.c.api_key_id, func.sum(api_key_usage.c.requests).label("requests"),
                   func.sum(api_key_usage.c["items"]).label("items"))
            .where(api_key_usage.c.hour >= since_hour).group_by(api_key_usage.c.api_key_id))
        return [ApiKeyUsage(r.api_key_id, int(r.requests), int(r.items)) for r in rows]
