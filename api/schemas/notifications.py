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
    customer_id: int | None = Field(description="The customer it is about (sheets, one reassigned customer).")
    score_sheet_id: int | None
    period: str | None = Field(description="The score sheet's quarter.")
    customers: int | None = Field(description="How many customers a reassignment moved.")
    comment: str | None = Field(description="The reviewer's comment on a returned sheet.")
    actor_name: str | None = Field(description="Who did it.")

    @classmethod
    def of(cls, n: Notification) -> NotificationRead:
        return cls(id=n.id, kind=n.kind, complaint_id=n.complaint_id, customer_name=n.customer_name,
                   timer_kind=n.timer_kind, created_at=n.created_at, read_at=n.read_at, customer_id=n.customer_id,
                   score_sheet_id=n.score_sheet_id, period=n.period, customers=n.customers, comment=n.comment,
                   actor_name=n.actor_name)


class NotificationPage(BaseModel):
    items: list[NotificationRead]
    next_cursor: str | None
    unread: int = Field(description="How many of your notifications are unread.")


class MarkedRead(BaseModel):
    marked: int
