"""Loyalty: settings, recompute runs with their lifetime-value fits, a customer's figures, portfolio summaries."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from api.schemas.common import BusinessDate, StrictModel, UserRef
from api.schemas.windows import RevenueWindowRead
from domain.dates import RANGE_TEXT
from domain.loyalty.model import (
    ChurnRisk,
    ClvFit,
    Count,
    CustomerLoyalty,
    HealthSignal,
    HealthWindows,
    LifecycleStage,
    LoyaltyRun,
    LoyaltyRunTrigger,
    LoyaltySettings,
    PortfolioSummary,
    SegmentSize,
    SignalReading,
    ValueClass,
)
from domain.loyalty.model import LifecycleRules as DomainLifecycleRules
from domain.loyalty.model import SegmentRule as DomainSegmentRule
from domain.organisation.model import UserRef as DomainUserRef

Percent = Annotated[Decimal, Field(max_digits=5, decimal_places=2, examples=["20"])]
Ratio = Annotated[Decimal, Field(max_digits=6, decimal_places=3, examples=["-0.3"])]
Score = Annotated[int, Field(ge=1, le=5)]


def _user(user: DomainUserRef | None) -> UserRef | None:
    return UserRef(id=user.id, username=user.username, display_name=user.display_name) if user else None


class SegmentRule(StrictModel):
    key: str = Field(min_length=1, max_length=40, examples=["champions"])
    label_zh: str = Field(min_length=1, max_length=40)
    label_en: str = Field(min_length=1, max_length=40)
    recency: list[Score] = Field(min_length=1, max_length=5, description="Recency scores (5 = most recent).")
    frequency: list[Score] = Field(min_length=1, max_length=5)

    def to_domain(self) -> DomainSegmentRule:
        return DomainSegmentRule(self.key, self.label_zh, self.label_en, frozenset(self.recency),
                                 frozenset(self.frequency))

    @classmethod
    def of(cls, r: DomainSegmentRule) -> SegmentRule:
        return cls(key=r.key, label_zh=r.label_zh, label_en=r.label_en, recency=sorted(r.recency),
                   frequency=sorted(r.frequency))


class LifecycleRules(StrictModel):
    """Thresholds of the stage and value-class rules (first match wins, in this order). Stages: exploration
    (first purchase under `exploration_days` ago) -> decline (revenue trend <= `decline`, or silent for more than
    `decline_interval_factor` x the typical interval) -> formation (first purchase under `formation_days` ago,
    or revenue trend >= `growth`) -> stability. Classes: freezing point (no purchase for more than
    `dormant_days`) -> migrating (revenue trend <= `migrating`, or share of wallet down `migrating_share_points`)
    -> value (ABC class A) -> potential."""

    exploration_days: int = Field(ge=1, le=3650)
    formation_days: int = Field(ge=1, le=3650)
    growth: Ratio
    decline: Ratio
    decline_interval_factor: Ratio
    dormant_days: int = Field(ge=1, le=3650)
    migrating: Ratio
    migrating_share_points: Ratio

    def to_domain(self) -> DomainLifecycleRules:
        return DomainLifecycleRules(**self.model_dump())

    @classmethod
    def of(cls, r: DomainLifecycleRules) -> LifecycleRules:
        return cls(**vars(r))


class LoyaltySettingsUpdate(StrictModel):
    """Every value (a full replacement); applies from the next recompute."""

    margin_percent: Percent = Field(description="Gross margin on net revenue: future profit = CLV x margin.")
    annual_discount_rate_percent: Percent
    horizon_months: int = Field(ge=1, le=120, description="The lifetime-value horizon.")
    health_weights: dict[HealthSignal, Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)]] = Field(
        description="Each signal's weight (0 switches it off); contributions are shares of the known weights.")
    lifecycle: LifecycleRules
    segment_rules: list[SegmentRule] = Field(min_length=1, max_length=30,
                                                 description="In order, first match wins; must cover all 25 "
                                                             "recency x frequency score pairs.")

    def to_domain(self) -> LoyaltySettings:
        return LoyaltySettings(self.margin_percent, self.annual_discount_rate_percent, self.horizon_months,
                               dict(self.health_weights), self.lifecycle.to_domain(),
                               tuple(r.to_domain() for r in self.segment_rules))


class LoyaltySettingsRead(LoyaltySettingsUpdate):
    version: int = Field(description="Send it as If-Match to change the settings.")

    @classmethod
    def of(cls, s: LoyaltySettings) -> LoyaltySettingsRead:
        return cls(margin_percent=s.margin_percent, annual_discount_rate_percent=s.annual_discount_rate_percent,
                   horizon_months=s.horizon_months, health_weights=dict(s.health_weights),
                   lifecycle=LifecycleRules.of(s.lifecycle),
                   segment_rules=[SegmentRule.of(r) for r in s.segment_rules], version=s.version)


class BgNbdRead(BaseModel):
    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float


class GammaGammaRead(BaseModel):
    p: float
    q: float
    gamma: float


class ClvFitRead(BaseModel):
    bg_nbd: BgNbdRead
    gamma_gamma: GammaGammaRead
    customers: int = Field(description="Customers with a purchase (the BG/NBD fit).")
    spenders: int = Field(description="Customers with repeat purchases and spend (the Gamma-Gamma fit).")
    data_from: date | None = Field(description="The first purchase day seen.")
    data_to: date = Field(description="The end of the calibration period (the run's date).")
    seconds: float = Field(description="How long both fits and the predictions took.")

    @classmethod
    def of(cls, f: ClvFit) -> ClvFitRead:
        return cls(bg_nbd=BgNbdRead(**vars(f.bg_nbd)), gamma_gamma=GammaGammaRead(**vars(f.gamma_gamma)),
                   customers=f.customers, spenders=f.spenders, data_from=f.data_from, data_to=f.data_to,
                   seconds=f.seconds)


class LoyaltyRunRead(BaseModel):
    id: int
    trigger: LoyaltyRunTrigger
    triggered_by: UserRef | None
    as_of: date = Field(description="The figures are as of the end of this day (company time zone).")
    started_at: datetime
    finished_at: datetime | None
    customers: int | None
    fit: ClvFitRead | None
    fit_error: str | None = Field(description="Why there is no fit (e.g. too few customers), when there is none.")
    settings_version: int

    @classmethod
    def of(cls, r: LoyaltyRun) -> LoyaltyRunRead:
        return cls(id=r.id, trigger=r.trigger, triggered_by=_user(r.triggered_by), as_of=r.as_of,
                   started_at=r.started_at, finished_at=r.finished_at, customers=r.customers,
                   fit=ClvFitRead.of(r.fit) if r.fit else None, fit_error=r.fit_error,
                   settings_version=r.settings_version)


class LoyaltyRecompute(StrictModel):
    as_of: BusinessDate | None = Field(default=None, description=f"Default today (company time zone); a date "
                                                                  f"{RANGE_TEXT}, not in the future.")


class SignalRead(BaseModel):
    signal: HealthSignal
    score: float | None = Field(description="-1 (bad) .. 1 (good); null: not known for this customer.")
    points: float | None = Field(description="Its contribution to the health score (score = 50 + the sum).")
    value: float | None = Field(description="The figure now (days, revenue, share, rate or count).")
    baseline: float | None = Field(description="What it is compared with (typical interval, a year before...).")

    @classmethod
    def of(cls, s: SignalReading) -> SignalRead:
        return cls(signal=s.signal, score=s.score, points=s.points, value=s.value, baseline=s.baseline)


class RfmRead(BaseModel):
    recency: int
    frequency: int
    monetary: int
    code: str


class QuarterComplaintsRead(BaseModel):
    quarter_start: date = Field(description="The quarter's first day (company time zone).")
    current: bool = Field(description="The current quarter: counted to date.")
    count: int = Field(description="Complaints received in the quarter.")


class CustomerLoyaltyRead(BaseModel):
    customer_id: int
    as_of: date
    run_id: int
    recency_days: int | None = Field(description="Days since the last purchase; null: never bought.")
    frequency_12m: int | None = Field(description="Purchase days in the last 12 months.")
    monetary_12m: Decimal | None = Field(description="Net revenue of the last four complete quarters (RFM's "
                                                     "monetary basis; returns on the day of the order they return).")
    monetary_window: RevenueWindowRead = Field(description="The quarters of `frequency_12m` and `monetary_12m`.")
    rfm: RfmRead | None
    segment: str | None
    health_score: Decimal | None = Field(description="0-100; null for a customer who never bought.")
    health_before: Decimal | None = Field(
        description="The score as of the end of the quarter before the last complete one (the same check with "
                    "every window one quarter earlier), as recorded by the quarter's first recompute.")
    health_change: Decimal | None
    signals: list[SignalRead] = Field(description="Why: the largest contributions first, unknown signals last.")
    stage: LifecycleStage
    value_class: ValueClass | None
    core: bool = Field(description="High current value and high growth potential.")
    p_alive: float | None = Field(description="Probability the customer is still buying (BG/NBD).")
    expected_purchases: float | None = Field(description="Expected purchase days over the CLV horizon.")
    expected_order_value: Decimal | None = Field(description="Expected net value of a purchase (Gamma-Gamma).")
    predicted_revenue_12m: Decimal | None = Field(description="Expected net revenue of the next 12 months.")
    predicted_window: RevenueWindowRead = Field(description="The months `predicted_revenue_12m` forecasts.")
    future_profit: Decimal | None = Field(description="CLV: discounted profit over the horizon at the margin.")
    complaints: list[QuarterComplaintsRead] = Field(
        description="Complaints this quarter to date, then last quarter, counted at the time of the request (the "
                    "health signal compares complete quarters as of the recompute).")

    @classmethod
    def of(cls, c: CustomerLoyalty) -> CustomerLoyaltyRead:
        rfm = (RfmRead(recency=c.rfm.recency, frequency=c.rfm.frequency, monetary=c.rfm.monetary, code=c.rfm.code)
               if c.rfm else None)
        return cls(customer_id=c.customer_id, as_of=c.as_of, run_id=c.run_id, recency_days=c.recency_days,
                   frequency_12m=c.frequency_12m, monetary_12m=c.monetary_12m,
                   monetary_window=RevenueWindowRead.of(c.monetary_window), rfm=rfm, segment=c.segment,
                   health_score=c.health_score, health_before=c.health_before, health_change=c.health_change,
                   signals=[SignalRead.of(s) for s in c.signals], stage=c.stage, value_class=c.value_class,
                   core=c.core, p_alive=c.p_alive, expected_purchases=c.expected_purchases,
                   expected_order_value=c.expected_order_value, predicted_revenue_12m=c.predicted_revenue_12m,
                   predicted_window=RevenueWindowRead.of(c.predicted_window),
                   future_profit=c.future_profit,
                   complaints=[QuarterComplaintsRead(quarter_start=q.quarter_start, current=q.current, count=q.count)
                               for q in c.complaints])


class CountRead(BaseModel):
    key: str | None
    customers: int
    revenue_12m: Decimal

    @classmethod
    def of(cls, c: Count) -> CountRead:
        return cls(key=c.key, customers=c.customers, revenue_12m=c.revenue_12m)


class RfmCellRead(BaseModel):
    recency: int
    frequency: int
    customers: int
    revenue_12m: Decimal


class LoyaltySummaryRead(BaseModel):
    run: LoyaltyRunRead | None = Field(description="The latest recompute; null before the first.")
    customers: int
    segments: list[CountRead]
    segment_rules: list[SegmentRule] = Field(description="The segments' names, in rule order.")
    stages: list[CountRead]
    value_classes: list[CountRead]
    core: CountRead
    health_buckets: list[int] = Field(description="Customers with a health score in [0,10), [10,20) ... [90,100].")
    no_health: int = Field(description="Customers who never bought (no score).")
    rfm: list[RfmCellRead] = Field(description="Recency x frequency scores: customers and 12-month revenue.")
    revenue_window: RevenueWindowRead | None = Field(
        description="The window of every `revenue_12m` here: the trailing 12 months of the latest tier recompute, "
                    "the tiers page's figure; null before the first.")

    @classmethod
    def of(cls, s: PortfolioSummary, rules: tuple[DomainSegmentRule, ...], time_zone: tzinfo) -> LoyaltySummaryRead:
        return cls(run=LoyaltyRunRead.of(s.run) if s.run else None, customers=s.customers,
                   segments=[CountRead.of(c) for c in s.segments],
                   segment_rules=[SegmentRule.of(r) for r in rules],
                   stages=[CountRead.of(c) for c in s.stages], value_classes=[CountRead.of(c) for c in s.value_classes],
                   core=CountRead.of(s.core), health_buckets=list(s.health_buckets), no_health=s.no_health,
                   rfm=[RfmCellRead(recency=c.recency, frequency=c.frequency, customers=c.customers,
                                    revenue_12m=c.revenue_12m) for c in s.rfm],
                   revenue_window=RevenueWindowRead.of(s.revenue_run.revenue_window(time_zone))
                   if s.revenue_run else None)


class ChurnRiskRead(BaseModel):
    customer_id: int
    code: str
    name: str
    owner: UserRef | None
    health_score: Decimal
    health_before: Decimal
    health_change: Decimal
    segment: str | None
    stage: LifecycleStage
    value_class: ValueClass | None
    reasons: list[SignalRead] = Field(description="The signals pulling the score down, largest first.")

    @classmethod
    def of(cls, r: ChurnRisk) -> ChurnRiskRead:
        return cls(customer_id=r.customer_id, code=r.code, name=r.name, owner=_user(r.owner),
                   health_score=r.health_score, health_before=r.health_before, health_change=r.health_change,
                   segment=r.segment, stage=r.stage, value_class=r.value_class,
                   reasons=[SignalRead.of(s) for s in r.reasons])


class SegmentSizeRead(BaseModel):
    as_of: date
    segment: str
    customers: int
    revenue_12m: Decimal = Field(description="Net revenue of the four complete quarters to `as_of`.")
    revenue_window: RevenueWindowRead

    @classmethod
    def of(cls, s: SegmentSize) -> SegmentSizeRead:
        return cls(as_of=s.as_of, segment=s.segment, customers=s.customers, revenue_12m=s.revenue_12m,
                   revenue_window=RevenueWindowRead.of(HealthWindows(s.as_of).revenue_window()))
