"""The loyalty figures are rewritten by build and swap: no foreign key from customer_loyalty to customers.

Each recompute writes every customer's figures into a new table that takes the old one's place
(repositories/loyalty/repository.py). A foreign key on it would have to be added again by every run, and adding one
locks the customers table against writes until the run commits, where a customer edit that reads its loyalty figures
could deadlock with it. The rows are made from the customers table in the same transaction, and customers are
never deleted by the product (no API or job removes one).

Revision ID: 0008_loyalty_build_and_swap
Revises: 0007_loyalty_quarterly_facts
Create Date: 2026-11-23 18:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_loyalty_build_and_swap"
down_revision: str | None = "0007_loyalty_quarterly_facts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint("fk_customer_loyalty_customer_id_customers", "customer_loyalty", type_="foreignkey")


def downgrade() -> None:
    op.execute("DELETE FROM customer_loyalty l WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = l.customer_id)")
    op.create_foreign_key("fk_customer_loyalty_customer_id_customers", "customer_loyalty", "customers",
                          ["customer_id"], ["id"], ondelete="CASCADE")
