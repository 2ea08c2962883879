"""Notifications about score sheets (awaiting review, returned) and reassigned customers: the sheet, the one
customer or the count of customers moved, the reviewer's comment and who did it.

Revision ID: 0016_sheet_notifications
Revises: 0015_partition_rules
Create Date: 2026-12-08 04:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_sheet_notifications"
down_revision: str | None = "0015_partition_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("score_sheet_id", "customer_id", "customer_count", "comment", "actor_id")


def upgrade() -> None:
    op.add_column("notifications", sa.Column("score_sheet_id", sa.BigInteger, nullable=True))
    op.add_column("notifications", sa.Column("customer_id", sa.BigInteger, nullable=True))
    op.add_column("notifications", sa.Column("customer_count", sa.Integer, nullable=True))
    op.add_column("notifications", sa.Column("comment", sa.Text, nullable=True))
    op.add_column("notifications", sa.Column("actor_id", sa.BigInteger, nullable=True))
    op.create_foreign_key("fk_notifications_score_sheet_id_score_sheets", "notifications", "score_sheets",
                          ["score_sheet_id"], ["id"], ondelete="CASCADE")
    op.create_foreign_key("fk_notifications_customer_id_customers", "notifications", "customers",
                          ["customer_id"], ["id"], ondelete="CASCADE")
    op.create_foreign_key("fk_notifications_actor_id_users", "notifications", "users", ["actor_id"], ["id"],
                          ondelete="SET NULL")
    op.create_index("ix_notifications_score_sheet_id", "notifications", ["score_sheet_id"],
                    postgresql_where=sa.text("score_sheet_id IS NOT NULL"))
    op.create_index("ix_notifications_customer_id", "notifications", ["customer_id"],
                    postgresql_where=sa.text("customer_id IS NOT NULL"))


def downgrade() -> None:
    # The new kinds mean nothing without their columns.
    op.execute("DELETE FROM notifications WHERE kind IN ('sheet_submitted', 'sheet_returned', "
               "'customers_assigned', 'customers_unassigned')")
    op.drop_index("ix_notifications_customer_id", table_name="notifications")
    op.drop_index("ix_notifications_score_sheet_id", table_name="notifications")
    for column in COLUMNS:
        op.drop_column("notifications", column)
