"""Business calendars and SLA policies in PostgreSQL."""
