"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.visits.ports import VisitRepository
from repositories.visits.repository import SqlVisitRepository


class Repositories(TypedDict):
    visits: Callable[[AsyncSession], VisitRepository]


REPOSITORIES: Repositories = {"visits": SqlVisitRepository}
