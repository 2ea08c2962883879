"""Machine clients (ERP systems, the field app): API keys with scopes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.errors import FieldError


class ApiScope(StrEnum):
    CUSTOMERS_READ = "customers:read"
    CUSTOMERS_WRITE = "customers:write"
    ORDERS_WRITE = "orders:write"


@dataclass(frozen=True)
class ApiKey:
    id: int
    # The integration's name; it is also the `source` of what that integration writes.
    name: str
    prefix: str
    scopes: frozenset[str]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# The most items one batch request may carry: big enough to be fast, small enough to stay one short transaction.
MAX_BATCH_ITEMS = 1000


class ItemStatus(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(frozen=True)
class ItemResult:
    """What became of one item of a machine batch, reported back in request order."""

    external_id: str | None
    status: ItemStatus
    id: int | None = None
    errors: tuple[FieldError, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"external_id": self.external_id, "status": str(self.status)}
        if self.id is not None:
            result["id"] = self.id
        if self.errors:
            result["errors"] = [{"field": e.field, "message": e.message} for e in self.errors]
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ItemResult:
        return cls(data.get("external_id"), ItemStatus(data["status"]), data.get("id"),
                   tuple(FieldError(e["field"], e["message"]) for e in data.get("errors", ())))


@dataclass(frozen=True)
class Rejected:
    """An item that did not even have the right shape; it is reported, never written."""

    external_id: str | None
    errors: tuple[FieldError, ...]


@dataclass(frozen=True)
class IdempotencyRequest:
    """A machine write sent with an Idempotency-Key: replaying the same request returns the first outcome."""

    owner: str
    key: str
    request_hash: str


# API key usage is counted per hour; "the last 24 hours" is the current hour and the 23 before it.
USAGE_WINDOW_HOURS = 24


@dataclass(frozen=True)
class ApiKeyUsage:
    api_key_id: int
    requests: int
    items: int


@dataclass(frozen=True)
class IncomingCustomer:
    """A customer as an ERP sends it. Only the fields it sent are applied; the rest stay as Keyhold has them."""

    external_id: str
    values: dict[str, Any]  # name, customer_type, registration_id, address, region, phone, tags: those sent
    org_unit_code: str | None = None
    owner_username: str | None = None
    # The customer's main contact at the ERP: name, decision_role, title, phone, email, wechat.
    contact: dict[str, Any] | None = None
