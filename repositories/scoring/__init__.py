"""Score models and score sheets in PostgreSQL."""
