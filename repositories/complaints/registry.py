"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.complaints.ports import ComplaintRepository
from repositories.complaints.repository import SqlComplaintRepository


class Repositories(TypedDict):
    complaints: Callable[[AsyncSession], ComplaintRepository]


REPOSITORIES: Repositories = {"complaints": SqlComplaintRepository}
