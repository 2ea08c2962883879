"""The SLA's port: business calendars, SLA policies, the sweep and the report. repositories/ implements it."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Protocol

from domain.organisation.model import DataScope
from domain.sla.model import BusinessCalendar, CalendarDay, NamedCalendar, SlaPolicy, SlaReport, SweepOutcome


class SlaRepository(Protocol):
    async def calendars(self) -> builtins.list[NamedCalendar]: ...

    async def calendar(self, calendar_id: int, *, for_update: bool = False) -> NamedCalendar | None: ...

    async def add_calendar(self, name: str, calendar: BusinessCalendar, *, name_translations: Mapping[str, str],
                           updated_by: int | None, at: datetime) -> int: ...

    async def save_calendar(self, calendar_id: int, name: str, calendar: BusinessCalendar,
                            imported: frozenset[Any], *, name_translations: Mapping[str, str],
                            updated_by: int | None, at: datetime) -> None: ...

    async def import_days(self, calendar_id: int, days: builtins.list[CalendarDay], *, at: datetime) -> int:
        """Adds or refreshes imported holidays and adjusted working days; days entered by hand are kept."""
        ...

    async def policies(self) -> builtins.list[SlaPolicy]: ...

    async def policy(self, policy_id: int, *, for_update: bool = False) -> SlaPolicy | None: ...

    async def add_policy(self, policy: SlaPolicy, *, updated_by: int | None, at: datetime) -> SlaPolicy: ...

    async def save_policy(self, policy: SlaPolicy, *, updated_by: int | None, at: datetime) -> SlaPolicy: ...

    async def calendar_in_use(self, calendar_id: int) -> bool: ...

    async def sweep(self, now: datetime, batch: int) -> SweepOutcome:
        """One batch of warnings, breaches and escalations, each recorded exactly once across processes, by the
        rules of domain/sla/model.py (the sweep's section)."""
        ...

    async def report(self, scope: DataScope, *, hq_sees_major: bool, since: date, until: date, time_zone: str,
                     org_unit_id: int | None, now: datetime) -> SlaReport: ...
