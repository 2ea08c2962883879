"""Scoring (docs/domain.md section 4): score models as versioned data, indicators, grades per dimension.

A model has three dimensions (potential, possibility, basis); each dimension is scored out of the sum of
its indicators' weights, and graded on the percentage of that maximum (the seed's possibility dimension
sums to 80, so absolute thresholds would be wrong). Everything here is data an administrator can change;
`default_score_model` is the seed's model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from domain.dates import FIRST_DAY, LAST_DAY
from domain.errors import Conflict, FieldError, Forbidden
from domain.organisation.model import Permission, Principal, UserRef

HUNDRED = Decimal(100)


class Dimension(StrEnum):
    POTENTIAL = "potential"  # 开发潜力
    POSSIBILITY = "possibility"  # 开发可能性
    BASIS = "basis"  # 开发基础


class Grade(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class IndicatorSource(StrEnum):
    MANUAL = "manual"
    TRANSACTION_AMOUNT = "transaction_amount"  # net revenue in the period, from the transaction facts
    ORDER_SHARE = "order_share"  # our net revenue / the customer's declared total purchasing
    SATISFACTION = "satisfaction"  # survey results, when there are any


@dataclass(frozen=True)
class PointsStep:
    """`points` once the measured value reaches `at_least` (steps are read from the highest down)."""

    at_least: Decimal
    points: Decimal


@dataclass(frozen=True)
class Indicator:
    key: str
    dimension: Dimension
    weight: Decimal
    label_zh: str
    label_en: str
    source: IndicatorSource = IndicatorSource.MANUAL
    # For computed indicators: the measured value -> points. Empty for manual ones.
    scale: tuple[PointsStep, ...] = ()

    def points_for(self, measured: Decimal) -> Decimal:
        """The points a measured value earns on this indicator's scale (0 below the lowest step)."""
        for step in sorted(self.scale, key=lambda s: s.at_least, reverse=True):
            if measured >= step.at_least:
                return min(step.points, self.weight)
        return Decimal(0)


@dataclass(frozen=True)
class GradeThresholds:
    """Percentages of the dimension's maximum: A at or above `a`, B at or above `b`, else C."""

    a: Decimal = Decimal(80)
    b: Decimal = Decimal(60)

    def grade(self, percentage: Decimal) -> Grade:
        if percentage >= self.a:
            return Grade.A
        if percentage >= self.b:
            return Grade.B
        return Grade.C


@dataclass(frozen=True)
class ScoreModel:
    id: int | None
    version: int
    name: str
    indicators: tuple[Indicator, ...]
    thresholds: GradeThresholds = field(default_factory=GradeThresholds)
    # The customer types this model is for; empty = every type without a model of its own.
    customer_types: frozenset[str] = frozenset()
    # `name` is a key; people see the model by its name in their language (docs/domain.md section 2, "Names in two
    # languages"): {"zh-CN": "标准评分模型", "en": "Standard score model"}.
    name_translations: dict[str, str] = field(default_factory=dict)

    def indicator(self, key: str) -> Indicator | None:
        return next((i for i in self.indicators if i.key == key), None)

    def maximum(self, dimension: Dimension) -> Decimal:
        return sum((i.weight for i in self.indicators if i.dimension is dimension), Decimal(0))


@dataclass(frozen=True)
class DimensionScore:
    dimension: Dimension
    points: Decimal
    maximum: Decimal
    percentage: Decimal
    grade: Grade
    # Every indicator of the dimension has a value: only then is the grade a result, not the zeros of blanks.
    scored: bool = True


@dataclass(frozen=True)
class Evaluation:
    scores: tuple[DimensionScore, ...]

    @property
    def grades(self) -> dict[Dimension, Grade]:
        return {s.dimension: s.grade for s in self.scores}

    @property
    def scored(self) -> bool:
        """Every indicator has a value. A sheet that is not scored has no grades or category yet (未评分): a blank
        draft is not a C customer to watch (docs/domain.md section 4)."""
        return all(s.scored for s in self.scores)


def model_problems(model: ScoreModel) -> list[FieldError]:
    """What makes a model unusable: every dimension needs indicators, weights are positive, keys unique,
    thresholds ordered, computed indicators have a scale."""
    errors: list[FieldError] = []
    seen: set[str] = set()
    for index, indicator in enumerate(model.indicators):
        where = f"indicators.{index}"
        if not indicator.key or indicator.key in seen:
            errors.append(FieldError(f"{where}.key", "each indicator needs its own key"))
        seen.add(indicator.key)
        if indicator.weight <= 0:
            errors.append(FieldError(f"{where}.weight", "must be positive"))
        if indicator.source is not IndicatorSource.MANUAL and not indicator.scale:
            errors.append(FieldError(f"{where}.scale", "a computed indicator needs a points scale"))
        for step_index, step in enumerate(indicator.scale):
            if not Decimal(0) <= step.points <= indicator.weight:
                errors.append(FieldError(f"{where}.scale.{step_index}.points", "must lie between 0 and the weight"))
    for dimension in Dimension:
        if model.maximum(dimension) <= 0:
            errors.append(FieldError("indicators", f"the {dimension} dimension has no indicator"))
    if not Decimal(0) < model.thresholds.b <= model.thresholds.a <= HUNDRED:
        errors.append(FieldError("thresholds", "need 0 < B <= A <= 100 (percent of the dimension's maximum)"))
    return errors


def value_problems(model: ScoreModel, values: Mapping[str, Decimal], *, prefix: str = "values") -> list[FieldError]:
    """Each value must name an indicator of the model and lie within 0..its weight."""
    errors = []
    for key, value in values.items():
        indicator = model.indicator(key)
        if indicator is None:
            errors.append(FieldError(f"{prefix}.{key}", "not an indicator of this score model"))
        elif not Decimal(0) <= value <= indicator.weight:
            errors.append(FieldError(f"{prefix}.{key}", f"must lie between 0 and {indicator.weight}"))
    return errors


def evaluate(model: ScoreModel, values: Mapping[str, Decimal]) -> Evaluation:
    """Points, maximum, percentage and grade per dimension; a missing value counts 0, and leaves its dimension
    not `scored`. Validate the values with `value_problems` first."""
    scores = []
    for dimension in Dimension:
        maximum = model.maximum(dimension)
        points = sum((values.get(i.key, Decimal(0)) for i in model.indicators if i.dimension is dimension),
                     Decimal(0))
        percentage = (points / maximum * HUNDRED).quantize(Decimal("0.1"))
        scored = all(i.key in values for i in model.indicators if i.dimension is dimension)
        scores.append(DimensionScore(dimension, points, maximum, percentage, model.thresholds.grade(percentage),
                                     scored))
    return Evaluation(tuple(scores))


def _indicator(key: str, dimension: Dimension, weight: int, zh: str, en: str,
               source: IndicatorSource = IndicatorSource.MANUAL,
               scale: tuple[tuple[str, str], ...] = ()) -> Indicator:
    return Indicator(key, dimension, Decimal(weight), zh, en, source,
                     tuple(PointsStep(Decimal(at), Decimal(points)) for at, points in scale))


# What people call the seed's model (migration 0013 names the seeded row so).
DEFAULT_MODEL_NAMES = {"zh-CN": "标准评分模型", "en": "Standard score model"}


def default_score_model() -> ScoreModel:
    """The seed's model (docs/domain.md section 4). Computed scales are starting values (CNY for the
    transaction amount in the quarter, percent for the order share, a 1-5 survey score for satisfaction)."""
    p, q, b = Dimension.POTENTIAL, Dimension.POSSIBILITY, Dimension.BASIS  # q: possibility
    return ScoreModel(id=None, version=1, name="default", name_translations=dict(DEFAULT_MODEL_NAMES), indicators=(
        _indicator("qualification", p, 20, "资质、注册资金", "Qualification and registered capital"),
        _indicator("business_performance", p, 20, "经营业绩", "Business performance"),
        _indicator("designers", p, 20, "设计师数量", "Number of designers"),
        _indicator("project_managers", p, 20, "项目经理数量", "Number of project managers"),
        _indicator("outlets", p, 20, "网点数量", "Number of outlets"),
        _indicator("competition", q, 40, "竞争克服度", "Degree competition can be overcome"),
        _indicator("willingness", q, 20, "合作意愿", "Willingness to cooperate"),
        _indicator("business_fit", q, 20, "业务切合度", "Business fit"),
        _indicator("satisfaction", b, 30, "合作满意度", "Cooperation satisfaction", IndicatorSource.SATISFACTION,
                   (("4.5", "30"), ("4", "24"), ("3.5", "18"), ("3", "12"), ("2", "6"))),
        _indicator("transaction_amount", b, 40, "成交金额", "Transaction amount", IndicatorSource.TRANSACTION_AMOUNT,
                   (("500000", "40"), ("200000", "32"), ("100000", "24"), ("50000", "16"), ("10000", "8"),
                    ("0.01", "4"))),
        _indicator("order_share", b, 30, "成单占全单比例", "Share of the customer's orders we win",
                   IndicatorSource.ORDER_SHARE,
                   (("80", "30"), ("60", "24"), ("40", "18"), ("20", "12"), ("0.01", "6"))),
    ))


# --- score sheets (评分档案表) ---------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    """A scoring period: "2026Q3". Months are calendar months in the company's time zone."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        match = _PERIOD.match(text)
        return cls(int(match.group(1)), int(match.group(2))) if match else None

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def first_month(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_month(self) -> date:
        return date(self.year, 3 * self.number, 1)

    def next(self) -> Quarter:
        return Quarter(self.year, self.number + 1) if self.number < 4 else Quarter(self.year + 1, 1)

    def previous(self) -> Quarter:
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)

    def quarters_after(self, earlier: Quarter) -> int:
        """How many quarters this one comes after `earlier` (negative when before it)."""
        return (self.year - earlier.year) * 4 + self.number - earlier.number


# Quarters of the business dates (domain/dates.py): 1900Q1 to 2199Q4.
FIRST_QUARTER = Quarter.of(FIRST_DAY)
LAST_QUARTER = Quarter.of(LAST_DAY)


class SheetStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # waiting for a reviewer
    RETURNED = "returned"  # back with the filler, with the reviewer's comment
    APPROVED = "approved"


EDITABLE_STATUSES = frozenset({SheetStatus.DRAFT, SheetStatus.RETURNED})


@dataclass(frozen=True)
class ComputedValue:
    """What the data says for a computed indicator: the measured figure and the points it earns."""

    measured: Decimal
    points: Decimal


@dataclass(frozen=True)
class PeriodMeasures:
    """A customer's figures for scoring a quarter, from the transaction facts and the archive."""

    revenue_in_period: Decimal  # net revenue in the quarter's months
    revenue_12m: Decimal  # net revenue in the 12 months ending with the quarter
    declared_annual_purchasing: Decimal | None  # the customer's total yearly purchasing, as declared
    satisfaction: Decimal | None = None  # mean survey score 1-5, when surveys exist


def measured_value(indicator: Indicator, measures: PeriodMeasures) -> Decimal | None:
    """The figure a computed indicator scores, or None when the data to compute it is missing."""
    if indicator.source is IndicatorSource.TRANSACTION_AMOUNT:
        return measures.revenue_in_period
    if indicator.source is IndicatorSource.ORDER_SHARE:
        declared = measures.declared_annual_purchasing
        if declared is None or declared <= 0:
            return None
        return min(measures.revenue_12m / declared * HUNDRED, HUNDRED).quantize(Decimal("0.1"))
    if indicator.source is IndicatorSource.SATISFACTION:
        return measures.satisfaction
    return None


def computed_values(model: ScoreModel, measures: PeriodMeasures) -> dict[str, ComputedValue]:
    """Every computed indicator the data can fill, with its points on the indicator's scale."""
    computed = {}
    for indicator in model.indicators:
        measured = measured_value(indicator, measures)
        if measured is not None:
            computed[indicator.key] = ComputedValue(measured, indicator.points_for(measured))
    return computed


@dataclass
class ScoreSheet:
    id: int
    customer: CustomerRef
    period: Quarter
    model_id: int
    status: SheetStatus
    values: dict[str, Decimal]
    computed: dict[str, ComputedValue]
    notes: dict[str, str]
    created_by: UserRef | None
    created_at: datetime
    version: int
    updated_at: datetime
    grades: dict[Dimension, Grade] | None = None
    category: str | None = None
    filled_by: UserRef | None = None
    submitted_at: datetime | None = None
    reviewed_by: UserRef | None = None
    reviewed_at: datetime | None = None
    review_comment: str | None = None

    def overridden(self) -> list[str]:
        """Computed indicators whose value a person changed."""
        return [k for k, c in self.computed.items() if k in self.values and self.values[k] != c.points]


class SheetAction(StrEnum):
    EDIT = "edit"  # enter points and notes
    SUBMIT = "submit"  # send to review; the caller becomes the filler
    APPROVE = "approve"
    RETURN = "return"


# The permission each action needs; the use cases check it before loading the sheet.
SHEET_ACTION_PERMISSION = {
    SheetAction.EDIT: Permission.CUSTOMERS_WRITE,
    SheetAction.SUBMIT: Permission.CUSTOMERS_WRITE,
    SheetAction.APPROVE: Permission.SCORE_SHEETS_REVIEW,
    SheetAction.RETURN: Permission.SCORE_SHEETS_REVIEW,
}


@dataclass(frozen=True)
class SheetReviewers:
    """The active reviewers whose scope holds a sheet's customer, nearest first."""

    store_managers: frozenset[int]  # of the customer's unit and every unit above it
    hq_key_account: frozenset[int]  # the key-account department sees every customer


def review_recipients(reviewers: SheetReviewers, filler_id: int | None) -> frozenset[int]:
    """Who is told that a submitted sheet awaits review (docs/domain.md section 7): the store managers over the
    customer; only when none of them may review it (there is none, or the only one filled it) the HQ
    key-account department. Never the filler, who may not review their own sheet."""
    nearest = reviewers.store_managers - {filler_id}
    return frozenset(nearest or reviewers.hq_key_account - {filler_id})


def return_recipients(sheet: ScoreSheet, reviewer_id: int | None) -> frozenset[int]:
    """Who is told that a sheet was returned: its filler, and the customer's account manager when someone else
    filled it; not the reviewer who returned it."""
    told = {u.id for u in (sheet.filled_by, sheet.customer.owner) if u is not None}
    return frozenset(told - {reviewer_id})


def _filled_by(sheet: ScoreSheet, principal: Principal) -> bool:
    return sheet.filled_by is not None and sheet.filled_by.id == principal.id


def available_actions(sheet: ScoreSheet, principal: Principal) -> list[SheetAction]:
    """What the caller may do to the sheet now (the SPA shows these buttons; every action checks the same
    rule): drafts and returned sheets are edited and submitted by anyone who writes customers; a submitted
    sheet is approved or returned by a reviewer who did not fill it."""
    actions: list[SheetAction] = []
    for action, permission in SHEET_ACTION_PERMISSION.items():
        if not principal.can(permission):
            continue
        if action in (SheetAction.EDIT, SheetAction.SUBMIT):
            if sheet.status in EDITABLE_STATUSES:
                actions.append(action)
        elif sheet.status is SheetStatus.SUBMITTED and not _filled_by(sheet, principal):
            actions.append(action)
    return actions


def require_action(sheet: ScoreSheet, principal: Principal, action: SheetAction) -> None:
    """Raises Forbidden (the caller may not) or Conflict (not in this status) unless the action is available."""
    if action in available_actions(sheet, principal):
        return
    principal.require(SHEET_ACTION_PERMISSION[action])
    if action in (SheetAction.EDIT, SheetAction.SUBMIT):
        raise Conflict(f"A {sheet.status} sheet cannot be changed; it is with the reviewer or done.")
    if _filled_by(sheet, principal):
        raise Forbidden("You filled this sheet: someone else reviews it.")
    raise Conflict(f"Only a submitted sheet is reviewed; this one is {sheet.status}.")


@dataclass(frozen=True)
class CustomerRef:
    id: int
    code: str
    name: str
    customer_type: str
    owner: UserRef | None


def sheet_problems(model: ScoreModel, values: Mapping[str, Decimal], computed: Mapping[str, ComputedValue],
                   notes: Mapping[str, str]) -> list[FieldError]:
    """Values within 0..weight for the model's indicators, and a note wherever a computed value is overridden
    (the reviewer needs to know why the figure differs from the data)."""
    errors = value_problems(model, values)
    for key, note in notes.items():
        if model.indicator(key) is None:
            errors.append(FieldError(f"notes.{key}", "not an indicator of this score model"))
        elif len(note) > 1000:
            errors.append(FieldError(f"notes.{key}", "at most 1000 characters"))
    for key, value in values.items():
        machine = computed.get(key)
        if machine is not None and value != machine.points and not notes.get(key, "").strip():
            errors.append(FieldError(f"notes.{key}",
                                     f"the data gives {machine.points} points; say why you enter {value}"))
    return errors


def submit_problems(model: ScoreModel, values: Mapping[str, Decimal]) -> list[FieldError]:
    """A sheet goes to review with every indicator scored."""
    return [FieldError(f"values.{i.key}", "needs a value before the sheet is submitted")
            for i in model.indicators if i.key not in values]


@dataclass(frozen=True)
class NewScoreSheet:
    customer_id: int
    period: Quarter
    model_id: int
    values: dict[str, Decimal]
    computed: dict[str, ComputedValue]


@dataclass(frozen=True)
class MissingSheets:
    """Customers of one owner and type that have no sheet for a quarter."""

    owner: UserRef | None
    customer_type: str
    customers: int


@dataclass(frozen=True)
class QuarterCounts:
    """What opening a quarter would find: the customers without a sheet, and how many already have one."""

    missing: list[MissingSheets]
    existing: int


@dataclass(frozen=True)
class SheetFilters:
    status: SheetStatus | None = None
    period: Quarter | None = None
    customer_id: int | None = None
    # The review queue leaves out the sheets the caller filled: they may not review them.
    not_filled_by: int | None = None
    filled_by: int | None = None
