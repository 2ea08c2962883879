"""The SQLAlchemy unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.errors import Conflict, DomainError, FieldError, RuleViolation
from domain.ports import UnitOfWork
from repositories.audit import SqlAuditLog
from repositories.idempotency import SqlIdempotencyStore

# Constraint name -> the domain error it means (design.md section 5).
CONSTRAINT_ERRORS: dict[str, Callable[[], DomainError]] = {
    "uq_customers_source_external_id":
        lambda: RuleViolation([FieldError("external_id", "another customer has this external id")]),
    "uq_customers_code": lambda: Conflict("A customer with this code exists."),
    "uq_users_username": lambda: Conflict("The username is taken."),
    "uq_score_models_name_version": lambda: Conflict("Another version of this model was saved at the same time; "
                                                     "reload and retry."),
    "uq_org_units_code": lambda: Conflict("An org unit with this code exists."),
    "uq_score_sheets_customer_id_period": lambda: Conflict("The customer already has a score sheet for this quarter."),
    "uq_business_calendars_name": lambda: Conflict("A calendar with this name exists."),
    "uq_customer_ownership_open": lambda: Conflict("The customer's ownership changed at the same time; retry."),
}


def translate_integrity_error(exc: IntegrityError) -> DomainError | None:
    name = getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None) or getattr(
        exc.orig, "constraint_name", None)
    if name is None:
        text = str(exc.orig)
        name = next((n for n in CONSTRAINT_ERRORS if n in text), None)
    factory = CONSTRAINT_ERRORS.get(name) if name else None
    return factory() if factory else None


def _registered() -> dict[str, Callable[[AsyncSession], object]]:
    """The repositories of the shared kernel and of every feature's repositories/<feature>/registry.py (found on
    disk, so a new feature registers its own without editing this file)."""
    import importlib
    import pkgutil

    import repositories

    found: dict[str, Callable[[AsyncSession], object]] = {"audit": SqlAuditLog, "idempotency": SqlIdempotencyStore}
    for module in pkgutil.iter_modules(repositories.__path__):
        if module.ispkg:
            with contextlib.suppress(ModuleNotFoundError):
                found.update(importlib.import_module(f"repositories.{module.name}.registry").REPOSITORIES)
    return found


REPOSITORIES = _registered()


class SqlAlchemyUnitOfWork(UnitOfWork):
    """Subclasses the port so that mypy types the repositories it sets from REPOSITORIES as the port declares
    them (each registry.py holds its implementations to those types) and checks its methods against the port's.
    Create it with sql_unit_of_work()."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._depth = 0

    async def __aenter__(self) -> Self:
        # Re-entrant: a use case may open the unit of work that a caller already holds.
        self._depth += 1
        if self._depth == 1:
            self.session = self._session_factory()
            for name, repository in REPOSITORIES.items():
                setattr(self, name, repository(self.session))
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        try:
            await self.session.rollback()
        finally:
            await self.session.close()
        if isinstance(exc, IntegrityError):
            translated = translate_integrity_error(exc)
            if translated is not None:
                raise translated from exc

    async def commit(self) -> None:
        try:
            await self.session.commit()
        except IntegrityError as exc:
            translated = translate_integrity_error(exc)
            if translated is not None:
                raise translated from exc
            raise

    async def rollback(self) -> None:
        await self.session.rollback()


def sql_unit_of_work(session_factory: async_sessionmaker[AsyncSession]) -> SqlAlchemyUnitOfWork:
    """A new SQL unit of work. mypy counts the port's repositories as abstract because they are set at run time
    (in __aenter__, from REPOSITORIES); tests/unit/test_unit_of_work.py holds that every one of them is set."""
    return SqlAlchemyUnitOfWork(session_factory)  # type: ignore[abstract]
