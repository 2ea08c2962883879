"""ERP ingestion: orders with lines and history, customer transaction facts, idempotency keys, API key usage.

Revision ID: 0002_orders_and_facts
Revises: 0001_foundation
Create Date: 2026-11-23 13:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002_orders_and_facts"
down_revision: str | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")
ZERO = sa.text("0")
MONEY = sa.Numeric(18, 2)

ORDER_KINDS = ("order", "return")
ORDER_STATUSES = ("placed", "confirmed", "delivered", "cancelled", "returned", "partially_returned")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("external_id", sa.Text, nullable=False),
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("original_order_id", sa.BigInteger, nullable=True),
        sa.Column("ordered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("currency", sa.Text, nullable=False),
        sa.Column("total_amount", MONEY, nullable=False),
        sa.Column("returned_amount", MONEY, nullable=True),
        sa.Column("store_code", sa.Text, nullable=True),
        sa.Column("net_amount", MONEY, nullable=False),
        sa.Column("list_amount", MONEY, nullable=False),
        sa.Column("discount_amount", MONEY, nullable=False),
        sa.Column("line_count", sa.Integer, nullable=False),
        sa.Column("fingerprint", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_orders"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_orders_customer_id_customers"),
        sa.ForeignKeyConstraint(["original_order_id"], ["orders.id"], name="fk_orders_original_order_id_orders"),
        sa.UniqueConstraint("source", "external_id", name="uq_orders_source_external_id"),
        sa.CheckConstraint(_in("kind", ORDER_KINDS), name="ck_orders_kind"),
        sa.CheckConstraint(_in("status", ORDER_STATUSES), name="ck_orders_status"),
        sa.CheckConstraint("total_amount >= 0", name="ck_orders_total_not_negative"),
        sa.CheckConstraint("(kind = 'return') = (original_order_id IS NOT NULL)",
                           name="ck_orders_return_names_original"),
    )
    # The customer's order list (newest first, keyset on (ordered_at, id)) and the facts rebuild.
    op.create_index("ix_orders_customer_id_ordered_at_id", "orders",
                    ["customer_id", sa.text("ordered_at DESC"), sa.text("id DESC")])
    op.create_index("ix_orders_original_order_id", "orders", ["original_order_id"],
                    postgresql_where=sa.text("original_order_id IS NOT NULL"))

    op.create_table(
        "order_lines",
        sa.Column("order_id", sa.BigInteger, nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("sku", sa.Text, nullable=False),
        sa.Column("product_name", sa.Text, nullable=False),
        sa.Column("quantity", sa.Numeric(18, 3), nullable=False),
        sa.Column("unit_price", sa.Numeric(18, 4), nullable=False),
        sa.Column("discount_amount", MONEY, nullable=False),
        sa.PrimaryKeyConstraint("order_id", "line_no", name="pk_order_lines"),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name="fk_order_lines_order_id_orders",
                                ondelete="CASCADE"),
    )

    op.create_table(
        "order_history",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("order_id", sa.BigInteger, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", JSONB, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_order_history"),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name="fk_order_history_order_id_orders",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("order_id", "version", name="uq_order_history_order_id_version"),
    )

    op.create_table(
        "customer_facts",
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("orders_placed", sa.Integer, nullable=False, server_default=ZERO),
        sa.Column("order_count", sa.Integer, nullable=False, server_default=ZERO),
        sa.Column("cancelled_count", sa.Integer, nullable=False, server_default=ZERO),
        sa.Column("returned_count", sa.Integer, nullable=False, server_default=ZERO),
        sa.Column("net_revenue", MONEY, nullable=False, server_default=ZERO),
        sa.Column("list_amount", MONEY, nullable=False, server_default=ZERO),
        sa.Column("discount_amount", MONEY, nullable=False, server_default=ZERO),
        sa.Column("first_order_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_order_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("customer_id", name="pk_customer_facts"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_customer_facts_customer_id_customers",
                                ondelete="CASCADE"),
    )

    op.create_table(
        "customer_monthly_revenue",
        sa.Column("customer_id", sa.BigInteger, nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("net_revenue", MONEY, nullable=False, server_default=ZERO),
        sa.Column("order_count", sa.Integer, nullable=False, server_default=ZERO),
        sa.PrimaryKeyConstraint("customer_id", "month", name="pk_customer_monthly_revenue"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name="fk_customer_monthly_revenue_customer_id_customers", ondelete="CASCADE"),
    )

    op.create_table(
        "idempotency_keys",
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("request_hash", sa.Text, nullable=False),
        sa.Column("outcome", JSONB, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("owner", "key", name="pk_idempotency_keys"),
    )
    op.create_index("ix_idempotency_keys_expires_at", "idempotency_keys", ["expires_at"])

    op.create_table(
        "api_key_usage",
        sa.Column("api_key_id", sa.BigInteger, nullable=False),
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requests", sa.Integer, nullable=False, server_default=ZERO),
        sa.Column("items", sa.Integer, nullable=False, server_default=ZERO),
        sa.PrimaryKeyConstraint("api_key_id", "hour", name="pk_api_key_usage"),
        sa.ForeignKeyConstraint(["api_key_id"], ["api_keys.id"], name="fk_api_key_usage_api_key_id_api_keys",
                                ondelete="CASCADE"),
    )


def downgrade() -> None:
    for table in ("api_key_usage", "idempotency_keys", "customer_monthly_revenue", "customer_facts",
                  "order_history", "order_lines", "orders"):
        op.drop_table(table)
