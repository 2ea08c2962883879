"""Machine clients (ERP systems, the field app): API keys with scopes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ApiScope(StrEnum):
    CUSTOMERS_READ = "customers:read"
    CUSTOMERS_WRITE = "customers:write"
    ORDERS_WRITE = "orders:write"
    VISITS_SYNC = "visits:sync"


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
