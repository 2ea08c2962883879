"""Tier settings, recompute runs, level and ABC summaries, deciles. Amounts and percentages are decimal strings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from api.schemas.common import StrictModel, UserRef
from domain.tiering.model import (
    AbcClass,
    AbcShares,
    AbcSummary,
    DecileAnalysis,
    DecileBasis,
    DecileRow,
    KeyAccountLevel,
    LevelSummary,
    LevelThresholds,
    TierRun,
    TierRunTrigger,
    TierSettings,
)

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


class LevelCountRead(BaseModel):
    level: KeyAccountLevel
    customers: int
    revenue_12m: Decimal


class LevelSummaryRead(BaseModel):
    levels: list[LevelCountRead] = Field(description="special, A, B, C (every level, zeros included).")
    untiered: int = Field(description="Customers in scope that no recompute has tiered yet.")
    run: TierRunRead | None = Field(description="The latest recompute, which the figures are from.")

    @classmethod
    def of(cls, s: LevelSummary) -> LevelSummaryRead:
        return cls(levels=[LevelCountRead(level=c.level, customers=c.customers, revenue_12m=c.revenue_12m)
                           for c in s.levels], untiered=s.untiered, run=_run(s.run))


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

    @classmethod
    def of(cls, s: AbcSummary) -> AbcSummaryRead:
        return cls(
            classes=[AbcCountRead(abc_class=c.abc_class, customers=c.customers, revenue_12m=c.revenue_12m,
                                  revenue_percent=c.revenue_percent) for c in s.classes],
            untiered=s.untiered,
            pareto=[ParetoPointRead(customers=p.customers, revenue_12m=p.revenue_12m,
                                    customers_percent=p.customers_percent, revenue_percent=p.revenue_percent)
                    for p in s.pareto],
            run=_run(s.run))


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

    @classmethod
    def of(cls, d: DecileAnalysis) -> DecilesRead:
        return cls(by=d.by, rows=[DecileRowRead.of(r) for r in d.rows], run=_run(d.run))
