"""In-app notifications (migrations 0006 and 0016). Written by hand into migrations (alembic)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, Identity, Index, Integer, Table, Text, text

from repositories.metadata import metadata, timestamp_column

# In-app notifications (warnings, breaches, escalations, task groups, score sheets, reassigned customers).
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
    # Score sheets and reassignments (0016): the sheet, the one customer (none when several moved, counted
    # in customer_count), the reviewer's comment on a returned sheet, and who did it.
    Column("score_sheet_id", BigInteger, ForeignKey("score_sheets.id", ondelete="CASCADE"), nullable=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=True),
    Column("customer_count", Integer, nullable=True),
    Column("comment", Text, nullable=True),
    Column("actor_id", BigInteger, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Index("ix_notifications_user_id_id", "user_id", "id"),
    Index("ix_notifications_user_id_unread", "user_id", postgresql_where=text("read_at IS NULL")),
    # Reviewing a sheet marks its "awaits review" notifications read; deleting a sheet or customer cascades.
    Index("ix_notifications_score_sheet_id", "score_sheet_id", postgresql_where=text("score_sheet_id IS NOT NULL")),
    Index("ix_notifications_customer_id", "customer_id", postgresql_where=text("customer_id IS NOT NULL")),
)
