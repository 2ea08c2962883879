"""Idempotency keys, claimed in the transaction of the write they protect."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    PrimaryKeyConstraint,
    Table,
    Text,
    delete,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import FieldError, RuleViolation
from domain.integrations.model import IdempotencyRequest
from repositories.metadata import metadata

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    # Who sent the key ("api_key:7", "user:12"): keys are private to their sender.
    Column("owner", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("request_hash", Text, nullable=False),
    Column("outcome", JSONB, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
    PrimaryKeyConstraint("owner", "key"),
)


class SqlIdempotencyStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(self, request: IdempotencyRequest, now: datetime, ttl: timedelta) -> Any | None:
        # INSERT ... ON CONFLICT waits for a transaction holding the same key, so a retry sent while the
        # first attempt is still running gets that attempt's outcome instead of applying it twice. An
        # expired key is taken over as if new.
        t = idempotency_keys
        new = pg_insert(t).values(owner=request.owner, key=request.key, request_hash=request.request_hash,
                                  outcome=None, created_at=now, expires_at=now + ttl)
        stmt = new.on_conflict_do_update(
            index_elements=[t.c.owner, t.c.key],
            set_={"request_hash": new.excluded.request_hash, "outcome": None, "created_at": now,
                  "expires_at": new.excluded.expires_at},
            where=t.c.expires_at <= now,
        ).returning(t.c.key)
        if (await self.session.execute(stmt)).first() is not None:
            return None
        row = (await self.session.execute(
            select(t.c.request_hash, t.c.outcome).where(t.c.owner == request.owner, t.c.key == request.key))).one()
        if row.request_hash != request.request_hash:
            raise RuleViolation([FieldError("Idempotency-Key", "was already used for a different request; "
                                                               "use a new key for new content")])
        return row.outcome

    async def record(self, request: IdempotencyRequest, outcome: Any) -> None:
        t = idempotency_keys
        await self.session.execute(
            t.update().where(t.c.owner == request.owner, t.c.key == request.key).values(outcome=outcome))

    async def purge_expired(self, now: datetime) -> int:
        result = await self.session.execute(delete(idempotency_keys).where(idempotency_keys.c.expires_at <= now))
        return int(getattr(result, "rowcount", 0) or 0)
