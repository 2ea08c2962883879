"""The schema as SQLAlchemy Core tables. Migrations are written by hand from this (alembic)."""

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
    Index,
    Integer,
    Interval,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    SmallInteger,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

NOW = text("now()")


def _ts(name: str, *, nullable: bool = False, default: bool = True) -> Column[object]:
    return Column(name, DateTime(timezone=True), nullable=nullable, server_default=NOW if default else None)


org_units = Table(
    "org_units",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("parent_id", BigInteger, ForeignKey("org_units.id"), nullable=True),
    Column("path", Text, nullable=False),
    _ts("created_at"),
)

users = Table(
    "users",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("username", Text, nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False, index=True),
    Column("is_active", Boolean, nullable=False, server_default=text("true")),
    # Bumped on password reset and disable: tokens carry it, so old sessions stop working.
    Column("token_version", Integer, nullable=False, server_default=text("1")),
    _ts("created_at"),
    _ts("updated_at"),
)

# Sign-in attempts counted per key (domain/organisation/signin.py). Keys are keyed hashes (HMAC with the server's
# secret) of the typed username and the client address, never the text itself; forgotten a day after their last failure.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("login_key", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime(timezone=True), nullable=True),
    Index("ix_login_throttle_last_failure_at", "last_failure_at"),
)

# Sessions ended by signing out before their token expires (the token's `jti`); forgotten once it has expired.
ended_sessions = Table(
    "ended_sessions",
    metadata,
    Column("session_id", Text, primary_key=True),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False),
    Column("prefix", Text, nullable=False, unique=True),
    Column("key_hash", Text, nullable=False),
    Column("scopes", ARRAY(Text), nullable=False),
    Column("created_by", BigInteger, ForeignKey("users.id"), nullable=True),
    _ts("created_at"),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

customers = Table(
    "customers",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("code", Text, nullable=False, unique=True,
           server_default=text("'C' || lpad(nextval('customer_code_seq')::text, 7, '0')")),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("source_system", Text, nullable=True),
    Column("external_id", Text, nullable=True),
    Column("name", Text, nullable=False),
    Column("customer_type", Text, nullable=False),
    Column("registration_id", Text, nullable=True),
    Column("address", Text, nullable=True),
    Column("region", Text, nullable=True),
    Column("phone", Text, nullable=True),
    Column("tags", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("lead_source", Text, nullable=True),
    Column("referrer", Text, nullable=True),
    Column("partition", Text, nullable=False, server_default=text("'regular'")),
    Column("abandon_reason", Text, nullable=True),
    Column("abandon_review_on", Date, nullable=True),
    Column("characteristics", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("owner_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False),
    _ts("created_at"),
    _ts("updated_at"),
)

customer_ownership = Table(
    "customer_ownership",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("owner_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("reason", Text, nullable=True),
    Column("changed_by", BigInteger, ForeignKey("users.id"), nullable=True),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("name", Text, nullable=False),
    Column("decision_role", Text, nullable=False),
    Column("title", Text, nullable=True),
    Column("phone", Text, nullable=True),
    Column("email", Text, nullable=True),
    Column("wechat", Text, nullable=True),
    Column("notes", Text, nullable=True),
    Column("is_primary", Boolean, nullable=False, server_default=text("false")),
    Column("started_on", Date, nullable=True),
    Column("ended_on", Date, nullable=True),
    Column("ended_reason", Text, nullable=True),
    _ts("created_at"),
    _ts("updated_at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("action", Text, nullable=False),
    Column("entity_type", Text, nullable=False),
    Column("entity_id", BigInteger, nullable=False),
    Column("customer_id", BigInteger, nullable=True),
    Column("before", JSONB, nullable=True),
    Column("after", JSONB, nullable=True),
)


MONEY = Numeric(18, 2)
ZERO = text("0")

orders = Table(
    "orders",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    # The integration that sent it (its API key's name) and its id there: the natural key.
    Column("source", Text, nullable=False),
    Column("external_id", Text, nullable=False),
    Column("customer_id", BigInteger, ForeignKey("customers.id"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("original_order_id", BigInteger, ForeignKey("orders.id"), nullable=True),
    Column("ordered_at", DateTime(timezone=True), nullable=False),
    Column("status", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("total_amount", MONEY, nullable=False),
    Column("returned_amount", MONEY, nullable=True),
    Column("store_code", Text, nullable=True),
    # What the order adds to the customer's figures, by the rules of domain/orders/model.py.
    Column("net_amount", MONEY, nullable=False),
    Column("list_amount", MONEY, nullable=False),
    Column("discount_amount", MONEY, nullable=False),
    Column("line_count", Integer, nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    _ts("received_at"),
    _ts("updated_at"),
    UniqueConstraint("source", "external_id"),
    # INCLUDE: the loyalty recompute reads orders from this index alone (migration 0005).
    Index("ix_orders_customer_id_ordered_at_id", "customer_id", text("ordered_at DESC"), text("id DESC"),
          postgresql_include=["kind", "status", "net_amount", "list_amount", "discount_amount"]),
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("order_id", BigInteger, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("sku", Text, nullable=False),
    Column("product_name", Text, nullable=False),
    Column("quantity", Numeric(18, 3), nullable=False),
    Column("unit_price", Numeric(18, 4), nullable=False),
    Column("discount_amount", MONEY, nullable=False),
    PrimaryKeyConstraint("order_id", "line_no"),
)

order_history = Table(
    "order_history",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("order_id", BigInteger, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("replaced_at", DateTime(timezone=True), nullable=False),
    # The order as it was before this version was replaced, lines included.
    Column("state", JSONB, nullable=False),
    UniqueConstraint("order_id", "version"),
)

customer_facts = Table(
    "customer_facts",
    metadata,
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("orders_placed", Integer, nullable=False, server_default=ZERO),
    Column("order_count", Integer, nullable=False, server_default=ZERO),
    Column("cancelled_count", Integer, nullable=False, server_default=ZERO),
    Column("returned_count", Integer, nullable=False, server_default=ZERO),
    Column("net_revenue", MONEY, nullable=False, server_default=ZERO),
    Column("list_amount", MONEY, nullable=False, server_default=ZERO),
    Column("discount_amount", MONEY, nullable=False, server_default=ZERO),
    Column("first_order_at", DateTime(timezone=True), nullable=True),
    Column("last_order_at", DateTime(timezone=True), nullable=True),
    _ts("updated_at"),
)

customer_monthly_revenue = Table(
    "customer_monthly_revenue",
    metadata,
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    # The first day of the month in the company's time zone.
    Column("month", Date, nullable=False),
    Column("net_revenue", MONEY, nullable=False, server_default=ZERO),
    Column("order_count", Integer, nullable=False, server_default=ZERO),
    PrimaryKeyConstraint("customer_id", "month"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    # Who sent the key ("api_key:7", "user:12"): keys are private to their sender.
    Column("owner", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("request_hash", Text, nullable=False),
    Column("outcome", JSONB, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
    PrimaryKeyConstraint("owner", "key"),
)

api_key_usage = Table(
    "api_key_usage",
    metadata,
    Column("api_key_id", BigInteger, ForeignKey("api_keys.id", ondelete="CASCADE"), nullable=False),
    Column("hour", DateTime(timezone=True), nullable=False),
    Column("requests", Integer, nullable=False, server_default=ZERO),
    Column("items", Integer, nullable=False, server_default=ZERO),
    PrimaryKeyConstraint("api_key_id", "hour"),
)

score_models = Table(
    "score_models",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False),
    Column("version", Integer, nullable=False),
    # Customer types the model is for; empty = every type without a model of its own.
    Column("customer_types", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    # [{key, dimension, weight, label_zh, label_en, source, scale: [{at_least, points}]}], decimals as strings.
    Column("indicators", JSONB, nullable=False),
    Column("grade_a_percent", Numeric(5, 2), nullable=False),
    Column("grade_b_percent", Numeric(5, 2), nullable=False),
    Column("created_by", BigInteger, ForeignKey("users.id"), nullable=True),
    _ts("created_at"),
    UniqueConstraint("name", "version"),
)

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
    _ts("updated_at"),
)

GRADE = Text  # "A" | "B" | "C"

score_sheets = Table(
    "score_sheets",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    # The quarter scored, "2026Q3": one sheet per customer and quarter.
    Column("period", Text, nullable=False),
    # The model version it is scored with, kept when the model changes.
    Column("model_id", BigInteger, ForeignKey("score_models.id"), nullable=False),
    Column("status", Text, nullable=False, server_default=text("'draft'")),
    # {indicator key: points as a decimal string}
    Column("values", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # Computed indicators: {key: {"measured": decimal string, "points": decimal string}}
    Column("computed", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # {indicator key: why the value differs from the computed one, or any remark}
    Column("notes", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # The result, set when the sheet is submitted (and kept on approval).
    Column("potential_grade", GRADE, nullable=True),
    Column("possibility_grade", GRADE, nullable=True),
    Column("basis_grade", GRADE, nullable=True),
    Column("category", Text, nullable=True),
    Column("created_by", BigInteger, ForeignKey("users.id"), nullable=True),
    _ts("created_at"),
    # The filler (填表人): who submitted it; a reviewer must be someone else.
    Column("filled_by", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    # The reviewer (审核人) and their decision.
    Column("reviewed_by", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("reviewed_at", DateTime(timezone=True), nullable=True),
    Column("review_comment", Text, nullable=True),
    Column("version", Integer, nullable=False, server_default=text("1")),
    _ts("updated_at"),
    UniqueConstraint("customer_id", "period"),
    Index("ix_score_sheets_status_period_id", "status", "period", "id"),
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
    _ts("updated_at"),
)

# --- Loyalty (migration 0005) ------------------------------------------------------------------------------------

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
    _ts("updated_at"),
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


# --- Complaints and SLA timers (migration 0006) ------------------------------------------------------------------

# Working windows per weekday (local wall-clock "09:00-12:00" strings, Monday first) in a time zone.
business_calendars = Table(
    "business_calendars",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("time_zone", Text, nullable=False),
    Column("week", JSONB, nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    _ts("updated_at"),
)

# A calendar's exceptions: public holidays, and adjusted working days (China works some weekend days).
calendar_days = Table(
    "calendar_days",
    metadata,
    Column("calendar_id", BigInteger, ForeignKey("business_calendars.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False, server_default=text("''")),
    Column("windows", JSONB, nullable=True),
    # "holidays" (imported from the maintained package) or "manual" (an administrator's entry, never overwritten).
    Column("source", Text, nullable=False, server_default=text("'manual'")),
)

sla_policies = Table(
    "sla_policies",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False),
    Column("severity", Text, nullable=False),
    Column("key_account_level", Text, nullable=True),
    Column("category", Text, nullable=True),
    Column("calendar_id", BigInteger, ForeignKey("business_calendars.id"), nullable=False),
    # {"first_response": {"amount": "24", "unit": "clock_hours"}, ...}
    Column("targets", JSONB, nullable=False),
    Column("warn_percent", SmallInteger, nullable=False, server_default=text("75")),
    Column("hq_escalation_hours", Numeric(6, 2), nullable=False, server_default=text("24")),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    _ts("updated_at"),
)

complaints = Table(
    "complaints",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False),
    Column("account_manager_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("received_by", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("severity", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("details", Text, nullable=False, server_default=text("''")),
    Column("products", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("order_refs", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("policy_id", BigInteger, ForeignKey("sla_policies.id"), nullable=False),
    Column("calendar_id", BigInteger, ForeignKey("business_calendars.id"), nullable=False),
    Column("responded_at", DateTime(timezone=True), nullable=True),
    Column("paused_at", DateTime(timezone=True), nullable=True),
    Column("pause_reason", Text, nullable=True),
    Column("verified", Boolean, nullable=True),
    Column("closure_reason", Text, nullable=True),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("satisfaction", SmallInteger, nullable=True),
    Column("return_visit_note", Text, nullable=True),
    Column("feedback", Text, nullable=True),
    # The earliest deadline not yet met ('infinity' when none): the queue's order, kept with every change.
    Column("next_due_at", DateTime(timezone=True), nullable=False, server_default=text("'infinity'")),
    Column("last_event_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    _ts("created_at"),
    _ts("updated_at"),
    Index("ix_complaints_next_due_at_id", "next_due_at", text("id DESC")),
    Index("ix_complaints_customer_id_received_at_id", "customer_id", "received_at", "id"),
    Index("ix_complaints_org_unit_id", "org_unit_id"),
    Index("ix_complaints_account_manager_id", "account_manager_id"),
)

complaint_timers = Table(
    "complaint_timers",
    metadata,
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("basis", Text, nullable=False),
    Column("budget", Interval, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("warn_at", DateTime(timezone=True), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("paused_at", DateTime(timezone=True), nullable=True),
    Column("paused_for", Interval, nullable=False, server_default=text("'0'")),
    Column("met_at", DateTime(timezone=True), nullable=True),
    # What the sweep (or a late action) recorded, each exactly once.
    Column("warned_recorded_at", DateTime(timezone=True), nullable=True),
    Column("breach_recorded_at", DateTime(timezone=True), nullable=True),
    Column("escalation_level", SmallInteger, nullable=False, server_default=text("0")),
    Column("hq_escalation_at", DateTime(timezone=True), nullable=True),
    Index("ix_complaint_timers_due_at_unrecorded", "due_at",
          postgresql_where=text("met_at IS NULL AND breach_recorded_at IS NULL")),
    Index("ix_complaint_timers_warn_at_unrecorded", "warn_at",
          postgresql_where=text("met_at IS NULL AND warned_recorded_at IS NULL AND breach_recorded_at IS NULL")),
    Index("ix_complaint_timers_hq_escalation_at", "hq_escalation_at",
          postgresql_where=text("escalation_level = 1 AND met_at IS NULL")),
)

# The timeline: every step and every timer change (reports are computed from these).
complaint_events = Table(
    "complaint_events",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("timer_kind", Text, nullable=True),
    Column("data", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Index("ix_complaint_events_complaint_id_at_id", "complaint_id", "at", "id"),
    Index("ix_complaint_events_kind_at", "kind", "at"),
)

complaint_remedies = Table(
    "complaint_remedies",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", Text, nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("note", Text, nullable=False, server_default=text("''")),
)

complaint_task_members = Table(
    "complaint_task_members",
    metadata,
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", BigInteger, ForeignKey("users.id"), primary_key=True),
    Column("department", Text, nullable=False),
)

# In-app notifications (warnings, breaches, escalations, task-group assignments).
notifications = Table(
    "notifications",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("user_id", BigInteger, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), nullable=True),
    Column("timer_kind", Text, nullable=True),
    _ts("created_at"),
    Column("read_at", DateTime(timezone=True), nullable=True),
    Index("ix_notifications_user_id_id", "user_id", "id"),
    Index("ix_notifications_user_id_unread", "user_id", postgresql_where=text("read_at IS NULL")),
)
