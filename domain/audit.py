"""Audit trail: who changed what, when, before and after (design.md section 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.organisation.model import UserRef


@dataclass(frozen=True)
class AuditEntry:
    action: str
    entity_type: str
    entity_id: int
    customer_id: int | None
    actor_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    actor: UserRef | None
    action: str
    entity_type: str
    entity_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None
