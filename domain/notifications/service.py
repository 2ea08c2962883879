"""Notifications: a user reads their own and marks them read. Who is notified of what is decided where it
happens: the SLA sweep (domain/sla/model.py) and the complaint flow (domain/complaints/service.py)."""

from __future__ import annotations

from domain.errors import NotFound
from domain.notifications.model import Notification
from domain.organisation.model import Principal
from domain.paging import Page, PageRequest
from domain.ports import Clock, UnitOfWork


async def list_notifications(uow: UnitOfWork, principal: Principal, *, unread_only: bool,
                             page: PageRequest) -> tuple[Page[Notification], int]:
    person = principal.person()
    async with uow:
        return await uow.notifications.list(person.id, unread_only=unread_only, page=page)


async def mark_read(uow: UnitOfWork, principal: Principal, notification_id: int | None, *, clock: Clock) -> int:
    """Marks one notification (or, with None, all of them) read; only the caller's own."""
    person = principal.person()
    async with uow:
        if notification_id is not None and not await uow.notifications.exists(person.id, notification_id):
            raise NotFound(f"Notification {notification_id} not found.")
        marked = await uow.notifications.mark_read(person.id, notification_id, clock.now())
        await uow.commit()
    return marked
