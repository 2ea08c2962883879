"""Loyalty figures in PostgreSQL: every customer's measures in one statement, the results written in bulk, the
settings, runs and summaries.

**Measures** (`measures`): one statement whatever the number of customers (no per-customer loop), over the quarterly
facts (`customer_quarterly_facts`, kept by repositories/orders/repository.py: each customer's purchase days, spend,
revenue, discounts and issues per calendar quarter in the company's time zone), grouped per customer with a FILTER for
each window of domain/loyalty/model.py `HealthWindows`, as of the run's day and, unless the current figures carry the
health then (`recorded_health`), as of the end of the quarter before its last complete one (the health change of the
churn-risk list). The purchase rule is domain/loyalty/clv.py `summary_from_transactions` (the tests hold them equal on
CDNOW), applied with the net-revenue rules of domain/orders/model.py:

* a purchase is an order that is neither cancelled nor fully returned; its spend is its net amount less what
  return documents took back (a free order is still a purchase); a customer's purchases on one local day are
  one purchase, and a day counts unless returns took back all it cost;
* for the lifetime-value models: frequency = purchase days - 1, recency = weeks from the first to the last
  purchase day, T = weeks from the first purchase day to the date (inclusive), both days / 7 rounded to 2
  decimals; monetary = the mean spend of the repeat purchase days, rounded half-up to the cent.

Discount share is the discount over the list value of the quarter's orders, the issue rate its cancelled and
returned orders over those placed; contact changes are contact updates and ends in the audit log; complaints are
counted per quarter received (unknown, NaN, while none was ever recorded). The rows come back by binary COPY
(repositories/binary_copy.py): numbers, NaN for unknown.

**Results** (`write`): the arrays of domain/loyalty/model.py `evaluate_portfolio` go by binary COPY into a staging table
and from there into a new `customer_loyalty` that takes the old one's place (build and swap, see `_FILL`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import orjson
from numpy.typing import NDArray
from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.loyalty.clv import BgNbdParams, CustomerSummary, GammaGammaParams
from domain.loyalty.model import (
    ChurnRisk,
    ClvFit,
    Count,
    CustomerLoyalty,
    HealthMeasures,
    HealthRules,
    HealthSignal,
    HealthWindows,
    LifecycleRules,
    LifecycleStage,
    LoyaltyRun,
    LoyaltyRunTrigger,
    LoyaltySettings,
    PortfolioMeasures,
    PortfolioResults,
    PortfolioSummary,
    RecordedHealth,
    RfmCell,
    RfmScore,
    SegmentRule,
    SegmentSize,
    SignalReading,
    ValueClass,
    default_segment_rules,
    reasons,
)
from domain.organisation.model import DataScope, UserRef
from domain.paging import Page, PageRequest
from domain.tiering.model import Progress, RecomputeStep
from repositories.binary_copy import copy_in, copy_out
from repositories.pagination import decode_cursor, encode_cursor, key_id, key_number
from repositories.tiering.repository import scope_condition

# One loyalty recompute at a time (advisory lock key, distinct from the tier locks).
RECOMPUTE_LOCK = 0x6B68_7403

# --- Measures: per customer from the quarterly facts, as of a day (domain/loyalty/model.py HealthWindows) -------------

def _measure_columns(prefix: str, shift: int) -> str:
    """Per-customer aggregates of the health measures, `shift` quarters back (0: now, 1: a quarter before): the
    last complete quarter against the same quarter a year before, four quarters against the four before, and
    purchases up to the day measured."""
    upto = "quarter <= :current" if shift == 0 else f"quarter <= :q{shift}"

    def q(back: int, count: int = 1) -> str:
        return f"quarter = :q{back}" if count == 1 else f"quarter BETWEEN :q{back + count - 1} AND :q{back}"

    y = 4
    return f"""
        max(last_day) FILTER (WHERE {upto}) AS {prefix}last_day,
        min(first_day) FILTER (WHERE {upto}) AS {prefix}first_day,
        coalesce(sum(purchase_days) FILTER (WHERE {upto}), 0) AS {prefix}purchase_days,
        coalesce(sum(revenue) FILTER (WHERE {q(shift)}), 0) AS {prefix}revenue_quarter,
        coalesce(sum(revenue) FILTER (WHERE {q(shift + y)}), 0) AS {prefix}revenue_quarter_year_before,
        coalesce(sum(revenue) FILTER (WHERE {q(shift, y)}), 0) AS {prefix}revenue_12m,
        coalesce(sum(revenue) FILTER (WHERE {q(shift + y, y)}), 0) AS {prefix}revenue_12m_before,
        sum(discount_amount) FILTER (WHERE {q(shift)})
            / nullif(sum(list_amount) FILTER (WHERE {q(shift)}), 0) AS {prefix}discount_share_quarter,
        sum(discount_amount) FILTER (WHERE {q(shift + y)})
            / nullif(sum(list_amount) FILTER (WHERE {q(shift + y)}), 0) AS {prefix}discount_share_year_before,
        CAST(sum(issues) FILTER (WHERE {q(shift)}) AS float8)
            / nullif(sum(placed) FILTER (WHERE {q(shift)}), 0) AS {prefix}issue_rate_quarter,
        CAST(sum(issues) FILTER (WHERE {q(shift + y)}) AS float8)
            / nullif(sum(placed) FILTER (WHERE {q(shift + y)}), 0) AS {prefix}issue_rate_year_before"""


_MEASURE_NAMES = ("last_day", "first_day", "purchase_days", "revenue_quarter", "revenue_quarter_year_before",
                  "revenue_12m", "revenue_12m_before", "discount_share_quarter", "discount_share_year_before",
                  "issue_rate_quarter", "issue_rate_year_before")


def _as_days(column: str, day: str) -> str:
    """A day column as days before the day parameter `day` (NaN when there is none)."""
    return f"coalesce(CAST(CAST(:{day} AS date) - {column} AS float8), 'NaN')"


def _float(column: str) -> str:
    return f"coalesce(CAST({column} AS float8), 'NaN')"


def _output(prefix: str, day: str) -> list[tuple[str, str]]:
    """(name, float8 expression) of one set of health measures, for array_agg."""
    interval = (f"CASE WHEN a.{prefix}purchase_days > 1 THEN "
                f"CAST(a.{prefix}last_day - a.{prefix}first_day AS float8) / (a.{prefix}purchase_days - 1) END")
    outputs = [(f"{prefix}days_since_last", _as_days(f"a.{prefix}last_day", day)),
               (f"{prefix}typical_interval", _float(interval))]
    if not prefix:  # for the lifecycle stage, as of the day only (health does not use it)
        outputs.append(("days_since_first", _as_days("a.first_day", day)))
    outputs += [(f"{prefix}{name}", _float(f"a.{prefix}{name}")) for name in _MEASURE_NAMES[3:]]
    outputs.append((f"{prefix}contact_changes_12m", f"CAST(coalesce(k.{prefix}changes, 0) AS float8)"))
    return outputs


_OUTPUTS = [
    ("annual_purchasing", _float("CASE WHEN c.characteristics->>'annual_purchasing' ~ '^[0-9]+(\\.[0-9]+)?$' "
                                 "THEN CAST(c.characteristics->>'annual_purchasing' AS numeric) END")),
    ("frequency_12m", "CAST(coalesce(a.frequency_12m, 0) AS float8)"),
    ("high_value", "coalesce(t.abc_class = 'A', false)"),
    ("potential_grade_a", "coalesce(t.potential_grade = 'A', false)"),
    # The lifetime-value summary (NaN for customers who never bought, who are not in it).
    ("clv_frequency", _float("CASE WHEN a.purchase_days > 0 THEN a.purchase_days - 1 END")),
    ("clv_recency", _float("round((a.last_day - a.first_day) / 7.0, 2)")),
    ("clv_age", _float("round((CAST(:as_of AS date) - a.first_day) / 7.0, 2)")),
    ("clv_monetary", _float("CASE WHEN a.purchase_days > 1 THEN "
                            "round((a.spend_total - a.first_spend) / (a.purchase_days - 1), 2) "
                            "WHEN a.purchase_days = 1 THEN 0 END")),
]
_BOOLEAN_OUTPUTS = {"high_value", "potential_grade_a"}


def _measures(quarter_before: bool) -> tuple[TextClause, list[tuple[str, str]]]:
    """The measures statement and its columns: the health measures as of the day, and as of the end of the quarter
    before its last complete one when `quarter_before` (when no recorded health of that day can be used)."""
    outputs = [*_output("", "as_of"), *(_output("b_", "before") if quarter_before else []), *_OUTPUTS]
    columns = [("customer_id", "bigint"),
               *((name, "bool" if name in _BOOLEAN_OUTPUTS else "float8") for name, _ in outputs)]
    # One row per customer and quarter, a few per customer: one pass groups them per customer (in parallel).
    # Every output is a number (NaN: unknown) or a flag, so the rows travel by binary COPY
    # (repositories/binary_copy.py).
    return text(f"""
        WITH aggregates AS (
            SELECT customer_id, {_measure_columns("", 0)},
                   {_measure_columns("b_", 1) + "," if quarter_before else ""}
                   coalesce(sum(purchase_days) FILTER (WHERE quarter BETWEEN :q3 AND :q0), 0) AS frequency_12m,
                   sum(purchase_spend) FILTER (WHERE quarter <= :current) AS spend_total,
                   sum(first_day_spend) FILTER (WHERE first_purchase_quarter AND quarter <= :current) AS first_spend
            FROM customer_quarterly_facts WHERE quarter <= :current
            GROUP BY customer_id
        ), contact_changes AS (
            -- Contact updates and ends in the year to the end of the day measured, now and a quarter before.
            SELECT customer_id,
                   count(*) FILTER (WHERE at >= CAST(:end_ts AS timestamptz) - interval '1 year') AS changes,
                   count(*) FILTER (WHERE at < CAST(:before_end_ts AS timestamptz)
                                    AND at >= CAST(:before_end_ts AS timestamptz) - interval '1 year') AS b_changes
            FROM audit_log
            WHERE action IN ('contact_update', 'contact_end') AND customer_id IS NOT NULL AND at < :end_ts
              AND at >= least(CAST(:end_ts AS timestamptz), CAST(:before_end_ts AS timestamptz)) - interval '1 year'
            GROUP BY customer_id
        )
        SELECT c.id AS customer_id, {", ".join(f"{expr} AS {name}" for name, expr in outputs)}
        FROM customers c
        LEFT JOIN aggregates a ON a.customer_id = c.id
        LEFT JOIN customer_tiers t ON t.customer_id = c.id
        LEFT JOIN contact_changes k ON k.customer_id = c.id
        WHERE c.created_at < :end_ts OR a.customer_id IS NOT NULL
        ORDER BY c.id
    """), columns


_MEASURES = {quarter_before: _measures(quarter_before) for quarter_before in (False, True)}

_SIGNAL_BASIS: dict[HealthSignal, tuple[str, str]] = {
    # The figures shown with each signal: (value, baseline) among the health measures.
    HealthSignal.RECENCY: ("days_since_last", "typical_interval"),
    HealthSignal.REVENUE_TREND: ("revenue_quarter", "revenue_quarter_year_before"),
    HealthSignal.SHARE_OF_WALLET_TREND: ("share_12m", "share_12m_before"),
    HealthSignal.DISCOUNT_TREND: ("discount_share_quarter", "discount_share_year_before"),
    HealthSignal.ISSUE_TREND: ("issue_rate_quarter", "issue_rate_year_before"),
    HealthSignal.COMPLAINT_TREND: ("complaints_quarter", "complaints_year_before"),
    HealthSignal.CONTACT_CHANGES: ("contact_changes_12m", "contact_changes_full"),
}

# Decimal figures travel as whole numbers of their unit ("cents": hundredths, "tenths"), rounded half away from zero
# by numpy, MISSING for unknown: converting them from float8 in SQL (through text) cost a second per run.
_SCALED = {"monetary_12m": 100, "health_score": 10, "health_before": 10, "expected_order_value": 100,
           "predicted_revenue_12m": 100, "future_profit": 100}
MISSING = -(2**63)
# The run's results as staged by binary COPY; "label" columns carry 1-based codes into the :labels array (0: NULL).
_RESULT_COLUMNS: list[tuple[str, str]] = [
    ("customer_id", "bigint"), ("recency_days", "float8"), ("frequency_12m", "float8"), ("monetary_12m", "bigint"),
    ("r_score", "smallint"), ("f_score", "smallint"), ("m_score", "smallint"), ("segment", "label"),
    ("health_score", "bigint"), ("health_before", "bigint"), ("stage", "label"), ("value_class", "label"),
    ("core", "bool"), ("p_alive", "float8"), ("expected_purchases", "float8"), ("expected_order_value", "bigint"),
    ("predicted_revenue_12m", "bigint"), ("future_profit", "bigint"),
] + [(f"{s.value}_{part}", "float8") for s in HealthSignal for part in ("score", "points", "value", "baseline")]
_STAGED_COLUMNS = [(name, "smallint" if kind == "label" else kind) for name, kind in _RESULT_COLUMNS]


def _nullable(column: str) -> str:
    return f"nullif(u.{column}, 'NaN')"


def _decimal(column: str) -> str:
    """A scaled whole number back to its decimal (numeric with the unit's scale), NULL for MISSING."""
    return f"nullif(u.{column}, {MISSING}) * {1 / _SCALED[column]}"


def _scaled(values: NDArray[np.float64], scale: int) -> NDArray[np.int64]:
    with np.errstate(invalid="ignore"):
        whole = np.sign(values) * np.floor(np.abs(values) * scale + 0.5)
    return np.where(np.isfinite(whole), whole, MISSING).astype(np.int64)


_SIGNAL_PARTS = {"scores": "score", "points": "points", "values": "value", "baselines": "baseline"}


def _signal_array(part: str) -> str:
    """One array per customer of a part of every signal, in HealthSignal order."""
    return f"ARRAY[{', '.join(_nullable(f'{s.value}_{part}') for s in HealthSignal)}]"


def _label(column: str) -> str:
    return f"(CAST(:labels AS text[]))[u.{column}]"


_STAGING = f"""
    CREATE TEMP TABLE loyalty_results ({", ".join(f"{name} {kind}" for name, kind in _STAGED_COLUMNS)}) ON COMMIT DROP
"""

# Every run replaces every customer's row, so the figures are written into a new table that then takes the place of
# the old one (build and swap): a plain insert into a table without indexes, the indexes built once at the end, no
# dead rows left behind. Rewriting the rows in place (an upsert) cost three times as long (docs/benchmarks.md).
# Readers keep the old table until the swap; the swap waits for them and holds them for the rest of the run's
# transaction (the segment sizes and the run's record: well under a second). The new table copies the columns,
# defaults, NOT NULL and CHECK constraints of the old one; its key and index are those of the migrations (names
# included). No foreign key to customers (migration 0008): adding it would lock customers against writes.
_NEXT = "customer_loyalty_next"
_FILL = text(f"""
    INSERT INTO {_NEXT} (
        customer_id, run_id, as_of, recency_days, frequency_12m, monetary_12m, r_score, f_score, m_score,
        segment, health_score, health_before, health_change, signal_scores, signal_points, signal_values,
        signal_baselines, stage, value_class, core,
        p_alive, expected_purchases, expected_order_value, predicted_revenue_12m, future_profit)
    SELECT u.customer_id, :run_id, :as_of, CAST({_nullable("recency_days")} AS integer),
           CAST({_nullable("frequency_12m")} AS integer), {_decimal("monetary_12m")},
           nullif(u.r_score, 0), nullif(u.f_score, 0), nullif(u.m_score, 0), {_label("segment")},
           {_decimal("health_score")}, {_decimal("health_before")},
           {_decimal("health_score")} - {_decimal("health_before")},
           {", ".join(_signal_array(part) for part in _SIGNAL_PARTS.values())},
           {_label("stage")}, {_label("value_class")}, u.core,
           {_nullable("p_alive")}, {_nullable("expected_purchases")},
           {_decimal("expected_order_value")}, {_decimal("predicted_revenue_12m")}, {_decimal("future_profit")}
    FROM loyalty_results u
""")
_CREATE = f"CREATE TABLE {_NEXT} (LIKE customer_loyalty INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
_INDEX = [
    f"ALTER TABLE {_NEXT} ADD CONSTRAINT pk_{_NEXT} PRIMARY KEY (customer_id)",
    f"CREATE INDEX ix_{_NEXT}_health_change ON {_NEXT} (health_change)",
    # Statistics before the first reader plans a query on it (the customer list's loyalty filters).
    f"ANALYZE {_NEXT} (customer_id, segment, stage, value_class, core, health_score, health_change)",
]
_SWAP = [
    "DROP TABLE customer_loyalty",
    f"ALTER TABLE {_NEXT} RENAME TO customer_loyalty",
    f"ALTER TABLE customer_loyalty RENAME CONSTRAINT pk_{_NEXT} TO pk_customer_loyalty",
    f"ALTER INDEX ix_{_NEXT}_health_change RENAME TO ix_customer_loyalty_health_change",
]

_SEGMENT_SIZES = text("""
    WITH sizes AS (
        SELECT segment, count(*) AS customers, coalesce(sum(monetary_12m), 0) AS revenue_12m
        FROM customer_loyalty WHERE segment IS NOT NULL GROUP BY segment
    ), cleared AS (
        DELETE FROM loyalty_segment_sizes WHERE as_of = :as_of AND segment NOT IN (SELECT segment FROM sizes)
    )
    INSERT INTO loyalty_segment_sizes (as_of, segment, run_id, customers, revenue_12m)
    SELECT :as_of, segment, :run_id, customers, revenue_12m FROM sizes
    ON CONFLICT (as_of, segment) DO UPDATE SET run_id = excluded.run_id, customers = excluded.customers,
        revenue_12m = excluded.revenue_12m
""")


def _codes(values: NDArray[np.object_], labels: dict[str, int]) -> NDArray[np.int16]:
    """Text values as 1-based codes into the labels (0: NULL), growing the labels as new values appear."""
    out = np.zeros(len(values), dtype=np.int16)
    for value in set(values.tolist()) - {None}:
        out[values == value] = labels.setdefault(value, len(labels) + 1)
    return out


# The health a quarter before that the current figures carry, in customer order (tenths as float8, NaN where there
# was no score).
_RECORDED_COLUMNS = [("customer_id", "bigint"), ("health_tenths", "float8")]
_RECORDED_HEALTH = text("""
    SELECT customer_id, coalesce(CAST(health_before * 10 AS float8), 'NaN') AS health_tenths
    FROM customer_loyalty ORDER BY customer_id
""")


# Complaints received per customer in the quarters of the revenue trend (HealthWindows): the last complete quarter and
# the same quarter a year before, now and a quarter earlier. Unknown (NaN) while no complaint was ever recorded.
_COMPLAINT_COUNTS = text("""
    SELECT customer_id, count(*) FILTER (WHERE quarter = :q0) AS now_quarter,
           count(*) FILTER (WHERE quarter = :q4) AS now_year_before,
           count(*) FILTER (WHERE quarter = :q1) AS before_quarter,
           count(*) FILTER (WHERE quarter = :q5) AS before_year_before
    FROM (SELECT customer_id, CAST(date_trunc('quarter', received_at AT TIME ZONE :tz) AS date) AS quarter
          FROM complaints WHERE received_at < :end_ts) k
    WHERE quarter IN (:q0, :q1, :q4, :q5)
    GROUP BY customer_id
""")


def _complaint_counts(ids: NDArray[np.int64], rows: list[Any], recorded: bool) -> dict[str, NDArray[np.float64]]:
    names = ("now_quarter", "now_year_before", "before_quarter", "before_year_before")
    counts = {n: np.full(len(ids), 0.0 if recorded else np.nan) for n in names}
    if rows and len(ids):
        found = np.asarray([r.customer_id for r in rows], dtype=np.int64)
        at = np.searchsorted(ids, found)
        keep = (at < len(ids)) & (ids[np.minimum(at, len(ids) - 1)] == found)
        for n in names:
            counts[n][at[keep]] = np.asarray([getattr(r, n) for r in rows], dtype=np.float64)[keep]
    return counts


def _health(row: dict[str, NDArray[Any]], prefix: str,
            complaints: tuple[NDArray[np.float64], NDArray[np.float64]]) -> HealthMeasures:
    def get(name: str) -> NDArray[np.float64]:
        return row[prefix + name]
    return HealthMeasures(
        days_since_last=get("days_since_last"), typical_interval=get("typical_interval"),
        revenue_quarter=get("revenue_quarter"), revenue_quarter_year_before=get("revenue_quarter_year_before"),
        revenue_12m=get("revenue_12m"), revenue_12m_before=get("revenue_12m_before"),
        annual_purchasing=row["annual_purchasing"],
        discount_share_quarter=get("discount_share_quarter"),
        discount_share_year_before=get("discount_share_year_before"),
        issue_rate_quarter=get("issue_rate_quarter"), issue_rate_year_before=get("issue_rate_year_before"),
        complaints_quarter=complaints[0], complaints_year_before=complaints[1],
        contact_changes_12m=get("contact_changes_12m"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _fit_json(fit: ClvFit) -> dict[str, Any]:
    return {"bg_nbd": {k: _jsonable(v) for k, v in vars(fit.bg_nbd).items()},
            "gamma_gamma": {k: _jsonable(v) for k, v in vars(fit.gamma_gamma).items()},
            "customers": fit.customers, "spenders": fit.spenders,
            "data_from": fit.data_from.isoformat() if fit.data_from else None, "data_to": fit.data_to.isoformat(),
            "seconds": fit.seconds}


def _fit_from_json(data: dict[str, Any] | None) -> ClvFit | None:
    if not data:
        return None
    return ClvFit(BgNbdParams(**data["bg_nbd"]), GammaGammaParams(**data["gamma_gamma"]), data["customers"],
                  data["spenders"], date.fromisoformat(data["data_from"]) if data["data_from"] else None,
                  date.fromisoformat(data["data_to"]), data["seconds"])


def settings_json(settings: LoyaltySettings) -> dict[str, Any]:
    return {
        "health_weights": {str(k): str(v) for k, v in settings.health_weights.items()},
        "lifecycle": {k: str(v) if isinstance(v, Decimal) else v for k, v in vars(settings.lifecycle).items()},
        "segment_rules": [{"key": r.key, "label_zh": r.label_zh, "label_en": r.label_en,
                           "recency": sorted(r.recency), "frequency": sorted(r.frequency)}
                          for r in settings.segment_rules],
    }


def _settings_from(row: Any) -> LoyaltySettings:
    defaults = LoyaltySettings()
    weights = ({HealthSignal(k): Decimal(v) for k, v in row.health_weights.items()} if row.health_weights
               else defaults.health_weights)
    lifecycle = defaults.lifecycle
    if row.lifecycle:
        lifecycle = LifecycleRules(**{k: type(getattr(defaults.lifecycle, k))(v) for k, v in row.lifecycle.items()})
    rules = (tuple(SegmentRule(r["key"], r["label_zh"], r["label_en"], frozenset(r["recency"]),
                               frozenset(r["frequency"])) for r in row.segment_rules)
             if row.segment_rules else default_segment_rules())
    return LoyaltySettings(row.margin_percent, row.annual_discount_rate_percent, row.horizon_months, weights,
                           lifecycle, rules, row.version)


_RUN_COLUMNS = """r.id, r.trigger, r.triggered_by, u.username, u.display_name, r.as_of, r.started_at, r.finished_at,
                  r.customers, r.clv_fit, r.fit_error, r.settings_version"""


def _run_from(row: Any) -> LoyaltyRun:
    by = UserRef(row.triggered_by, row.username, row.display_name) if row.triggered_by is not None else None
    return LoyaltyRun(row.id, LoyaltyRunTrigger(row.trigger), by, row.as_of, row.started_at, row.finished_at,
                      row.customers, _fit_from_json(row.clv_fit), row.fit_error, row.settings_version)


class SqlLoyaltyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- settings and runs ---------------------------------------------------------------------------------------

    async def settings(self, *, for_update: bool = False) -> LoyaltySettings:
        sql = ("SELECT margin_percent, annual_discount_rate_percent, horizon_months, health_weights, lifecycle, "
               "segment_rules, version FROM loyalty_settings WHERE id = 1" + (" FOR UPDATE" if for_update else ""))
        return _settings_from((await self.session.execute(text(sql))).one())

    async def save_settings(self, settings: LoyaltySettings, *, updated_by: int | None,
                            at: datetime) -> LoyaltySettings:
        documents = settings_json(settings)
        await self.session.execute(text("""
            UPDATE loyalty_settings SET margin_percent = :margin, annual_discount_rate_percent = :rate,
                horizon_months = :horizon, health_weights = CAST(:weights AS jsonb),
                lifecycle = CAST(:lifecycle AS jsonb), segment_rules = CAST(:rules AS jsonb),
                version = version + 1, updated_by = :updated_by, updated_at = :at
            WHERE id = 1
        """), {"margin": settings.margin_percent, "rate": settings.annual_discount_rate_percent,
               "horizon": settings.horizon_months, "weights": orjson.dumps(documents["health_weights"]).decode(),
               "lifecycle": orjson.dumps(documents["lifecycle"]).decode(),
               "rules": orjson.dumps(documents["segment_rules"]).decode(), "updated_by": updated_by, "at": at})
        return await self.settings()

    async def lock_recompute(self) -> None:
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RECOMPUTE_LOCK})

    async def start_run(self, *, trigger: LoyaltyRunTrigger, triggered_by: int | None, as_of: date,
                        started_at: datetime, settings_version: int) -> int:
        return int((await self.session.execute(text("""
            INSERT INTO loyalty_runs (trigger, triggered_by, as_of, started_at, settings_version)
            VALUES (:trigger, :triggered_by, :as_of, :started_at, :version) RETURNING id
        """), {"trigger": trigger.value, "triggered_by": triggered_by, "as_of": as_of, "started_at": started_at,
               "version": settings_version})).scalar_one())

    async def finish_run(self, run_id: int, *, customers: int, fit: ClvFit | None, fit_error: str | None,
                         finished_at: datetime) -> LoyaltyRun:
        await self.session.execute(text("""
            UPDATE loyalty_runs SET customers = :customers, clv_fit = CAST(:fit AS jsonb), fit_error = :error,
                finished_at = :finished_at WHERE id = :id
        """), {"id": run_id, "customers": customers, "fit": orjson.dumps(_fit_json(fit)).decode() if fit else None,
               "error": fit_error, "finished_at": finished_at})
        return (await self.runs(1, run_id=run_id))[0]

    async def runs(self, limit: int, *, run_id: int | None = None,
                   trigger: LoyaltyRunTrigger | None = None) -> list[LoyaltyRun]:
        where, params = ["true"], {"limit": limit}
        if run_id is not None:
            where.append("r.id = :run_id")
            params["run_id"] = run_id
        if trigger is not None:
            where.append("r.trigger = :trigger")
            params["trigger"] = trigger.value  # type: ignore[assignment]
        rows = await self.session.execute(text(f"""
            SELECT {_RUN_COLUMNS} FROM loyalty_runs r LEFT JOIN users u ON u.id = r.triggered_by
            WHERE {" AND ".join(where)} ORDER BY r.started_at DESC, r.id DESC LIMIT :limit
        """), params)
        return [_run_from(r) for r in rows]

    # --- the recompute -------------------------------------------------------------------------------------------

    async def measures(self, as_of: date, time_zone: str, *, quarter_before: bool = True) -> PortfolioMeasures:
        """Every customer's measures as of the end of `as_of` (company time zone), in one statement over the
        quarterly facts (recount the stale ones first: FactsRepository.recount_stale_quarters); with those as of
        the end of the quarter before the last complete one when `quarter_before`."""
        windows = HealthWindows(as_of)
        end = await self._end_of(as_of, time_zone)
        quarters = {f"q{k}": windows.quarter(k) for k in range(9)}
        params = {"as_of": as_of, "before": windows.before, "current": windows.current, **quarters,
                  "end_ts": end, "before_end_ts": await self._end_of(windows.before, time_zone)}
        statement, columns = _MEASURES[quarter_before]
        row = await copy_out(self.session, statement, params, columns)
        ids = row["customer_id"]
        recorded = bool((await self.session.execute(
            text("SELECT EXISTS (SELECT 1 FROM complaints WHERE received_at < :end_ts)"), {"end_ts": end}
        )).scalar_one())
        rows = list(await self.session.execute(
            _COMPLAINT_COUNTS, {"end_ts": end, "tz": time_zone, **quarters})) if recorded else []
        complaints = _complaint_counts(ids, rows, recorded)
        bought = ~np.isnan(row["clv_frequency"])
        summary = CustomerSummary.of(row["clv_frequency"][bought], row["clv_recency"][bought],
                                     row["clv_age"][bought], row["clv_monetary"][bought], customer_ids=ids[bought])
        before = (_health(row, "b_", (complaints["before_quarter"], complaints["before_year_before"]))
                  if quarter_before else None)
        return PortfolioMeasures(
            customer_ids=ids, days_since_first=row["days_since_first"], frequency_12m=row["frequency_12m"],
            health_now=_health(row, "", (complaints["now_quarter"], complaints["now_year_before"])),
            health_quarter_before=before,
            high_value=row["high_value"], potential_grade_a=row["potential_grade_a"], clv_summary=summary)

    async def recorded_health(self, quarter_end: date, settings_version: int) -> RecordedHealth | None:
        """Every customer's health score as of `quarter_end` under these settings, as the current figures carry
        it (`customer_loyalty.health_before`), if it still holds."""
        valid = (await self.session.execute(text(
            "SELECT 1 FROM loyalty_health_before WHERE quarter_end = :day AND settings_version = :version"),
            {"day": quarter_end, "version": settings_version})).first()
        if valid is None:
            return None
        row = await copy_out(self.session, _RECORDED_HEALTH, {}, _RECORDED_COLUMNS)
        return RecordedHealth(row["customer_id"], row["health_tenths"] / 10.0)

    async def record_health(self, quarter_end: date, settings_version: int, at: datetime) -> None:
        """Notes that the figures this run writes carry the health as of `quarter_end` under these settings."""
        await self.session.execute(text("DELETE FROM loyalty_health_before"))
        await self.session.execute(text("""
            INSERT INTO loyalty_health_before (quarter_end, settings_version, recorded_at)
            VALUES (:day, :version, :at)
        """), {"day": quarter_end, "version": settings_version, "at": at})

    async def _end_of(self, day: date, time_zone: str) -> datetime:
        end: datetime = (await self.session.execute(text(
            "SELECT (CAST(:day AS date) + 1)::timestamp AT TIME ZONE :tz"), {"day": day, "tz": time_zone})).scalar_one()
        return end

    async def clv_summary(self, calibration_end: date, time_zone: str) -> CustomerSummary:
        """The lifetime-value summary of the customers who bought up to `calibration_end` (the measures' path)."""
        return (await self.measures(calibration_end, time_zone, quarter_before=False)).clv_summary

    async def write(self, run_id: int, as_of: date, m: PortfolioMeasures, results: PortfolioResults,
                    progress: Progress | None = None, step: tuple[int, int] = (1, 1)) -> int:
        """Replaces every customer's loyalty figures with the run's, and records the segment sizes of its day."""
        started = time.perf_counter()
        now = m.health_now
        with np.errstate(divide="ignore", invalid="ignore"):
            share = now.revenue_12m / np.where(now.annual_purchasing > 0, now.annual_purchasing, np.nan)
            share_before = now.revenue_12m_before / np.where(now.annual_purchasing > 0, now.annual_purchasing,
                                                              np.nan)
        basis = {**{f.name: getattr(now, f.name) for f in now.__dataclass_fields__.values()},
                 "share_12m": share, "share_12m_before": share_before,
                 "contact_changes_full": np.full(len(m.customer_ids), float(HealthRules().contact_changes_full))}
        zeros = np.zeros(len(m.customer_ids), dtype=np.int8)
        r, f, mon = results.rfm if results.rfm is not None else (zeros, zeros, zeros)
        labels: dict[str, int] = {}
        columns: dict[str, NDArray[Any]] = {
            "customer_id": m.customer_ids, "recency_days": now.days_since_last,
            "frequency_12m": np.where(results.bought, m.frequency_12m, np.nan),
            "monetary_12m": np.where(results.bought, now.revenue_12m, np.nan),
            "r_score": r, "f_score": f, "m_score": mon,
            "segment": _codes(results.segment, labels), "health_score": results.health.score,
            "health_before": results.health_before, "stage": _codes(results.stage, labels),
            "value_class": _codes(results.value_class, labels), "core": results.core.astype(np.bool_),
            **results.predictions,
        }
        for name, scale in _SCALED.items():
            columns[name] = _scaled(np.asarray(columns[name], dtype=np.float64), scale)
        for signal in HealthSignal:
            value, baseline = _SIGNAL_BASIS[signal]
            columns[f"{signal.value}_score"] = results.health.signal_scores[signal]
            columns[f"{signal.value}_points"] = results.health.points[signal]
            columns[f"{signal.value}_value"] = basis[value]
            columns[f"{signal.value}_baseline"] = basis[baseline]
        await self.session.execute(text("DROP TABLE IF EXISTS loyalty_results"))
        await self.session.execute(text(_STAGING))
        await copy_in(self.session, "loyalty_results", _STAGED_COLUMNS, columns)
        await self.session.execute(text(_CREATE))
        await self.session.execute(_FILL, {"run_id": run_id, "as_of": as_of,
                                           "labels": sorted(labels, key=labels.__getitem__)})
        for statement in (*_INDEX, *_SWAP):
            await self.session.execute(text(statement))
        await self.session.execute(_SEGMENT_SIZES, {"run_id": run_id, "as_of": as_of})
        written = len(m.customer_ids)
        if progress is not None:
            progress(RecomputeStep(step[0], step[1], "figures written", time.perf_counter() - started))
        return written

    # --- reading -------------------------------------------------------------------------------------------------

    async def customer(self, customer_id: int) -> CustomerLoyalty | None:
        row = (await self.session.execute(text("SELECT * FROM customer_loyalty WHERE customer_id = :id"),
                                          {"id": customer_id})).one_or_none()
        return _customer_from(row) if row else None

    async def complaints_per_quarter(self, customer_id: int, quarters: Sequence[date],
                                     time_zone: str) -> dict[date, int]:
        rows = await self.session.execute(text("""
            SELECT CAST(date_trunc('quarter', received_at AT TIME ZONE :tz) AS date) AS quarter, count(*) AS n
            FROM complaints WHERE customer_id = :id AND received_at >= CAST(:since AS timestamp) AT TIME ZONE :tz
            GROUP BY 1
        """), {"id": customer_id, "tz": time_zone, "since": min(quarters)})
        wanted = set(quarters)
        return {r.quarter: r.n for r in rows if r.quarter in wanted}

    async def summary(self, scope: DataScope) -> PortfolioSummary:
        where, params = scope_condition(scope)
        # Revenue is the tiers' trailing-12-month figure (domain/loyalty/model.py PortfolioSummary.revenue_run).
        base = (f"FROM customer_loyalty l JOIN customers c ON c.id = l.customer_id "
                f"LEFT JOIN customer_tiers t ON t.customer_id = l.customer_id WHERE {where}")
        money = "coalesce(sum(t.revenue_12m) FILTER (WHERE t.level IS NOT NULL), 0)"
        grouped = {}
        for column in ("segment", "stage", "value_class"):
            rows = await self.session.execute(text(
                f"SELECT l.{column} AS key, count(*) AS customers, {money} AS revenue {base} GROUP BY 1 ORDER BY 1"),
                params)
            grouped[column] = tuple(Count(r.key, r.customers, r.revenue) for r in rows)
        core = (await self.session.execute(text(
            f"SELECT count(*) AS customers, {money} AS revenue {base} AND l.core"), params)).one()
        buckets = (await self.session.execute(text(f"""
            SELECT least(floor(l.health_score / 10), 9) AS bucket, count(*) AS customers {base}
            AND l.health_score IS NOT NULL GROUP BY 1
        """), params)).all()
        totals = (await self.session.execute(text(
            f"SELECT count(*) AS customers, count(*) FILTER (WHERE l.health_score IS NULL) AS no_health {base}"),
            params)).one()
        rfm = await self.session.execute(text(f"""
            SELECT l.r_score, l.f_score, count(*) AS customers, {money} AS revenue {base} AND l.r_score IS NOT NULL
            GROUP BY 1, 2 ORDER BY 1, 2
        """), params)
        counts = [0] * 10
        for b in buckets:
            counts[int(b.bucket)] = b.customers
        runs = await self.runs(1)
        return PortfolioSummary(
            runs[0] if runs else None, totals.customers, grouped["segment"], grouped["stage"],
            grouped["value_class"], Count("core", core.customers, core.revenue), tuple(counts), totals.no_health,
            tuple(RfmCell(r.r_score, r.f_score, r.customers, r.revenue) for r in rfm))

    async def churn_risk(self, scope: DataScope, page: PageRequest) -> Page[ChurnRisk]:
        """Customers whose health fell, the largest falls first (keyset on (health_change, customer id))."""
        where, params = scope_condition(scope)
        if page.cursor is not None:
            change, after_id = decode_cursor(page.cursor, key_number, key_id)
            where += " AND (l.health_change, l.customer_id) > (CAST(:after_change AS numeric), :after_id)"
            params = {**params, "after_change": str(change), "after_id": after_id}
        rows = await self.session.execute(text(f"""
            SELECT l.*, c.code, c.name, c.owner_id, u.username AS owner_username,
                   u.display_name AS owner_display_name
            FROM customer_loyalty l JOIN customers c ON c.id = l.customer_id
            LEFT JOIN users u ON u.id = c.owner_id
            WHERE l.health_change < 0 AND {where}
            ORDER BY l.health_change, l.customer_id LIMIT :limit
        """), {**params, "limit": page.limit + 1})
        risks = []
        for row in rows:
            loyalty = _customer_from(row)
            owner = UserRef(row.owner_id, row.owner_username, row.owner_display_name) if row.owner_id else None
            pulling_down = tuple(s for s in loyalty.signals if s.points is not None and s.points < 0)
            risks.append(ChurnRisk(row.customer_id, row.code, row.name, owner, row.health_score, row.health_before,
                                   row.health_change, row.segment, LifecycleStage(row.stage),
                                   ValueClass(row.value_class) if row.value_class else None, pulling_down))
        more = len(risks) > page.limit
        risks = risks[:page.limit]
        last = risks[-1] if risks else None
        return Page(risks, encode_cursor([str(last.health_change), last.customer_id]) if more and last else None)

    async def segment_history(self, since: date) -> list[SegmentSize]:
        rows = await self.session.execute(text("""
            SELECT as_of, segment, customers, revenue_12m FROM loyalty_segment_sizes WHERE as_of >= :since
            ORDER BY as_of, segment
        """), {"since": since})
        return [SegmentSize(r.as_of, r.segment, r.customers, r.revenue_12m) for r in rows]


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _customer_from(row: Any) -> CustomerLoyalty:
    parts = [row.signal_scores, row.signal_points, row.signal_values, row.signal_baselines]
    readings = [SignalReading(signal, *(_optional_float(p[i]) if i < len(p) else None for p in parts))
                for i, signal in enumerate(HealthSignal)]
    rfm = RfmScore(row.r_score, row.f_score, row.m_score) if row.r_score else None
    return CustomerLoyalty(
        customer_id=row.customer_id, as_of=row.as_of, run_id=row.run_id, recency_days=row.recency_days,
        frequency_12m=row.frequency_12m, monetary_12m=row.monetary_12m, rfm=rfm, segment=row.segment,
        health_score=row.health_score, health_before=row.health_before, health_change=row.health_change,
        signals=reasons(readings), stage=LifecycleStage(row.stage),
        value_class=ValueClass(row.value_class) if row.value_class else None, core=row.core,
        p_alive=row.p_alive, expected_purchases=row.expected_purchases,
        expected_order_value=row.expected_order_value, predicted_revenue_12m=row.predicted_revenue_12m,
        future_profit=row.future_profit)
