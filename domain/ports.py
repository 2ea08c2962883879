"""The shared kernel's ports (the clock, the audit log, idempotency keys) and the unit of work that composes
every feature's repositories; each feature's own ports are in domain/<feature>/ports.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Protocol, Self

from domain.audit import AuditEntry, AuditRecord
from domain.complaints.ports import ComplaintRepository
from domain.customers.ports import ContactRepository, CustomerRepository
from domain.integrations.model import IdempotencyRequest
from domain.integrations.ports import ApiKeyRepository
from domain.loyalty.ports import LoyaltyRepository
from domain.notifications.ports import NotificationRepository
from domain.orders.ports import FactsRepository, OrderRepository
from domain.organisation.ports import LoginThrottle, OrgUnitRepository, SessionRegistry, UserRepository
from domain.paging import Page, PageRequest
from domain.scoring.ports import ScoreModelRepository, ScoreSheetRepository
from domain.sla.ports import SlaRepository
from domain.tiering.ports import CategoryRuleRepository, TierRepository
from domain.visits.ports import VisitRepository


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware UTC datetime."""
        ...


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry, at: datetime) -> None: ...

    async def list_for_customer(self, customer_id: int, page: PageRequest) -> Page[AuditRecord]: ...


class IdempotencyStore(Protocol):
    async def claim(self, request: IdempotencyRequest, now: datetime, ttl: timedelta) -> Any | None:
        """Claims the key for this transaction and returns None, or returns the outcome recorded for it
        earlier. Waits while another transaction holds the same key. Raises RuleViolation when the key
        was used for a different request."""
        ...

    async def record(self, request: IdempotencyRequest, outcome: Any) -> None: ...

    async def purge_expired(self, now: datetime) -> int: ...


class UnitOfWork(Protocol):
    """One business transaction. It rolls back unless the use case commits."""

    org_units: OrgUnitRepository
    users: UserRepository
    customers: CustomerRepository
    contacts: ContactRepository
    audit: AuditLog
    login_throttle: LoginThrottle
    sessions: SessionRegistry
    api_keys: ApiKeyRepository
    idempotency: IdempotencyStore
    orders: OrderRepository
    facts: FactsRepository
    score_models: ScoreModelRepository
    category_rules: CategoryRuleRepository
    tiers: TierRepository
    score_sheets: ScoreSheetRepository
    loyalty: LoyaltyRepository
    complaints: ComplaintRepository
    sla: SlaRepository
    notifications: NotificationRepository
    visits: VisitRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
