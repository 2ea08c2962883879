"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it."""

from __future__ import annotations

from repositories.organisation.access import SqlLoginThrottle, SqlSessionRegistry
from repositories.organisation.repository import SqlOrgUnitRepository, SqlUserRepository

REPOSITORIES = {
    "org_units": SqlOrgUnitRepository,
    "users": SqlUserRepository,
    "login_throttle": SqlLoginThrottle,
    "sessions": SqlSessionRegistry,
}
