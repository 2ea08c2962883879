"""Lifetime value (domain/loyalty/clv.py): BG/NBD and Gamma-Gamma against the published CDNOW estimates, the summary
rule, and the edge cases, without a database."""

from __future__ import annotations

import json
import math
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from api.cli import main
from domain.loyalty.clv import (
    WEEKS_PER_MONTH,
    BgNbdParams,
    CustomerSummary,
    GammaGammaParams,
    ModelFitError,
    bg_nbd_log_likelihood,
    customer_lifetime_value,
    expected_average_order_value,
    expected_purchases,
    fit_bg_nbd,
    fit_gamma_gamma,
    probability_alive,
    summary_from_transactions,
)
from tests.cdnow import CALIBRATION_END, published_summary, sample_purchases

# Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way"; Fader & Hardie (2013), Gamma-Gamma.
PUBLISHED_BG_NBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_LOG_LIKELIHOOD = -9582.4
PUBLISHED_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def cdnow() -> CustomerSummary:
    rows = published_summary()
    return CustomerSummary.of([r.frequency for r in rows], [r.recency for r in rows], [r.T for r in rows],
                              [float(r.monetary) for r in rows], customer_ids=[r.id for r in rows])


@pytest.fixture(scope="module")
def summary() -> CustomerSummary:
    return cdnow()


@pytest.fixture(scope="module")
def bg(summary: CustomerSummary) -> BgNbdParams:
    return fit_bg_nbd(summary)


@pytest.fixture(scope="module")
def gg(summary: CustomerSummary) -> GammaGammaParams:
    return fit_gamma_gamma(summary)


# --- the literature ----------------------------------------------------------------------------------------------

def test_the_cdnow_summary_is_the_published_one(summary: CustomerSummary) -> None:
    assert len(summary) == 2357
    assert int(summary.frequency.sum()) == 2457
    assert int(summary.spenders.sum()) == 946


def test_bg_nbd_reproduces_the_published_estimates(bg: BgNbdParams) -> None:
    for name, published in PUBLISHED_BG_NBD.items():
        assert getattr(bg, name) == pytest.approx(published, rel=0.01), name
    assert abs(bg.log_likelihood - PUBLISHED_LOG_LIKELIHOOD) <= 0.5


def test_conditional_expectation_of_customer_1_over_39_weeks(summary: CustomerSummary, bg: BgNbdParams) -> None:
    assert (summary.frequency[0], summary.recency[0], summary.T[0]) == (2, 30.43, 38.86)
    assert expected_purchases(bg, summary, 39)[0] == pytest.approx(1.226, abs=0.002)


def test_gamma_gamma_reproduces_the_published_estimates(gg: GammaGammaParams) -> None:
    for name, published in PUBLISHED_GAMMA_GAMMA.items():
        assert getattr(gg, name) == pytest.approx(published, rel=0.01), name


def test_the_fits_are_fast(summary: CustomerSummary) -> None:
    started = time.perf_counter()
    fit_bg_nbd(summary)
    fit_gamma_gamma(summary)
    assert time.perf_counter() - started < 2.0


def test_the_summary_built_from_the_sample_transactions_is_the_published_one() -> None:
    built = summary_from_transactions(((p.id, p.day, p.dollars) for p in sample_purchases()), CALIBRATION_END)
    rows = published_summary()
    assert built.customer_ids is not None
    assert built.customer_ids.tolist() == [r.id for r in rows]
    assert built.frequency.tolist() == [r.frequency for r in rows]
    assert built.recency.tolist() == [r.recency for r in rows]
    assert built.T.tolist() == [r.T for r in rows]
    assert built.monetary.tolist() == [float(r.monetary) for r in rows]


# --- the summary rule --------------------------------------------------------------------------------------------

def test_one_day_is_one_purchase_returns_reduce_it_and_later_days_are_not_seen() -> None:
    d = Decimal
    end = date(2026, 3, 31)
    built = summary_from_transactions([
        (7, date(2026, 1, 1), d("10.00")),
        (7, date(2026, 1, 15), d("20.00")), (7, date(2026, 1, 15), d("5.00")),  # one purchase of 25
        (7, date(2026, 2, 5), d("30.00")), (7, date(2026, 2, 5), d("-30.00")),  # returned the same day: none
        (7, date(2026, 3, 1), d("40.01")),
        (7, date(2026, 4, 2), d("99.00")),  # after the calibration period
        (8, date(2026, 3, 31), d("12.00")),  # first purchase on the last day
        (9, date(2026, 4, 1), d("50.00")),  # only after the period: left out
        (10, date(2026, 1, 10), d("0.00")), (10, date(2026, 1, 17), d("8.00")),  # a free purchase still counts
    ], end)
    assert built.customer_ids is not None and built.customer_ids.tolist() == [7, 8, 10]
    assert built.frequency.tolist() == [2, 0, 1]
    assert built.recency.tolist() == [8.43, 0.0, 1.0]  # 59 days = 8.428... weeks
    assert built.T.tolist() == [12.71, 0.0, 11.43]  # 89 and 80 days
    assert built.monetary.tolist() == [32.51, 0.0, 8.0]  # (25 + 40.01) / 2 = 32.505, half-up


def test_an_empty_history_is_an_empty_summary() -> None:
    assert len(summary_from_transactions([], date(2026, 1, 1))) == 0


def test_the_summary_refuses_impossible_rows() -> None:
    with pytest.raises(ValueError, match="recency"):
        CustomerSummary.of([1], [5.0], [4.0])
    with pytest.raises(ValueError, match="frequency"):
        CustomerSummary.of([1.5], [1.0], [4.0])
    with pytest.raises(ValueError, match="recency"):
        CustomerSummary.of([0], [1.0], [4.0])
    with pytest.raises(ValueError, match="one value per customer"):
        CustomerSummary.of([0, 1], [0.0], [4.0, 4.0])
    with pytest.raises(ValueError, match="finite"):
        CustomerSummary.of([0], [0.0], [math.nan])


# --- predictions and edge cases ----------------------------------------------------------------------------------

def test_probability_alive(summary: CustomerSummary, bg: BgNbdParams) -> None:
    alive = probability_alive(bg, summary)
    assert np.all((alive > 0) & (alive <= 1))
    assert np.all(alive[summary.frequency == 0] == 1.0)  # no repeat purchase: no sign of having left
    # Same frequency and T: the longer since the last purchase, the less likely still a customer.
    rows = CustomerSummary.of([3, 3, 3], [30.0, 20.0, 5.0], [38.0, 38.0, 38.0])
    assert np.all(np.diff(probability_alive(bg, rows)) < 0)


def test_expected_purchases_grow_with_the_horizon_and_stay_finite_for_heavy_buyers(bg: BgNbdParams) -> None:
    rows = CustomerSummary.of([0, 1, 40, 400, 2000], [0.0, 1.0, 38.0, 38.5, 38.8], [39.0, 39.0, 39.0, 39.0, 39.0])
    horizons = np.array([0.5, 13.0, 39.0, 520.0, 5200.0])[:, np.newaxis]
    expected = expected_purchases(bg, rows, horizons)
    assert np.all(np.isfinite(expected)) and np.all(expected > 0)
    assert np.all(np.diff(expected, axis=0) > 0)
    assert expected[2, 4] > expected[2, 3] > expected[2, 2]
    assert np.all(np.isfinite(bg_nbd_log_likelihood(bg.r, bg.alpha, bg.a, bg.b, rows.frequency, rows.recency,
                                                     rows.T)))


def test_expected_average_order_value(summary: CustomerSummary, gg: GammaGammaParams) -> None:
    value = expected_average_order_value(gg, summary)
    assert np.all(value[~summary.spenders] == pytest.approx(gg.mean_value))
    # Between the population's mean and the customer's own, nearer their own the more they bought.
    m = summary.monetary[summary.spenders]
    v = value[summary.spenders]
    assert np.all((v - m) * (v - gg.mean_value) <= 1e-9)
    few = CustomerSummary.of([1, 20], [5.0, 30.0], [39.0, 39.0], [100.0, 100.0])
    assert np.all(np.abs(expected_average_order_value(gg, few) - 100) < abs(gg.mean_value - 100))
    assert np.diff(np.abs(expected_average_order_value(gg, few) - 100))[0] < 0


def test_customers_without_positive_spend_are_left_out_of_the_spend_model(summary: CustomerSummary,
                                                                          gg: GammaGammaParams) -> None:
    extra = CustomerSummary.of(np.r_[summary.frequency, 3, 2], np.r_[summary.recency, 10, 5],
                               np.r_[summary.T, 39, 39], np.r_[summary.monetary, 0.0, -12.5])
    refit = fit_gamma_gamma(extra)
    assert (refit.p, refit.q, refit.gamma) == pytest.approx((gg.p, gg.q, gg.gamma), rel=1e-6)
    with pytest.raises(ModelFitError):
        fit_gamma_gamma(CustomerSummary.of([0, 2], [0.0, 3.0], [39.0, 39.0], [0.0, 20.0]))


def test_lifetime_value_discounts_each_month(summary: CustomerSummary, bg: BgNbdParams,
                                             gg: GammaGammaParams) -> None:
    undiscounted = customer_lifetime_value(bg, gg, summary, months=12, margin=0.3, annual_discount_rate=0.0)
    year = expected_purchases(bg, summary, 12 * WEEKS_PER_MONTH)
    assert undiscounted == pytest.approx(0.3 * expected_average_order_value(gg, summary) * year, rel=1e-9)
    discounted = customer_lifetime_value(bg, gg, summary, months=12, margin=0.3, annual_discount_rate=0.1)
    assert np.all(discounted < undiscounted) and np.all(discounted > undiscounted / 1.1)
    # One month: that month's purchases discounted by (1 + d)^(1/12).
    month = customer_lifetime_value(bg, gg, summary, months=1, margin=1.0, annual_discount_rate=0.1)
    first = expected_purchases(bg, summary, WEEKS_PER_MONTH) * expected_average_order_value(gg, summary)
    assert month == pytest.approx(first / 1.1 ** (1 / 12), rel=1e-9)
    assert np.all(customer_lifetime_value(bg, gg, summary, months=0, margin=0.3, annual_discount_rate=0.1) == 0)


# --- the analysts' CLI -------------------------------------------------------------------------------------------

def write_summary(path: Path, with_monetary: bool = True) -> Path:
    lines = ["ID,frequency,recency,T" + (",monetary" if with_monetary else "")]
    for r in published_summary():
        spend = (f",{r.monetary}" if r.frequency else ",") if with_monetary else ""
        lines.append(f"{r.id},{r.frequency},{r.recency},{r.T}{spend}")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_cli_fits_a_summary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["clv", "fit", "--summary", str(write_summary(tmp_path / "summary.csv")), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"customers", "bg_nbd", "gamma_gamma"}
    assert out["customers"] == 2357
    assert set(out["bg_nbd"]) == {"r", "alpha", "a", "b", "log_likelihood"}
    assert set(out["gamma_gamma"]) == {"p", "q", "gamma"}
    for name, published in PUBLISHED_BG_NBD.items():
        assert out["bg_nbd"][name] == pytest.approx(published, rel=0.01)
    for name, published in PUBLISHED_GAMMA_GAMMA.items():
        assert out["gamma_gamma"][name] == pytest.approx(published, rel=0.01)

    main(["clv", "fit", "--summary", str(tmp_path / "summary.csv")])
    assert "r = 0.24" in capsys.readouterr().out


def test_cli_without_spend_fits_the_purchase_model_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["clv", "fit", "--summary", str(write_summary(tmp_path / "counts.csv", with_monetary=False)), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["gamma_gamma"] is None
    assert abs(out["bg_nbd"]["log_likelihood"] - PUBLISHED_LOG_LIKELIHOOD) <= 0.5


def test_cli_reports_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("frequency,recency\n1,2\n")
    with pytest.raises(SystemExit, match="missing column"):
        main(["clv", "fit", "--summary", str(bad), "--json"])
    bad.write_text("frequency,recency,T\n1,5,4\n")
    with pytest.raises(SystemExit, match="recency"):
        main(["clv", "fit", "--summary", str(bad)])


def test_a_spend_fit_with_q_barely_above_one_falls_back_to_the_observed_mean() -> None:
    # p gamma / (q - 1) would be ~1e17 a transaction: no mean of these customers (it overflowed the database).
    summary = CustomerSummary.of([0, 2, 3], [0.0, 10.0, 20.0], [30.0, 30.0, 30.0], [0.0, 100.0, 300.0])
    values = expected_average_order_value(GammaGammaParams(p=2.0, q=1.0 + 1e-12, gamma=50.0), summary)
    assert values[0] == pytest.approx(200.0)  # the spenders' observed mean
    assert np.all(np.isfinite(values)) and values.max() < 1e6
