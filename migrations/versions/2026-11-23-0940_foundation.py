"""Foundation: org units, users, API keys, login throttle, customers, contacts, ownership, audit.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-23 09:40
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision: str = "0001_foundation"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


ROLES = ("admin", "hq_key_account", "store_manager", "account_manager", "service_agent", "analyst")
UNIT_KINDS = ("headquarters", "operations_centre", "department", "regional_store", "store")
CUSTOMER_TYPES = ("hotel", "restaurant", "contractor", "design_firm", "dealer", "other")
PARTITIONS = ("regular", "key", "abandoned")
DECISION_ROLES = ("boss", "decision_leader", "head_chef", "designer", "purchaser", "opinion_leader", "other")


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE SEQUENCE customer_code_seq")

    op.create_table(
        "org_units",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("parent_id", sa.BigInteger, sa.ForeignKey("org_units.id", name="fk_org_units_parent_id_org_units")),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_org_units"),
        sa.UniqueConstraint("code", name="uq_org_units_code"),
        sa.CheckConstraint(_in("kind", UNIT_KINDS), name="ck_org_units_kind"),
    )
    op.create_index("ix_org_units_path", "org_units", [sa.text("path text_pattern_ops")])

    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("username", sa.Text, nullable=False),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("org_unit_id", sa.BigInteger,
                  sa.ForeignKey("org_units.id", name="fk_users_org_unit_id_org_units"), nullable=False),
        sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.Column("token_version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sa.CheckConstraint(_in("role", ROLES), name="ck_users_role"),
    )
    op.create_index("ix_users_org_unit_id", "users", ["org_unit_id"])

    op.create_table(
        "login_throttle",
        sa.Column("login_key", sa.Text, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("login_key", name="pk_login_throttle"),
    )

    op.create_table(
        "api_keys",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("key_hash", sa.Text, nullable=False),
        sa.Column("scopes", ARRAY(sa.Text), nullable=False),
        sa.Column("created_by", sa.BigInteger, sa.ForeignKey("users.id", name="fk_api_keys_created_by_users")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        sa.UniqueConstraint("prefix", name="uq_api_keys_prefix"),
    )

    op.create_table(
        "customers",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("code", sa.Text, nullable=False,
                  server_default=sa.text("'C' || lpad(nextval('customer_code_seq')::text, 7, '0')")),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("source_system", sa.Text),
        sa.Column("external_id", sa.Text),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("customer_type", sa.Text, nullable=False),
        sa.Column("registration_id", sa.Text),
        sa.Column("address", sa.Text),
        sa.Column("region", sa.Text),
        sa.Column("phone", sa.Text),
        sa.Column("tags", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("lead_source", sa.Text),
        sa.Column("referrer", sa.Text),
        sa.Column("partition", sa.Text, nullable=False, server_default=sa.text("'regular'")),
        sa.Column("abandon_reason", sa.Text),
        sa.Column("abandon_review_on", sa.Date),
        sa.Column("characteristics", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("owner_id", sa.BigInteger, sa.ForeignKey("users.id", name="fk_customers_owner_id_users")),
        sa.Column("org_unit_id", sa.BigInteger,
                  sa.ForeignKey("org_units.id", name="fk_customers_org_unit_id_org_units"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
        sa.UniqueConstraint("code", name="uq_customers_code"),
        sa.CheckConstraint(_in("customer_type", CUSTOMER_TYPES), name="ck_customers_customer_type"),
        sa.CheckConstraint(_in("partition", PARTITIONS), name="ck_customers_partition"),
        sa.CheckConstraint("partition <> 'abandoned' OR (abandon_reason IS NOT NULL AND abandon_review_on IS NOT NULL)",
                           name="ck_customers_abandon_decision"),
    )
    # One customer per (source system, external id); manual entries share the '' source.
    op.execute("CREATE UNIQUE INDEX uq_customers_source_external_id ON customers "
               "(coalesce(source_system, ''), external_id) WHERE external_id IS NOT NULL")
    # One trigram index over what the search box matches (name, code, phone): `q` is a single ILIKE on
    # the same expression (repositories.customers.SEARCH_TEXT), so Chinese fragments use the index.
    op.execute("CREATE INDEX ix_customers_search_trgm ON customers USING gin "
               "((name || ' ' || code || ' ' || coalesce(phone, '')) gin_trgm_ops)")
    op.create_index("ix_customers_external_id", "customers", ["external_id"])
    op.create_index("ix_customers_updated_at_id", "customers", [sa.text("updated_at DESC"), sa.text("id DESC")])
    op.create_index("ix_customers_name_id", "customers", ["name", "id"])
    op.create_index("ix_customers_owner_id", "customers", ["owner_id"])
    op.create_index("ix_customers_org_unit_id", "customers", ["org_unit_id"])

    op.create_table(
        "customer_ownership",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("customer_id", sa.BigInteger,
                  sa.ForeignKey("customers.id", name="fk_customer_ownership_customer_id_customers",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("owner_id", sa.BigInteger, sa.ForeignKey("users.id", name="fk_customer_ownership_owner_id_users")),
        sa.Column("org_unit_id", sa.BigInteger,
                  sa.ForeignKey("org_units.id", name="fk_customer_ownership_org_unit_id_org_units"), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("reason", sa.Text),
        sa.Column("changed_by", sa.BigInteger,
                  sa.ForeignKey("users.id", name="fk_customer_ownership_changed_by_users")),
        sa.PrimaryKeyConstraint("id", name="pk_customer_ownership"),
    )
    op.create_index("ix_customer_ownership_customer_id_started_at", "customer_ownership",
                    ["customer_id", sa.text("started_at DESC")])
    # At most one open ownership period per customer.
    op.execute("CREATE UNIQUE INDEX uq_customer_ownership_open ON customer_ownership (customer_id) "
               "WHERE ended_at IS NULL")

    op.create_table(
        "contacts",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("customer_id", sa.BigInteger,
                  sa.ForeignKey("customers.id", name="fk_contacts_customer_id_customers", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("decision_role", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("phone", sa.Text),
        sa.Column("email", sa.Text),
        sa.Column("wechat", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("is_primary", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("started_on", sa.Date),
        sa.Column("ended_on", sa.Date),
        sa.Column("ended_reason", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
        sa.CheckConstraint(_in("decision_role", DECISION_ROLES), name="ck_contacts_decision_role"),
    )
    op.create_index("ix_contacts_customer_id", "contacts", ["customer_id"])
    op.execute("CREATE INDEX ix_contacts_phone_trgm ON contacts USING gin (phone gin_trgm_ops)")

    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.BigInteger, sa.ForeignKey("users.id", name="fk_audit_log_actor_id_users")),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("entity_type", sa.Text, nullable=False),
        sa.Column("entity_id", sa.BigInteger, nullable=False),
        sa.Column("customer_id", sa.BigInteger),
        sa.Column("before", JSONB),
        sa.Column("after", JSONB),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_customer_id_id", "audit_log", ["customer_id", sa.text("id DESC")])
    op.create_index("ix_audit_log_entity", "audit_log", ["entity_type", "entity_id"])


def downgrade() -> None:
    for table in ("audit_log", "contacts", "customer_ownership", "customers", "api_keys", "login_throttle",
                  "users", "org_units"):
        op.drop_table(table)
    op.execute("DROP SEQUENCE customer_code_seq")
