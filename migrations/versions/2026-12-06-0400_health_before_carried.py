"""The health "a quarter before" is carried by `customer_loyalty.health_before` instead of a table of its own.

Migration 0010 recorded every customer's health as of the quarter end B in `customer_health_snapshots`: written by
the first run that needed B (200,000 rows: 0.45 s of a 4-second run), read back by the rest of the quarter's
runs. Every run already stores the same scores, rounded the same way, as `customer_loyalty.health_before`, so the
next run reads them from there. What remains is the note of which day and settings those scores are of
(`loyalty_health_before`, at most one row: the runs replace `customer_loyalty` whole), dropped when quarters up to
that day are recounted, as before.

Revision ID: 0011_health_before_carried
Revises: 0010_recorded_health
Create Date: 2026-12-06 04:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_health_before_carried"
down_revision: str | None = "0010_recorded_health"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("customer_health_snapshots")
    # The next run measures B again (once) rather than trusting scores the current figures may not carry.
    op.drop_table("health_snapshots")
    op.create_table(
        "loyalty_health_before",
        sa.Column("quarter_end", sa.Date, nullable=False),
        sa.Column("settings_version", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("quarter_end", name="pk_loyalty_health_before"),
    )


def downgrade() -> None:
    op.drop_table("loyalty_health_before")
    op.create_table(
        "health_snapshots",
        sa.Column("quarter_end", sa.Date, nullable=False),
        sa.Column("settings_version", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("quarter_end", name="pk_health_snapshots"),
    )
    op.create_table(
        "customer_health_snapshots",
        sa.Column("quarter_end", sa.Date, nullable=False),
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("health_score", sa.Numeric(4, 1), nullable=True),
        sa.PrimaryKeyConstraint("quarter_end", "customer_id", name="pk_customer_health_snapshots"),
    )
