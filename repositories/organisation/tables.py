"""Org units, users, sign-in throttling and ended sessions. Written by hand into migrations (alembic)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Table,
    Text,
    text,
)

from repositories.metadata import metadata, timestamp_column

org_units = Table(
    "org_units",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("parent_id", BigInteger, ForeignKey("org_units.id"), nullable=True),
    Column("path", Text, nullable=False),
    timestamp_column("created_at"),
    Index("ix_org_units_path", "path", postgresql_ops={"path": "text_pattern_ops"}),
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
    timestamp_column("created_at"),
    timestamp_column("updated_at"),
)


# Sign-in attempts counted per key (domain/organisation/signin.py). Keys are keyed hashes (HMAC with the server's
# secret) of the typed username and the client address, never the text itself; forgotten a day after their last failure.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("login_key", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime(timezone=True), nullable=True),
    Index("ix_login_throttle_last_failure_at", "last_failure_at"),
)


# Sessions ended by signing out before their token expires (the token's `jti`); forgotten once it has expired.
ended_sessions = Table(
    "ended_sessions",
    metadata,
    Column("session_id", Text, primary_key=True),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)
