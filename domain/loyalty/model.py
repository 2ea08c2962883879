"""Loyalty metrics (docs/domain.md section 6), first part: RFM scores and segments.

RFM as of a date: recency (days since the last purchase), frequency (purchases) and monetary value (net
revenue) per customer who has bought, each turned into a quintile score 1-5 (5 = most recent, most
frequent, most valuable). Customers are ranked on each figure, best first with ties broken by customer id,
and cut into five groups of equal size where the first groups take one more (PostgreSQL's `ntile`), so the
set-based recompute and this reference give the same scores. Segments come from the recency and frequency
scores through ordered rules (first match wins), which are data an administrator can change; the default is
the widely used eleven-segment grid.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from domain.errors import FieldError
from domain.loyalty.clv import (
    WEEKS_PER_MONTH,
    BgNbdParams,
    CustomerSummary,
    GammaGammaParams,
    ModelFitError,
    customer_lifetime_value,
    expected_average_order_value,
    expected_purchases,
    fit_bg_nbd,
    fit_gamma_gamma,
    probability_alive,
)
from domain.orders.windows import RevenueWindow, WindowKind, next_12_months
from domain.organisation.model import UserRef
from domain.tiering.model import TierRun

K = TypeVar("K")
SCORES = frozenset(range(1, 6))


@dataclass(frozen=True)
class RfmFigures:
    """A buying customer's figures as of the RFM date."""

    recency_days: int
    frequency: int
    monetary: Decimal


@dataclass(frozen=True)
class RfmScore:
    recency: int
    frequency: int
    monetary: int

    @property
    def code(self) -> str:
        """"545": recency, frequency, monetary scores, as analysts write them."""
        return f"{self.recency}{self.frequency}{self.monetary}"


def quintile_scores(figures: Sequence[tuple[K, int | Decimal]], *, larger_is_better: bool) -> dict[K, int]:
    """Score 5 for the best fifth of the customers, 1 for the worst; ties in the figure go by key."""
    ordered = sorted(figures, key=lambda kv: (-kv[1] if larger_is_better else kv[1], kv[0]))
    size, extra = divmod(len(ordered), 5)
    scores: dict[K, int] = {}
    start = 0
    for group in range(5):
        count = size + (1 if group < extra else 0)
        for key, _ in ordered[start:start + count]:
            scores[key] = 5 - group
        start += count
    return scores


def rfm_scores(customers: Sequence[tuple[K, RfmFigures]]) -> dict[K, RfmScore]:
    """Quintile scores on each figure for customers who have bought."""
    recency = quintile_scores([(k, f.recency_days) for k, f in customers], larger_is_better=False)
    frequency = quintile_scores([(k, f.frequency) for k, f in customers], larger_is_better=True)
    monetary = quintile_scores([(k, f.monetary) for k, f in customers], larger_is_better=True)
    return {k: RfmScore(recency[k], frequency[k], monetary[k]) for k, _ in customers}


@dataclass(frozen=True)
class SegmentRule:
    """A named segment and the recency and frequency scores that put a customer in it."""

    key: str
    label_zh: str
    label_en: str
    recency: frozenset[int]
    frequency: frozenset[int]

    def matches(self, score: RfmScore) -> bool:
        return score.recency in self.recency and score.frequency in self.frequency


def segment_of(rules: Sequence[SegmentRule], score: RfmScore) -> SegmentRule:
    """The first rule that matches; the rules must cover every pair of scores (see `segment_rule_problems`)."""
    for rule in rules:
        if rule.matches(score):
            return rule
    raise ValueError(f"no segment rule covers recency {score.recency}, frequency {score.frequency}")


def segment_rule_problems(rules: Sequence[SegmentRule]) -> list[FieldError]:
    errors = []
    keys = [r.key for r in rules]
    for index, rule in enumerate(rules):
        if not rule.key or keys.count(rule.key) > 1:
            errors.append(FieldError(f"rules.{index}.key", "each segment needs its own key"))
        if not rule.recency <= SCORES or not rule.frequency <= SCORES or not rule.recency or not rule.frequency:
            errors.append(FieldError(f"rules.{index}", "scores are 1 to 5, at least one per figure"))
    uncovered = [f"{r}{f}" for r in sorted(SCORES) for f in sorted(SCORES)
                 if not any(rule.matches(RfmScore(r, f, 1)) for rule in rules)]
    if uncovered:
        errors.append(FieldError("rules", f"no segment for recency/frequency scores {', '.join(uncovered)}"))
    return errors


def _rule(key: str, zh: str, en: str, recency: str, frequency: str) -> SegmentRule:
    return SegmentRule(key, zh, en, frozenset(int(c) for c in recency), frozenset(int(c) for c in frequency))


def default_segment_rules() -> tuple[SegmentRule, ...]:
    """The eleven-segment RFM grid on recency x frequency scores, in order."""
    return (
        _rule("champions", "重要价值客户", "Champions", "5", "45"),
        _rule("loyal", "忠诚客户", "Loyal", "34", "45"),
        _rule("potential_loyalists", "潜力客户", "Potential loyalists", "45", "23"),
        _rule("new", "新客户", "New", "5", "1"),
        _rule("promising", "有望客户", "Promising", "4", "1"),
        _rule("need_attention", "需关注客户", "Need attention", "3", "3"),
        _rule("about_to_sleep", "即将沉睡客户", "About to sleep", "3", "12"),
        _rule("cant_lose", "不能失去的客户", "Can't lose", "12", "5"),
        _rule("at_risk", "流失风险客户", "At risk", "12", "34"),
        _rule("hibernating", "沉睡客户", "Hibernating", "2", "12"),
        _rule("lost", "流失客户", "Lost", "1", "12"),
    )


# --- The recompute over all customers: figures per customer as arrays (one row per customer) ---------------------
#
# The database hands over one array per measure (repositories/loyalty/repository.py, one statement); everything below is
# vectorised over customers with numpy, so a recompute of 200,000 customers is a handful of array operations
# rather than a Python loop. NaN means "not known" (a customer who never bought has no recency).

FloatArray = NDArray[np.float64]


def quarter_start(day: date) -> date:
    """The first day of the day's calendar quarter."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def add_quarters(start: date, count: int) -> date:
    """The first day of the quarter `count` quarters after (negative: before) the one starting on `start`."""
    months = start.year * 12 + start.month - 1 + 3 * count
    return date(months // 12, months % 12 + 1, 1)


@dataclass(frozen=True)
class HealthWindows:
    """The calendar quarters (company time zone, like the score sheets') the health check compares, as of a day.

    The trend signals compare the last complete quarter with the same quarter a year before, and the four
    quarters to it with the four before; a quarter still running is not compared with a whole one. Purchases
    count up to the day itself. The health "a quarter before" (the churn-risk list's change) is the same check
    as of the last day of the quarter before the last complete one."""

    as_of: date

    @property
    def current(self) -> date:
        """The first day of the quarter of `as_of`."""
        return quarter_start(self.as_of)

    @property
    def last_complete(self) -> date:
        """The first day of the last quarter that has ended by the end of `as_of`."""
        ends_today = add_quarters(self.current, 1) - timedelta(days=1) == self.as_of
        return self.current if ends_today else add_quarters(self.current, -1)

    def quarter(self, back: int) -> date:
        """The first day of the quarter `back` quarters before the last complete one."""
        return add_quarters(self.last_complete, -back)

    @property
    def before(self) -> date:
        """The day the health "a quarter before" is taken on: the last day of the quarter before the last
        complete one."""
        return self.last_complete - timedelta(days=1)

    def revenue_window(self) -> RevenueWindow:
        """The window of the 12-month measures (RFM's frequency and monetary, the share of wallet): the four
        quarters to the last complete one."""
        return RevenueWindow(WindowKind.COMPLETE_QUARTERS, self.quarter(3),
                             add_quarters(self.last_complete, 1) - timedelta(days=1))

    def is_measurable(self, today: date) -> bool:
        """Facts are kept by quarter, so a past day must end its quarter (today is always measurable)."""
        return self.as_of == today or (self.as_of < today and self.last_complete == self.current)


def rfm_score_arrays(keys: NDArray[np.int64], recency_days: FloatArray, frequency: FloatArray,
                     monetary: FloatArray) -> tuple[NDArray[np.int8], NDArray[np.int8], NDArray[np.int8]]:
    """`quintile_scores` on arrays: (recency, frequency, monetary) scores 1-5 for each customer."""
    return (_quintiles(keys, recency_days, larger_is_better=False),
            _quintiles(keys, frequency, larger_is_better=True),
            _quintiles(keys, monetary, larger_is_better=True))


def _quintiles(keys: NDArray[np.int64], figure: FloatArray, *, larger_is_better: bool) -> NDArray[np.int8]:
    n = len(keys)
    order = np.lexsort((keys, -figure if larger_is_better else figure))
    size, extra = divmod(n, 5)
    group_sizes = [size + (1 if g < extra else 0) for g in range(5)]
    ranked_scores = np.repeat(np.arange(5, 0, -1, dtype=np.int8), group_sizes)
    scores = np.empty(n, dtype=np.int8)
    scores[order] = ranked_scores
    return scores


def segment_indexes(rules: Sequence[SegmentRule], recency: NDArray[np.int8],
                    frequency: NDArray[np.int8]) -> NDArray[np.int16]:
    """Each customer's segment as an index into `rules` (first match wins), through a 5 x 5 table."""
    table = np.empty((6, 6), dtype=np.int16)
    for r in SCORES:
        for f in SCORES:
            table[r, f] = rules.index(segment_of(rules, RfmScore(r, f, 1)))
    return table[recency, frequency]


class HealthSignal(StrEnum):
    """The relationship health check of docs/domain.md section 6, one signal per line of it."""

    RECENCY = "recency"  # days since the last order against the customer's own typical interval
    REVENUE_TREND = "revenue_trend"  # net revenue, last complete quarter vs the same quarter a year before
    SHARE_OF_WALLET_TREND = "share_of_wallet_trend"  # last 12 months vs the 12 before, over annual purchasing
    DISCOUNT_TREND = "discount_trend"  # discount share of list value, last complete quarter vs a year before
    ISSUE_TREND = "cancellations_returns_trend"  # cancelled or returned orders per order, same windows
    COMPLAINT_TREND = "complaints_trend"  # complaints, same windows (once complaints are recorded)
    CONTACT_CHANGES = "contact_changes"  # contact people added, changed or ended in the last 12 months


DEFAULT_HEALTH_WEIGHTS: dict[HealthSignal, Decimal] = {
    HealthSignal.RECENCY: Decimal(30),
    HealthSignal.REVENUE_TREND: Decimal(25),
    HealthSignal.SHARE_OF_WALLET_TREND: Decimal(10),
    HealthSignal.DISCOUNT_TREND: Decimal(10),
    HealthSignal.ISSUE_TREND: Decimal(10),
    HealthSignal.COMPLAINT_TREND: Decimal(10),
    HealthSignal.CONTACT_CHANGES: Decimal(5),
}


@dataclass(frozen=True)
class HealthMeasures:
    """What the health check reads, as of one date, one value per customer (NaN: not known).

    Windows (`HealthWindows`): "the quarter" is the last complete calendar quarter, "a year before" the same
    quarter a year earlier; "12 months" are the last four complete quarters, "the 12 before" the four before
    those. Recency and the typical interval count purchases up to the date itself."""

    days_since_last: FloatArray  # days from the last purchase day to the date; NaN: never bought
    typical_interval: FloatArray  # mean days between purchase days ((last - first) / (days - 1)); NaN: < 2 days
    revenue_quarter: FloatArray
    revenue_quarter_year_before: FloatArray
    revenue_12m: FloatArray
    revenue_12m_before: FloatArray
    annual_purchasing: FloatArray  # the customer's declared yearly purchasing from all suppliers; NaN: unknown
    discount_share_quarter: FloatArray  # discount / list value of the quarter's purchases; NaN: no purchases
    discount_share_year_before: FloatArray
    issue_rate_quarter: FloatArray  # (cancelled + returned orders) / orders placed; NaN: no orders placed
    issue_rate_year_before: FloatArray
    complaints_quarter: FloatArray  # NaN until complaints are recorded
    complaints_year_before: FloatArray
    contact_changes_12m: FloatArray


@dataclass(frozen=True)
class HealthRules:
    """How far each signal must move to count fully (its score is -1 .. 1, linear in between)."""

    default_interval_days: Decimal = Decimal(30)  # a customer's typical interval until they have bought twice
    revenue_change: Decimal = Decimal("0.5")  # +-50% of the year-before quarter
    share_change: Decimal = Decimal("0.2")  # +-20 points of share of wallet
    discount_change: Decimal = Decimal("0.1")  # +-10 points of discount share
    issue_change: Decimal = Decimal("0.2")  # +-20 points of cancelled or returned orders
    complaint_change: Decimal = Decimal(2)  # +-2 complaints a quarter
    # Contact changes are a risk only (the buyer's people turning over): none is 0, this many a year or more -1.
    contact_changes_full: Decimal = Decimal(2)


@dataclass(frozen=True)
class HealthScores:
    """The health score 0-100 (NaN for customers who never bought) and each signal's contribution in points:
    score = 50 + the sum of the contributions. Each contribution is 50 x weight x signal score / the sum of
    the weights of the signals known for that customer, so unknown signals leave the scale unchanged."""

    score: FloatArray
    signal_scores: dict[HealthSignal, FloatArray]  # -1 .. 1, NaN: not known for the customer
    points: dict[HealthSignal, FloatArray]  # contribution in score points, NaN: not known


def _clip(values: FloatArray) -> FloatArray:
    return np.asarray(np.clip(values, -1.0, 1.0), dtype=np.float64)


def signal_scores(m: HealthMeasures, rules: HealthRules = HealthRules()) -> dict[HealthSignal, FloatArray]:
    """Each signal as a score from -1 (bad) to 1 (good); NaN where the signal is not known."""
    with np.errstate(divide="ignore", invalid="ignore"):
        interval = np.where(np.isnan(m.typical_interval), float(rules.default_interval_days),
                            np.maximum(m.typical_interval, 1.0))
        # Within the usual interval: +1; twice it: 0; three times or more: -1.
        recency = _clip(2.0 - m.days_since_last / interval)
        growth = np.where(m.revenue_quarter_year_before > 0,
                          m.revenue_quarter / m.revenue_quarter_year_before - 1.0, np.nan)
        revenue = _clip(growth / float(rules.revenue_change))
        known_wallet = (m.annual_purchasing > 0) & ((m.revenue_12m > 0) | (m.revenue_12m_before > 0))
        share_change = np.where(known_wallet, (m.revenue_12m - m.revenue_12m_before) / m.annual_purchasing, np.nan)
        share = _clip(share_change / float(rules.share_change))
        discount = _clip(-(m.discount_share_quarter - m.discount_share_year_before) / float(rules.discount_change))
        issues = _clip(-(m.issue_rate_quarter - m.issue_rate_year_before) / float(rules.issue_change))
        complaints = _clip(-(m.complaints_quarter - m.complaints_year_before) / float(rules.complaint_change))
        contacts = _clip(-m.contact_changes_12m / float(rules.contact_changes_full))
    return {HealthSignal.RECENCY: recency, HealthSignal.REVENUE_TREND: revenue,
            HealthSignal.SHARE_OF_WALLET_TREND: share, HealthSignal.DISCOUNT_TREND: discount,
            HealthSignal.ISSUE_TREND: issues, HealthSignal.COMPLAINT_TREND: complaints,
            HealthSignal.CONTACT_CHANGES: contacts}


def health_scores(m: HealthMeasures, weights: Mapping[HealthSignal, Decimal],
                  rules: HealthRules = HealthRules()) -> HealthScores:
    """The weighted health score with each signal's contribution (see `HealthScores`); customers who never
    bought (no recency) have none."""
    scores = signal_scores(m, rules)
    known_weight = np.zeros_like(m.days_since_last)
    for signal, values in scores.items():
        known_weight += np.where(np.isnan(values), 0.0, float(weights.get(signal, 0)))
    points: dict[HealthSignal, FloatArray] = {}
    bought = ~np.isnan(m.days_since_last)
    with np.errstate(divide="ignore", invalid="ignore"):
        for signal, values in scores.items():
            weight = float(weights.get(signal, 0))
            points[signal] = np.where(bought & (known_weight > 0), 50.0 * weight * values / known_weight, np.nan)
    total = np.nansum(np.column_stack(list(points.values())), axis=1) if points else np.zeros_like(known_weight)
    score = np.where(bought & (known_weight > 0), np.clip(50.0 + total, 0.0, 100.0), np.nan)
    return HealthScores(np.asarray(score, dtype=np.float64), scores, points)


def health_weight_problems(weights: Mapping[str, Decimal]) -> list[FieldError]:
    errors = [FieldError(f"health_weights.{k}", "not a health signal") for k in weights
              if k not in HealthSignal.__members__.values()]
    errors += [FieldError(f"health_weights.{k}", "a weight is 0 or more") for k, v in weights.items() if v < 0]
    if not errors and sum(weights.values(), Decimal(0)) <= 0:
        errors.append(FieldError("health_weights", "at least one weight above 0"))
    return errors


# --- Lifecycle stages, value classes, core customers -------------------------------------------------------------

class LifecycleStage(StrEnum):
    """Seed 003's customer lifecycle: the relationship's stage, not the customer's size."""

    EXPLORATION = "exploration"  # 考察期: new, still being tried out
    FORMATION = "formation"  # 形成期: young and growing fast
    STABILITY = "stability"  # 稳定期: mature
    DECLINE = "decline"  # 退化期: turning away


class ValueClass(StrEnum):
    """Seed 004's value classes."""

    VALUE = "value"  # 价值客户: high current value
    POTENTIAL = "potential"  # 潜力客户: active, with room to grow
    MIGRATING = "migrating"  # 迁移客户: moving their purchasing away
    FREEZING_POINT = "freezing_point"  # 冰点客户: dormant


@dataclass(frozen=True)
class LifecycleRules:
    """The thresholds of the stage and class rules (see `lifecycle_stages` and `value_classes`)."""

    exploration_days: int = 180  # a relationship younger than this (first purchase) is being explored
    formation_days: int = 365  # younger than this, it is still forming
    growth: Decimal = Decimal("0.2")  # revenue trend at or above +20%: growing (formation)
    decline: Decimal = Decimal("-0.3")  # revenue trend at or below -30%: declining
    decline_interval_factor: Decimal = Decimal(2)  # silent for more than twice the typical interval: declining
    dormant_days: int = 180  # no purchase for longer: freezing point
    migrating: Decimal = Decimal("-0.2")  # revenue trend at or below -20%: migrating
    migrating_share_points: Decimal = Decimal("0.1")  # or share of wallet down 10 points or more

    def problems(self) -> list[FieldError]:
        errors = []
        if not 0 < self.exploration_days <= self.formation_days:
            errors.append(FieldError("lifecycle.exploration_days", "above 0 and at most formation_days"))
        if self.dormant_days <= 0:
            errors.append(FieldError("lifecycle.dormant_days", "above 0"))
        # Each on its own field, so the settings form shows the message where the value is entered.
        if self.decline >= 0:
            errors.append(FieldError("lifecycle.decline", "a fall: below 0"))
        if self.migrating >= 0:
            errors.append(FieldError("lifecycle.migrating", "a fall: below 0"))
        if self.growth <= 0:
            errors.append(FieldError("lifecycle.growth", "above 0"))
        if self.decline_interval_factor < 1:
            errors.append(FieldError("lifecycle.decline_interval_factor", "at least 1"))
        if self.migrating_share_points <= 0:
            errors.append(FieldError("lifecycle.migrating_share_points", "above 0"))
        return errors


@dataclass(frozen=True)
class RelationshipFigures:
    """What stages and classes read, one value per customer."""

    days_since_first: FloatArray  # NaN: never bought
    days_since_last: FloatArray
    typical_interval: FloatArray
    revenue_trend: FloatArray  # last complete quarter / the same quarter a year before - 1; NaN: nothing a year before
    share_change: FloatArray  # share-of-wallet change in points (0.1 = 10 points); NaN: unknown
    high_value: NDArray[np.bool_]  # ABC class A: the customers making the first 80% of revenue
    high_potential: NDArray[np.bool_]  # potential grade A, or the predicted next 12 months above the last 12


# Trends are ratios of money in binary floating point (1200 / 1000 - 1 = 0.19999999999999996): a trend exactly at a
# threshold must count as reaching it, so the threshold comparisons allow this much.
TREND_TOLERANCE = 1e-9


def _at_or_below(values: FloatArray, limit: Decimal) -> NDArray[np.bool_]:
    return np.nan_to_num(values, nan=np.inf) <= float(limit) + TREND_TOLERANCE


def lifecycle_stages(f: RelationshipFigures, rules: LifecycleRules = LifecycleRules()) -> NDArray[np.object_]:
    """First match wins:
    1. exploration: never bought, or the first purchase less than `exploration_days` ago;
    2. decline: revenue trend at or below `decline`, or silent for more than `decline_interval_factor` times the
       typical interval (`HealthRules.default_interval_days` before a second purchase);
    3. formation: the first purchase less than `formation_days` ago, or revenue trend at or above `growth`;
    4. stability: the rest."""
    interval = np.where(np.isnan(f.typical_interval), float(HealthRules().default_interval_days),
                        f.typical_interval)
    exploration = np.isnan(f.days_since_first) | (f.days_since_first < rules.exploration_days)
    silent = f.days_since_last > float(rules.decline_interval_factor) * interval
    decline = _at_or_below(f.revenue_trend, rules.decline) | silent
    growing = np.nan_to_num(f.revenue_trend, nan=-np.inf) >= float(rules.growth) - TREND_TOLERANCE
    formation = (f.days_since_first < rules.formation_days) | growing
    return np.select([exploration, decline, formation],
                     [LifecycleStage.EXPLORATION.value, LifecycleStage.DECLINE.value,
                      LifecycleStage.FORMATION.value], LifecycleStage.STABILITY.value).astype(object)


def value_classes(f: RelationshipFigures, rules: LifecycleRules = LifecycleRules()) -> NDArray[np.object_]:
    """First match wins (None for customers who never bought):
    1. freezing point: no purchase for more than `dormant_days`;
    2. migrating: revenue trend at or below `migrating`, or share of wallet down `migrating_share_points`;
    3. value: high current value (ABC class A);
    4. potential: the rest, active customers with room to grow."""
    never = np.isnan(f.days_since_last)
    dormant = f.days_since_last > rules.dormant_days
    migrating = (_at_or_below(f.revenue_trend, rules.migrating)
                 | _at_or_below(f.share_change, -rules.migrating_share_points))
    classes = np.select([dormant, migrating, f.high_value],
                        [ValueClass.FREEZING_POINT.value, ValueClass.MIGRATING.value, ValueClass.VALUE.value],
                        ValueClass.POTENTIAL.value).astype(object)
    classes[never] = None
    return classes


def core_customers(f: RelationshipFigures, classes: NDArray[np.object_]) -> NDArray[np.bool_]:
    """Seed 003's core customers: high current value and high growth potential, so value customers (not
    moving away, not dormant) with high potential."""
    return np.asarray((classes == ValueClass.VALUE.value) & f.high_potential, dtype=np.bool_)


# --- Settings, runs and the evaluation of a whole portfolio ------------------------------------------------------

@dataclass(frozen=True)
class LoyaltySettings:
    """Everything a loyalty recompute reads besides the orders: lifetime-value economics, health weights,
    stage and class thresholds, segment rules. One row, edited by administrators, versioned."""

    margin_percent: Decimal = Decimal(20)  # gross margin on net revenue: future profit = CLV of revenue x margin
    annual_discount_rate_percent: Decimal = Decimal(10)
    horizon_months: int = 12  # the CLV horizon
    health_weights: Mapping[HealthSignal, Decimal] = field(default_factory=lambda: dict(DEFAULT_HEALTH_WEIGHTS))
    lifecycle: LifecycleRules = LifecycleRules()
    segment_rules: tuple[SegmentRule, ...] = field(default_factory=default_segment_rules)
    version: int = 0

    def problems(self) -> list[FieldError]:
        errors = []
        if not 0 <= self.margin_percent <= 100:
            errors.append(FieldError("margin_percent", "0 to 100"))
        if not -100 < self.annual_discount_rate_percent <= 100:
            errors.append(FieldError("annual_discount_rate_percent", "above -100 and at most 100"))
        if not 1 <= self.horizon_months <= 120:
            errors.append(FieldError("horizon_months", "1 to 120 months"))
        errors += health_weight_problems({str(k): v for k, v in self.health_weights.items()})
        errors += self.lifecycle.problems()
        errors += [FieldError(f"segment_{e.field}", e.message) for e in segment_rule_problems(self.segment_rules)]
        return errors


class LoyaltyRunTrigger(StrEnum):
    MANUAL = "manual"
    CLI = "cli"
    NIGHTLY = "nightly"
    DEMO = "demo"


@dataclass(frozen=True)
class ClvFit:
    """A fit of both lifetime-value models: parameters, on which data, when and how long it took."""

    bg_nbd: BgNbdParams
    gamma_gamma: GammaGammaParams
    customers: int
    spenders: int
    data_from: date | None  # the first purchase day seen
    data_to: date  # the end of the calibration period (the run's date)
    seconds: float


@dataclass(frozen=True)
class LoyaltyRun:
    id: int
    trigger: LoyaltyRunTrigger
    triggered_by: UserRef | None
    as_of: date
    started_at: datetime
    finished_at: datetime | None
    customers: int | None
    fit: ClvFit | None
    fit_error: str | None
    settings_version: int


@dataclass(frozen=True)
class PortfolioMeasures:
    """Per-customer figures of the recompute, one array each, all the same length (customers in id order):
    RFM as of the date, the health measures now and (unless recorded) one quarter before, the purchase summary
    the lifetime-value models read, and the tier facts the classes read."""

    customer_ids: NDArray[np.int64]
    days_since_first: FloatArray
    frequency_12m: FloatArray  # purchase days in the last 12 months (RFM frequency)
    health_now: HealthMeasures
    health_quarter_before: HealthMeasures | None  # None when the recorded health of that day is used
    high_value: NDArray[np.bool_]
    potential_grade_a: NDArray[np.bool_]
    clv_summary: CustomerSummary  # of the customers who bought, with their ids


@dataclass(frozen=True)
class RecordedHealth:
    """Every customer's health score as of a quarter's last day (NaN: none), customers in id order: the health "a
    quarter before" of the runs of the following quarter, computed by the first of them and read by the rest
    (dropped when orders of the quarters up to that day change, unused once the settings change)."""

    customer_ids: NDArray[np.int64]
    scores: FloatArray

    @classmethod
    def of(cls, m: PortfolioMeasures, settings: LoyaltySettings) -> RecordedHealth:
        """The health a quarter before of the customers of `m` (measured with `quarter_before`)."""
        if m.health_quarter_before is None:
            raise ValueError("the measures were taken without the quarter before")
        return cls(m.customer_ids, health_scores(m.health_quarter_before, settings.health_weights).score)

    def aligned(self, customer_ids: NDArray[np.int64]) -> FloatArray:
        """The scores of `customer_ids` (in id order); NaN for customers not recorded (created since)."""
        scores = np.full(len(customer_ids), np.nan)
        if len(self.customer_ids):
            at = np.minimum(np.searchsorted(self.customer_ids, customer_ids), len(self.customer_ids) - 1)
            found = self.customer_ids[at] == customer_ids
            scores[found] = self.scores[at[found]]
        return scores


@dataclass(frozen=True)
class PortfolioResults:
    """What a recompute stores per customer (arrays aligned with `PortfolioMeasures.customer_ids`)."""

    rfm: tuple[NDArray[np.int8], NDArray[np.int8], NDArray[np.int8]] | None  # None: nobody has bought
    bought: NDArray[np.bool_]
    segment: NDArray[np.object_]  # segment key, None for customers who never bought
    health: HealthScores
    health_before: FloatArray
    stage: NDArray[np.object_]
    value_class: NDArray[np.object_]
    core: NDArray[np.bool_]
    predictions: dict[str, FloatArray]  # p_alive, expected_purchases, expected_order_value,
    # predicted_revenue_12m, future_profit: NaN where no fit


def evaluate_portfolio(m: PortfolioMeasures, settings: LoyaltySettings, predictions: dict[str, FloatArray],
                       health_before: FloatArray) -> PortfolioResults:
    """RFM, segments, health, stages, value classes and core customers for every customer of `m`, given the
    lifetime-value predictions and the health a quarter before (aligned with the customers, NaN where none)."""
    now = m.health_now
    bought = ~np.isnan(now.days_since_last)
    segment = np.full(len(m.customer_ids), None, dtype=object)
    rfm: tuple[NDArray[np.int8], NDArray[np.int8], NDArray[np.int8]] | None = None
    if bought.any():
        scores = rfm_score_arrays(m.customer_ids[bought], now.days_since_last[bought], m.frequency_12m[bought],
                                  now.revenue_12m[bought])
        rfm = (_spread(scores[0], bought), _spread(scores[1], bought), _spread(scores[2], bought))
        keys = np.array([r.key for r in settings.segment_rules], dtype=object)
        segment[bought] = keys[segment_indexes(settings.segment_rules, scores[0], scores[1])]
    health = health_scores(now, settings.health_weights)
    with np.errstate(divide="ignore", invalid="ignore"):
        trend = np.where(now.revenue_quarter_year_before > 0,
                         now.revenue_quarter / now.revenue_quarter_year_before - 1.0, np.nan)
        share_change = np.where(now.annual_purchasing > 0,
                                (now.revenue_12m - now.revenue_12m_before) / now.annual_purchasing, np.nan)
    predicted = predictions.get("predicted_revenue_12m", np.full(len(m.customer_ids), np.nan))
    figures = RelationshipFigures(
        days_since_first=m.days_since_first, days_since_last=now.days_since_last,
        typical_interval=now.typical_interval, revenue_trend=trend, share_change=share_change,
        high_value=m.high_value,
        high_potential=m.potential_grade_a | (np.nan_to_num(predicted, nan=-np.inf) > now.revenue_12m))
    classes = value_classes(figures, settings.lifecycle)
    return PortfolioResults(rfm, bought, segment, health, health_before, lifecycle_stages(figures, settings.lifecycle),
                            classes, core_customers(figures, classes), predictions)


def _spread(values: NDArray[np.int8], mask: NDArray[np.bool_]) -> NDArray[np.int8]:
    full = np.zeros(len(mask), dtype=np.int8)
    full[mask] = values
    return full


PREDICTIONS = ("p_alive", "expected_purchases", "expected_order_value", "predicted_revenue_12m", "future_profit")


MAX_MONEY = 1e15


def clv_predictions(customer_ids: NDArray[np.int64], summary: CustomerSummary, settings: LoyaltySettings,
                    as_of: date) -> tuple[ClvFit | None, str | None, dict[str, FloatArray]]:
    """Fits BG/NBD and Gamma-Gamma on the summary (calibration ending `as_of`) and predicts, for every customer
    of `customer_ids` (NaN for those not in the summary, who never bought): probability alive, expected
    purchases over the horizon, expected order value, expected net revenue of the next 12 months, and future
    profit = the CLV over the horizon at the margin and discount rate of the settings. When the data cannot
    identify the models (too few customers), no predictions and the reason."""
    empty = {name: np.full(len(customer_ids), np.nan) for name in PREDICTIONS}
    if summary.customer_ids is None or len(summary) == 0:
        return None, "no customer has bought yet", empty
    started = time.perf_counter()
    try:


        bg_nbd = fit_bg_nbd(summary)
        gamma_gamma = fit_gamma_gamma(summary)
    except ModelFitError as exc:
        return None, str(exc), empty
    horizon_weeks = settings.horizon_months * WEEKS_PER_MONTH
    value = expected_average_order_value(gamma_gamma, summary)
    figures = {
        "p_alive": probability_alive(bg_nbd, summary),
        "expected_purchases": expected_purchases(bg_nbd, summary, horizon_weeks),
        "expected_order_value": value,
        "predicted_revenue_12m": expected_purchases(bg_nbd, summary, 12 * WEEKS_PER_MONTH) * value,
        "future_profit": customer_lifetime_value(
            bg_nbd, gamma_gamma, summary, months=settings.horizon_months,
            margin=float(settings.margin_percent) / 100,
            annual_discount_rate=float(settings.annual_discount_rate_percent) / 100),
    }
    fit = ClvFit(bg_nbd, gamma_gamma, len(summary), int(summary.spenders.sum()),
                 as_of - timedelta(days=round(float(summary.T.max()) * 7)), as_of, time.perf_counter() - started)
    positions = np.searchsorted(customer_ids, summary.customer_ids)
    for name, values in figures.items():
        # Money is stored as numeric(18, 2): a figure beyond any business's scale is the models failing for that
        # customer, so it is unknown rather than a wrong number (or a failed run).
        empty[name][positions] = np.where(np.abs(values) < MAX_MONEY, values, np.nan)
    return fit, None, empty


# --- What the API reads ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignalReading:
    """One health signal of one customer: its score (-1 .. 1), its contribution in points, and the figures it
    compares (value against baseline); None where unknown."""

    signal: HealthSignal
    score: float | None
    points: float | None
    value: float | None
    baseline: float | None


def reasons(readings: Sequence[SignalReading]) -> tuple[SignalReading, ...]:
    """The known signals, the largest contributions (either way) first: why the score is what it is."""
    known = [r for r in readings if r.points is not None]
    unknown = [r for r in readings if r.points is None]
    return (*sorted(known, key=lambda r: (-abs(r.points or 0), r.signal.value)), *unknown)


@dataclass(frozen=True)
class CustomerLoyalty:
    customer_id: int
    as_of: date
    run_id: int
    recency_days: int | None
    frequency_12m: int | None
    monetary_12m: Decimal | None
    rfm: RfmScore | None
    segment: str | None
    health_score: Decimal | None
    health_before: Decimal | None
    health_change: Decimal | None
    signals: tuple[SignalReading, ...]  # `reasons` order
    stage: LifecycleStage
    value_class: ValueClass | None
    core: bool
    p_alive: float | None
    expected_purchases: float | None
    expected_order_value: Decimal | None
    predicted_revenue_12m: Decimal | None
    future_profit: Decimal | None
    # Complaints this quarter to date and last quarter, counted when read (docs/domain.md section 6): the health
    # signal compares complete quarters as of the recompute, so it cannot show a complaint made since.
    complaints: tuple[QuarterComplaints, ...] = ()

    @property
    def monetary_window(self) -> RevenueWindow:
        """The window of `frequency_12m` and `monetary_12m`: the last four complete quarters as of `as_of`."""
        return HealthWindows(self.as_of).revenue_window()

    @property
    def predicted_window(self) -> RevenueWindow:
        """The window `predicted_revenue_12m` forecasts: the twelve months after `as_of`."""
        return next_12_months(self.as_of)


@dataclass(frozen=True)
class QuarterComplaints:
    """The complaints a customer made in one calendar quarter (company time zone); to date for the current one."""

    quarter_start: date
    current: bool
    count: int


@dataclass(frozen=True)
class ChurnRisk:
    """A customer whose health fell over the last quarter, with the signals pulling it down."""

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
    reasons: tuple[SignalReading, ...]  # the negative contributions, largest first


@dataclass(frozen=True)
class Count:
    key: str | None
    customers: int
    revenue_12m: Decimal


@dataclass(frozen=True)
class RfmCell:
    recency: int
    frequency: int
    customers: int
    revenue_12m: Decimal


@dataclass(frozen=True)
class PortfolioSummary:
    """The loyalty picture of the customers in a scope as of the latest recompute."""

    run: LoyaltyRun | None
    customers: int
    segments: tuple[Count, ...]
    stages: tuple[Count, ...]
    value_classes: tuple[Count, ...]
    core: Count
    health_buckets: tuple[int, ...]  # customers with a score in [0,10), [10,20) ... [90,100]
    no_health: int  # customers who never bought
    rfm: tuple[RfmCell, ...]
    # The revenue per segment, stage, class and cell is the trailing-12-month net revenue of the latest tier
    # recompute, the tiers page's figure (docs/domain.md section 5, "Revenue windows"); that run gives its window.
    revenue_run: TierRun | None = None


@dataclass(frozen=True)
class SegmentSize:
    as_of: date
    segment: str
    customers: int
    revenue_12m: Decimal
