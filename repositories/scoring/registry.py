"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it."""

from __future__ import annotations

from repositories.scoring.repository import SqlScoreModelRepository
from repositories.scoring.sheets import SqlScoreSheetRepository

REPOSITORIES = {"score_models": SqlScoreModelRepository, "score_sheets": SqlScoreSheetRepository}
