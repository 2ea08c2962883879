"""The schema as SQLAlchemy Core tables. Migrations are written by hand from this (alembic)."""

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
    Integer,
    MetaData,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

NOW = text("now()")


def _ts(name: str, *, nullable: bool = False, default: bool = True) -> Column[object]:
    return Column(name, DateTime(timezone=True), nullable=nullable, server_default=NOW if default else None)


org_units = Table(
    "org_units",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("parent_id", BigInteger, ForeignKey("org_units.id"), nullable=True),
    Column("path", Text, nullable=False),
    _ts("created_at"),
)

users = Table(
    "users",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("username", Text, nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False, index=True),
    Column("is_active", Boolean, nullable=False, server_default=text("true")),
    # Bumped on password reset and disable: tokens carry it, so old sessions stop working.
    Column("token_version", Integer, nullable=False, server_default=text("1")),
    _ts("created_at"),
    _ts("updated_at"),
)

login_throttle = Table(
    "login_throttle",
    metadata,
    Column("login_key", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime(timezone=True), nullable=False),
    Column("blocked_until", DateTime(timezone=True), nullable=True),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False),
    Column("prefix", Text, nullable=False, unique=True),
    Column("key_hash", Text, nullable=False),
    Column("scopes", ARRAY(Text), nullable=False),
    Column("created_by", BigInteger, ForeignKey("users.id"), nullable=True),
    _ts("created_at"),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

customers = Table(
    "customers",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("code", Text, nullable=False, unique=True,
           server_default=text("'C' || lpad(nextval('customer_code_seq')::text, 7, '0')")),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("source_system", Text, nullable=True),
    Column("external_id", Text, nullable=True),
    Column("name", Text, nullable=False),
    Column("customer_type", Text, nullable=False),
    Column("registration_id", Text, nullable=True),
    Column("address", Text, nullable=True),
    Column("region", Text, nullable=True),
    Column("phone", Text, nullable=True),
    Column("tags", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("lead_source", Text, nullable=True),
    Column("referrer", Text, nullable=True),
    Column("partition", Text, nullable=False, server_default=text("'regular'")),
    Column("abandon_reason", Text, nullable=True),
    Column("abandon_review_on", Date, nullable=True),
    Column("characteristics", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("owner_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False),
    _ts("created_at"),
    _ts("updated_at"),
)

customer_ownership = Table(
    "customer_ownership",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("owner_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("reason", Text, nullable=True),
    Column("changed_by", BigInteger, ForeignKey("users.id"), nullable=True),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("name", Text, nullable=False),
    Column("decision_role", Text, nullable=False),
    Column("title", Text, nullable=True),
    Column("phone", Text, nullable=True),
    Column("email", Text, nullable=True),
    Column("wechat", Text, nullable=True),
    Column("notes", Text, nullable=True),
    Column("is_primary", Boolean, nullable=False, server_default=text("false")),
    Column("started_on", Date, nullable=True),
    Column("ended_on", Date, nullable=True),
    Column("ended_reason", Text, nullable=True),
    _ts("created_at"),
    _ts("updated_at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("action", Text, nullable=False),
    Column("entity_type", Text, nullable=False),
    Column("entity_id", BigInteger, nullable=False),
    Column("customer_id", BigInteger, nullable=True),
    Column("before", JSONB, nullable=True),
    Column("after", JSONB, nullable=True),
)
