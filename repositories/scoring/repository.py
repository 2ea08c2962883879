"""Score models (versioned)."""

from __future__ import annotations

import builtins
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from domain.scoring.model import Dimension, GradeThresholds, Indicator, IndicatorSource, PointsStep, ScoreModel
from repositories.scoring.tables import score_models


def indicators_data(indicators: tuple[Indicator, ...]) -> list[dict[str, Any]]:
    return [{"key": i.key, "dimension": i.dimension.value, "weight": str(i.weight), "label_zh": i.label_zh,
             "label_en": i.label_en, "source": i.source.value,
             "scale": [{"at_least": str(s.at_least), "points": str(s.points)} for s in i.scale]}
            for i in indicators]


def _indicators(data: list[dict[str, Any]]) -> tuple[Indicator, ...]:
    return tuple(Indicator(d["key"], Dimension(d["dimension"]), Decimal(d["weight"]), d["label_zh"], d["label_en"],
                           IndicatorSource(d["source"]),
                           tuple(PointsStep(Decimal(s["at_least"]), Decimal(s["points"])) for s in d["scale"]))
                 for d in data)


def _model(row: Any) -> ScoreModel:
    m = row._mapping
    return ScoreModel(id=m["id"], version=m["version"], name=m["name"],
                      name_translations=dict(m["name_translations"]), indicators=_indicators(m["indicators"]),
                      thresholds=GradeThresholds(m["grade_a_percent"], m["grade_b_percent"]),
                      customer_types=frozenset(m["customer_types"]))




class SqlScoreModelRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, model_id: int) -> ScoreModel | None:
        row = (await self.session.execute(select(score_models).where(score_models.c.id == model_id))).first()
        return _model(row) if row else None

    async def list(self) -> list[ScoreModel]:
        rows = await self.session.execute(
            select(score_models).order_by(score_models.c.name, score_models.c.version.desc()))
        return [_model(r) for r in rows]

    async def current(self) -> builtins.list[ScoreModel]:
        """The latest version of every model."""
        latest = select(score_models.c.name, func.max(score_models.c.version)).group_by(score_models.c.name)
        rows = await self.session.execute(
            select(score_models).where(tuple_(score_models.c.name, score_models.c.version).in_(latest))
            .order_by(score_models.c.name))
        return [_model(r) for r in rows]

    async def add_version(self, model: ScoreModel, created_by: int | None, *, at: datetime) -> ScoreModel:
        # Versions of one name are numbered in turn; the unique (name, version) settles a race.
        version = (await self.session.execute(
            select(func.coalesce(func.max(score_models.c.version), 0) + 1)
            .where(score_models.c.name == model.name))).scalar_one()
        row = (await self.session.execute(insert(score_models).values(
            name=model.name, name_translations=dict(model.name_translations), version=version,
            customer_types=sorted(model.customer_types),
            indicators=indicators_data(model.indicators), grade_a_percent=model.thresholds.a,
            grade_b_percent=model.thresholds.b, created_by=created_by, created_at=at)
            .returning(*score_models.c))).first()
        return _model(row)


