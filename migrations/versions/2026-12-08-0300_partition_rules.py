"""The partition checked against the key-account level: which partition each level belongs in, as data.

One row, edited by whoever manages the tier settings (docs/domain.md section 5, "Partition and level"); the
default puts special and A level customers in the key partition and lets B and C be either.

Revision ID: 0015_partition_rules
Revises: 0014_customer_search
Create Date: 2026-12-08 03:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_partition_rules"
down_revision: str | None = "0014_customer_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEVELS = ("level_special", "level_a", "level_b", "level_c")


def upgrade() -> None:
    partition_rule = op.create_table(
        "partition_rule",
        sa.Column("id", sa.Integer, nullable=False),
        # Per level: 'key', 'regular', or NULL (either partition).
        *(sa.Column(level, sa.Text, nullable=True) for level in LEVELS),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("updated_by", sa.BigInteger, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
        sa.PrimaryKeyConstraint("id", name="pk_partition_rule"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_partition_rule_updated_by_users"),
        sa.CheckConstraint("id = 1", name="ck_partition_rule_one_row"),
        *(sa.CheckConstraint(f"{level} IN ('key', 'regular')", name=f"ck_partition_rule_{level}_partition")
          for level in LEVELS),
    )
    op.bulk_insert(partition_rule, [{"id": 1, "level_special": "key", "level_a": "key", "level_b": None,
                                     "level_c": None}])


def downgrade() -> None:
    op.drop_table("partition_rule")
