"""Loyalty: settings, recompute runs with their lifetime-value fits, each customer's loyalty figures, segment sizes.

Revision ID: 0005_loyalty
Revises: 0004_score_sheets_and_tiers
Create Date: 2026-11-23 15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision: str = "0005_loyalty"
down_revision: str | None = "0004_score_sheets_and_tiers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")
MONEY = sa.Numeric(18, 2)
STAGES = "('exploration', 'formation', 'stability', 'decline')"
VALUE_CLASSES = "('value', 'potential', 'migrating', 'freezing_point')"
SIGNAL_PARTS = ("scores", "points", "values", "baselines")
COVERED = ["kind", "status", "net_amount", "list_amount", "discount_amount"]


def upgrade() -> None:
    # The loyalty recompute reads every order in (customer, time) order: the customer order-list index also
    # carries what the recompute sums, so the read is an index-only scan that streams customer by customer
    # (group aggregates, no hash table of customer-days). The order list keeps using it as before.
    op.drop_index("ix_orders_customer_id_ordered_at_id", table_name="orders")
    op.create_index("ix_orders_customer_id_ordered_at_id", "orders",
                    ["customer_id", sa.text("ordered_at DESC"), sa.text("id DESC")],
                    postgresql_include=COVERED)

    settings = op.create_table(
        "loyalty_settings",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("margin_percent", sa.Numeric(5, 2), nullable=False, server_default=sa.text("20")),
        sa.Column("annual_discount_rate_percent", sa.Numeric(5, 2), nullable=False, server_default=sa.text("10")),
        sa.Column("horizon_months", sa.Integer, nullable=False, server_default=sa.text("12")),
        # NULL: the defaults of domain/loyalty/model.py (so the defaults live in one place until an admin edits them).
        sa.Column("health_weights", JSONB, nullable=True),
        sa.Column("lifecycle", JSONB, nullable=True),
        sa.Column("segment_rules", JSONB, nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("updated_by", sa.BigInteger, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_loyalty_settings"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_loyalty_settings_updated_by_users"),
        sa.CheckConstraint("id = 1", name="ck_loyalty_settings_one_row"),
    )
    op.bulk_insert(settings, [{"id": 1}])

    op.create_table(
        "loyalty_runs",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("triggered_by", sa.BigInteger, nullable=True),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("customers", sa.Integer, nullable=True),
        sa.Column("settings_version", sa.Integer, nullable=False),
        sa.Column("clv_fit", JSONB, nullable=True),
        sa.Column("fit_error", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_loyalty_runs"),
        sa.ForeignKeyConstraint(["triggered_by"], ["users.id"], name="fk_loyalty_runs_triggered_by_users"),
    )

    op.create_table(
        "customer_loyalty",
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("run_id", sa.BigInteger, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("recency_days", sa.Integer, nullable=True),
        sa.Column("frequency_12m", sa.Integer, nullable=True),
        sa.Column("monetary_12m", MONEY, nullable=True),
        sa.Column("r_score", sa.SmallInteger, nullable=True),
        sa.Column("f_score", sa.SmallInteger, nullable=True),
        sa.Column("m_score", sa.SmallInteger, nullable=True),
        sa.Column("segment", sa.Text, nullable=True),
        sa.Column("health_score", sa.Numeric(4, 1), nullable=True),
        sa.Column("health_before", sa.Numeric(4, 1), nullable=True),
        sa.Column("health_change", sa.Numeric(4, 1), nullable=True),
        # Per health signal, in domain/loyalty/model.py HealthSignal order: score -1..1, points, value, baseline (NULL:
        # unknown). Arrays rather than a JSON document: written for every customer on every run.
        *[sa.Column(f"signal_{part}", ARRAY(sa.Float), nullable=False) for part in SIGNAL_PARTS],
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("value_class", sa.Text, nullable=True),
        sa.Column("core", sa.Boolean, nullable=False),
        sa.Column("p_alive", sa.Float, nullable=True),
        sa.Column("expected_purchases", sa.Float, nullable=True),
        sa.Column("expected_order_value", MONEY, nullable=True),
        sa.Column("predicted_revenue_12m", MONEY, nullable=True),
        sa.Column("future_profit", MONEY, nullable=True),
        sa.PrimaryKeyConstraint("customer_id", name="pk_customer_loyalty"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_customer_loyalty_customer_id_customers",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["loyalty_runs.id"], name="fk_customer_loyalty_run_id_loyalty_runs"),
        sa.CheckConstraint(f"stage IN {STAGES}", name="ck_customer_loyalty_stage"),
        sa.CheckConstraint(f"value_class IN {VALUE_CLASSES}", name="ck_customer_loyalty_value_class"),
    )
    # The health range filter and the churn-risk list (largest falls first). Segment, stage and class have a
    # handful of values each: an index would cost every run's write more than it saves a filter.
    for column in ("health_score", "health_change"):
        op.create_index(f"ix_customer_loyalty_{column}", "customer_loyalty", [column])

    op.create_table(
        "loyalty_segment_sizes",
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("segment", sa.Text, nullable=False),
        sa.Column("run_id", sa.BigInteger, nullable=False),
        sa.Column("customers", sa.Integer, nullable=False),
        sa.Column("revenue_12m", MONEY, nullable=False),
        sa.PrimaryKeyConstraint("as_of", "segment", name="pk_loyalty_segment_sizes"),
        sa.ForeignKeyConstraint(["run_id"], ["loyalty_runs.id"], name="fk_loyalty_segment_sizes_run_id_loyalty_runs",
                                ondelete="CASCADE"),
    )


def downgrade() -> None:
    for table in ("loyalty_segment_sizes", "customer_loyalty", "loyalty_runs", "loyalty_settings"):
        op.drop_table(table)
    op.drop_index("ix_orders_customer_id_ordered_at_id", table_name="orders")
    op.create_index("ix_orders_customer_id_ordered_at_id", "orders",
                    ["customer_id", sa.text("ordered_at DESC"), sa.text("id DESC")])
