"""Complaints' port: complaints, their events and timers. repositories/ implements it."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Protocol

from domain.complaints.model import Complaint, ComplaintEvent, ComplaintFilters, NewComplaint, NewEvent
from domain.organisation.model import DataScope
from domain.paging import Page, PageRequest
from domain.sla.model import Timer


class ComplaintRepository(Protocol):
    async def add(self, new: NewComplaint, *, org_unit_id: int, account_manager_id: int | None,
                  received_by: int | None, policy_id: int, calendar_id: int, timers: builtins.list[Timer],
                  events: builtins.list[NewEvent], at: datetime) -> int: ...

    async def get(self, complaint_id: int, scope: DataScope, *, hq_sees_major: bool,
                  for_update: bool = False) -> Complaint | None:
        """With timers, remedies and task group; None outside the scope. for_update locks it and its timers."""
        ...

    async def save(self, before: Complaint, after: Complaint, events: builtins.list[NewEvent], *,
                   actor_id: int | None, at: datetime) -> None: ...

    async def events(self, complaint_id: int) -> builtins.list[ComplaintEvent]: ...

    async def list(self, scope: DataScope, filters: ComplaintFilters, page: PageRequest, *, hq_sees_major: bool,
                   now: datetime) -> Page[Complaint]:
        """Items carry their timers (not remedies or task groups)."""
        ...
