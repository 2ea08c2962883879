"""Org units, users, sign-in throttling and sessions in PostgreSQL."""
