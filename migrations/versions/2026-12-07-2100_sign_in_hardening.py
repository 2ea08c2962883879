"""Sign-in throttling under keyed hashes, and sessions ended by signing out.

`login_throttle` now counts attempts per keyed hash (HMAC with the server's secret) of an account, a client
address, or both, instead of per typed username in plain text; the block is derived from the count and the last
failure, so `blocked_until` goes. The rows it held (typed usernames, passwords typed into the username field
among them) are deleted: counts start afresh. `ended_sessions` is the deny list of signed-out sessions' token ids.

Revision ID: 0012_sign_in_hardening
Revises: 0011_health_before_carried
Create Date: 2026-12-07 21:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_sign_in_hardening"
down_revision: str | None = "0011_health_before_carried"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM login_throttle")
    op.drop_column("login_throttle", "blocked_until")
    op.alter_column("login_throttle", "last_failure_at", nullable=True)
    op.create_index("ix_login_throttle_last_failure_at", "login_throttle", ["last_failure_at"])
    op.create_table(
        "ended_sessions",
        sa.Column("session_id", sa.Text, nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("session_id", name="pk_ended_sessions"),
    )
    op.create_index("ix_ended_sessions_expires_at", "ended_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_table("ended_sessions")
    # Keyed-hash counts mean nothing to the old per-username throttle.
    op.execute("DELETE FROM login_throttle")
    op.drop_index("ix_login_throttle_last_failure_at", table_name="login_throttle")
    op.alter_column("login_throttle", "last_failure_at", nullable=False)
    op.add_column("login_throttle", sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True))
