"""Visits' port: the plan by tier, customers' overrides, outcomes and visits. repositories/ implements it."""

from __future__ import annotations

import builtins
from datetime import date, datetime
from typing import Protocol

from domain.organisation.model import DataScope
from domain.paging import Page, PageRequest
from domain.visits.model import (
    CheckInReview,
    Completion,
    DueFilters,
    DueVisit,
    NewVisit,
    Outcome,
    PlanFacts,
    PlanOverride,
    Position,
    Visit,
    VisitFilters,
    VisitSettings,
    VisitStatus,
)


class VisitRepository(Protocol):
    async def settings(self, *, for_update: bool = False) -> VisitSettings: ...

    async def save_settings(self, settings: VisitSettings, *, updated_by: int | None, at: datetime) -> VisitSettings:
        """Replaces the cadences and the distance; the version goes up by one."""
        ...

    async def override(self, customer_id: int, *, for_update: bool = False) -> PlanOverride | None: ...

    async def save_override(self, override: PlanOverride, *, updated_by: int | None, at: datetime) -> PlanOverride:
        """Creates or replaces the customer's override (version 1, then up by one)."""
        ...

    async def plan_facts(self, customer_id: int) -> PlanFacts: ...

    async def outcomes(self) -> builtins.list[Outcome]: ...

    async def save_outcome(self, outcome: Outcome, *, at: datetime) -> Outcome: ...

    async def add(self, new: NewVisit, *, owner_id: int | None, created_by: int | None, at: datetime,
                  uid: str | None = None) -> int: ...

    async def get(self, visit_id: int, scope: DataScope, *, for_update: bool = False) -> Visit | None:
        """None outside the scope (a visit is seen by whoever sees its customer)."""
        ...

    async def check_in(self, visit_id: int, *, position: Position | None, review: CheckInReview,
                       at: datetime) -> None: ...

    async def complete(self, visit_id: int, completion: Completion, *, visited_on: date, next_visit_id: int | None,
                       at: datetime) -> None: ...

    async def close(self, visit_id: int, status: VisitStatus, *, reason: str | None, at: datetime) -> None:
        """Cancelled or missed."""
        ...

    async def list(self, scope: DataScope, filters: VisitFilters, page: PageRequest) -> Page[Visit]:
        """Newest planned day first."""
        ...

    async def due(self, scope: DataScope, filters: DueFilters, page: PageRequest, *,
                  today: date) -> Page[DueVisit]:
        """Every plan's next visit for the customers in the scope (not abandoned), earliest due day first, so the
        overdue come first. Computed in SQL from the rule of domain/visits/model.py (effective_cadence, next_due)."""
        ...

    async def bulk_import(self, records: builtins.list[Visit]) -> int:
        """Inserts prepared visits (demo data, an archive's migration) in a few multi-row statements; the caller
        has applied the rules (states, anomalies). Ids, uids and versions of the records are ignored."""
        ...

    async def move_planned(self, customer_id: int, owner_id: int, *, at: datetime) -> int:
        """A reassigned customer's visits still planned go to its new owner; returns how many."""
        ...
