"""Complaints, their timers and events, and notifications in PostgreSQL."""
