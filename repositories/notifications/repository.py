"""In-app notifications: each user's own, newest first, with the customer (of the complaint or sheet) named."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.model import NewNotification, Notification, NotificationKind
from domain.organisation.model import Role
from domain.paging import Page, PageRequest
from domain.sla.model import TimerKind
from repositories.notifications.tables import notifications
from repositories.organisation.tables import users
from repositories.pagination import decode_cursor, encode_cursor, key_id


class SqlNotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def notify(self, user_ids: list[int], kind: NotificationKind, complaint_id: int, at: datetime) -> None:
        if user_ids:
            await self.session.execute(insert(notifications), [
                {"user_id": u, "kind": str(kind), "complaint_id": complaint_id, "created_at": at}
                for u in sorted(set(user_ids))])

    async def notify_role(self, role: Role, kind: NotificationKind, complaint_id: int, at: datetime) -> None:
        await self.session.execute(text("""
            INSERT INTO notifications (user_id, kind, complaint_id, created_at)
            SELECT id, :kind, :complaint_id, :at FROM users WHERE is_active AND role = :role ORDER BY id
        """), {"kind": str(kind), "complaint_id": complaint_id, "at": at, "role": str(role)})

    async def send(self, items: list[NewNotification], at: datetime) -> None:
        if not items:
            return
        wanted = sorted({n.user_id for n in items})
        active = set((await self.session.execute(
            select(users.c.id).where(users.c.id.in_(wanted), users.c.is_active))).scalars())
        rows = [{"user_id": n.user_id, "kind": str(n.kind), "score_sheet_id": n.score_sheet_id,
                 "customer_id": n.customer_id, "customer_count": n.customers, "comment": n.comment,
                 "actor_id": n.actor_id, "created_at": at} for n in items if n.user_id in active]
        if rows:
            await self.session.execute(insert(notifications), rows)

    async def mark_read_about_sheet(self, score_sheet_id: int, kind: NotificationKind, at: datetime) -> int:
        stmt = update(notifications).where(notifications.c.score_sheet_id == score_sheet_id,
                                           notifications.c.kind == str(kind), notifications.c.read_at.is_(None))
        return (await self.session.execute(stmt.values(read_at=at))).rowcount  # type: ignore[attr-defined,no-any-return]

    async def list(self, user_id: int, *, unread_only: bool,
                   page: PageRequest) -> tuple[Page[Notification], int]:
        params: dict[str, Any] = {"user_id": user_id, "limit": page.limit + 1}
        conditions = ["n.user_id = :user_id"]
        if unread_only:
            conditions.append("n.read_at IS NULL")
        if page.cursor:
            (last_id,) = decode_cursor(page.cursor, key_id)
            conditions.append("n.id < :last_id")
            params["last_id"] = last_id
        rows = (await self.session.execute(text(f"""
            SELECT n.*, c.name AS customer_name, s.period, a.display_name AS actor_name FROM notifications n
            LEFT JOIN complaints k ON k.id = n.complaint_id
            LEFT JOIN customers c ON c.id = COALESCE(n.customer_id, k.customer_id)
            LEFT JOIN score_sheets s ON s.id = n.score_sheet_id
            LEFT JOIN users a ON a.id = n.actor_id
            WHERE {' AND '.join(conditions)} ORDER BY n.id DESC LIMIT :limit
        """), params)).all()
        more = len(rows) > page.limit
        rows = rows[:page.limit]
        unread = int((await self.session.execute(text(
            "SELECT count(*) FROM notifications WHERE user_id = :user_id AND read_at IS NULL"),
            {"user_id": user_id})).scalar_one())
        items = [Notification(r.id, NotificationKind(r.kind), r.complaint_id, r.customer_name,
                              TimerKind(r.timer_kind) if r.timer_kind else None, r.created_at, r.read_at,
                              customer_id=r.customer_id, score_sheet_id=r.score_sheet_id, period=r.period,
                              customers=r.customer_count, comment=r.comment, actor_name=r.actor_name)
                 for r in rows]
        return Page(items, encode_cursor([rows[-1].id]) if more else None), unread

    async def mark_read(self, user_id: int, notification_id: int | None, at: datetime) -> int:
        stmt = update(notifications).where(notifications.c.user_id == user_id, notifications.c.read_at.is_(None))
        if notification_id is not None:
            stmt = stmt.where(notifications.c.id == notification_id)
        return (await self.session.execute(stmt.values(read_at=at))).rowcount  # type: ignore[attr-defined,no-any-return]

    async def exists(self, user_id: int, notification_id: int) -> bool:
        return bool((await self.session.execute(text(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE id = :id AND user_id = :user_id)"),
            {"id": notification_id, "user_id": user_id})).scalar_one())
