"""Loyalty: settings, runs, each customer's figures, quarterly facts and what the recompute keeps between runs
(migrations 0005, 0007-0011). Written by hand into migrations (alembic)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    SmallInteger,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from repositories.metadata import MONEY, ZERO, metadata, timestamp_column

# One row: lifetime-value economics, health weights, stage and class thresholds, segment rules (NULL JSON: the
# defaults of domain/loyalty/model.py).
loyalty_settings = Table(
    "loyalty_settings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("margin_percent", Numeric(5, 2), nullable=False, server_default=text("20")),
    Column("annual_discount_rate_percent", Numeric(5, 2), nullable=False, server_default=text("10")),
    Column("horizon_months", Integer, nullable=False, server_default=text("12")),
    Column("health_weights", JSONB, nullable=True),
    Column("lifecycle", JSONB, nullable=True),
    Column("segment_rules", JSONB, nullable=True),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("updated_at"),
)


# Each recompute: as of which day, and the lifetime-value fit it made (parameters, data range, time) or why not.
loyalty_runs = Table(
    "loyalty_runs",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("trigger", Text, nullable=False),
    Column("triggered_by", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("as_of", Date, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("customers", Integer, nullable=True),
    Column("settings_version", Integer, nullable=False),
    Column("clv_fit", JSONB, nullable=True),
    Column("fit_error", Text, nullable=True),
)


# Each customer's loyalty figures as of the latest recompute (replaced in bulk by each run).
customer_loyalty = Table(
    "customer_loyalty",
    metadata,
    Column("customer_id", BigInteger, primary_key=True),  # no foreign key: each run builds a new table (0008)
    Column("run_id", BigInteger, nullable=False),  # loyalty_runs.id; no foreign key: every run rewrites every row
    Column("as_of", Date, nullable=False),
    Column("recency_days", Integer, nullable=True),
    Column("frequency_12m", Integer, nullable=True),
    Column("monetary_12m", MONEY, nullable=True),
    Column("r_score", SmallInteger, nullable=True),
    Column("f_score", SmallInteger, nullable=True),
    Column("m_score", SmallInteger, nullable=True),
    Column("segment", Text, nullable=True),
    Column("health_score", Numeric(4, 1), nullable=True),
    Column("health_before", Numeric(4, 1), nullable=True),
    Column("health_change", Numeric(4, 1), nullable=True, index=True),
    # Per health signal, in domain/loyalty/model.py HealthSignal order (NULL elements: unknown).
    Column("signal_scores", ARRAY(Float), nullable=False),
    Column("signal_points", ARRAY(Float), nullable=False),
    Column("signal_values", ARRAY(Float), nullable=False),
    Column("signal_baselines", ARRAY(Float), nullable=False),
    Column("stage", Text, nullable=False),
    Column("value_class", Text, nullable=True),
    Column("core", Boolean, nullable=False),
    Column("p_alive", Float, nullable=True),
    Column("expected_purchases", Float, nullable=True),
    Column("expected_order_value", MONEY, nullable=True),
    Column("predicted_revenue_12m", MONEY, nullable=True),
    Column("future_profit", MONEY, nullable=True),
)


# Each customer's purchases per calendar quarter (company time zone), what the loyalty recompute reads.
customer_quarterly_facts = Table(
    "customer_quarterly_facts",
    metadata,
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("quarter", Date, nullable=False),
    Column("purchase_days", Integer, nullable=False, server_default=ZERO),
    Column("first_day", Date, nullable=True),
    Column("last_day", Date, nullable=True),
    Column("first_day_spend", MONEY, nullable=True),
    Column("purchase_spend", MONEY, nullable=False, server_default=ZERO),
    Column("revenue", Float, nullable=False, server_default=ZERO),
    Column("list_amount", Float, nullable=False, server_default=ZERO),
    Column("discount_amount", Float, nullable=False, server_default=ZERO),
    Column("placed", Integer, nullable=False, server_default=ZERO),
    Column("issues", Integer, nullable=False, server_default=ZERO),
    # The customer's first quarter with a purchase (its first_day_spend is their first purchase's spend).
    Column("first_purchase_quarter", Boolean, nullable=False, server_default=text("false")),
    PrimaryKeyConstraint("customer_id", "quarter"),
)


# The quarters of customers whose orders changed since they were last counted.
loyalty_stale_quarters = Table(
    "loyalty_stale_quarters",
    metadata,
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("quarter", Date, nullable=False),
    PrimaryKeyConstraint("customer_id", "quarter"),
)


# Customers and revenue per RFM segment on each recompute's day: segment sizes over time.
loyalty_segment_sizes = Table(
    "loyalty_segment_sizes",
    metadata,
    Column("as_of", Date, primary_key=True),
    Column("segment", Text, primary_key=True),
    Column("run_id", BigInteger, ForeignKey("loyalty_runs.id", ondelete="CASCADE"), nullable=False),
    Column("customers", Integer, nullable=False),
    Column("revenue_12m", MONEY, nullable=False),
)


# The day and settings of the health "a quarter before" that customer_loyalty.health_before carries (migration
# 0011; at most one row).
loyalty_health_before = Table(
    "loyalty_health_before",
    metadata,
    Column("quarter_end", Date, primary_key=True),
    Column("settings_version", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
