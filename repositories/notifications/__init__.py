"""In-app notifications in PostgreSQL."""
