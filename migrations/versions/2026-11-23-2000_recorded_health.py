"""Health scores recorded at quarter ends: the churn-risk list's "health a quarter before", computed once.

A recompute compares each customer's health with their health as of the last day of the quarter before the last
complete one. That day only changes once a quarter, and what the health then depends on (the quarters up to it)
rarely changes, so the first run that needs it records every customer's score (`customer_health_snapshots`,
one row per customer, NULL where there was none) and later runs read it back instead of aggregating those
quarters again. A recorded quarter end (`health_snapshots`) is dropped when quarters up to it are recounted (an
order or a return changed in them) or the facts are rebuilt, and is not used once the loyalty settings changed
(its settings version).

Revision ID: 0010_recorded_health
Revises: 0009_first_purchase_quarter
Create Date: 2026-11-23 20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_recorded_health"
down_revision: str | None = "0009_first_purchase_quarter"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "health_snapshots",
        sa.Column("quarter_end", sa.Date, nullable=False),
        sa.Column("settings_version", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("quarter_end", name="pk_health_snapshots"),
    )
    # No foreign keys: written 200,000 rows at a time, read back whole; customers are never deleted.
    op.create_table(
        "customer_health_snapshots",
        sa.Column("quarter_end", sa.Date, nullable=False),
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("health_score", sa.Numeric(4, 1), nullable=True),
        sa.PrimaryKeyConstraint("quarter_end", "customer_id", name="pk_customer_health_snapshots"),
    )


def downgrade() -> None:
    op.drop_table("customer_health_snapshots")
    op.drop_table("health_snapshots")
