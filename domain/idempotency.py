"""Idempotency keys for machine writes: a replayed request returns the first outcome, applies nothing twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.integrations.model import IdempotencyRequest, ItemResult
from domain.ports import Clock, UnitOfWork


async def claim_or_replay(uow: UnitOfWork, request: IdempotencyRequest, now: datetime,
                          ttl: timedelta) -> list[ItemResult] | None:
    """Inside the caller's transaction: None when the key is new (the outcome is recorded before commit,
    so a crash leaves neither the writes nor the key), else the outcome recorded the first time."""
    stored = await uow.idempotency.claim(request, now, ttl)
    if stored is None:
        return None
    return [ItemResult.from_dict(item) for item in stored]


async def purge_expired_keys(uow: UnitOfWork, *, clock: Clock) -> int:
    async with uow:
        count = await uow.idempotency.purge_expired(clock.now())
        await uow.commit()
    return count
