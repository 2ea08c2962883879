"""Sign-in throttling and ended sessions."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.organisation.model import User
from domain.organisation.signin import Failures
from repositories.organisation.repository import _user_from_row, _user_select
from repositories.organisation.tables import ended_sessions, login_throttle, users

_t = login_throttle.c


class SqlLoginThrottle:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _upsert(self, keys: Collection[str]) -> Any:
        # Rows are locked in key order by every statement that locks more than one: parallel attempts queue
        # instead of deadlocking.
        return pg_insert(login_throttle).values(
            [{"login_key": key, "failures": 0, "last_failure_at": None} for key in sorted(set(keys))])

    async def lock(self, keys: Collection[str], *, forget_before: datetime) -> dict[str, Failures]:
        stale = _t.last_failure_at < forget_before  # forgotten when read, not only by the nightly purge
        stmt = self._upsert(keys)
        stmt = stmt.on_conflict_do_update(
            index_elements=[_t.login_key],
            set_={"failures": case((stale, 0), else_=_t.failures),
                  "last_failure_at": case((stale, None), else_=_t.last_failure_at)},
        ).returning(_t.login_key, _t.failures, _t.last_failure_at)
        return {r.login_key: Failures(r.failures, r.last_failure_at) for r in await self.session.execute(stmt)}

    async def count_attempt(self, keys: Collection[str], at: datetime) -> None:
        await self.session.execute(update(login_throttle).where(_t.login_key.in_(list(keys)))
                                   .values(failures=_t.failures + 1, last_failure_at=at))

    async def give_back(self, keys: Collection[str], *, clear: str | None = None) -> None:
        stmt = self._upsert(keys)
        await self.session.execute(stmt.on_conflict_do_update(
            index_elements=[_t.login_key],
            set_={"failures": case((_t.login_key == clear, 0), else_=func.greatest(_t.failures - 1, 0))}))

    async def purge(self, before: datetime) -> int:
        # Rows a sign-in holds are left for the next purge (no waiting on, or deadlocking with, a sign-in).
        doomed = (select(_t.login_key).where(or_(_t.last_failure_at < before, _t.last_failure_at.is_(None)))
                  .order_by(_t.login_key).with_for_update(skip_locked=True))
        result = await self.session.execute(delete(login_throttle).where(_t.login_key.in_(doomed.scalar_subquery())))
        return int(getattr(result, "rowcount", 0) or 0)


class SqlSessionRegistry:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user_of_session(self, user_id: int, session_id: str) -> User | None:
        ended = exists().where(ended_sessions.c.session_id == session_id).label("session_ended")
        row = (await self.session.execute(_user_select().add_columns(ended).where(users.c.id == user_id))).first()
        return _user_from_row(row) if row is not None and not row.session_ended else None

    async def end(self, session_id: str, expires_at: datetime) -> None:
        await self.session.execute(pg_insert(ended_sessions).values(session_id=session_id, expires_at=expires_at)
                                   .on_conflict_do_nothing(index_elements=[ended_sessions.c.session_id]))

    async def purge(self, now: datetime) -> int:
        result = await self.session.execute(delete(ended_sessions).where(ended_sessions.c.expires_at <= now))
        return int(getattr(result, "rowcount", 0) or 0)




