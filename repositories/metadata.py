"""The schema's one MetaData (constraint names by convention, design.md section 5) and the column types several
features share. Each feature declares its own tables in repositories/<feature>/tables.py (the shared kernel's in
repositories/audit.py and repositories/idempotency.py); `schema()` loads them all, for Alembic and the tests.
Migrations are written by hand from these tables."""

from __future__ import annotations

import contextlib

from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    Numeric,
    Text,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


# The time a person sees on a row (created, updated) is the use case's: it comes from the Clock port
# (domain/ports.py) and every repository writes it explicitly, so tests with a frozen clock and the server agree.
# The database's now() stays only as the default for rows written by hand in SQL (psql, a data fix).
NOW = text("now()")


def timestamp_column(name: str, *, nullable: bool = False, default: bool = True) -> Column[object]:
    return Column(name, DateTime(timezone=True), nullable=nullable, server_default=NOW if default else None)


MONEY = Numeric(18, 2)


ZERO = text("0")


GRADE = Text  # "A" | "B" | "C"


def schema() -> MetaData:
    """The metadata with every feature's tables: each repositories/<feature>/tables.py is imported (found on
    disk, so a new feature needs no entry here)."""
    import importlib
    import pkgutil

    import repositories

    for module in pkgutil.iter_modules(repositories.__path__):
        if module.ispkg:
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"repositories.{module.name}.tables")
    importlib.import_module("repositories.audit")
    importlib.import_module("repositories.idempotency")
    return metadata
