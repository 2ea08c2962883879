"""Orders, returns and the transaction facts in PostgreSQL."""
