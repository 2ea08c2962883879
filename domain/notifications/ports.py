"""Notifications' port. repositories/ implements it."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Protocol

from domain.notifications.model import Notification, NotificationKind
from domain.organisation.model import Role
from domain.paging import Page, PageRequest


class NotificationRepository(Protocol):
    async def notify(self, user_ids: builtins.list[int], kind: NotificationKind, complaint_id: int,
                     at: datetime) -> None: ...

    async def notify_role(self, role: Role, kind: NotificationKind, complaint_id: int, at: datetime) -> None:
        """Notifies every active user of the role."""

    async def list(self, user_id: int, *, unread_only: bool,
                   page: PageRequest) -> tuple[Page[Notification], int]:
        """A page of the user's notifications, newest first, and how many are unread."""
        ...

    async def mark_read(self, user_id: int, notification_id: int | None, at: datetime) -> int: ...

    async def exists(self, user_id: int, notification_id: int) -> bool: ...
