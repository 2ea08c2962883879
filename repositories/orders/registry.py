"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.orders.ports import FactsRepository, OrderRepository
from repositories.orders.repository import SqlFactsRepository, SqlOrderRepository


class Repositories(TypedDict):
    orders: Callable[[AsyncSession], OrderRepository]
    facts: Callable[[AsyncSession], FactsRepository]


REPOSITORIES: Repositories = {"orders": SqlOrderRepository, "facts": SqlFactsRepository}
