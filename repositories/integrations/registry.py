"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.integrations.ports import ApiKeyRepository
from repositories.integrations.repository import SqlApiKeyRepository


class Repositories(TypedDict):
    api_keys: Callable[[AsyncSession], ApiKeyRepository]


REPOSITORIES: Repositories = {"api_keys": SqlApiKeyRepository}
