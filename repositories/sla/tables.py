"""Business calendars and their days, and SLA policies (migration 0006). Written by hand into migrations (alembic)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Identity,
    Integer,
    Numeric,
    SmallInteger,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from repositories.metadata import metadata, timestamp_column

# Working windows per weekday (local wall-clock "09:00-12:00" strings, Monday first) in a time zone.
business_calendars = Table(
    "business_calendars",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    # The name in the UI's languages, {"en": "Standard"}: shown instead of `name` in that language (migration 0013).
    Column("name_translations", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("time_zone", Text, nullable=False),
    Column("week", JSONB, nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("updated_at"),
)


# A calendar's exceptions: public holidays, and adjusted working days (China works some weekend days).
calendar_days = Table(
    "calendar_days",
    metadata,
    Column("calendar_id", BigInteger, ForeignKey("business_calendars.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False, server_default=text("''")),
    Column("windows", JSONB, nullable=True),
    # "holidays" (imported from the maintained package) or "manual" (an administrator's entry, never overwritten).
    Column("source", Text, nullable=False, server_default=text("'manual'")),
)


sla_policies = Table(
    "sla_policies",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_translations", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("severity", Text, nullable=False),
    Column("key_account_level", Text, nullable=True),
    Column("category", Text, nullable=True),
    Column("calendar_id", BigInteger, ForeignKey("business_calendars.id"), nullable=False),
    # {"first_response": {"amount": "24", "unit": "clock_hours"}, ...}
    Column("targets", JSONB, nullable=False),
    Column("warn_percent", SmallInteger, nullable=False, server_default=text("75")),
    Column("hq_escalation_hours", Numeric(6, 2), nullable=False, server_default=text("24")),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("updated_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("updated_at"),
)
