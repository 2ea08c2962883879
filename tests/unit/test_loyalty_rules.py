"""The loyalty rules of the portfolio recompute (docs/domain.md section 6): health signals and scores, lifecycle
stages, value classes, core customers, the vectorised RFM, the settings' checks, the portfolio evaluation and
the lifetime-value predictions, without a database."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from domain.loyalty.clv import CustomerSummary
from domain.loyalty.model import (
    DEFAULT_HEALTH_WEIGHTS,
    PREDICTIONS,
    HealthMeasures,
    HealthRules,
    HealthScores,
    HealthSignal,
    LifecycleRules,
    LifecycleStage,
    LoyaltySettings,
    PortfolioMeasures,
    RecordedHealth,
    RelationshipFigures,
    RfmFigures,
    RfmScore,
    SegmentRule,
    SignalReading,
    ValueClass,
    clv_predictions,
    core_customers,
    default_segment_rules,
    evaluate_portfolio,
    health_scores,
    health_weight_problems,
    lifecycle_stages,
    reasons,
    rfm_score_arrays,
    rfm_scores,
    segment_indexes,
    segment_of,
    signal_scores,
    value_classes,
)
from tests.cdnow import CALIBRATION_END, published_summary

NAN = math.nan
S = HealthSignal

# A steady customer: bought 10 days ago, every 30 days, revenue and share of wallet flat, discounts, cancellations
# and complaints unchanged, no contact changes. Every signal is known and scores 0 except recency (+1), so with the
# default weights (100 in all) the score is 50 + 50 x 30 / 100 = 65.
STEADY: dict[str, float] = {
    "days_since_last": 10, "typical_interval": 30,
    "revenue_quarter": 1000, "revenue_quarter_year_before": 1000,
    "revenue_12m": 4000, "revenue_12m_before": 4000, "annual_purchasing": 20000,
    "discount_share_quarter": 0.1, "discount_share_year_before": 0.1,
    "issue_rate_quarter": 0.05, "issue_rate_year_before": 0.05,
    "complaints_quarter": 1, "complaints_year_before": 1,
    "contact_changes_12m": 0,
}
UNKNOWN = {name: NAN for name in STEADY if name not in ("days_since_last", "typical_interval")}


def health(**columns: Sequence[float]) -> HealthMeasures:
    """Measures for as many customers as the columns given have values; other columns are STEADY's."""
    n = max((len(v) for v in columns.values()), default=1)
    return HealthMeasures(**{f.name: np.asarray(columns.get(f.name, [STEADY[f.name]] * n), dtype=np.float64)
                             for f in fields(HealthMeasures)})


def only_recency(days: list[float], interval: float = 30) -> HealthMeasures:
    return health(days_since_last=days, typical_interval=[interval] * len(days),
                  **{name: [value] * len(days) for name, value in UNKNOWN.items()})


def score(m: HealthMeasures, weights: dict[HealthSignal, Decimal] = DEFAULT_HEALTH_WEIGHTS) -> list[float]:
    return [float(v) for v in health_scores(m, weights).score]


def signal(m: HealthMeasures, which: HealthSignal) -> list[float]:
    return [float(v) for v in signal_scores(m)[which]]


def strictly_decreasing(values: list[float]) -> bool:
    return all(a > b for a, b in itertools.pairwise(values))


# --- health signals, each moving the score the right way with the others fixed ------------------------------------

def test_recency_is_plus_one_within_the_interval_zero_at_twice_minus_one_at_three_times() -> None:
    m = health(days_since_last=[0, 20, 30, 45, 60, 75, 90, 200], typical_interval=[30] * 8)
    assert signal(m, S.RECENCY) == [1, 1, 1, 0.5, 0, -0.5, -1, -1]
    # Before a second purchase the typical interval is the default 30 days.
    unknown_interval = health(days_since_last=[30, 60, 90], typical_interval=[NAN] * 3)
    assert signal(unknown_interval, S.RECENCY) == [1, 0, -1]
    longer_default = signal_scores(unknown_interval, HealthRules(default_interval_days=Decimal(45)))
    assert list(longer_default[S.RECENCY]) == [1, pytest.approx(2 / 3), 0]
    # The customer's own rhythm counts: 60 days of silence is normal for a customer buying every 60 days.
    assert signal(health(days_since_last=[60, 60], typical_interval=[60, 20]), S.RECENCY) == [1, -1]


def test_a_customer_silent_longer_than_their_interval_scores_lower() -> None:
    days = [10, 30, 40, 50, 60, 80, 90]
    scores = score(health(days_since_last=days, typical_interval=[30] * len(days)))
    assert scores[0] == scores[1] == 65  # within the interval: +1 x 30 of 100 weight points, halved
    assert strictly_decreasing(scores[1:6])
    assert scores[-1] == 35  # three times the interval: -1


def test_revenue_up_raises_the_score_down_lowers_it_saturating_at_fifty_percent() -> None:
    quarter = [0, 400, 500, 800, 1000, 1200, 1500, 2000]
    m = health(revenue_quarter=quarter, revenue_quarter_year_before=[1000] * len(quarter))
    assert signal(m, S.REVENUE_TREND) == pytest.approx([-1, -1, -1, -0.4, 0, 0.4, 1, 1])
    scores = score(m)
    assert scores[0] == scores[1] == scores[2] < scores[3] < scores[4] == 65 < scores[5] < scores[6] == scores[7]
    assert scores[2] == pytest.approx(65 - 12.5) and scores[6] == pytest.approx(65 + 12.5)  # weight 25 of 100
    # Nothing bought a year before: the trend is unknown.
    assert math.isnan(signal(health(revenue_quarter=[500], revenue_quarter_year_before=[0]), S.REVENUE_TREND)[0])


def test_share_of_wallet_counts_only_when_annual_purchasing_is_known() -> None:
    m = health(revenue_12m=[5000, 4000, 3000, 1000, 8000, 5000, 5000],
               revenue_12m_before=[4000, 4000, 4000, 4000, 4000, 4000, 4000],
               annual_purchasing=[10000, 10000, 10000, 10000, 10000, NAN, 0])
    share = signal(m, S.SHARE_OF_WALLET_TREND)
    # +10 points of a 10,000 wallet: half of the +-20 points that count fully; -30 and +40 points saturate.
    assert share[:5] == pytest.approx([0.5, 0, -0.5, -1, 1])
    assert math.isnan(share[5]) and math.isnan(share[6])
    scores = score(m)
    assert scores[3] < scores[2] < scores[1] < scores[0] < scores[4]
    # Unknown share of wallet: the other signals carry the whole scale (recency +1 at 30 of 90 weight points).
    assert scores[5] == scores[6] == pytest.approx(50 + 50 * 30 / 90)
    assert math.isnan(signal(health(revenue_12m=[0], revenue_12m_before=[0], annual_purchasing=[10000]),
                             S.SHARE_OF_WALLET_TREND)[0])


def test_rising_discount_share_lowers_the_score() -> None:
    m = health(discount_share_quarter=[0.0, 0.05, 0.1, 0.15, 0.2, 0.4, NAN],
               discount_share_year_before=[0.1] * 7)
    assert signal(m, S.DISCOUNT_TREND)[:6] == pytest.approx([1, 0.5, 0, -0.5, -1, -1])
    assert math.isnan(signal(m, S.DISCOUNT_TREND)[6])
    scores = score(m)
    assert strictly_decreasing(scores[:5]) and scores[4] == scores[5]


def test_rising_cancellation_and_return_rate_lowers_the_score() -> None:
    m = health(issue_rate_quarter=[0.0, 0.05, 0.15, 0.25, 0.5], issue_rate_year_before=[0.05] * 5)
    assert signal(m, S.ISSUE_TREND) == pytest.approx([0.25, 0, -0.5, -1, -1])
    scores = score(m)
    assert strictly_decreasing(scores[:4]) and scores[3] == scores[4]


def test_more_complaints_lower_the_score_unknown_until_recorded() -> None:
    m = health(complaints_quarter=[0, 1, 2, 3, 5, NAN], complaints_year_before=[1, 1, 1, 1, 1, NAN])
    assert signal(m, S.COMPLAINT_TREND)[:5] == pytest.approx([0.5, 0, -0.5, -1, -1])
    assert math.isnan(signal(m, S.COMPLAINT_TREND)[5])
    scores = score(m)
    assert strictly_decreasing(scores[:4]) and scores[3] == scores[4]


def test_contact_changes_only_lower_the_score() -> None:
    m = health(contact_changes_12m=[0, 1, 2, 5])
    assert signal(m, S.CONTACT_CHANGES) == [0, -0.5, -1, -1]
    scores = score(m)
    assert scores[0] == 65 and strictly_decreasing(scores[:3]) and scores[2] == scores[3] == 65 - 2.5


def test_unknown_signals_neither_count_nor_compress_the_scale() -> None:
    m = only_recency([10, 60, 90])
    result = health_scores(m, DEFAULT_HEALTH_WEIGHTS)
    assert list(result.score) == [100, 50, 0]
    assert list(result.points[S.RECENCY]) == [50, 0, -50]
    for which in S:
        if which is not S.RECENCY:
            assert np.isnan(result.points[which]).all() and np.isnan(result.signal_scores[which]).all(), which


def test_customers_who_never_bought_have_no_score() -> None:
    m = health(days_since_last=[NAN, 10], typical_interval=[NAN, NAN])
    result = health_scores(m, DEFAULT_HEALTH_WEIGHTS)
    assert math.isnan(result.score[0]) and result.score[1] == 65
    assert all(math.isnan(result.points[which][0]) for which in S)


def test_the_contributions_sum_to_the_score_minus_fifty() -> None:
    rng = np.random.default_rng(5)
    n = 400

    def some(low: float, high: float, unknown: float = 0.2) -> list[float]:
        values = rng.uniform(low, high, n)
        return list(np.where(rng.random(n) < unknown, np.nan, values))

    m = health(days_since_last=some(0, 200, 0.1), typical_interval=some(1, 90),
               revenue_quarter=some(0, 2000), revenue_quarter_year_before=some(0, 2000),
               revenue_12m=some(0, 8000), revenue_12m_before=some(0, 8000), annual_purchasing=some(0, 50000, 0.5),
               discount_share_quarter=some(0, 0.3), discount_share_year_before=some(0, 0.3),
               issue_rate_quarter=some(0, 0.3), issue_rate_year_before=some(0, 0.3),
               complaints_quarter=some(0, 4, 0.5), complaints_year_before=some(0, 4, 0.5),
               contact_changes_12m=some(0, 4))
    result = health_scores(m, DEFAULT_HEALTH_WEIGHTS)
    bought = ~np.isnan(m.days_since_last)
    assert bought.sum() > 300 and np.isnan(result.score[~bought]).all()
    total = np.nansum(np.column_stack(list(result.points.values())), axis=1)
    np.testing.assert_allclose(total[bought], result.score[bought] - 50, atol=1e-9)
    assert ((result.score[bought] >= 0) & (result.score[bought] <= 100)).all()
    # Each contribution is 50 x weight x signal score / the weights of the signals known for the customer.
    known = sum(np.where(np.isnan(v), 0.0, float(DEFAULT_HEALTH_WEIGHTS[k])) for k, v in result.signal_scores.items())
    for which, values in result.signal_scores.items():
        expected = 50 * float(DEFAULT_HEALTH_WEIGHTS[which]) * values / known
        np.testing.assert_allclose(result.points[which][bought], expected[bought], atol=1e-9)


def test_a_weight_of_zero_switches_a_signal_off() -> None:
    m = health(complaints_quarter=[1, 5], complaints_year_before=[1, 0])
    weights = {**DEFAULT_HEALTH_WEIGHTS, S.COMPLAINT_TREND: Decimal(0)}
    result = health_scores(m, weights)
    assert list(result.points[S.COMPLAINT_TREND]) == [0, 0]
    assert result.score[0] == result.score[1] == pytest.approx(50 + 50 * 30 / 90)  # recency +1 at 30 of 90
    assert score(m)[1] < score(m)[0]  # with its default weight the complaints do count


def test_doubling_a_weight_increases_its_share() -> None:
    m = health(days_since_last=[10], revenue_quarter=[600], discount_share_quarter=[0.15])
    before = health_scores(m, DEFAULT_HEALTH_WEIGHTS)
    after = health_scores(m, {**DEFAULT_HEALTH_WEIGHTS, S.REVENUE_TREND: Decimal(50)})

    def share(result: HealthScores, which: HealthSignal) -> float:
        points = result.points
        return abs(float(points[which][0])) / sum(abs(float(v[0])) for v in points.values() if not np.isnan(v[0]))

    assert share(after, S.REVENUE_TREND) > share(before, S.REVENUE_TREND)
    assert after.points[S.REVENUE_TREND][0] < before.points[S.REVENUE_TREND][0] < 0  # -0.8 of 25 -> of 50
    assert abs(after.points[S.RECENCY][0]) < abs(before.points[S.RECENCY][0])
    assert after.score[0] < before.score[0]


def test_health_weights_must_be_signals_at_least_zero_and_not_all_zero() -> None:
    assert health_weight_problems({str(k): v for k, v in DEFAULT_HEALTH_WEIGHTS.items()}) == []
    assert [e.field for e in health_weight_problems({"recency": Decimal(-1), "mood": Decimal(1)})] == [
        "health_weights.mood", "health_weights.recency"]
    assert [e.field for e in health_weight_problems({"recency": Decimal(0)})] == ["health_weights"]


# --- lifecycle stages ------------------------------------------------------------------------------------------

# An established customer: first bought 1,000 days ago, last 10 days ago, every 30 days, revenue flat.
ESTABLISHED: dict[str, object] = {
    "days_since_first": 1000.0, "days_since_last": 10.0, "typical_interval": 30.0, "revenue_trend": 0.0,
    "share_change": NAN, "high_value": False, "high_potential": False,
}


def figures(**columns: list[object]) -> RelationshipFigures:
    n = max((len(v) for v in columns.values()), default=1)
    out: dict[str, Any] = {}
    for f in fields(RelationshipFigures):
        values = columns.get(f.name, [ESTABLISHED[f.name]] * n)
        out[f.name] = np.asarray(values, dtype=np.bool_ if f.name.startswith("high_") else np.float64)
    return RelationshipFigures(**out)


def stages(**columns: list[object]) -> list[str]:
    return list(lifecycle_stages(figures(**columns)))


def test_an_established_steady_customer_is_stable() -> None:
    assert stages() == [LifecycleStage.STABILITY]


def test_never_bought_is_exploration() -> None:
    assert stages(days_since_first=[NAN], days_since_last=[NAN], typical_interval=[NAN],
                  revenue_trend=[NAN]) == ["exploration"]


def test_a_first_purchase_within_the_exploration_days_is_exploration_even_if_silent_or_falling() -> None:
    assert stages(days_since_first=[0, 100, 179, 179, 180], days_since_last=[0, 100, 179, 10, 10],
                  typical_interval=[NAN, NAN, NAN, 30, 30], revenue_trend=[NAN, NAN, NAN, -0.9, NAN]) == [
        "exploration", "exploration", "exploration", "exploration", "formation"]


def test_a_revenue_trend_at_or_below_minus_thirty_percent_is_decline() -> None:
    assert stages(revenue_trend=[-1, -0.5, -0.3, -0.29, NAN]) == [
        "decline", "decline", "decline", "stability", "stability"]


def test_silent_for_more_than_twice_the_typical_interval_is_decline() -> None:
    assert stages(days_since_last=[60, 61, 121, 121], typical_interval=[30, 30, 60, 61]) == [
        "stability", "decline", "decline", "stability"]
    # Before a second purchase the interval is the health check's default, 30 days.
    assert stages(days_since_last=[60, 61], typical_interval=[NAN, NAN]) == ["stability", "decline"]


def test_young_or_growing_is_formation() -> None:
    assert stages(days_since_first=[180, 364, 365, 1000, 1000, 1000]) == [
        "formation", "formation", "stability", "stability", "stability", "stability"]
    assert stages(revenue_trend=[0.19, 0.2, 1.5, NAN]) == ["stability", "formation", "formation", "stability"]


def test_stage_rules_first_match_wins() -> None:
    # Declining beats young and growing-but-silent; exploration beats decline.
    assert stages(days_since_first=[200, 1000, 100], days_since_last=[10, 100, 100],
                  revenue_trend=[-0.5, 0.5, -0.5]) == ["decline", "decline", "exploration"]


def test_stage_thresholds_are_data() -> None:
    rules = LifecycleRules(exploration_days=30, formation_days=60, growth=Decimal("0.5"), decline=Decimal("-0.1"),
                           decline_interval_factor=Decimal(3))
    f = figures(days_since_first=[40, 1000, 1000, 1000, 1000], days_since_last=[10, 10, 10, 10, 80],
                revenue_trend=[0, 0.3, 0.5, -0.1, 0])
    assert list(lifecycle_stages(f, rules)) == ["formation", "stability", "formation", "decline", "stability"]
    assert list(lifecycle_stages(f)) == ["exploration", "formation", "formation", "stability", "decline"]


# --- value classes and core customers ---------------------------------------------------------------------------

def classes(**columns: list[object]) -> list[str | None]:
    return list(value_classes(figures(**columns)))


def test_never_bought_has_no_value_class() -> None:
    assert classes(days_since_first=[NAN, 1000], days_since_last=[NAN, 10]) == [None, "potential"]


def test_dormant_beyond_the_dormant_days_is_freezing_point_before_migrating_or_value() -> None:
    assert classes(days_since_last=[180, 181, 400, 400], revenue_trend=[0, 0, -0.9, 0],
                   high_value=[False, False, True, True]) == [
        "potential", "freezing_point", "freezing_point", "freezing_point"]


def test_revenue_down_twenty_percent_or_share_of_wallet_down_ten_points_is_migrating() -> None:
    assert classes(revenue_trend=[-0.2, -0.19, NAN]) == ["migrating", "potential", "potential"]
    assert classes(share_change=[-0.1, -0.09, 0.2, NAN]) == ["migrating", "potential", "potential", "potential"]
    # Migrating comes before high value.
    assert classes(revenue_trend=[-0.5, 0, 0], share_change=[NAN, -0.3, 0], high_value=[True, True, True]) == [
        "migrating", "migrating", "value"]


def test_high_value_is_value_the_rest_potential() -> None:
    assert classes(high_value=[True, False]) == [ValueClass.VALUE, ValueClass.POTENTIAL]


def test_core_customers_are_value_customers_with_high_potential() -> None:
    f = figures(high_value=[True, True, True, False, True],
                high_potential=[True, False, True, True, True],
                revenue_trend=[0, 0, -0.5, 0, 0], days_since_last=[10, 10, 10, 10, 300])
    assert list(value_classes(f)) == ["value", "value", "migrating", "potential", "freezing_point"]
    assert list(core_customers(f, value_classes(f))) == [True, False, False, False, False]


# --- the vectorised RFM equals the reference ----------------------------------------------------------------------

@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_rfm_score_arrays_equal_the_reference_on_random_data_with_ties(seed: int) -> None:
    rng = random.Random(seed)
    n = 500
    keys = rng.sample(range(1, 100_000), n)  # not in order: ties go by key, not by position
    figures_ = [RfmFigures(recency_days=rng.randint(0, 60), frequency=rng.randint(0, 8),
                           monetary=Decimal(rng.randint(0, 40)) * Decimal("12.5")) for _ in range(n)]
    expected = rfm_scores(list(zip(keys, figures_, strict=True)))
    r, f, m = rfm_score_arrays(np.array(keys, dtype=np.int64),
                               np.array([x.recency_days for x in figures_], dtype=np.float64),
                               np.array([x.frequency for x in figures_], dtype=np.float64),
                               np.array([float(x.monetary) for x in figures_], dtype=np.float64))
    assert [RfmScore(int(a), int(b), int(c)) for a, b, c in zip(r, f, m, strict=True)] == [expected[k] for k in keys]


@pytest.mark.parametrize("n", [0, 1, 4, 5, 6, 12])
def test_rfm_score_arrays_equal_the_reference_for_small_portfolios(n: int) -> None:
    keys = list(range(n, 0, -1))
    customers = [(k, RfmFigures(k % 3, k % 2, Decimal(k % 4))) for k in keys]
    expected = rfm_scores(customers)
    r, f, m = rfm_score_arrays(np.array(keys, dtype=np.int64), np.array([k % 3 for k in keys], dtype=np.float64),
                               np.array([k % 2 for k in keys], dtype=np.float64),
                               np.array([k % 4 for k in keys], dtype=np.float64))
    assert [RfmScore(int(a), int(b), int(c)) for a, b, c in zip(r, f, m, strict=True)] == [expected[k] for k in keys]


@pytest.mark.parametrize("rules", [default_segment_rules(), default_segment_rules()[::-1]])
def test_segment_indexes_equal_segment_of_for_every_score_pair(rules: tuple[SegmentRule, ...]) -> None:
    pairs = [(r, f) for r in range(1, 6) for f in range(1, 6)]
    recency = np.array([r for r, _ in pairs], dtype=np.int8)
    frequency = np.array([f for _, f in pairs], dtype=np.int8)
    found = [rules[i].key for i in segment_indexes(rules, recency, frequency)]
    assert found == [segment_of(rules, RfmScore(r, f, 1)).key for r, f in pairs]


# --- settings ---------------------------------------------------------------------------------------------------

def test_the_default_settings_have_no_problems() -> None:
    assert LoyaltySettings().problems() == []


@pytest.mark.parametrize(("change", "field_name"), [
    ({"margin_percent": Decimal(-1)}, "margin_percent"),
    ({"margin_percent": Decimal(101)}, "margin_percent"),
    ({"annual_discount_rate_percent": Decimal(-100)}, "annual_discount_rate_percent"),
    ({"horizon_months": 0}, "horizon_months"),
    ({"horizon_months": 121}, "horizon_months"),
    ({"health_weights": {**DEFAULT_HEALTH_WEIGHTS, S.RECENCY: Decimal(-5)}}, "health_weights.recency"),
    ({"health_weights": dict.fromkeys(S, Decimal(0))}, "health_weights"),
    ({"lifecycle": LifecycleRules(exploration_days=400)}, "lifecycle.exploration_days"),
    ({"lifecycle": LifecycleRules(exploration_days=0)}, "lifecycle.exploration_days"),
    ({"lifecycle": LifecycleRules(dormant_days=0)}, "lifecycle.dormant_days"),
    ({"lifecycle": LifecycleRules(decline=Decimal("0.1"))}, "lifecycle.decline"),
    ({"lifecycle": LifecycleRules(migrating=Decimal(0))}, "lifecycle.migrating"),
    ({"lifecycle": LifecycleRules(growth=Decimal(0))}, "lifecycle.growth"),
    ({"lifecycle": LifecycleRules(decline_interval_factor=Decimal("0.5"))}, "lifecycle.decline_interval_factor"),
    ({"lifecycle": LifecycleRules(migrating_share_points=Decimal(0))}, "lifecycle.migrating_share_points"),
    ({"segment_rules": default_segment_rules()[:-1]}, "segment_rules"),
])
def test_bad_settings_name_their_field(change: dict[str, object], field_name: str) -> None:
    problems = replace(LoyaltySettings(), **change).problems()  # type: ignore[arg-type]
    assert [p.field for p in problems] == [field_name]


# --- the portfolio ----------------------------------------------------------------------------------------------

def portfolio(now: HealthMeasures, before: HealthMeasures, **extra: object) -> PortfolioMeasures:
    n = len(now.days_since_last)
    bought = ~np.isnan(now.days_since_last)
    ids = np.arange(1, n + 1, dtype=np.int64)
    columns: dict[str, object] = {
        "customer_ids": ids, "days_since_first": np.where(bought, 1000.0, np.nan),
        "frequency_12m": np.where(bought, 4.0, 0.0), "health_now": now, "health_quarter_before": before,
        "high_value": np.zeros(n, dtype=np.bool_), "potential_grade_a": np.zeros(n, dtype=np.bool_),
        "clv_summary": CustomerSummary.of([3] * int(bought.sum()), [40] * int(bought.sum()), [52] * int(bought.sum()),
                                          [100] * int(bought.sum()), customer_ids=ids[bought]),
    }
    columns.update(extra)
    return PortfolioMeasures(**columns)  # type: ignore[arg-type]


def test_evaluate_portfolio_segments_buyers_compares_health_and_passes_predictions_through() -> None:
    # 1 steady, 2 silent since the quarter before (healthy then), 3 new and small, 4 never bought.
    now = health(days_since_last=[10, 95, 5, NAN], typical_interval=[30, 30, NAN, NAN],
                 revenue_12m=[4000, 3000, 200, 0], revenue_12m_before=[4000, 3000, 200, 0])
    before = health(days_since_last=[15, 4, NAN, NAN], typical_interval=[30, 30, NAN, NAN])
    predictions = {name: np.array([1.0, 2.0, 3.0, NAN]) for name in PREDICTIONS}
    predictions["predicted_revenue_12m"] = np.array([5000.0, 100.0, 100.0, NAN])
    m = portfolio(now, before, days_since_first=np.array([1000.0, 1000.0, 5.0, NAN]),
                  frequency_12m=np.array([8.0, 4.0, 1.0, 0.0]), high_value=np.array([True, True, False, False]))
    recorded = RecordedHealth.of(m, LoyaltySettings())
    results = evaluate_portfolio(m, LoyaltySettings(), predictions, recorded.aligned(m.customer_ids))

    assert list(results.bought) == [True, True, True, False]
    keys = {r.key for r in default_segment_rules()}
    assert results.segment[3] is None and all(s in keys for s in results.segment[:3])
    assert results.rfm is not None and [int(a[3]) for a in results.rfm] == [0, 0, 0]
    assert [int(v) for v in results.rfm[0][:3]] == [4, 3, 5]  # recency: 5 days best, 95 days worst
    assert results.segment[0] == segment_of(default_segment_rules(), RfmScore(4, 5, 5)).key == "loyal"

    assert list(results.health.score[:3]) == [65, 35, 65] and math.isnan(results.health.score[3])
    assert list(results.health_before[:2]) == [65, 65] and np.isnan(results.health_before[2:]).all()
    assert results.health.score[1] < results.health_before[1]

    assert list(results.stage) == ["stability", "decline", "exploration", "exploration"]
    assert list(results.value_class) == ["value", "value", "potential", None]
    # Core: high value and predicted to buy more in the next 12 months than in the last 12.
    assert list(results.core) == [True, False, False, False]
    assert results.predictions is predictions


def test_evaluate_portfolio_reads_trends_at_their_exact_thresholds() -> None:
    # Revenue +20% (formation), -20% (migrating), -30% (decline), share of wallet -10 points (migrating).
    now = health(revenue_quarter=[1200, 800, 700, 1000], revenue_quarter_year_before=[1000, 1000, 1000, 1000],
                 revenue_12m=[4000, 4000, 4000, 3000], revenue_12m_before=[4000, 4000, 4000, 4000],
                 annual_purchasing=[NAN, NAN, NAN, 10000])
    results = evaluate_portfolio(portfolio(now, now), LoyaltySettings(), {}, np.full(4, NAN))
    assert list(results.stage) == ["formation", "stability", "decline", "stability"]
    assert list(results.value_class) == ["potential", "migrating", "migrating", "migrating"]


def test_evaluate_portfolio_without_buyers_has_no_rfm() -> None:
    never = health(days_since_last=[NAN, NAN], typical_interval=[NAN, NAN])
    results = evaluate_portfolio(portfolio(never, never), LoyaltySettings(), {}, np.full(2, NAN))
    assert results.rfm is None and list(results.segment) == [None, None]
    assert np.isnan(results.health.score).all() and list(results.value_class) == [None, None]
    assert list(results.stage) == ["exploration", "exploration"] and not results.core.any()



def test_recorded_health_is_read_back_for_the_customers_of_a_later_run() -> None:
    before = health(days_since_last=[15, 4, NAN], typical_interval=[30, 30, NAN])
    recorded = RecordedHealth.of(portfolio(before, before), LoyaltySettings())  # customers 1, 2, 3
    assert list(recorded.scores[:2]) == [65, 65] and math.isnan(recorded.scores[2])
    # Customer 2 is gone, 4 and 5 are new since (no health then).
    aligned = recorded.aligned(np.array([1, 3, 4, 5], dtype=np.int64))
    assert aligned[0] == 65 and np.isnan(aligned[1:]).all()
    assert np.isnan(RecordedHealth(np.array([], dtype=np.int64), np.array([])).aligned(np.array([1]))).all()
    with pytest.raises(ValueError):
        RecordedHealth.of(replace(portfolio(before, before), health_quarter_before=None), LoyaltySettings())

# --- lifetime-value predictions ------------------------------------------------------------------------------------

def test_clv_predictions_on_too_little_data_give_the_reason_and_no_figures() -> None:
    ids = np.array([1, 2, 3], dtype=np.int64)
    tiny = CustomerSummary.of([0, 1], [0, 3], [10, 10], [0, 50], customer_ids=[1, 3])
    fit, reason, figures_ = clv_predictions(ids, tiny, LoyaltySettings(), date(2024, 6, 30))
    assert fit is None and reason is not None and "spend model" in reason
    assert set(figures_) == set(PREDICTIONS)
    assert all(len(v) == 3 and np.isnan(v).all() for v in figures_.values())
    empty = CustomerSummary.of([], [], [], [], customer_ids=[])
    assert clv_predictions(ids, empty, LoyaltySettings(), date(2024, 6, 30))[:2] == (None,
                                                                                     "no customer has bought yet")


@pytest.fixture(scope="module")
def cdnow() -> CustomerSummary:
    rows = published_summary()
    return CustomerSummary.of([r.frequency for r in rows], [r.recency for r in rows], [r.T for r in rows],
                              [float(r.monetary) for r in rows], customer_ids=[r.id for r in rows])


def test_clv_predictions_on_cdnow(cdnow: CustomerSummary) -> None:
    ids = np.arange(1, 2359, dtype=np.int64)  # 2358 never bought: not in the summary
    settings = LoyaltySettings()
    fit, reason, figures_ = clv_predictions(ids, cdnow, settings, CALIBRATION_END)
    assert reason is None and fit is not None
    assert (fit.customers, fit.spenders, fit.data_to) == (2357, 946, CALIBRATION_END)
    assert fit.data_from is not None and abs(fit.data_from - date(1997, 1, 1)) <= timedelta(days=1)
    assert fit.bg_nbd.r == pytest.approx(0.243, rel=0.01)
    for name in PREDICTIONS:
        assert math.isnan(figures_[name][-1]) and np.isfinite(figures_[name][:-1]).all(), name
    p_alive = figures_["p_alive"][:-1]
    assert ((p_alive > 0) & (p_alive <= 1)).all() and (p_alive < 1).any()
    assert (figures_["future_profit"][:-1] > 0).all()

    doubled = clv_predictions(ids, cdnow, replace(settings, margin_percent=Decimal(40)), CALIBRATION_END)[2]
    np.testing.assert_allclose(doubled["future_profit"][:-1], 2 * figures_["future_profit"][:-1], rtol=1e-9)
    dearer = clv_predictions(ids, cdnow, replace(settings, annual_discount_rate_percent=Decimal(30)),
                             CALIBRATION_END)[2]
    assert (dearer["future_profit"][:-1] < figures_["future_profit"][:-1]).all()
    # The margin and the discount rate change the profit, not the purchases or the revenue.
    np.testing.assert_allclose(dearer["predicted_revenue_12m"], figures_["predicted_revenue_12m"], equal_nan=True)


# --- reasons ----------------------------------------------------------------------------------------------------

def test_reasons_put_the_largest_contributions_first_and_the_unknown_last() -> None:
    def reading(which: HealthSignal, points: float | None) -> SignalReading:
        return SignalReading(which, None if points is None else points / 10, points, None, None)

    readings = [reading(S.RECENCY, 5.0), reading(S.COMPLAINT_TREND, None), reading(S.REVENUE_TREND, -12.5),
                reading(S.CONTACT_CHANGES, -2.5), reading(S.SHARE_OF_WALLET_TREND, None),
                reading(S.DISCOUNT_TREND, 7.0), reading(S.ISSUE_TREND, 0.0)]
    ordered = reasons(readings)
    assert [r.signal for r in ordered] == [S.REVENUE_TREND, S.DISCOUNT_TREND, S.RECENCY, S.CONTACT_CHANGES,
                                           S.ISSUE_TREND, S.COMPLAINT_TREND, S.SHARE_OF_WALLET_TREND]
    assert reasons([]) == ()
