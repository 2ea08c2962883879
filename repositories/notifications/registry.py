"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.ports import NotificationRepository
from repositories.notifications.repository import SqlNotificationRepository


class Repositories(TypedDict):
    notifications: Callable[[AsyncSession], NotificationRepository]


REPOSITORIES: Repositories = {"notifications": SqlNotificationRepository}
