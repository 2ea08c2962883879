"""Score models, the what-if evaluation, category rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from api.schemas.common import ShortText, StrictModel
from domain.customers.model import CustomerType
from domain.scoring.model import Dimension, Grade, GradeThresholds, Indicator, IndicatorSource, PointsStep, ScoreModel
from domain.scoring.service import WhatIf
from domain.tiering.model import CategoryRule

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,49}$")]
Points = Annotated[Decimal, Field(ge=0, le=1000, max_digits=8, decimal_places=2)]
Percent = Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2)]


class PointsStepIO(StrictModel):
    at_least: Annotated[Decimal, Field(max_digits=18, decimal_places=4)]
    points: Points


class IndicatorIO(StrictModel):
    key: Key
    dimension: Dimension
    weight: Annotated[Decimal, Field(gt=0, le=1000, max_digits=8, decimal_places=2)]
    label_zh: ShortText
    label_en: ShortText
    source: IndicatorSource = IndicatorSource.MANUAL
    scale: Annotated[list[PointsStepIO], Field(max_length=20)] = Field(
        default_factory=list, description="Computed indicators: points once the measured value reaches at_least.")

    def to_domain(self) -> Indicator:
        return Indicator(self.key, self.dimension, self.weight, self.label_zh, self.label_en, self.source,
                         tuple(PointsStep(s.at_least, s.points) for s in self.scale))

    @classmethod
    def of(cls, i: Indicator) -> IndicatorIO:
        return cls(key=i.key, dimension=i.dimension, weight=i.weight, label_zh=i.label_zh, label_en=i.label_en,
                   source=i.source, scale=[PointsStepIO(at_least=s.at_least, points=s.points) for s in i.scale])


class ScoreModelCreate(StrictModel):
    """A new version of the model `name` (a new name starts at version 1)."""

    name: Key
    customer_types: Annotated[list[CustomerType], Field(max_length=10)] = Field(
        default_factory=list, description="Empty: for every customer type without a model of its own.")
    indicators: Annotated[list[IndicatorIO], Field(min_length=3, max_length=50)]
    grade_a_percent: Percent = Decimal(80)
    grade_b_percent: Percent = Decimal(60)

    def to_domain(self) -> ScoreModel:
        return ScoreModel(id=None, version=0, name=self.name, indicators=tuple(i.to_domain() for i in self.indicators),
                          thresholds=GradeThresholds(self.grade_a_percent, self.grade_b_percent),
                          customer_types=frozenset(str(t) for t in self.customer_types))


class DimensionMaxima(BaseModel):
    potential: Decimal
    possibility: Decimal
    basis: Decimal


class ScoreModelRead(BaseModel):
    id: int
    name: str
    version: int
    customer_types: list[str]
    indicators: list[IndicatorIO]
    grade_a_percent: Decimal
    grade_b_percent: Decimal
    maxima: DimensionMaxima = Field(description="Each dimension's maximum: the sum of its weights.")

    @classmethod
    def of(cls, m: ScoreModel) -> ScoreModelRead:
        assert m.id is not None
        return cls(id=m.id, name=m.name, version=m.version, customer_types=sorted(m.customer_types),
                   indicators=[IndicatorIO.of(i) for i in m.indicators], grade_a_percent=m.thresholds.a,
                   grade_b_percent=m.thresholds.b, maxima=DimensionMaxima(**{
                       d.value: m.maximum(d) for d in Dimension}))


class EvaluateRequest(StrictModel):
    values: Annotated[dict[Key, Annotated[Decimal, Field(max_digits=10, decimal_places=2)]], Field(max_length=50)] = \
        Field(description="Points per indicator key (0..its weight); a missing indicator counts 0.")


class DimensionScoreRead(BaseModel):
    dimension: Dimension
    points: Decimal
    maximum: Decimal
    percentage: Decimal
    grade: Grade


class Grades(BaseModel):
    potential: Grade
    possibility: Grade
    basis: Grade


class CategoryRuleRead(BaseModel):
    key: str
    label_zh: str
    label_en: str
    positioning_zh: str
    positioning_en: str
    potential: list[Grade] = Field(description="Grades that match; empty = any.")
    possibility: list[Grade]
    basis: list[Grade]

    @classmethod
    def of(cls, r: CategoryRule) -> CategoryRuleRead:
        return cls(key=r.key, label_zh=r.label_zh, label_en=r.label_en, positioning_zh=r.positioning_zh,
                   positioning_en=r.positioning_en, potential=sorted(r.potential), possibility=sorted(r.possibility),
                   basis=sorted(r.basis))


class EvaluationRead(BaseModel):
    model_id: int
    model_version: int
    dimensions: list[DimensionScoreRead]
    grades: Grades
    category: CategoryRuleRead

    @classmethod
    def of(cls, result: WhatIf) -> EvaluationRead:
        model, evaluation = result.model, result.evaluation
        assert model.id is not None
        return cls(model_id=model.id, model_version=model.version,
                   dimensions=[DimensionScoreRead(dimension=s.dimension, points=s.points, maximum=s.maximum,
                                                  percentage=s.percentage, grade=s.grade) for s in evaluation.scores],
                   grades=Grades(**{d.value: g for d, g in evaluation.grades.items()}),
                   category=CategoryRuleRead.of(result.category))


class CategoryRuleWrite(StrictModel):
    key: Key
    label_zh: ShortText
    label_en: ShortText
    positioning_zh: Annotated[str, Field(max_length=500)] = ""
    positioning_en: Annotated[str, Field(max_length=500)] = ""
    potential: Annotated[list[Grade], Field(max_length=3)] = Field(default_factory=list,
                                                                   description="Grades that match; empty = any.")
    possibility: Annotated[list[Grade], Field(max_length=3)] = Field(default_factory=list)
    basis: Annotated[list[Grade], Field(max_length=3)] = Field(default_factory=list)

    def to_domain(self) -> CategoryRule:
        return CategoryRule(self.key, self.label_zh, self.label_en, self.positioning_zh, self.positioning_en,
                            frozenset(self.potential), frozenset(self.possibility), frozenset(self.basis))


class CategoryRulesWrite(StrictModel):
    """The whole ordered list: the first rule that matches a customer's grades gives the category, and the
    last rule must match any grades."""

    rules: Annotated[list[CategoryRuleWrite], Field(min_length=1, max_length=27)]

    def to_domain(self) -> list[CategoryRule]:
        return [r.to_domain() for r in self.rules]


class CategoryMoveRead(BaseModel):
    before: str | None = Field(description="The current category; null for graded customers without one.")
    after: str
    customers: int


class CategoryRulesPreview(BaseModel):
    moves: list[CategoryMoveRead]
    customers_moving: int


class CategoryRulesSaved(BaseModel):
    rules: list[CategoryRuleRead]
    customers_moved: int
