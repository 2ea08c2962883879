"""The customer archive in PostgreSQL."""
