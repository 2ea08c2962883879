"""A user's notifications."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from domain.notifications.model import Notification, NotificationKind
from domain.sla.model import TimerKind


class NotificationRead(BaseModel):
    id: int
    kind: NotificationKind
    complaint_id: int | None
    customer_name: str | None
    timer_kind: TimerKind | None
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, n: Notification) -> NotificationRead:
        return cls(id=n.id, kind=n.kind, complaint_id=n.complaint_id, customer_name=n.customer_name,
                   timer_kind=n.timer_kind, created_at=n.created_at, read_at=n.read_at)


class NotificationPage(BaseModel):
    items: list[NotificationRead]
    next_cursor: str | None
    unread: int = Field(description="How many of your notifications are unread.")


class MarkedRead(BaseModel):
    marked: int
