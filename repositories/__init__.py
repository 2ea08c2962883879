"""PostgreSQL adapters: implement domain/ports.py with SQLAlchemy (async, asyncpg)."""
