"""Loyalty by calendar quarter: each customer's purchases per quarter (the recompute reads these instead of every
order), the customers whose quarters must be recounted, and a lighter write of the loyalty figures.

Revision ID: 0007_loyalty_quarterly_facts
Revises: 0006_complaints
Create Date: 2026-11-23 17:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_loyalty_quarterly_facts"
down_revision: str | None = "0006_complaints"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(18, 2)
ZERO = sa.text("0")


def upgrade() -> None:
    op.create_table(
        "customer_quarterly_facts",
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        # The first day of the calendar quarter in the company's time zone.
        sa.Column("quarter", sa.Date, nullable=False),
        # Purchase days (a customer's purchases on one local day are one purchase), their span and spend.
        sa.Column("purchase_days", sa.Integer, nullable=False, server_default=ZERO),
        sa.Column("first_day", sa.Date, nullable=True),
        sa.Column("last_day", sa.Date, nullable=True),
        # The spend of the quarter's first purchase day (the lifetime-value spend model leaves out a customer's
        # first purchase).
        sa.Column("first_day_spend", MONEY, nullable=True),
        sa.Column("purchase_spend", MONEY, nullable=False, server_default=ZERO),
        # Every day's net spend (returns credited to the day of the order they return), list value, discounts,
        # orders placed and issues (cancelled, returned). Binary floating point: they only feed trends and ratios,
        # and summing them is the recompute's hot loop.
        sa.Column("revenue", sa.Float, nullable=False, server_default=ZERO),
        sa.Column("list_amount", sa.Float, nullable=False, server_default=ZERO),
        sa.Column("discount_amount", sa.Float, nullable=False, server_default=ZERO),
        sa.Column("placed", sa.Integer, nullable=False, server_default=ZERO),
        sa.Column("issues", sa.Integer, nullable=False, server_default=ZERO),
        sa.PrimaryKeyConstraint("customer_id", "quarter", name="pk_customer_quarterly_facts"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE",
                                name="fk_customer_quarterly_facts_customer_id_customers"),
    )
    # The quarters of customers whose orders changed since they were last counted (ingestion adds them, the
    # loyalty recompute recounts and removes them). The orders already stored are counted by the first recompute
    # (it finds no quarterly facts at all) or `keyhold facts rebuild`.
    op.create_table(
        "loyalty_stale_quarters",
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("quarter", sa.Date, nullable=False),
        sa.PrimaryKeyConstraint("customer_id", "quarter", name="pk_loyalty_stale_quarters"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE",
                                name="fk_loyalty_stale_quarters_customer_id_customers"),
    )
    # Every run rewrites every customer's row: a foreign key to the run and an index on the health score cost the
    # write more than they give (runs are never deleted; the health filter narrows a scoped list anyway).
    op.drop_constraint("fk_customer_loyalty_run_id_loyalty_runs", "customer_loyalty", type_="foreignkey")
    op.drop_index("ix_customer_loyalty_health_score", table_name="customer_loyalty")


def downgrade() -> None:
    op.create_index("ix_customer_loyalty_health_score", "customer_loyalty", ["health_score"])
    op.create_foreign_key("fk_customer_loyalty_run_id_loyalty_runs", "customer_loyalty", "loyalty_runs",
                          ["run_id"], ["id"])
    op.drop_table("loyalty_stale_quarters")
    op.drop_table("customer_quarterly_facts")
