"""Score models, the what-if evaluation, score sheets."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from api.schemas.common import (
    CustomerSummary,
    Grades,
    Key,
    NameTranslations,
    Period,
    ShortText,
    StrictModel,
    UserRef,
    grades_read,
    user_ref,
)
from api.schemas.tiering import (
    CategoryRuleRead,
)
from domain.customers.model import CustomerType
from domain.scoring.model import (
    FIRST_QUARTER,
    Dimension,
    Grade,
    GradeThresholds,
    Indicator,
    IndicatorSource,
    PointsStep,
    ScoreModel,
    SheetAction,
    SheetStatus,
)
from domain.scoring.service import WhatIf
from domain.scoring.sheets import OpenedQuarter, OwnerDrafts, SheetView

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
    name_translations: NameTranslations = Field(default_factory=dict)
    customer_types: Annotated[list[CustomerType], Field(max_length=10)] = Field(
        default_factory=list, description="Empty: for every customer type without a model of its own.")
    indicators: Annotated[list[IndicatorIO], Field(min_length=3, max_length=50)]
    grade_a_percent: Percent = Decimal(80)
    grade_b_percent: Percent = Decimal(60)

    def to_domain(self) -> ScoreModel:
        return ScoreModel(id=None, version=0, name=self.name, name_translations=dict(self.name_translations),
                          indicators=tuple(i.to_domain() for i in self.indicators),
                          thresholds=GradeThresholds(self.grade_a_percent, self.grade_b_percent),
                          customer_types=frozenset(str(t) for t in self.customer_types))


class DimensionMaxima(BaseModel):
    potential: Decimal
    possibility: Decimal
    basis: Decimal


class ScoreModelRead(BaseModel):
    id: int
    name: str
    name_translations: dict[str, str]
    version: int
    customer_types: list[str]
    indicators: list[IndicatorIO]
    grade_a_percent: Decimal
    grade_b_percent: Decimal
    maxima: DimensionMaxima = Field(description="Each dimension's maximum: the sum of its weights.")

    @classmethod
    def of(cls, m: ScoreModel) -> ScoreModelRead:
        assert m.id is not None
        return cls(id=m.id, name=m.name, name_translations=m.name_translations, version=m.version,
                   customer_types=sorted(m.customer_types),
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
    scored: bool = Field(description="Every indicator of the dimension has a value; otherwise the grade counts "
                                     "the blanks as 0 and is not a result (未评分).")






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
                                                  percentage=s.percentage, grade=s.grade, scored=s.scored)
                               for s in evaluation.scores],
                   grades=Grades(**{d.value: g for d, g in evaluation.grades.items()}),
                   category=CategoryRuleRead.of(result.category))




class ComputedRead(BaseModel):
    measured: Decimal = Field(description="The figure from the data: CNY in the quarter, percent of the declared "
                                          "purchasing, or the mean survey score.")
    points: Decimal


class SheetIndicatorRead(BaseModel):
    key: str
    dimension: Dimension
    weight: Decimal
    label_zh: str
    label_en: str
    source: IndicatorSource
    value: Decimal | None = Field(description="The points entered (or prefilled from the data); null = not scored.")
    computed: ComputedRead | None = Field(description="What the data gives, for computed indicators with data.")
    overridden: bool = Field(description="A person entered other points than the data gives (a note says why).")
    note: str | None


class ModelRef(BaseModel):
    id: int
    name: str
    name_translations: dict[str, str]
    version: int


class ScoreSheetRead(BaseModel):
    id: int
    period: str
    status: SheetStatus
    version: int
    customer: CustomerSummary
    model: ModelRef
    indicators: list[SheetIndicatorRead]
    dimensions: list[DimensionScoreRead]
    grades: Grades | None = Field(description="Null until every indicator has a value (not scored yet, 未评分).")
    category: CategoryRuleRead | None = Field(description="Null until every indicator has a value.")
    created_by: UserRef | None
    created_at: datetime
    filled_by: UserRef | None = Field(description="The filler (填表人): who submitted it.")
    submitted_at: datetime | None
    reviewed_by: UserRef | None = Field(description="The reviewer (审核人) who approved or returned it.")
    reviewed_at: datetime | None
    review_comment: str | None
    updated_at: datetime
    actions: list[SheetAction] = Field(description="What the caller may do now.")

    @classmethod
    def of(cls, view: SheetView) -> ScoreSheetRead:
        s, model = view.sheet, view.model
        assert model.id is not None
        indicators = []
        for i in model.indicators:
            computed = s.computed.get(i.key)
            value = s.values.get(i.key)
            indicators.append(SheetIndicatorRead(
                key=i.key, dimension=i.dimension, weight=i.weight, label_zh=i.label_zh, label_en=i.label_en,
                source=i.source, value=value,
                computed=ComputedRead(measured=computed.measured, points=computed.points) if computed else None,
                overridden=computed is not None and value is not None and value != computed.points,
                note=s.notes.get(i.key)))
        # A blank or half-filled draft has no result yet: its blanks would read as grade C, category "watch".
        scored = view.evaluation.scored
        return cls(
            id=s.id, period=str(s.period), status=s.status, version=s.version, customer=CustomerSummary.of(s.customer),
            model=ModelRef(id=model.id, name=model.name, name_translations=model.name_translations,
                           version=model.version), indicators=indicators,
            dimensions=[DimensionScoreRead(dimension=d.dimension, points=d.points, maximum=d.maximum,
                                           percentage=d.percentage, grade=d.grade, scored=d.scored)
                        for d in view.evaluation.scores],
            grades=grades_read(view.evaluation.grades) if scored else None,
            category=CategoryRuleRead.of(view.category) if scored else None, created_by=user_ref(s.created_by),
            created_at=s.created_at, filled_by=user_ref(s.filled_by), submitted_at=s.submitted_at,
            reviewed_by=user_ref(s.reviewed_by), reviewed_at=s.reviewed_at, review_comment=s.review_comment,
            updated_at=s.updated_at, actions=view.actions)


class ScoreSheetCreate(StrictModel):
    period: Period


class ScoreSheetUpdate(StrictModel):
    values: Annotated[dict[Key, Annotated[Decimal, Field(max_digits=10, decimal_places=2)] | None],
                      Field(max_length=50)] = Field(
        default_factory=dict, description="Points per indicator key (0..its weight); null clears one.")
    notes: Annotated[dict[Key, Annotated[str, Field(max_length=1000)] | None], Field(max_length=50)] = Field(
        default_factory=dict, description="Per indicator key; needed where a computed value is overridden.")


class ReviewDecision(StrictModel):
    comment: Annotated[str, Field(max_length=2000)] | None = None


class ReturnDecision(StrictModel):
    comment: Annotated[str, Field(min_length=1, max_length=2000)] = Field(
        description="What the filler should change.")


class OpenQuarterRequest(StrictModel):
    period: Period | None = Field(default=None, description=f"A quarter: 2026Q3, from {FIRST_QUARTER} on; default "
                                                            "the current one (company time zone).")
    include_regular: bool = Field(default=False, description="Also regular customers; by default key customers "
                                                             "only.")
    dry_run: bool = Field(default=False, description="Count what would be created; create nothing.")


class OwnerDraftsRead(BaseModel):
    owner: UserRef | None = Field(description="Null: customers without an account manager.")
    drafts: int

    @classmethod
    def of(cls, o: OwnerDrafts) -> OwnerDraftsRead:
        return cls(owner=user_ref(o.owner), drafts=o.drafts)


class OpenQuarterResult(BaseModel):
    period: str
    dry_run: bool
    include_regular: bool
    created: int = Field(description="Draft sheets created now (in a dry run: that would be created).")
    existing: int = Field(description="Customers of those partitions in scope that already have a sheet.")
    without_model: int = Field(description="Customers whose type no score model covers (no sheet).")
    by_owner: list[OwnerDraftsRead] = Field(description="Drafts per owner, most first (at most 50).")
    more_owners: int = Field(description="Owners with drafts beyond those listed.")

    @classmethod
    def of(cls, r: OpenedQuarter) -> OpenQuarterResult:
        return cls(period=str(r.period), dry_run=r.dry_run, include_regular=r.include_regular, created=r.created,
                   existing=r.existing, without_model=r.without_model,
                   by_owner=[OwnerDraftsRead.of(o) for o in r.by_owner], more_owners=r.more_owners)
