"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.tiering.ports import CategoryRuleRepository, TierRepository
from repositories.tiering.repository import SqlCategoryRuleRepository, SqlTierRepository


class Repositories(TypedDict):
    category_rules: Callable[[AsyncSession], CategoryRuleRepository]
    tiers: Callable[[AsyncSession], TierRepository]


REPOSITORIES: Repositories = {"category_rules": SqlCategoryRuleRepository, "tiers": SqlTierRepository}
