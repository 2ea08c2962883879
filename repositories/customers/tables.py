"""The customer archive: customers, their ownership history and contacts. Written by hand into migrations (alembic)."""

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
from sqlalchemy.dialects.postgresql import JSONB

from repositories.metadata import metadata, timestamp_column

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
    # Where the customer is (WGS 84 degrees): visits' check-ins are checked against it (migration 0017).
    Column("latitude", Numeric(9, 6), nullable=True),
    Column("longitude", Numeric(9, 6), nullable=True),
    Column("owner_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("org_unit_id", BigInteger, ForeignKey("org_units.id"), nullable=False),
    timestamp_column("created_at"),
    timestamp_column("updated_at"),
    # One customer per (source system, external id); manual entries share the '' source.
    Index("uq_customers_source_external_id", text("coalesce(source_system, '')"), "external_id", unique=True,
          postgresql_where=text("external_id IS NOT NULL")),
    # The search box: one trigram index over what `q` matches in the customer's own fields
    # (repositories/customers/repository.py _customer_text; migration 0014).
    # (written as PostgreSQL prints it back, so that the schema comparison of the migrations test matches)
    Index("ix_customers_search_trgm",
          text("((((((((((name || ' '::text) || code) || ' '::text) || COALESCE(phone, ''::text)) || ' '::text) || "
               r"regexp_replace(COALESCE(phone, ''::text), '[\s()-]'::text, ''::text, 'g'::text)) || ' '::text) || "
               "COALESCE(address, ''::text)) || ' '::text) || COALESCE(registration_id, ''::text))"),
          postgresql_using="gin", postgresql_ops={"anon_1": "gin_trgm_ops"}),
    Index("ix_customers_external_id", "external_id"),
    Index("ix_customers_updated_at_id", text("updated_at DESC"), text("id DESC")),
    Index("ix_customers_name_id", "name", "id"),
    Index("ix_customers_owner_id", "owner_id"),
    Index("ix_customers_org_unit_id", "org_unit_id"),
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
    Index("ix_customer_ownership_customer_id_started_at", "customer_id", text("started_at DESC")),
    # At most one open ownership period per customer.
    Index("uq_customer_ownership_open", "customer_id", unique=True, postgresql_where=text("ended_at IS NULL")),
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
    timestamp_column("created_at"),
    timestamp_column("updated_at"),
    # The search box finds customers by their current contacts' names and phones (CONTACT_SEARCH_TEXT).
    Index("ix_contacts_search_trgm", text("((((name || ' '::text) || COALESCE(phone, ''::text)) || ' '::text) || "
                                             r"regexp_replace(COALESCE(phone, ''::text), '[\s()-]'::text, ''::text, "
                                             "'g'::text))"), postgresql_using="gin",
          postgresql_ops={"anon_1": "gin_trgm_ops"}, postgresql_where=text("(ended_on IS NULL)")),
)
