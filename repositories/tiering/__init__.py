"""Category rules and tiers in PostgreSQL."""
