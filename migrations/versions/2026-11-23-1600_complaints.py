"""Complaints with SLA timers: business calendars and their days, SLA policies, complaints, their timers, events,
remedies and task groups, in-app notifications.

Revision ID: 0006_complaints
Revises: 0005_loyalty
Create Date: 2026-11-23 16:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision: str = "0006_complaints"
down_revision: str | None = "0005_loyalty"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")
MONEY = sa.Numeric(18, 2)
TS = sa.DateTime(timezone=True)
SEVERITIES = "('general', 'major')"
TIMER_KINDS = "('first_response', 'confirmation', 'resolution')"
# docs/domain.md section 7 defaults: the company's standard calendar, Monday to Friday 09:00-18:00.
WEEKDAYS = ["09:00-18:00"] * 5
DEFAULT_WEEK = [[w] for w in WEEKDAYS] + [[], []]
DEFAULT_POLICIES = [
    ("General complaints", "general", {"first_response": {"amount": "24", "unit": "clock_hours"},
                                       "resolution": {"amount": "5", "unit": "working_days"}}),
    ("Major complaints", "major", {"first_response": {"amount": "24", "unit": "clock_hours"},
                                   "confirmation": {"amount": "4", "unit": "working_hours"},
                                   "resolution": {"amount": "3", "unit": "working_days"}}),
]


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}",
                                   ondelete=ondelete)


def upgrade() -> None:
    calendars = op.create_table(
        "business_calendars",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("time_zone", sa.Text, nullable=False),
        sa.Column("week", JSONB, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("updated_by", sa.BigInteger, nullable=True),
        sa.Column("updated_at", TS, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_business_calendars"),
        sa.UniqueConstraint("name", name="uq_business_calendars_name"),
        _fk("business_calendars", "updated_by", "users"),
    )
    op.create_table(
        "calendar_days",
        sa.Column("calendar_id", sa.BigInteger, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False, server_default=sa.text("''")),
        sa.Column("windows", JSONB, nullable=True),
        sa.Column("source", sa.Text, nullable=False, server_default=sa.text("'manual'")),
        sa.PrimaryKeyConstraint("calendar_id", "day", name="pk_calendar_days"),
        _fk("calendar_days", "calendar_id", "business_calendars", "CASCADE"),
        sa.CheckConstraint("kind IN ('holiday', 'working')", name="ck_calendar_days_kind"),
        sa.CheckConstraint("source IN ('holidays', 'manual')", name="ck_calendar_days_source"),
    )
    policies = op.create_table(
        "sla_policies",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("severity", sa.Text, nullable=False),
        sa.Column("key_account_level", sa.Text, nullable=True),
        sa.Column("category", sa.Text, nullable=True),
        sa.Column("calendar_id", sa.BigInteger, nullable=False),
        sa.Column("targets", JSONB, nullable=False),
        sa.Column("warn_percent", sa.SmallInteger, nullable=False, server_default=sa.text("75")),
        sa.Column("hq_escalation_hours", sa.Numeric(6, 2), nullable=False, server_default=sa.text("24")),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("updated_by", sa.BigInteger, nullable=True),
        sa.Column("updated_at", TS, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_sla_policies"),
        _fk("sla_policies", "calendar_id", "business_calendars"),
        _fk("sla_policies", "updated_by", "users"),
        sa.CheckConstraint(f"severity IN {SEVERITIES}", name="ck_sla_policies_severity"),
        sa.CheckConstraint("warn_percent BETWEEN 1 AND 99", name="ck_sla_policies_warn_percent"),
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("org_unit_id", sa.BigInteger, nullable=False),
        sa.Column("account_manager_id", sa.BigInteger, nullable=True),
        sa.Column("received_by", sa.BigInteger, nullable=True),
        sa.Column("severity", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("details", sa.Text, nullable=False, server_default=sa.text("''")),
        sa.Column("products", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("order_refs", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("policy_id", sa.BigInteger, nullable=False),
        sa.Column("calendar_id", sa.BigInteger, nullable=False),
        sa.Column("responded_at", TS, nullable=True),
        sa.Column("paused_at", TS, nullable=True),
        sa.Column("pause_reason", sa.Text, nullable=True),
        sa.Column("verified", sa.Boolean, nullable=True),
        sa.Column("closure_reason", sa.Text, nullable=True),
        sa.Column("resolved_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("satisfaction", sa.SmallInteger, nullable=True),
        sa.Column("return_visit_note", sa.Text, nullable=True),
        sa.Column("feedback", sa.Text, nullable=True),
        sa.Column("next_due_at", TS, nullable=False, server_default=sa.text("'infinity'")),
        sa.Column("last_event_at", TS, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("created_at", TS, nullable=False, server_default=NOW),
        sa.Column("updated_at", TS, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_complaints"),
        _fk("complaints", "customer_id", "customers", "CASCADE"),
        _fk("complaints", "org_unit_id", "org_units"),
        _fk("complaints", "account_manager_id", "users"),
        _fk("complaints", "received_by", "users"),
        _fk("complaints", "policy_id", "sla_policies"),
        _fk("complaints", "calendar_id", "business_calendars"),
        sa.CheckConstraint(f"severity IN {SEVERITIES}", name="ck_complaints_severity"),
        sa.CheckConstraint("status IN ('received', 'responded', 'in_resolution', 'resolved', 'closed')",
                           name="ck_complaints_status"),
        sa.CheckConstraint("channel IN ('phone', 'visit', 'wechat', 'email', 'other')", name="ck_complaints_channel"),
        sa.CheckConstraint("satisfaction BETWEEN 1 AND 5", name="ck_complaints_satisfaction"),
        sa.CheckConstraint("closure_reason IN ('resolved', 'not_verified')", name="ck_complaints_closure_reason"),
    )
    # The queue: the nearest deadline first, then the newest (closed complaints, at 'infinity', newest first).
    op.create_index("ix_complaints_next_due_at_id", "complaints", ["next_due_at", sa.text("id DESC")])
    op.create_index("ix_complaints_customer_id_received_at_id", "complaints", ["customer_id", "received_at", "id"])
    op.create_index("ix_complaints_org_unit_id", "complaints", ["org_unit_id"])
    op.create_index("ix_complaints_account_manager_id", "complaints", ["account_manager_id"])

    op.create_table(
        "complaint_timers",
        sa.Column("complaint_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("budget", sa.Interval, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("warn_at", TS, nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("paused_at", TS, nullable=True),
        sa.Column("paused_for", sa.Interval, nullable=False, server_default=sa.text("'0'")),
        sa.Column("met_at", TS, nullable=True),
        sa.Column("warned_recorded_at", TS, nullable=True),
        sa.Column("breach_recorded_at", TS, nullable=True),
        sa.Column("escalation_level", sa.SmallInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("hq_escalation_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("complaint_id", "kind", name="pk_complaint_timers"),
        _fk("complaint_timers", "complaint_id", "complaints", "CASCADE"),
        sa.CheckConstraint(f"kind IN {TIMER_KINDS}", name="ck_complaint_timers_kind"),
        sa.CheckConstraint("basis IN ('working', 'clock')", name="ck_complaint_timers_basis"),
    )
    # The sweep finds what is due through these partial indexes: only timers not yet met or recorded.
    op.create_index("ix_complaint_timers_due_at_unrecorded", "complaint_timers", ["due_at"],
                    postgresql_where=sa.text("met_at IS NULL AND breach_recorded_at IS NULL"))
    op.create_index("ix_complaint_timers_warn_at_unrecorded", "complaint_timers", ["warn_at"],
                    postgresql_where=sa.text(
                        "met_at IS NULL AND warned_recorded_at IS NULL AND breach_recorded_at IS NULL"))
    op.create_index("ix_complaint_timers_hq_escalation_at", "complaint_timers", ["hq_escalation_at"],
                    postgresql_where=sa.text("escalation_level = 1 AND met_at IS NULL"))

    op.create_table(
        "complaint_events",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("complaint_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor_id", sa.BigInteger, nullable=True),
        sa.Column("timer_kind", sa.Text, nullable=True),
        sa.Column("data", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.PrimaryKeyConstraint("id", name="pk_complaint_events"),
        _fk("complaint_events", "complaint_id", "complaints", "CASCADE"),
        _fk("complaint_events", "actor_id", "users"),
    )
    op.create_index("ix_complaint_events_complaint_id_at_id", "complaint_events", ["complaint_id", "at", "id"])
    op.create_index("ix_complaint_events_kind_at", "complaint_events", ["kind", "at"])

    op.create_table(
        "complaint_remedies",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("complaint_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=sa.text("''")),
        sa.PrimaryKeyConstraint("id", name="pk_complaint_remedies"),
        _fk("complaint_remedies", "complaint_id", "complaints", "CASCADE"),
        sa.CheckConstraint("kind IN ('compensation', 'price_cut', 'replacement', 'other')",
                           name="ck_complaint_remedies_kind"),
        sa.CheckConstraint("amount >= 0", name="ck_complaint_remedies_amount"),
    )
    op.create_index("ix_complaint_remedies_complaint_id", "complaint_remedies", ["complaint_id"])

    op.create_table(
        "complaint_task_members",
        sa.Column("complaint_id", sa.BigInteger, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("department", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("complaint_id", "user_id", name="pk_complaint_task_members"),
        _fk("complaint_task_members", "complaint_id", "complaints", "CASCADE"),
        _fk("complaint_task_members", "user_id", "users"),
        sa.CheckConstraint("department IN ('key_account', 'marketing', 'purchasing_logistics')",
                           name="ck_complaint_task_members_department"),
    )

    op.create_table(
        "notifications",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("complaint_id", sa.BigInteger, nullable=True),
        sa.Column("timer_kind", sa.Text, nullable=True),
        sa.Column("created_at", TS, nullable=False, server_default=NOW),
        sa.Column("read_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
        _fk("notifications", "user_id", "users", "CASCADE"),
        _fk("notifications", "complaint_id", "complaints", "CASCADE"),
    )
    op.create_index("ix_notifications_user_id_id", "notifications", ["user_id", "id"])
    op.create_index("ix_notifications_user_id_unread", "notifications", ["user_id"],
                    postgresql_where=sa.text("read_at IS NULL"))

    op.bulk_insert(calendars, [{"id": 1, "name": "Standard", "time_zone": "Asia/Shanghai", "week": DEFAULT_WEEK}])
    op.execute("SELECT setval(pg_get_serial_sequence('business_calendars', 'id'), 1)")
    op.bulk_insert(policies, [{"id": i + 1, "name": name, "severity": severity, "calendar_id": 1,
                               "targets": targets}
                              for i, (name, severity, targets) in enumerate(DEFAULT_POLICIES)])
    op.execute(f"SELECT setval(pg_get_serial_sequence('sla_policies', 'id'), {len(DEFAULT_POLICIES)})")


def downgrade() -> None:
    for table in ("notifications", "complaint_task_members", "complaint_remedies", "complaint_events",
                  "complaint_timers", "complaints", "sla_policies", "calendar_days", "business_calendars"):
        op.drop_table(table)
