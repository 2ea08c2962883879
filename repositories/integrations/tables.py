"""API keys of machine clients and their daily use. Written by hand into migrations (alembic)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Integer,
    PrimaryKeyConstraint,
    Table,
    Text,
)

from repositories.metadata import ZERO, metadata, timestamp_column

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False),
    Column("prefix", Text, nullable=False, unique=True),
    Column("key_hash", Text, nullable=False),
    Column("scopes", ARRAY(Text), nullable=False),
    Column("created_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("created_at"),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)


api_key_usage = Table(
    "api_key_usage",
    metadata,
    Column("api_key_id", BigInteger, ForeignKey("api_keys.id", ondelete="CASCADE"), nullable=False),
    Column("hour", DateTime(timezone=True), nullable=False),
    Column("requests", Integer, nullable=False, server_default=ZERO),
    Column("items", Integer, nullable=False, server_default=ZERO),
    PrimaryKeyConstraint("api_key_id", "hour"),
)
