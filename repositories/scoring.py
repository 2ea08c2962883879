"""Score models (versioned) and category rules."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, and_, column, delete, func, insert, literal, select, tuple_, update, values
from sqlalchemy.ext.asyncio import AsyncSession

from domain.scoring.model import Dimension, Grade, GradeThresholds, Indicator, IndicatorSource, PointsStep, ScoreModel
from domain.tiering.model import CategoryRule, TierSource
from repositories.score_sheets import GRADE_COLUMNS, grades_of
from repositories.tables import category_rules, customer_tier_history, customer_tiers, score_models


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
    return ScoreModel(id=m["id"], version=m["version"], name=m["name"], indicators=_indicators(m["indicators"]),
                      thresholds=GradeThresholds(m["grade_a_percent"], m["grade_b_percent"]),
                      customer_types=frozenset(m["customer_types"]))


def category_rule_data(rule: CategoryRule) -> dict[str, Any]:
    return {"key": rule.key, "label_zh": rule.label_zh, "label_en": rule.label_en,
            "positioning_zh": rule.positioning_zh, "positioning_en": rule.positioning_en,
            "potential": sorted(g.value for g in rule.potential),
            "possibility": sorted(g.value for g in rule.possibility), "basis": sorted(g.value for g in rule.basis)}


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

    async def current(self) -> list[ScoreModel]:
        """The latest version of every model."""
        latest = select(score_models.c.name, func.max(score_models.c.version)).group_by(score_models.c.name)
        rows = await self.session.execute(
            select(score_models).where(tuple_(score_models.c.name, score_models.c.version).in_(latest))
            .order_by(score_models.c.name))
        return [_model(r) for r in rows]

    async def add_version(self, model: ScoreModel, created_by: int | None) -> ScoreModel:
        # Versions of one name are numbered in turn; the unique (name, version) settles a race.
        version = (await self.session.execute(
            select(func.coalesce(func.max(score_models.c.version), 0) + 1)
            .where(score_models.c.name == model.name))).scalar_one()
        row = (await self.session.execute(insert(score_models).values(
            name=model.name, version=version, customer_types=sorted(model.customer_types),
            indicators=indicators_data(model.indicators), grade_a_percent=model.thresholds.a,
            grade_b_percent=model.thresholds.b, created_by=created_by).returning(*score_models.c))).first()
        return _model(row)


class SqlCategoryRuleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(self) -> list[CategoryRule]:
        rows = await self.session.execute(select(category_rules).order_by(category_rules.c.position))
        return [CategoryRule(r.key, r.label_zh, r.label_en, r.positioning_zh, r.positioning_en,
                             frozenset(Grade(g) for g in r.potential), frozenset(Grade(g) for g in r.possibility),
                             frozenset(Grade(g) for g in r.basis)) for r in rows]

    async def replace(self, rules: list[CategoryRule]) -> None:
        await self.session.execute(delete(category_rules))
        await self.session.execute(insert(category_rules), [
            {"position": position, **category_rule_data(rule)} for position, rule in enumerate(rules, start=1)])

    async def grade_combinations(self) -> list[tuple[dict[Dimension, Grade], str | None, int]]:
        t = customer_tiers
        columns = [t.c.potential_grade, t.c.possibility_grade, t.c.basis_grade, t.c.category]
        rows = await self.session.execute(select(*columns, func.count().label("customers"))
                                          .where(t.c.potential_grade.is_not(None)).group_by(*columns))
        found = []
        for row in rows:
            grades = grades_of(row._mapping)
            assert grades is not None
            found.append((grades, row.category, row.customers))
        return found

    async def recategorise(self, categories: list[tuple[dict[Dimension, Grade], str]], at: datetime) -> int:
        if not categories:
            return 0
        mapping = values(column("potential", String), column("possibility", String), column("basis", String),
                         column("category", String), name="mapping").data(
            [(str(g[Dimension.POTENTIAL]), str(g[Dimension.POSSIBILITY]), str(g[Dimension.BASIS]), category)
             for g, category in categories])
        t = customer_tiers
        changed = (
            update(t).where(and_(t.c.potential_grade == mapping.c.potential,
                                 t.c.possibility_grade == mapping.c.possibility,
                                 t.c.basis_grade == mapping.c.basis,
                                 t.c.category.is_distinct_from(mapping.c.category)))
            .values(category=mapping.c.category)
            .returning(t.c.customer_id, t.c.graded_period, t.c.category, *[t.c[c] for c in GRADE_COLUMNS.values()])
            .cte("changed")
        )
        history = customer_tier_history
        result = await self.session.execute(insert(history).from_select(
            ["customer_id", "at", "source", "period", "category", *GRADE_COLUMNS.values()],
            select(changed.c.customer_id, literal(at), literal(TierSource.CATEGORY_RULES.value),
                   changed.c.graded_period, changed.c.category, *[changed.c[c] for c in GRADE_COLUMNS.values()])))
        return result.rowcount or 0
