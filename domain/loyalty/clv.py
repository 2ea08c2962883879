"""Customer lifetime value: BG/NBD for how many purchases a customer makes, Gamma-Gamma for what they are worth.

Both models are "buy till you die" models fitted by maximum likelihood on one summary per customer (docs/domain.md
section 6), vectorised over customers with numpy/scipy (no per-customer Python loop):

* **BG/NBD** (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", Marketing Science 24(2)). While
  alive, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha) (alpha a scale in weeks); after
  each purchase they drop out with probability p ~ Beta(a, b). The data per customer: x = repeat purchases
  (`frequency`), t_x = weeks from the first to the last purchase (`recency`), T = weeks from the first purchase
  to the end of the calibration period.
* **Gamma-Gamma** (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013). The value of each transaction
  is Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers, independent of the purchase process; fitted on the
  customers with at least one repeat purchase and a positive mean repeat spend (`monetary`, the mean value of
  the repeat purchases, the first purchase left out as in the literature).

Purchases are purchase *days*: several orders of one customer on one (local) day are one purchase with their
spend summed. Times are weeks (days / 7) rounded to 2 decimals and spend is rounded half-up to the cent, the
conventions of the published CDNOW summary, so the product's fits and the literature's are comparable
(`repositories/loyalty/repository.py` builds the summary from the orders in SQL; `summary_from_transactions` is the same
rule in Python).

Parameters are estimated on their logarithms (so they stay positive) with L-BFGS-B on the mean negative
log-likelihood, customers with identical (x, t_x, T) or (x, m) grouped with weights.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize
from scipy.special import expit, gammaln, hyp2f1

FloatArray = NDArray[np.float64]

DAYS_PER_WEEK = 7
# A month of the CLV horizon, in weeks (a Julian year of 365.25 days / 12).
WEEKS_PER_MONTH = 365.25 / 7 / 12
CENT = Decimal("0.01")


class ModelFitError(ValueError):
    """The data cannot identify the model, or the optimiser did not converge."""


def _floats(values: ArrayLike, name: str) -> FloatArray:
    array = np.asarray(values, dtype=np.float64).reshape(-1)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name}: every value must be a finite number")
    return array


@dataclass(frozen=True, eq=False)
class CustomerSummary:
    """One row per customer (arrays of equal length): the input of both models.

    `frequency` repeat purchase days in the calibration period; `recency` weeks from the first to the last
    purchase day (0 without repeats); `T` weeks from the first purchase day to the end of the calibration
    period; `monetary` the mean spend of the repeat purchase days (0 without repeats); `customer_ids` who
    each row is (optional: a CSV may have none)."""

    frequency: FloatArray
    recency: FloatArray
    T: FloatArray  # the literature's name
    monetary: FloatArray
    customer_ids: NDArray[np.int64] | None = None

    @classmethod
    def of(cls, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike,
           monetary: ArrayLike | None = None, customer_ids: ArrayLike | None = None) -> CustomerSummary:
        """Validated arrays: frequency a whole number >= 0, 0 <= recency <= T, recency 0 when frequency is 0;
        monetary defaults to 0 (no spend model)."""
        x = _floats(frequency, "frequency")
        t_x = _floats(recency, "recency")
        big_t = _floats(T, "T")
        m = np.zeros_like(x) if monetary is None else _floats(monetary, "monetary")
        ids = None if customer_ids is None else np.asarray(customer_ids, dtype=np.int64).reshape(-1)
        if not (len(x) == len(t_x) == len(big_t) == len(m)) or (ids is not None and len(ids) != len(x)):
            raise ValueError("frequency, recency, T and monetary must have one value per customer")
        if np.any(x < 0) or np.any(x != np.round(x)):
            raise ValueError("frequency: a whole number of repeat purchases, at least 0")
        if np.any(t_x < 0) or np.any(t_x > big_t):
            raise ValueError("recency and T: 0 <= recency <= T")
        if np.any((x == 0) & (t_x != 0)):
            raise ValueError("recency: 0 for customers without repeat purchases")
        return cls(x, t_x, big_t, m, ids)

    def __len__(self) -> int:
        return len(self.frequency)

    @property
    def spenders(self) -> NDArray[np.bool_]:
        """The customers the spend model is fitted on: at least one repeat purchase and a positive mean spend."""
        return (self.frequency > 0) & (self.monetary > 0)


@dataclass(frozen=True)
class BgNbdParams:
    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float


@dataclass(frozen=True)
class GammaGammaParams:
    p: float
    q: float
    gamma: float

    @property
    def mean_value(self) -> float:
        """The expected value of a transaction of a customer we know nothing about: p gamma / (q - 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else math.inf


# --- BG/NBD ------------------------------------------------------------------------------------------------------

def bg_nbd_log_likelihood(r: float, alpha: float, a: float, b: float, x: FloatArray, t_x: FloatArray,
                          T: FloatArray) -> FloatArray:
    """Each customer's log-likelihood (FHL 2005, eq. 6), as
    ln L = A1 + A2 + ln(exp(A3) + [x > 0] exp(A4)) with the sum taken by log-sum-exp:
    A1 = ln G(r + x) - ln G(r) + r ln alpha,  A2 = ln G(a + b) + ln G(b + x) - ln G(b) - ln G(a + b + x),
    A3 = -(r + x) ln(alpha + T),  A4 = ln a - ln(b + x - 1) - (r + x) ln(alpha + t_x)."""
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    a4 = np.log(a) - np.log(np.where(repeat, b + x - 1, 1.0)) - (r + x) * np.log(alpha + t_x)
    tail = np.where(repeat, np.logaddexp(a3, a4), a3)
    return np.asarray(a1 + a2 + tail, dtype=np.float64)


def _grouped(*columns: FloatArray) -> tuple[list[FloatArray], FloatArray]:
    """Distinct rows of the columns and how many customers share each (the likelihood is a weighted sum)."""
    stacked = np.column_stack(columns)
    unique, counts = np.unique(stacked, axis=0, return_counts=True)
    return [np.ascontiguousarray(unique[:, i]) for i in range(unique.shape[1])], counts.astype(np.float64)


# What the objectives return where the likelihood cannot be evaluated (so the optimiser backs off from there).
UNDEFINED = 1e300


def _minimise(objective: Any, start: FloatArray) -> FloatArray:
    """The log-parameters minimising the objective: L-BFGS-B, then Nelder-Mead from there if it stopped early."""
    with np.errstate(all="ignore"):
        result = minimize(objective, start, method="L-BFGS-B", options={"ftol": 1e-13, "gtol": 1e-9,
                                                                        "maxiter": 2000})
        if not result.success or not np.isfinite(result.fun):
            result = minimize(objective, result.x if np.all(np.isfinite(result.x)) else start, method="Nelder-Mead",
                              options={"xatol": 1e-9, "fatol": 1e-12, "maxiter": 20_000, "maxfev": 40_000})
    # A portfolio where hardly anyone drops out leaves the likelihood flat along a ridge (a and b running off
    # together): the optimiser then stops on its iteration limit at parameters that predict as well as any on
    # the ridge. Those are kept; only a likelihood that cannot be evaluated is a failed fit.
    if not result.fun < UNDEFINED or not np.all(np.isfinite(result.x)):
        raise ModelFitError(f"the fit did not converge: {result.message}")
    return np.asarray(result.x, dtype=np.float64)


def fit_bg_nbd(summary: CustomerSummary) -> BgNbdParams:
    """Maximum-likelihood r, alpha, a, b over every customer of the summary."""
    if len(summary) == 0:
        raise ModelFitError("no customers to fit")
    (x, t_x, big_t), weights = _grouped(summary.frequency, summary.recency, summary.T)
    total = weights.sum()

    def objective(log_params: FloatArray) -> float:
        r, alpha, a, b = np.exp(log_params)
        ll = bg_nbd_log_likelihood(r, alpha, a, b, x, t_x, big_t)
        value = -float(np.dot(weights, ll)) / total
        return value if np.isfinite(value) else UNDEFINED

    # Start from r = a = b = 1 and alpha at the scale of the observation windows.
    start = np.array([0.0, math.log(float(np.mean(big_t))), 0.0, 0.0])
    r, alpha, a, b = (float(v) for v in np.exp(_minimise(objective, start)))
    log_likelihood = float(np.sum(bg_nbd_log_likelihood(r, alpha, a, b, summary.frequency, summary.recency,
                                                        summary.T)))
    return BgNbdParams(r, alpha, a, b, log_likelihood)


def _ln_hyp2f1(a: FloatArray, b: FloatArray, c: FloatArray, z: FloatArray) -> FloatArray:
    """ln 2F1(a, b; c; z) for 0 <= z < 1. Where the series overflows (large a, b: frequent buyers, long horizons)
    Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) is used instead,
    as the `lifetimes` library does."""
    with np.errstate(all="ignore"):
        direct = np.log(hyp2f1(a, b, c, z))
        euler = np.log(hyp2f1(c - a, c - b, c, z)) + (c - a - b) * np.log1p(-z)
    return np.asarray(np.where(np.isfinite(direct), direct, euler), dtype=np.float64)


def expected_purchases(params: BgNbdParams, summary: CustomerSummary, t: ArrayLike) -> FloatArray:
    """E[purchases in the next t weeks | x, t_x, T] (FHL 2005, eq. 10), one per customer; `t` a number or an array
    broadcasting against the customers (e.g. shape (horizons, 1) for several horizons at once)."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    x, big_t = summary.frequency, summary.T
    t_arr = np.asarray(t, dtype=np.float64)
    z = t_arr / (alpha + big_t + t_arr)
    ln_hyp = _ln_hyp2f1(r + x, b + x, a + b + x - 1, z)
    with np.errstate(all="ignore"):
        # 1 - 2F1(...) ((alpha + T) / (alpha + T + t))^(r + x), without cancellation for small t.
        second = -np.expm1(ln_hyp + (r + x) * (np.log(alpha + big_t) - np.log(alpha + big_t + t_arr)))
        numerator = (a + b + x - 1) / (a - 1) * second
        denominator = 1 + np.exp(_ln_odds_dead(params, summary))
    return np.asarray(numerator / denominator, dtype=np.float64)


def _ln_odds_dead(params: BgNbdParams, summary: CustomerSummary) -> FloatArray:
    """ln of delta (a / (b + x - 1)) ((alpha + T) / (alpha + t_x))^(r + x), -inf for customers without repeats."""
    x = summary.frequency
    repeat = x > 0
    odds = (np.log(params.a) - np.log(np.where(repeat, params.b + x - 1, 1.0))
            + (params.r + x) * (np.log(params.alpha + summary.T) - np.log(params.alpha + summary.recency)))
    return np.asarray(np.where(repeat, odds, -np.inf), dtype=np.float64)


def probability_alive(params: BgNbdParams, summary: CustomerSummary) -> FloatArray:
    """P(still a customer at T | x, t_x, T) = 1 / (1 + odds): 1 for customers without repeat purchases."""
    return np.asarray(expit(-_ln_odds_dead(params, summary)), dtype=np.float64)


# --- Gamma-Gamma -------------------------------------------------------------------------------------------------

def gamma_gamma_log_likelihood(p: float, q: float, gamma: float, x: FloatArray, m: FloatArray) -> FloatArray:
    """Each spender's log-likelihood of their mean spend m over x repeat purchases (up to a constant in m):
    ln G(px + q) - ln G(px) - ln G(q) + q ln gamma + (px - 1) ln m + px ln x - (px + q) ln(gamma + mx)."""
    px = p * x
    return np.asarray(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gamma) + (px - 1) * np.log(m)
                      + px * np.log(x) - (px + q) * np.log(gamma + m * x), dtype=np.float64)


def fit_gamma_gamma(summary: CustomerSummary) -> GammaGammaParams:
    """Maximum-likelihood p, q, gamma over the spenders (frequency > 0 and monetary > 0); the others are left out."""
    spenders = summary.spenders
    if int(spenders.sum()) < 2:
        raise ModelFitError("the spend model needs at least two customers with repeat purchases and spend")
    (x, m), weights = _grouped(summary.frequency[spenders], summary.monetary[spenders])
    total = weights.sum()

    def objective(log_params: FloatArray) -> float:
        p, q, gamma = np.exp(log_params)
        value = -float(np.dot(weights, gamma_gamma_log_likelihood(p, q, gamma, x, m))) / total
        return value if np.isfinite(value) else UNDEFINED

    start = np.array([0.0, 0.0, math.log(float(np.mean(m)))])
    p, q, gamma = (float(v) for v in np.exp(_minimise(objective, start)))
    return GammaGammaParams(p, q, gamma)


def expected_average_order_value(params: GammaGammaParams, summary: CustomerSummary) -> FloatArray:
    """E[value of a transaction | x, m] = (q - 1) / (px + q - 1) * p gamma / (q - 1) + px / (px + q - 1) * m:
    a weighted mean of the population's mean and the customer's own. Customers outside the spend model
    (no repeat purchase, or no positive spend) get the population's mean, or the spenders' observed mean when
    the fit has no usable population mean: q <= 1 (it does not exist) or q so close to 1 that it exceeds every
    spender's own mean (it is not a mean of these customers)."""
    spenders = summary.spenders
    x = np.where(spenders, summary.frequency, 0.0)
    m = np.where(spenders, summary.monetary, 0.0)
    px = params.p * x
    with np.errstate(divide="ignore", invalid="ignore"):
        value = params.p * (params.gamma + m * x) / (px + params.q - 1)
    population_mean = params.p * params.gamma / (params.q - 1) if params.q > 1 else math.inf
    if population_mean > (float(np.max(m)) if spenders.any() else math.inf) or params.q <= 1:
        # Spend too heavy-tailed for the model: customers outside the spend model get the spenders' observed
        # mean instead, spenders their own mean where the weighted formula has no value.
        observed = float(np.mean(summary.monetary[spenders])) if spenders.any() else 0.0
        value = np.where(spenders, np.where(px + params.q - 1 > 0, value, m), observed)
    return np.asarray(value, dtype=np.float64)


# --- Lifetime value ----------------------------------------------------------------------------------------------

def customer_lifetime_value(bg_nbd: BgNbdParams, gamma_gamma: GammaGammaParams, summary: CustomerSummary, *,
                            months: int, margin: float, annual_discount_rate: float) -> FloatArray:
    """The discounted profit each customer is expected to bring in the next `months` months:

        CLV = margin * E[value] * sum_{k=1..months} (E[N(k)] - E[N(k - 1)]) / (1 + d)^(k / 12)

    where E[N(k)] is the expected purchases in the first k months (a month is 365.25 / 12 days), E[value] the
    Gamma-Gamma expected value of a purchase, and d the annual discount rate: each month's purchases are
    discounted from the month's end. Spend and purchases are independent in the models, so the product of the
    expectations is the expectation of the product."""
    if months < 0:
        raise ValueError("months: 0 or more")
    if annual_discount_rate <= -1:
        raise ValueError("annual_discount_rate: more than -100%")
    if months == 0 or len(summary) == 0:
        return np.zeros(len(summary))
    steps = np.arange(0, months + 1, dtype=np.float64)
    cumulative = expected_purchases(bg_nbd, summary, (steps * WEEKS_PER_MONTH)[:, np.newaxis])
    cumulative[0] = 0.0  # t = 0: no purchases (avoids 0 / 0 in the closed form)
    per_month = np.diff(cumulative, axis=0)
    discount = (1 + annual_discount_rate) ** (-steps[1:] / 12)
    purchases = discount @ per_month
    return np.asarray(margin * expected_average_order_value(gamma_gamma, summary) * purchases, dtype=np.float64)


# --- The summary from transactions (the rule repositories/loyalty/repository.py implements in SQL) ----------------

def weeks(days: int) -> float:
    """Days as weeks, rounded to 2 decimals (the CDNOW convention); days / 7 is never a tie at the third decimal."""
    return round(days / DAYS_PER_WEEK, 2)


def summary_from_transactions(transactions: Iterable[tuple[int, date, Decimal]],
                              calibration_end: date) -> CustomerSummary:
    """The summary of (customer id, local day, net amount) transactions up to `calibration_end` inclusive: an
    amount >= 0 is a purchase (a free one is still a purchase: CDNOW has eight), a negative one a return
    credited to the day of the purchase it returns.

    A customer's purchases on one day are one purchase with their amounts and the returns of that day's
    purchases summed. A day with a purchase counts unless returns took back all it cost (then it is as if it
    had not happened, like a fully returned order). frequency = purchase days - 1, recency = weeks from the
    first to the last purchase day, T = weeks from the first purchase day to `calibration_end`, monetary = the
    mean of the repeat purchase days' spend rounded half-up to the cent (0 without repeats). Customers without
    a purchase day in the period are left out; rows are in customer id order."""
    # Per customer and day: (what the purchases cost, what returns took back, whether there was a purchase).
    days: dict[int, dict[date, tuple[Decimal, Decimal, bool]]] = {}
    for customer, day, amount in transactions:
        if day <= calibration_end:
            per_day = days.setdefault(customer, {})
            bought, returned, purchased = per_day.get(day, (Decimal(0), Decimal(0), False))
            per_day[day] = ((bought + amount, returned, True) if amount >= 0
                            else (bought, returned + amount, purchased))
    ids: list[int] = []
    rows: list[tuple[int, float, float, float]] = []
    for customer in sorted(days):
        purchases = sorted((d, bought + returned) for d, (bought, returned, purchased) in days[customer].items()
                           if purchased and (bought + returned > 0 or bought == 0))
        if not purchases:
            continue
        first, last = purchases[0][0], purchases[-1][0]
        repeats = [v for _, v in purchases[1:]]
        mean = (sum(repeats, Decimal(0)) / len(repeats)).quantize(CENT, ROUND_HALF_UP) if repeats else Decimal(0)
        ids.append(customer)
        rows.append((len(repeats), weeks((last - first).days), weeks((calibration_end - first).days), float(mean)))
    frequency, recency, age, monetary = ([row[i] for row in rows] for i in range(4))
    return CustomerSummary.of(frequency, recency, age, monetary, customer_ids=ids)
