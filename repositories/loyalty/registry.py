"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.loyalty.ports import LoyaltyRepository
from repositories.loyalty.repository import SqlLoyaltyRepository


class Repositories(TypedDict):
    loyalty: Callable[[AsyncSession], LoyaltyRepository]


REPOSITORIES: Repositories = {"loyalty": SqlLoyaltyRepository}
