"""Loyalty figures and their recompute in PostgreSQL."""
