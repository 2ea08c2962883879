"""Orders and returns from the ERPs, their lines and history, and the transaction facts kept from them. Written by
hand into migrations (alembic)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from repositories.metadata import MONEY, ZERO, metadata, timestamp_column

orders = Table(
    "orders",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    # The integration that sent it (its API key's name) and its id there: the natural key.
    Column("source", Text, nullable=False),
    Column("external_id", Text, nullable=False),
    Column("customer_id", BigInteger, ForeignKey("customers.id"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("original_order_id", BigInteger, ForeignKey("orders.id"), nullable=True),
    Column("ordered_at", DateTime(timezone=True), nullable=False),
    Column("status", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("total_amount", MONEY, nullable=False),
    Column("returned_amount", MONEY, nullable=True),
    Column("store_code", Text, nullable=True),
    # What the order adds to the customer's figures, by the rules of domain/orders/model.py.
    Column("net_amount", MONEY, nullable=False),
    Column("list_amount", MONEY, nullable=False),
    Column("discount_amount", MONEY, nullable=False),
    Column("line_count", Integer, nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    timestamp_column("received_at"),
    timestamp_column("updated_at"),
    UniqueConstraint("source", "external_id"),
    # INCLUDE: the loyalty recompute reads orders from this index alone (migration 0005).
    Index("ix_orders_customer_id_ordered_at_id", "customer_id", text("ordered_at DESC"), text("id DESC"),
          postgresql_include=["kind", "status", "net_amount", "list_amount", "discount_amount"]),
    Index("ix_orders_original_order_id", "original_order_id", postgresql_where=text("original_order_id IS NOT NULL")),
)


order_lines = Table(
    "order_lines",
    metadata,
    Column("order_id", BigInteger, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("sku", Text, nullable=False),
    Column("product_name", Text, nullable=False),
    Column("quantity", Numeric(18, 3), nullable=False),
    Column("unit_price", Numeric(18, 4), nullable=False),
    Column("discount_amount", MONEY, nullable=False),
    PrimaryKeyConstraint("order_id", "line_no"),
)


order_history = Table(
    "order_history",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("order_id", BigInteger, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("replaced_at", DateTime(timezone=True), nullable=False),
    # The order as it was before this version was replaced, lines included.
    Column("state", JSONB, nullable=False),
    UniqueConstraint("order_id", "version"),
)


customer_facts = Table(
    "customer_facts",
    metadata,
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("orders_placed", Integer, nullable=False, server_default=ZERO),
    Column("order_count", Integer, nullable=False, server_default=ZERO),
    Column("cancelled_count", Integer, nullable=False, server_default=ZERO),
    Column("returned_count", Integer, nullable=False, server_default=ZERO),
    Column("net_revenue", MONEY, nullable=False, server_default=ZERO),
    Column("list_amount", MONEY, nullable=False, server_default=ZERO),
    Column("discount_amount", MONEY, nullable=False, server_default=ZERO),
    Column("first_order_at", DateTime(timezone=True), nullable=True),
    Column("last_order_at", DateTime(timezone=True), nullable=True),
    timestamp_column("updated_at"),
)


customer_monthly_revenue = Table(
    "customer_monthly_revenue",
    metadata,
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    # The first day of the month in the company's time zone.
    Column("month", Date, nullable=False),
    Column("net_revenue", MONEY, nullable=False, server_default=ZERO),
    Column("order_count", Integer, nullable=False, server_default=ZERO),
    PrimaryKeyConstraint("customer_id", "month"),
)
