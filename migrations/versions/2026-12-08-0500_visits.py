"""Visits (docs/domain.md section 8): the plan by tier (settings row and cadences, seeded with the defaults:
stronghold monthly, gold mine every two weeks, marginal quarterly, leader visits twice a year for special and A
key accounts), customers' own plans, the outcomes (seeded), the visits, and customers' locations.

Revision ID: 0017_visits
Revises: 0016_sheet_notifications
Create Date: 2026-12-08 05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision: str = "0017_visits"
down_revision: str | None = "0016_sheet_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COORDINATE = sa.Numeric(9, 6)


def _timestamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()"))


def upgrade() -> None:
    op.add_column("customers", sa.Column("latitude", COORDINATE, nullable=True))
    op.add_column("customers", sa.Column("longitude", COORDINATE, nullable=True))

    settings = op.create_table(
        "visit_settings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("anomaly_distance_m", sa.Integer, nullable=False, server_default=sa.text("500")),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("updated_by", sa.BigInteger, sa.ForeignKey("users.id", name="fk_visit_settings_updated_by_users"),
                  nullable=True),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_visit_settings"),
    )
    cadences = op.create_table(
        "visit_cadences",
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("tier_key", sa.Text, nullable=False),
        sa.Column("months", sa.Integer, nullable=False),
        sa.Column("days", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("kind", "tier_key", name="pk_visit_cadences"),
    )
    op.create_table(
        "visit_plan_overrides",
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("uid", UUID(as_uuid=False), nullable=False, server_default=sa.text("gen_random_uuid()")),
        sa.Column("routine_override", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("routine_months", sa.Integer, nullable=True),
        sa.Column("routine_days", sa.Integer, nullable=True),
        sa.Column("leader_override", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("leader_months", sa.Integer, nullable=True),
        sa.Column("leader_days", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("updated_by", sa.BigInteger, nullable=True),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("customer_id", name="pk_visit_plan_overrides"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE",
                                name="fk_visit_plan_overrides_customer_id_customers"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_visit_plan_overrides_updated_by_users"),
        sa.UniqueConstraint("uid", name="uq_visit_plan_overrides_uid"),
    )
    outcomes = op.create_table(
        "visit_outcomes",
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_translations", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.Column("position", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("code", name="pk_visit_outcomes"),
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("uid", UUID(as_uuid=False), nullable=False, server_default=sa.text("gen_random_uuid()")),
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'planned'")),
        sa.Column("planned_on", sa.Date, nullable=False),
        sa.Column("owner_id", sa.BigInteger, nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("check_in_latitude", COORDINATE, nullable=True),
        sa.Column("check_in_longitude", COORDINATE, nullable=True),
        sa.Column("check_in_accuracy_m", sa.Numeric(9, 1), nullable=True),
        sa.Column("check_in_distance_m", sa.Integer, nullable=True),
        sa.Column("anomalies", sa.ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("checked_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("visited_on", sa.Date, nullable=True),
        sa.Column("contact_ids", sa.ARRAY(sa.BigInteger), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("outcome", sa.Text, nullable=True),
        sa.Column("next_step", sa.Text, nullable=True),
        sa.Column("next_step_on", sa.Date, nullable=True),
        sa.Column("next_visit_id", sa.BigInteger, nullable=True),
        sa.Column("cancel_reason", sa.Text, nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("created_by", sa.BigInteger, nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_visits"),
        sa.UniqueConstraint("uid", name="uq_visits_uid"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE",
                                name="fk_visits_customer_id_customers"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name="fk_visits_owner_id_users"),
        sa.ForeignKeyConstraint(["outcome"], ["visit_outcomes.code"], name="fk_visits_outcome_visit_outcomes"),
        sa.ForeignKeyConstraint(["next_visit_id"], ["visits.id"], ondelete="SET NULL",
                                name="fk_visits_next_visit_id_visits"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_visits_created_by_users"),
    )
    op.create_index("ix_visits_owner_id_planned_on_id", "visits",
                    ["owner_id", sa.text("planned_on DESC"), sa.text("id DESC")])
    op.create_index("ix_visits_planned_on_id", "visits", [sa.text("planned_on DESC"), sa.text("id DESC")])
    op.create_index("ix_visits_customer_id_planned_on", "visits", ["customer_id", sa.text("planned_on DESC")])
    op.create_index("ix_visits_customer_id_kind_visited_on", "visits",
                    ["customer_id", "kind", sa.text("visited_on DESC")],
                    postgresql_where=sa.text("status = 'completed'"))

    op.bulk_insert(settings, [{"id": 1, "anomaly_distance_m": 500, "version": 1}])
    op.bulk_insert(cadences, [
        {"kind": "routine", "tier_key": "stronghold", "months": 1, "days": 0},
        {"kind": "routine", "tier_key": "gold_mine", "months": 0, "days": 14},
        {"kind": "routine", "tier_key": "marginal", "months": 3, "days": 0},
        {"kind": "leader", "tier_key": "special", "months": 6, "days": 0},
        {"kind": "leader", "tier_key": "A", "months": 6, "days": 0},
    ])
    op.bulk_insert(outcomes, [
        {"code": "order_taken", "name": "拿到订单", "name_translations": {"en": "Order taken"}, "position": 1},
        {"code": "follow_up_needed", "name": "需要跟进", "name_translations": {"en": "Follow-up needed"},
         "position": 2},
        {"code": "relationship_only", "name": "维护关系", "name_translations": {"en": "Relationship only"},
         "position": 3},
        {"code": "issue_raised", "name": "客户提出问题", "name_translations": {"en": "Issue raised"}, "position": 4},
    ])


def downgrade() -> None:
    op.drop_table("visits")
    op.drop_table("visit_outcomes")
    op.drop_table("visit_plan_overrides")
    op.drop_table("visit_cadences")
    op.drop_table("visit_settings")
    op.drop_column("customers", "longitude")
    op.drop_column("customers", "latitude")
