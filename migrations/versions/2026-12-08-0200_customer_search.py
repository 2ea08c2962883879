"""The search box finds customers by address, registration id and their current contacts' names and phones.

The customers' trigram index now covers name, code, phone (as typed and without separators), address and
registration id; the contacts' phone-only index becomes one over the current contacts' name and phone
(repositories/customers/repository.py builds the query on the same expressions). pg_trgm has been created
since the foundation; created here again in case a database was restored without it.

Revision ID: 0014_customer_search
Revises: 0013_names_in_two_languages
Create Date: 2026-12-08 02:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014_customer_search"
down_revision: str | None = "0013_names_in_two_languages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COMPACT_PHONE = r"regexp_replace(coalesce(phone, ''), '[\s()-]', '', 'g')"


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("DROP INDEX ix_customers_search_trgm")
    op.execute("CREATE INDEX ix_customers_search_trgm ON customers USING gin "
               f"((name || ' ' || code || ' ' || coalesce(phone, '') || ' ' || {_COMPACT_PHONE} || ' ' || "
               "coalesce(address, '') || ' ' || coalesce(registration_id, '')) gin_trgm_ops)")
    op.execute("DROP INDEX ix_contacts_phone_trgm")
    op.execute("CREATE INDEX ix_contacts_search_trgm ON contacts USING gin "
               f"((name || ' ' || coalesce(phone, '') || ' ' || {_COMPACT_PHONE}) gin_trgm_ops) "
               "WHERE ended_on IS NULL")


def downgrade() -> None:
    op.execute("DROP INDEX ix_contacts_search_trgm")
    op.execute("CREATE INDEX ix_contacts_phone_trgm ON contacts USING gin (phone gin_trgm_ops)")
    op.execute("DROP INDEX ix_customers_search_trgm")
    op.execute("CREATE INDEX ix_customers_search_trgm ON customers USING gin "
               "((name || ' ' || code || ' ' || coalesce(phone, '')) gin_trgm_ops)")
