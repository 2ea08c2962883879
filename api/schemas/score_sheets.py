"""Score sheets and how customers' grades and categories move."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from api.schemas.common import StrictModel, UserRef
from api.schemas.scoring import CategoryRuleRead, DimensionScoreRead, Grades, Key
from domain.organisation.model import UserRef as DomainUserRef
from domain.scoring.model import FIRST_QUARTER, LAST_QUARTER, Dimension, Grade, IndicatorSource, SheetStatus
from domain.scoring.model import CustomerRef as DomainCustomerRef
from domain.scoring.sheets import OpenedQuarter, SheetView
from domain.tiering.model import AbcClass, AlertKind, KeyAccountLevel, TierHistoryEntry, TierSource, direction
from domain.tiering.movement import Alerts, CategoryMatrix, Transitions

# The pattern keeps the business dates' centuries (19xx to 21xx); the domain checks the exact range.
_CENTURIES = "|".join(str(c) for c in range(FIRST_QUARTER.year // 100, LAST_QUARTER.year // 100 + 1))
Period = Annotated[str, Field(pattern=rf"^({_CENTURIES})\d{{2}}Q[1-4]$", examples=["2026Q3"],
                              description=f"A quarter: 2026Q3, from {FIRST_QUARTER} to {LAST_QUARTER}.")]


def user_ref(u: DomainUserRef | None) -> UserRef | None:
    return UserRef(id=u.id, username=u.username, display_name=u.display_name) if u else None


def grades_read(grades: dict[Dimension, Grade] | None) -> Grades | None:
    return Grades(**{d.value: g for d, g in grades.items()}) if grades else None


class CustomerSummary(BaseModel):
    id: int
    code: str
    name: str
    customer_type: str
    owner: UserRef | None

    @classmethod
    def of(cls, c: DomainCustomerRef) -> CustomerSummary:
        return cls(id=c.id, code=c.code, name=c.name, customer_type=c.customer_type, owner=user_ref(c.owner))


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
    grades: Grades
    category: CategoryRuleRead
    created_by: UserRef | None
    created_at: datetime
    filled_by: UserRef | None = Field(description="The filler (填表人): who submitted it.")
    submitted_at: datetime | None
    reviewed_by: UserRef | None = Field(description="The reviewer (审核人) who approved or returned it.")
    reviewed_at: datetime | None
    review_comment: str | None
    updated_at: datetime

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
        grades = grades_read(view.evaluation.grades)
        assert grades is not None
        return cls(
            id=s.id, period=str(s.period), status=s.status, version=s.version, customer=CustomerSummary.of(s.customer),
            model=ModelRef(id=model.id, name=model.name, version=model.version), indicators=indicators,
            dimensions=[DimensionScoreRead(dimension=d.dimension, points=d.points, maximum=d.maximum,
                                           percentage=d.percentage, grade=d.grade) for d in view.evaluation.scores],
            grades=grades, category=CategoryRuleRead.of(view.category), created_by=user_ref(s.created_by),
            created_at=s.created_at, filled_by=user_ref(s.filled_by), submitted_at=s.submitted_at,
            reviewed_by=user_ref(s.reviewed_by), reviewed_at=s.reviewed_at, review_comment=s.review_comment,
            updated_at=s.updated_at)


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
    period: Period


class OpenQuarterResult(BaseModel):
    period: str
    created: int = Field(description="Draft sheets created now.")
    without_model: int = Field(description="Customers whose type no score model covers (no sheet).")

    @classmethod
    def of(cls, r: OpenedQuarter) -> OpenQuarterResult:
        return cls(period=str(r.period), created=r.created, without_model=r.without_model)


class TierHistoryRead(BaseModel):
    at: datetime
    source: TierSource
    period: str | None
    grades: Grades | None
    category: str | None
    key_account_level: KeyAccountLevel | None
    abc_class: AbcClass | None
    revenue_12m: Decimal | None
    score_sheet_id: int | None

    @classmethod
    def of(cls, e: TierHistoryEntry) -> TierHistoryRead:
        return cls(at=e.at, source=e.source, period=e.period, grades=grades_read(e.grades), category=e.category,
                   key_account_level=e.level, abc_class=e.abc_class, revenue_12m=e.revenue_12m,
                   score_sheet_id=e.score_sheet_id)


class MatrixCell(BaseModel):
    potential: Grade
    possibility: Grade
    basis: Grade
    category: str | None
    customers: int


class CategoryMatrixRead(BaseModel):
    rules: list[CategoryRuleRead]
    cells: list[MatrixCell] = Field(description="Customers per combination of current grades.")
    not_graded: int = Field(description="Customers without an approved sheet yet.")

    @classmethod
    def of(cls, m: CategoryMatrix) -> CategoryMatrixRead:
        cells, not_graded = [], 0
        for grades, category, customers in m.cells:
            if grades is None:
                not_graded += customers
            else:
                cells.append(MatrixCell(potential=grades[Dimension.POTENTIAL],
                                        possibility=grades[Dimension.POSSIBILITY], basis=grades[Dimension.BASIS],
                                        category=category, customers=customers))
        cells.sort(key=lambda c: (c.potential, c.possibility, c.basis))
        return cls(rules=[CategoryRuleRead.of(r) for r in m.rules], cells=cells, not_graded=not_graded)


class TransitionCell(BaseModel):
    from_category: str | None = Field(description="null: no approved sheet in `from`.")
    to_category: str | None = Field(description="null: no approved sheet in `to`.")
    customers: int
    direction: int = Field(description="1 promotion, -1 demotion, 0 same or unknown (rules order categories).")


class TransitionsRead(BaseModel):
    from_period: str
    to_period: str
    rules: list[CategoryRuleRead]
    cells: list[TransitionCell]

    @classmethod
    def of(cls, t: Transitions) -> TransitionsRead:
        cells = [TransitionCell(from_category=b, to_category=a, customers=n, direction=direction(t.rules, b, a))
                 for b, a, n in sorted(t.cells, key=lambda c: (c[0] or "~", c[1] or "~"))]
        return cls(from_period=str(t.before), to_period=str(t.after), rules=[CategoryRuleRead.of(r) for r in t.rules],
                   cells=cells)


class TierResult(BaseModel):
    grades: Grades
    category: str


class AlertRead(BaseModel):
    kind: AlertKind
    customer: CustomerSummary
    before: TierResult
    after: TierResult


class AlertsRead(BaseModel):
    from_period: str
    to_period: str
    items: list[AlertRead]

    @classmethod
    def of(cls, a: Alerts) -> AlertsRead:
        def result(grades: dict[Dimension, Grade], category: str) -> TierResult:
            read = grades_read(grades)
            assert read is not None
            return TierResult(grades=read, category=category)
        items = [AlertRead(kind=x.kind, customer=CustomerSummary.of(x.movement.customer),
                                      before=result(x.movement.before_grades, x.movement.before_category),
                                      after=result(x.movement.after_grades, x.movement.after_category))
                            for x in a.alerts]
        return cls(from_period=str(a.before), to_period=str(a.after), items=items)
