"""Complaints, their timers, events, remedies and task groups (migration 0006). Written by hand into migrations
(alembic)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Interval,
    SmallInteger,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from repositories.metadata import MONEY, metadata, timestamp_column

complaints = Table(
    "complaints",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False),
    Column("account_manager_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("received_by", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("severity", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("details", Text, nullable=False, server_default=text("''")),
    Column("products", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("order_refs", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("policy_id", BigInteger, ForeignKey("sla_policies.id"), nullable=False),
    Column("calendar_id", BigInteger, ForeignKey("business_calendars.id"), nullable=False),
    Column("responded_at", DateTime(timezone=True), nullable=True),
    Column("paused_at", DateTime(timezone=True), nullable=True),
    Column("pause_reason", Text, nullable=True),
    Column("verified", Boolean, nullable=True),
    Column("closure_reason", Text, nullable=True),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("satisfaction", SmallInteger, nullable=True),
    Column("return_visit_note", Text, nullable=True),
    Column("feedback", Text, nullable=True),
    # The earliest deadline not yet met ('infinity' when none): the queue's order, kept with every change.
    Column("next_due_at", DateTime(timezone=True), nullable=False, server_default=text("'infinity'")),
    Column("last_event_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    timestamp_column("created_at"),
    timestamp_column("updated_at"),
    Index("ix_complaints_next_due_at_id", "next_due_at", text("id DESC")),
    Index("ix_complaints_customer_id_received_at_id", "customer_id", "received_at", "id"),
    Index("ix_complaints_org_unit_id", "org_unit_id"),
    Index("ix_complaints_account_manager_id", "account_manager_id"),
)


complaint_timers = Table(
    "complaint_timers",
    metadata,
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("basis", Text, nullable=False),
    Column("budget", Interval, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("warn_at", DateTime(timezone=True), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("paused_at", DateTime(timezone=True), nullable=True),
    Column("paused_for", Interval, nullable=False, server_default=text("'0'")),
    Column("met_at", DateTime(timezone=True), nullable=True),
    # What the sweep (or a late action) recorded, each exactly once.
    Column("warned_recorded_at", DateTime(timezone=True), nullable=True),
    Column("breach_recorded_at", DateTime(timezone=True), nullable=True),
    Column("escalation_level", SmallInteger, nullable=False, server_default=text("0")),
    Column("hq_escalation_at", DateTime(timezone=True), nullable=True),
    Index("ix_complaint_timers_due_at_unrecorded", "due_at",
          postgresql_where=text("met_at IS NULL AND breach_recorded_at IS NULL")),
    Index("ix_complaint_timers_warn_at_unrecorded", "warn_at",
          postgresql_where=text("met_at IS NULL AND warned_recorded_at IS NULL AND breach_recorded_at IS NULL")),
    Index("ix_complaint_timers_hq_escalation_at", "hq_escalation_at",
          postgresql_where=text("escalation_level = 1 AND met_at IS NULL")),
)


# The timeline: every step and every timer change (reports are computed from these).
complaint_events = Table(
    "complaint_events",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("timer_kind", Text, nullable=True),
    Column("data", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Index("ix_complaint_events_complaint_id_at_id", "complaint_id", "at", "id"),
    Index("ix_complaint_events_kind_at", "kind", "at"),
)


complaint_remedies = Table(
    "complaint_remedies",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", Text, nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("note", Text, nullable=False, server_default=text("''")),
)


complaint_task_members = Table(
    "complaint_task_members",
    metadata,
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", BigInteger, ForeignKey("users.id"), primary_key=True),
    Column("department", Text, nullable=False),
)
