"""API keys of machine clients in PostgreSQL."""
