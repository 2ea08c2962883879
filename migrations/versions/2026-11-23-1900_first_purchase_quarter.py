"""Each customer's first quarter with a purchase is marked among the quarterly facts.

The lifetime-value spend model leaves out a customer's first purchase, whose spend is the `first_day_spend` of
that quarter. Found per run with an ordered aggregate over every quarter row (an array built per row), it cost the
loyalty recompute about as much as all its other windows; marked when the quarters are counted, it is a sum over
one row per customer.

Revision ID: 0009_first_purchase_quarter
Revises: 0008_loyalty_build_and_swap
Create Date: 2026-11-23 19:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_first_purchase_quarter"
down_revision: str | None = "0008_loyalty_build_and_swap"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("customer_quarterly_facts", sa.Column("first_purchase_quarter", sa.Boolean, nullable=False,
                                                        server_default=sa.text("false")))
    op.execute("""
        UPDATE customer_quarterly_facts f SET first_purchase_quarter = true
        FROM (SELECT customer_id, min(quarter) AS quarter FROM customer_quarterly_facts WHERE purchase_days > 0
              GROUP BY customer_id) m
        WHERE f.customer_id = m.customer_id AND f.quarter = m.quarter
    """)


def downgrade() -> None:
    op.drop_column("customer_quarterly_facts", "first_purchase_quarter")
