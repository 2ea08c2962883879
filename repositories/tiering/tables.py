"""Category rules, each customer's tiers and their history, tier runs and settings. Written by hand into migrations
(alembic)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from repositories.metadata import GRADE, MONEY, ZERO, metadata, timestamp_column

category_rules = Table(
    "category_rules",
    metadata,
    Column("position", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("label_zh", Text, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("positioning_zh", Text, nullable=False),
    Column("positioning_en", Text, nullable=False),
    # Grades that match per dimension; empty = any grade.
    Column("potential", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("possibility", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("basis", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    timestamp_column("updated_at"),
)


# Every customer's current tiers: grades and category from the last approved sheet, key-account level and
# ABC class from the last recompute.
customer_tiers = Table(
    "customer_tiers",
    metadata,
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("potential_grade", GRADE, nullable=True),
    Column("possibility_grade", GRADE, nullable=True),
    Column("basis_grade", GRADE, nullable=True),
    Column("category", Text, nullable=True, index=True),
    Column("graded_period", Text, nullable=True),
    Column("score_sheet_id", BigInteger, ForeignKey("score_sheets.id", ondelete="SET NULL"), nullable=True),
    Column("graded_at", DateTime(timezone=True), nullable=True),
    Column("level", Text, nullable=True, index=True),
    Column("abc_class", Text, nullable=True, index=True),
    Column("revenue_12m", MONEY, nullable=True),
    Column("tiered_at", DateTime(timezone=True), nullable=True),
)


# One recompute of levels and ABC classes over all customers (CLI, nightly job or an administrator).
tier_runs = Table(
    "tier_runs",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("trigger", Text, nullable=False),
    Column("triggered_by", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    # The last month of the trailing-12-month window (first day, company time zone).
    Column("as_of_month", Date, nullable=False),
    Column("customers", Integer, nullable=False, server_default=ZERO),
    Column("changed", Integer, nullable=False, server_default=ZERO),
    # The thresholds and shares the run used.
    Column("settings", JSONB, nullable=False),
)


# Changes to a customer's tiers over time: grades and category from approved sheets (and category rule
# edits), level and ABC class from recomputes. A recompute that changes nothing adds nothing.
customer_tier_history = Table(
    "customer_tier_history",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("source", Text, nullable=False),  # score_sheet | recompute | category_rules
    Column("period", Text, nullable=True),
    Column("score_sheet_id", BigInteger, ForeignKey("score_sheets.id", ondelete="SET NULL"), nullable=True),
    Column("tier_run_id", BigInteger, ForeignKey("tier_runs.id", ondelete="SET NULL"), nullable=True),
    Column("potential_grade", GRADE, nullable=True),
    Column("possibility_grade", GRADE, nullable=True),
    Column("basis_grade", GRADE, nullable=True),
    Column("category", Text, nullable=True),
    Column("level", Text, nullable=True),
    Column("abc_class", Text, nullable=True),
    Column("revenue_12m", MONEY, nullable=True),
    Index("ix_customer_tier_history_customer_id_at", "customer_id", "at"),
)


# Key-account level thresholds and ABC shares: one row, edited by administrators.
tier_settings = Table(
    "tier_settings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("level_special", MONEY, nullable=False),
    Column("level_a", MONEY, nullable=False),
    Column("level_b", MONEY, nullable=False),
    Column("abc_a_percent", Numeric(5, 2), nullable=False),
    Column("abc_b_percent", Numeric(5, 2), nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("updated_at"),
)


# Which partition the customers of each key-account level belong in ('key', 'regular', NULL: either): one row,
# edited by whoever manages the tier settings (docs/domain.md section 5, "Partition and level").
partition_rule = Table(
    "partition_rule",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("level_special", Text, nullable=True),
    Column("level_a", Text, nullable=True),
    Column("level_b", Text, nullable=True),
    Column("level_c", Text, nullable=True),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("updated_at"),
)
