"""Notifications' port. repositories/ implements it."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Protocol

from domain.notifications.model import NewNotification, Notification, NotificationKind
from domain.organisation.model import Role
from domain.paging import Page, PageRequest


class NotificationRepository(Protocol):
    async def notify(self, user_ids: builtins.list[int], kind: NotificationKind, complaint_id: int,
                     at: datetime) -> None: ...

    async def notify_role(self, role: Role, kind: NotificationKind, complaint_id: int, at: datetime) -> None:
        """Notifies every active user of the role."""

    async def send(self, items: builtins.list[NewNotification], at: datetime) -> None:
        """Writes the notifications of active users (an inactive one is told nothing), in one statement."""
        ...

    async def mark_read_about_sheet(self, score_sheet_id: int, kind: NotificationKind, at: datetime) -> int:
        """Marks every user's unread notification of this kind about the sheet read (it no longer asks anything)."""
        ...

    async def list(self, user_id: int, *, unread_only: bool,
                   page: PageRequest) -> tuple[Page[Notification], int]:
        """A page of the user's notifications, newest first, and how many are unread."""
        ...

    async def mark_read(self, user_id: int, notification_id: int | None, at: datetime) -> int: ...

    async def exists(self, user_id: int, notification_id: int) -> bool: ...
