"""Category rules, tier settings, recompute runs, level and ABC summaries, deciles, category movement. Amounts and
percentages are decimal strings."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from api.schemas.common import CustomerSummary, Grades, Key, ShortText, StrictModel, UserRef, grades_read
from api.schemas.windows import RevenueWindowRead
from domain.customers.model import Partition
from domain.scoring.model import Dimension, Grade
from domain.tiering.model import (
    AbcClass,
    AbcShares,
    AbcSummary,
    AlertKind,
    CategoryRule,
    CustomerTierFacts,
    DecileAnalysis,
    DecileBasis,
    DecileRow,
    KeyAccountLevel,
    LevelSummary,
    LevelThresholds,
    PartitionCheck,
    PartitionMismatch,
    PartitionRule,
    TierHistoryEntry,
    TierRun,
    TierRunTrigger,
    TierSettings,
    TierSource,
    direction,
)
from domain.tiering.movement import Alerts, CategoryMatrix, Transitions

Amount = Annotated[Decimal, Field(max_digits=18, decimal_places=2, examples=["1000000.00"])]
Percent = Annotated[Decimal, Field(max_digits=5, decimal_places=2, examples=["80"])]


class TierSettingsUpdate(StrictModel):
    """Every value (a full replacement). Trailing-12-month net revenue at or above which a customer has the
    level; the ABC shares of revenue (A: the customers making the first `abc_a_percent` %, B: the next
    `abc_b_percent` %, C: the rest)."""

    level_special: Amount
    level_a: Amount
    level_b: Amount
    abc_a_percent: Percent
    abc_b_percent: Percent

    def to_domain(self) -> TierSettings:
        return TierSettings(LevelThresholds(self.level_special, self.level_a, self.level_b),
                            AbcShares(self.abc_a_percent, self.abc_b_percent), version=0)


class TierSettingsRead(BaseModel):
    level_special: Decimal = Field(description="特级: trailing-12-month net revenue at or above this.")
    level_a: Decimal
    level_b: Decimal
    abc_a_percent: Decimal
    abc_b_percent: Decimal
    version: int = Field(description="Send it as If-Match to change the settings.")

    @classmethod
    def of(cls, s: TierSettings) -> TierSettingsRead:
        return cls(**s.values(), version=s.version)


class TierRunRead(BaseModel):
    id: int
    trigger: TierRunTrigger
    triggered_by: UserRef | None
    started_at: datetime
    finished_at: datetime | None
    as_of_month: date = Field(description="The last month of the trailing 12 (first day, company time zone).")
    customers: int
    changed: int = Field(description="Customers whose level or ABC class changed (one history row each).")
    settings: TierSettingsRead = Field(description="The thresholds and shares the run used.")

    @classmethod
    def of(cls, r: TierRun) -> TierRunRead:
        by = UserRef(id=r.triggered_by.id, username=r.triggered_by.username,
                     display_name=r.triggered_by.display_name) if r.triggered_by else None
        return cls(id=r.id, trigger=r.trigger, triggered_by=by, started_at=r.started_at, finished_at=r.finished_at,
                   as_of_month=r.as_of_month, customers=r.customers, changed=r.changed,
                   settings=TierSettingsRead.of(r.settings))


def _run(run: TierRun | None) -> TierRunRead | None:
    return TierRunRead.of(run) if run else None


WINDOW_TEXT = ("The days the revenue figures add up (trailing 12 months to the latest recompute's day); null "
               "before the first recompute.")


def _window(run: TierRun | None, time_zone: tzinfo) -> RevenueWindowRead | None:
    return RevenueWindowRead.of(run.revenue_window(time_zone)) if run else None


class LevelCountRead(BaseModel):
    level: KeyAccountLevel
    customers: int
    revenue_12m: Decimal


class LevelSummaryRead(BaseModel):
    levels: list[LevelCountRead] = Field(description="special, A, B, C (every level, zeros included).")
    untiered: int = Field(description="Customers in scope that no recompute has tiered yet.")
    run: TierRunRead | None = Field(description="The latest recompute, which the figures are from.")
    revenue_window: RevenueWindowRead | None = Field(description=WINDOW_TEXT)

    @classmethod
    def of(cls, s: LevelSummary, time_zone: tzinfo) -> LevelSummaryRead:
        return cls(levels=[LevelCountRead(level=c.level, customers=c.customers, revenue_12m=c.revenue_12m)
                           for c in s.levels], untiered=s.untiered, run=_run(s.run),
                   revenue_window=_window(s.run, time_zone))


class AbcCountRead(BaseModel):
    abc_class: AbcClass
    customers: int
    revenue_12m: Decimal
    revenue_percent: Decimal = Field(description="Share of the revenue of the tiered customers in scope.")


class ParetoPointRead(BaseModel):
    customers: int = Field(description="Customers in this step.")
    revenue_12m: Decimal = Field(description="Their revenue (the bar).")
    customers_percent: Decimal = Field(description="Cumulative share of the customers (the x axis).")
    revenue_percent: Decimal = Field(description="Cumulative share of the revenue (the line).")


class AbcSummaryRead(BaseModel):
    classes: list[AbcCountRead] = Field(description="A, B, C.")
    untiered: int
    pareto: list[ParetoPointRead] = Field(description="Customers ranked by revenue, largest first, in at most 100 "
                                                      "steps of equal size.")
    run: TierRunRead | None
    revenue_window: RevenueWindowRead | None = Field(description=WINDOW_TEXT)

    @classmethod
    def of(cls, s: AbcSummary, time_zone: tzinfo) -> AbcSummaryRead:
        return cls(
            classes=[AbcCountRead(abc_class=c.abc_class, customers=c.customers, revenue_12m=c.revenue_12m,
                                  revenue_percent=c.revenue_percent) for c in s.classes],
            untiered=s.untiered,
            pareto=[ParetoPointRead(customers=p.customers, revenue_12m=p.revenue_12m,
                                    customers_percent=p.customers_percent, revenue_percent=p.revenue_percent)
                    for p in s.pareto],
            run=_run(s.run), revenue_window=_window(s.run, time_zone))


class DecileRowRead(BaseModel):
    decile: int = Field(description="1 = the top 10 % of customers by the figure.")
    customers: int
    cumulative_customers: int
    total: Decimal
    cumulative_total: Decimal
    cumulative_percent: Decimal = Field(description="Of the grand total.")
    percent_of_maximum: Decimal = Field(description="Of the largest cumulative total (for figures that can be "
                                                    "negative, such as future profit).")
    minimum: Decimal
    average: Decimal

    @classmethod
    def of(cls, r: DecileRow) -> DecileRowRead:
        return cls(decile=r.decile, customers=r.customers, cumulative_customers=r.cumulative_customers,
                   total=r.total, cumulative_total=r.cumulative_total, cumulative_percent=r.cumulative_percent,
                   percent_of_maximum=r.percent_of_maximum, minimum=r.minimum, average=r.average)


class DecilesRead(BaseModel):
    by: DecileBasis
    rows: list[DecileRowRead]
    run: TierRunRead | None
    revenue_window: RevenueWindowRead | None = Field(
        description="By revenue: " + WINDOW_TEXT + " Null by future profit (a forecast, not revenue).")

    @classmethod
    def of(cls, d: DecileAnalysis, time_zone: tzinfo) -> DecilesRead:
        window = _window(d.run, time_zone) if d.by is DecileBasis.REVENUE else None
        return cls(by=d.by, rows=[DecileRowRead.of(r) for r in d.rows], run=_run(d.run), revenue_window=window)


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



# --- the partition checked against the level ---------------------------------------------------------------

RulePartition = Literal["key", "regular"]


class PartitionRuleUpdate(StrictModel):
    """Every level (a full replacement): `key` or `regular` is the partition the level's customers belong in;
    null lets them be in either."""

    level_special: RulePartition | None
    level_a: RulePartition | None
    level_b: RulePartition | None
    level_c: RulePartition | None

    def to_domain(self) -> PartitionRule:
        def partition(value: str | None) -> Partition | None:
            return Partition(value) if value else None
        return PartitionRule(partition(self.level_special), partition(self.level_a), partition(self.level_b),
                             partition(self.level_c), version=0)


class PartitionRuleRead(BaseModel):
    level_special: Partition | None = Field(description="特级: the partition they belong in; null: either.")
    level_a: Partition | None
    level_b: Partition | None
    level_c: Partition | None
    version: int = Field(description="Send it as If-Match to change the rule.")

    @classmethod
    def of(cls, r: PartitionRule) -> PartitionRuleRead:
        return cls(**r.values(), version=r.version)


class PartitionMismatchRead(BaseModel):
    customer: CustomerSummary
    key_account_level: KeyAccountLevel
    revenue_12m: Decimal
    partition: Partition = Field(description="Where the customer is now.")
    partition_needed: Partition = Field(description="Where the rule puts the customer's level.")

    @classmethod
    def of(cls, m: PartitionMismatch) -> PartitionMismatchRead:
        return cls(customer=CustomerSummary.of(m.customer), key_account_level=m.level, revenue_12m=m.revenue_12m,
                   partition=m.partition, partition_needed=m.expected)


class LevelMismatchCount(BaseModel):
    level: KeyAccountLevel
    customers: int


class PartitionCheckRead(BaseModel):
    items: list[PartitionMismatchRead] = Field(description="Special level first, then A, B, C; the largest "
                                                           "12-month revenue first.")
    next_cursor: str | None
    counts: list[LevelMismatchCount] = Field(description="Customers needing attention per level (every level).")
    total: int = Field(description="Customers needing attention in your scope.")
    rule: PartitionRuleRead
    run: TierRunRead | None = Field(description="The latest recompute, which the levels are from.")
    revenue_window: RevenueWindowRead | None = Field(description=WINDOW_TEXT)

    @classmethod
    def of(cls, c: PartitionCheck, time_zone: tzinfo) -> PartitionCheckRead:
        return cls(items=[PartitionMismatchRead.of(m) for m in c.items], next_cursor=c.next_cursor,
                   counts=[LevelMismatchCount(level=level, customers=n) for level, n in c.counts], total=c.total,
                   rule=PartitionRuleRead.of(c.rule), run=_run(c.run), revenue_window=_window(c.run, time_zone))


class PartitionFix(StrictModel):
    """The customers to move to the partition the rule puts their level in: all of them or none."""

    customer_ids: Annotated[list[Annotated[int, Field(ge=1, le=2**63 - 1)]], Field(min_length=1, max_length=100)]


class PartitionMoved(BaseModel):
    id: int
    partition: Partition
    version: int = Field(description="The customer's new version.")


class PartitionFixed(BaseModel):
    customers: list[PartitionMoved]


class CustomerTiersRead(BaseModel):
    customer_id: int
    key_account_level: KeyAccountLevel | None = Field(description="Null before the first recompute.")
    abc_class: AbcClass | None
    revenue_12m: Decimal | None = Field(description="Trailing-12-month net revenue the level is from.")
    revenue_window: RevenueWindowRead | None = Field(description=WINDOW_TEXT)
    partition: Partition
    partition_needed: Partition | None = Field(description="Where the partition rule puts the customer's level, "
                                                           "when the customer is not there (needs attention).")
    run: TierRunRead | None

    @classmethod
    def of(cls, f: CustomerTierFacts, time_zone: tzinfo) -> CustomerTiersRead:
        return cls(customer_id=f.customer_id, key_account_level=f.level, abc_class=f.abc_class,
                   revenue_12m=f.revenue_12m,
                   revenue_window=_window(f.run, time_zone) if f.level is not None else None,
                   partition=f.partition, partition_needed=f.partition_needed, run=_run(f.run))
