"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.organisation.ports import LoginThrottle, OrgUnitRepository, SessionRegistry, UserRepository
from repositories.organisation.access import SqlLoginThrottle, SqlSessionRegistry
from repositories.organisation.repository import SqlOrgUnitRepository, SqlUserRepository


class Repositories(TypedDict):
    org_units: Callable[[AsyncSession], OrgUnitRepository]
    users: Callable[[AsyncSession], UserRepository]
    login_throttle: Callable[[AsyncSession], LoginThrottle]
    sessions: Callable[[AsyncSession], SessionRegistry]


REPOSITORIES: Repositories = {
    "org_units": SqlOrgUnitRepository,
    "users": SqlUserRepository,
    "login_throttle": SqlLoginThrottle,
    "sessions": SqlSessionRegistry,
}
