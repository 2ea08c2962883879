"""In-app notifications (migration 0006). Written by hand into migrations (alembic)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, Identity, Index, Table, Text, text

from repositories.metadata import metadata, timestamp_column

# In-app notifications (warnings, breaches, escalations, task-group assignments).
notifications = Table(
    "notifications",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("user_id", BigInteger, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("complaint_id", BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), nullable=True),
    Column("timer_kind", Text, nullable=True),
    timestamp_column("created_at"),
    Column("read_at", DateTime(timezone=True), nullable=True),
    Index("ix_notifications_user_id_id", "user_id", "id"),
    Index("ix_notifications_user_id_unread", "user_id", postgresql_where=text("read_at IS NULL")),
)
