"""Your notifications: warnings, breaches, escalations, task groups, complaints awaiting confirmation, score
sheets awaiting review or returned, customers reassigned to you or away."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CurrentClock, CurrentPrincipal, Uow
from api.errors import problem_responses
from api.schemas.common import CURSOR, LIMIT, PathId
from api.schemas.notifications import MarkedRead, NotificationPage, NotificationRead
from domain.notifications import service as svc
from domain.paging import PageRequest

router = APIRouter(tags=["notifications"])


@router.get("/notifications", response_model=NotificationPage, operation_id="notifications-list",
            responses=problem_responses(401, 403, 422))
async def list_notifications(principal: CurrentPrincipal, uow: Uow, limit: LIMIT = 20,
                             cursor: CURSOR = None, unread: bool = False) -> NotificationPage:
    """Your notifications, newest first (complaint warnings, breaches, escalations, task groups and confirmations;
    score sheets awaiting your review or returned to you; customers reassigned to you or away), and the unread
    count."""
    page, unread_count = await svc.list_notifications(uow, principal, unread_only=unread,
                                                      page=PageRequest(limit, cursor))
    return NotificationPage(items=[NotificationRead.of(n) for n in page.items], next_cursor=page.next_cursor,
                            unread=unread_count)


@router.post("/notifications/{notification_id}/read", response_model=MarkedRead, operation_id="notifications-read",
             responses=problem_responses(401, 403, 404))
async def mark_read(notification_id: PathId, principal: CurrentPrincipal, uow: Uow,
                    clock: CurrentClock) -> MarkedRead:
    """Marks one of your notifications read."""
    return MarkedRead(marked=await svc.mark_read(uow, principal, notification_id, clock=clock))


@router.post("/notifications/read-all", response_model=MarkedRead, operation_id="notifications-read-all",
             responses=problem_responses(401, 403))
async def mark_all_read(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock) -> MarkedRead:
    """Marks all your notifications read."""
    return MarkedRead(marked=await svc.mark_read(uow, principal, None, clock=clock))
