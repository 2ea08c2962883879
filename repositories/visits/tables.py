"""Visits: the plan by tier (one settings row and a cadence per category or level), customers' own plans, the
outcomes and the visits. Written by hand into migrations (0017)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from repositories.metadata import metadata, timestamp_column

COORDINATE = Numeric(9, 6)

visit_settings = Table(
    "visit_settings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("anomaly_distance_m", Integer, nullable=False, server_default=text("500")),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("updated_at"),
)

# kind 'routine' by category key, 'leader' by key-account level: every `months` months plus `days` days
# (domain/visits/model.py Cadence). A category or level without a row gets no visits of that kind.
visit_cadences = Table(
    "visit_cadences",
    metadata,
    Column("kind", Text, primary_key=True),
    Column("tier_key", Text, primary_key=True),
    Column("months", Integer, nullable=False),
    Column("days", Integer, nullable=False),
)

# A customer's own plan: per kind, overridden (with a cadence, or none: no visits) or following the tier.
visit_plan_overrides = Table(
    "visit_plan_overrides",
    metadata,
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("uid", UUID(as_uuid=False), nullable=False, unique=True, server_default=text("gen_random_uuid()")),
    Column("routine_override", Boolean, nullable=False, server_default=text("false")),
    Column("routine_months", Integer, nullable=True),
    Column("routine_days", Integer, nullable=True),
    Column("leader_override", Boolean, nullable=False, server_default=text("false")),
    Column("leader_months", Integer, nullable=True),
    Column("leader_days", Integer, nullable=True),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("updated_at"),
)

visit_outcomes = Table(
    "visit_outcomes",
    metadata,
    Column("code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_translations", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("position", Integer, nullable=False, server_default=text("0")),
    Column("version", Integer, nullable=False, server_default=text("1")),
    timestamp_column("updated_at"),
)

visits = Table(
    "visits",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("uid", UUID(as_uuid=False), nullable=False, unique=True, server_default=text("gen_random_uuid()")),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("status", Text, nullable=False, server_default=text("'planned'")),
    Column("planned_on", Date, nullable=False),
    Column("owner_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("notes", Text, nullable=True),
    Column("checked_in_at", DateTime(timezone=True), nullable=True),
    Column("check_in_latitude", COORDINATE, nullable=True),
    Column("check_in_longitude", COORDINATE, nullable=True),
    Column("check_in_accuracy_m", Numeric(9, 1), nullable=True),
    Column("check_in_distance_m", Integer, nullable=True),
    Column("anomalies", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("checked_out_at", DateTime(timezone=True), nullable=True),
    Column("visited_on", Date, nullable=True),
    Column("contact_ids", ARRAY(BigInteger), nullable=False, server_default=text("'{}'")),
    Column("outcome", Text, ForeignKey("visit_outcomes.code"), nullable=True),
    Column("next_step", Text, nullable=True),
    Column("next_step_on", Date, nullable=True),
    Column("next_visit_id", BigInteger, ForeignKey("visits.id", ondelete="SET NULL"), nullable=True),
    Column("cancel_reason", Text, nullable=True),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("created_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("created_at"),
    timestamp_column("updated_at"),
    # The list's keyset order, by owner and for everyone: planned day, id (newest first).
    Index("ix_visits_owner_id_planned_on_id", "owner_id", text("planned_on DESC"), text("id DESC")),
    Index("ix_visits_planned_on_id", text("planned_on DESC"), text("id DESC")),
    Index("ix_visits_customer_id_planned_on", "customer_id", text("planned_on DESC")),
    # The due list: each customer's last completed visit of a kind.
    Index("ix_visits_customer_id_kind_visited_on", "customer_id", "kind", text("visited_on DESC"),
          postgresql_where=text("status = 'completed'")),
)
