"""Score sheets, customers' current tiers and their history, tier recompute runs, level thresholds and ABC shares.

Revision ID: 0004_score_sheets_and_tiers
Revises: 0003_score_models
Create Date: 2026-11-23 14:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0004_score_sheets_and_tiers"
down_revision: str | None = "0003_score_models"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")
EMPTY_OBJECT = sa.text("'{}'::jsonb")
MONEY = sa.Numeric(18, 2)
GRADES = "('A', 'B', 'C')"
SHEET_STATUSES = "('draft', 'submitted', 'returned', 'approved')"
LEVELS = "('special', 'A', 'B', 'C')"


def _grade_checks(table: str) -> list[sa.CheckConstraint]:
    return [sa.CheckConstraint(f"{d}_grade IN {GRADES}", name=f"ck_{table}_{d}_grade")
            for d in ("potential", "possibility", "basis")]


def _grade_columns() -> list[sa.Column[str]]:
    return [sa.Column(f"{d}_grade", sa.Text, nullable=True) for d in ("potential", "possibility", "basis")]


def upgrade() -> None:
    op.create_table(
        "score_sheets",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("model_id", sa.BigInteger, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'draft'")),
        sa.Column("values", JSONB, nullable=False, server_default=EMPTY_OBJECT),
        sa.Column("computed", JSONB, nullable=False, server_default=EMPTY_OBJECT),
        sa.Column("notes", JSONB, nullable=False, server_default=EMPTY_OBJECT),
        *_grade_columns(),
        sa.Column("category", sa.Text, nullable=True),
        sa.Column("created_by", sa.BigInteger, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("filled_by", sa.BigInteger, nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.BigInteger, nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_comment", sa.Text, nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_score_sheets"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_score_sheets_customer_id_customers",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["model_id"], ["score_models.id"], name="fk_score_sheets_model_id_score_models"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_score_sheets_created_by_users"),
        sa.ForeignKeyConstraint(["filled_by"], ["users.id"], name="fk_score_sheets_filled_by_users"),
        sa.ForeignKeyConstraint(["reviewed_by"], ["users.id"], name="fk_score_sheets_reviewed_by_users"),
        sa.UniqueConstraint("customer_id", "period", name="uq_score_sheets_customer_id_period"),
        sa.CheckConstraint(r"period ~ '^[0-9]{4}Q[1-4]$'", name="ck_score_sheets_period"),
        sa.CheckConstraint(f"status IN {SHEET_STATUSES}", name="ck_score_sheets_status"),
        *_grade_checks("score_sheets"),
    )
    # The review queue: sheets by status and quarter.
    op.create_index("ix_score_sheets_status_period_id", "score_sheets", ["status", "period", "id"])

    op.create_table(
        "tier_runs",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("triggered_by", sa.BigInteger, nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("as_of_month", sa.Date, nullable=False),
        sa.Column("customers", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("changed", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("settings", JSONB, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tier_runs"),
        sa.ForeignKeyConstraint(["triggered_by"], ["users.id"], name="fk_tier_runs_triggered_by_users"),
    )

    op.create_table(
        "customer_tiers",
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        *_grade_columns(),
        sa.Column("category", sa.Text, nullable=True),
        sa.Column("graded_period", sa.Text, nullable=True),
        sa.Column("score_sheet_id", sa.BigInteger, nullable=True),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("level", sa.Text, nullable=True),
        sa.Column("abc_class", sa.Text, nullable=True),
        sa.Column("revenue_12m", MONEY, nullable=True),
        sa.Column("tiered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("customer_id", name="pk_customer_tiers"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_customer_tiers_customer_id_customers",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["score_sheet_id"], ["score_sheets.id"],
                                name="fk_customer_tiers_score_sheet_id_score_sheets", ondelete="SET NULL"),
        sa.CheckConstraint(f"level IN {LEVELS}", name="ck_customer_tiers_level"),
        sa.CheckConstraint(f"abc_class IN {GRADES}", name="ck_customer_tiers_abc_class"),
        *_grade_checks("customer_tiers"),
    )
    # The customer list filters by category, level and ABC class.
    op.create_index("ix_customer_tiers_category", "customer_tiers", ["category"])
    op.create_index("ix_customer_tiers_level", "customer_tiers", ["level"])
    op.create_index("ix_customer_tiers_abc_class", "customer_tiers", ["abc_class"])

    op.create_table(
        "customer_tier_history",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=True),
        sa.Column("score_sheet_id", sa.BigInteger, nullable=True),
        sa.Column("tier_run_id", sa.BigInteger, nullable=True),
        *_grade_columns(),
        sa.Column("category", sa.Text, nullable=True),
        sa.Column("level", sa.Text, nullable=True),
        sa.Column("abc_class", sa.Text, nullable=True),
        sa.Column("revenue_12m", MONEY, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_customer_tier_history"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name="fk_customer_tier_history_customer_id_customers", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["score_sheet_id"], ["score_sheets.id"],
                                name="fk_customer_tier_history_score_sheet_id_score_sheets", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["tier_run_id"], ["tier_runs.id"],
                                name="fk_customer_tier_history_tier_run_id_tier_runs", ondelete="SET NULL"),
        sa.CheckConstraint("source IN ('score_sheet', 'recompute', 'category_rules')",
                           name="ck_customer_tier_history_source"),
    )
    op.create_index("ix_customer_tier_history_customer_id_at", "customer_tier_history", ["customer_id", "at"])

    tier_settings = op.create_table(
        "tier_settings",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("level_special", MONEY, nullable=False),
        sa.Column("level_a", MONEY, nullable=False),
        sa.Column("level_b", MONEY, nullable=False),
        sa.Column("abc_a_percent", sa.Numeric(5, 2), nullable=False),
        sa.Column("abc_b_percent", sa.Numeric(5, 2), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("updated_by", sa.BigInteger, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_tier_settings"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_tier_settings_updated_by_users"),
        sa.CheckConstraint("id = 1", name="ck_tier_settings_one_row"),
        sa.CheckConstraint("0 <= level_b AND level_b <= level_a AND level_a <= level_special",
                           name="ck_tier_settings_levels_ordered"),
        sa.CheckConstraint("abc_a_percent > 0 AND abc_b_percent >= 0 AND abc_a_percent + abc_b_percent <= 100",
                           name="ck_tier_settings_abc_shares"),
    )
    # The seed's defaults (docs/domain.md section 5): thresholds are set per company, so these are a start.
    op.bulk_insert(tier_settings, [{"id": 1, "level_special": 5_000_000, "level_a": 1_000_000, "level_b": 200_000,
                                    "abc_a_percent": 80, "abc_b_percent": 15}])


def downgrade() -> None:
    op.drop_table("tier_settings")
    op.drop_table("customer_tier_history")
    op.drop_table("customer_tiers")
    op.drop_table("tier_runs")
    op.drop_index("ix_score_sheets_status_period_id", table_name="score_sheets")
    op.drop_table("score_sheets")
