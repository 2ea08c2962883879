"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.sla.ports import SlaRepository
from repositories.sla.repository import SqlSlaRepository


class Repositories(TypedDict):
    sla: Callable[[AsyncSession], SlaRepository]


REPOSITORIES: Repositories = {"sla": SqlSlaRepository}
