"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.scoring.ports import ScoreModelRepository, ScoreSheetRepository
from repositories.scoring.repository import SqlScoreModelRepository
from repositories.scoring.sheets import SqlScoreSheetRepository


class Repositories(TypedDict):
    score_models: Callable[[AsyncSession], ScoreModelRepository]
    score_sheets: Callable[[AsyncSession], ScoreSheetRepository]


REPOSITORIES: Repositories = {"score_models": SqlScoreModelRepository, "score_sheets": SqlScoreSheetRepository}
