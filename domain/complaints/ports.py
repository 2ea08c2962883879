"""Complaints' port: complaints, their events and timers, and notifications. repositories/ implements them."""

from __future__ import annotations

import builtins
from datetime import date, datetime
from typing import Protocol

from domain.complaints.model import (
    Complaint,
    ComplaintEvent,
    ComplaintFilters,
    NewComplaint,
    NewEvent,
    Notification,
    NotificationKind,
    SlaReport,
    SweepOutcome,
)
from domain.organisation.model import DataScope, Role
from domain.paging import Page, PageRequest
from domain.sla.model import Timer


class ComplaintRepository(Protocol):
    async def add(self, new: NewComplaint, *, org_unit_id: int, account_manager_id: int | None,
                  received_by: int | None, policy_id: int, calendar_id: int, timers: builtins.list[Timer],
                  events: builtins.list[NewEvent], at: datetime) -> int: ...

    async def get(self, complaint_id: int, scope: DataScope, *, hq_sees_major: bool,
                  for_update: bool = False) -> Complaint | None:
        """With timers, remedies and task group; None outside the scope. for_update locks it and its timers."""
        ...

    async def save(self, before: Complaint, after: Complaint, events: builtins.list[NewEvent], *,
                   actor_id: int | None, at: datetime) -> None: ...

    async def events(self, complaint_id: int) -> builtins.list[ComplaintEvent]: ...

    async def list(self, scope: DataScope, filters: ComplaintFilters, page: PageRequest, *, hq_sees_major: bool,
                   now: datetime) -> Page[Complaint]:
        """Items carry their timers (not remedies or task groups)."""
        ...

    async def sweep(self, now: datetime, batch: int) -> SweepOutcome:
        """One batch of warnings, breaches and escalations, each recorded exactly once across processes."""
        ...

    async def notify(self, user_ids: builtins.list[int], kind: NotificationKind, complaint_id: int,
                     at: datetime) -> None: ...

    async def notify_role(self, role: Role, kind: NotificationKind, complaint_id: int, at: datetime) -> None:
        """Notifies every active user of the role."""

    async def notifications(self, user_id: int, *, unread_only: bool,
                            page: PageRequest) -> tuple[Page[Notification], int]:
        """A page of the user's notifications, newest first, and how many are unread."""
        ...

    async def mark_read(self, user_id: int, notification_id: int | None, at: datetime) -> int: ...

    async def notification_exists(self, user_id: int, notification_id: int) -> bool: ...

    async def report(self, scope: DataScope, *, hq_sees_major: bool, since: date, until: date, time_zone: str,
                     org_unit_id: int | None, now: datetime) -> SlaReport: ...
