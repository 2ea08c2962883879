"""Business calendars with their days, and SLA policies: the rules complaint timers run on (data admins edit)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.complaints.model import NamedCalendar, Severity, SlaPolicy, SlaTarget, TargetUnit
from domain.sla.model import BusinessCalendar, CalendarDay, DayKind, TimerKind, WorkingWindow
from repositories.sla.tables import business_calendars, calendar_days, sla_policies

HOLIDAYS_SOURCE, MANUAL_SOURCE = "holidays", "manual"


def _windows(values: list[str] | None) -> tuple[WorkingWindow, ...]:
    return tuple(WorkingWindow.parse(v) for v in values or ())


def week_json(calendar: BusinessCalendar) -> list[list[str]]:
    return [[str(w) for w in day] for day in calendar.week]


def _day_row(calendar_id: int, d: CalendarDay, source: str) -> dict[str, Any]:
    return {"calendar_id": calendar_id, "day": d.day, "kind": str(d.kind), "name": d.name,
            "windows": [str(w) for w in d.windows] or None, "source": source}


def targets_json(targets: dict[TimerKind, SlaTarget]) -> dict[str, Any]:
    return {str(k): {"amount": str(t.amount), "unit": str(t.unit)} for k, t in targets.items()}


def _policy_from_row(row: Any) -> SlaPolicy:
    m = row._mapping
    targets = {TimerKind(k): SlaTarget(Decimal(v["amount"]), TargetUnit(v["unit"])) for k, v in m["targets"].items()}
    return SlaPolicy(id=m["id"], name=m["name"], severity=Severity(m["severity"]),
                     key_account_level=m["key_account_level"], category=m["category"], calendar_id=m["calendar_id"],
                     targets=targets, warn_percent=m["warn_percent"], hq_escalation_hours=m["hq_escalation_hours"],
                     active=m["active"], version=m["version"])


def _policy_values(p: SlaPolicy) -> dict[str, Any]:
    return {"name": p.name, "severity": str(p.severity), "key_account_level": p.key_account_level,
            "category": p.category, "calendar_id": p.calendar_id, "targets": targets_json(p.targets),
            "warn_percent": p.warn_percent, "hq_escalation_hours": p.hq_escalation_hours, "active": p.active}


class SqlSlaRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def calendars(self) -> list[NamedCalendar]:
        rows = (await self.session.execute(select(business_calendars).order_by(business_calendars.c.id))).all()
        return [await self._named(r) for r in rows]

    async def calendar(self, calendar_id: int, *, for_update: bool = False) -> NamedCalendar | None:
        stmt = select(business_calendars).where(business_calendars.c.id == calendar_id)
        row = (await self.session.execute(stmt.with_for_update() if for_update else stmt)).first()
        return await self._named(row) if row else None

    async def _named(self, row: Any) -> NamedCalendar:
        m = row._mapping
        days = (await self.session.execute(
            select(calendar_days).where(calendar_days.c.calendar_id == m["id"]).order_by(calendar_days.c.day))).all()
        calendar = BusinessCalendar(
            time_zone=m["time_zone"], week=tuple(_windows(w) for w in m["week"]),
            days=tuple(CalendarDay(d.day, DayKind(d.kind), d.name, _windows(d.windows)) for d in days))
        return NamedCalendar(m["id"], m["name"], calendar, m["version"],
                             frozenset(d.day for d in days if d.source == HOLIDAYS_SOURCE))

    async def add_calendar(self, name: str, calendar: BusinessCalendar, *, updated_by: int | None,
                           at: datetime) -> int:
        calendar_id = int((await self.session.execute(
            insert(business_calendars).values(name=name, time_zone=calendar.time_zone, week=week_json(calendar),
                                              updated_by=updated_by, updated_at=at)
            .returning(business_calendars.c.id))).scalar_one())
        await self._insert_days(calendar_id, calendar.days, frozenset())
        return calendar_id

    async def save_calendar(self, calendar_id: int, name: str, calendar: BusinessCalendar, imported: frozenset[Any],
                            *, updated_by: int | None, at: datetime) -> None:
        """Replaces the calendar and all its days; `imported` are the days that keep the holidays package as
        their source (unchanged since the import)."""
        await self.session.execute(
            update(business_calendars).where(business_calendars.c.id == calendar_id)
            .values(name=name, time_zone=calendar.time_zone, week=week_json(calendar), updated_by=updated_by,
                    updated_at=at, version=business_calendars.c.version + 1))
        await self.session.execute(delete(calendar_days).where(calendar_days.c.calendar_id == calendar_id))
        await self._insert_days(calendar_id, calendar.days, imported)

    async def _insert_days(self, calendar_id: int, days: tuple[CalendarDay, ...], imported: frozenset[Any]) -> None:
        if days:
            await self.session.execute(insert(calendar_days), [
                _day_row(calendar_id, d, HOLIDAYS_SOURCE if d.day in imported else MANUAL_SOURCE) for d in days])

    async def import_days(self, calendar_id: int, days: list[CalendarDay], *, at: datetime) -> int:
        """Adds or refreshes the imported days; a day an administrator entered by hand is kept as it is."""
        if not days:
            return 0
        stmt = pg_insert(calendar_days).values([_day_row(calendar_id, d, HOLIDAYS_SOURCE) for d in days])
        stmt = stmt.on_conflict_do_update(
            index_elements=[calendar_days.c.calendar_id, calendar_days.c.day],
            set_={"kind": stmt.excluded.kind, "name": stmt.excluded.name, "windows": stmt.excluded.windows},
            where=calendar_days.c.source == HOLIDAYS_SOURCE,
        ).returning(calendar_days.c.day)
        written = len((await self.session.execute(stmt)).all())
        await self.session.execute(
            update(business_calendars).where(business_calendars.c.id == calendar_id)
            .values(version=business_calendars.c.version + 1, updated_at=at))
        return written

    async def policies(self) -> list[SlaPolicy]:
        rows = await self.session.execute(select(sla_policies).order_by(sla_policies.c.id))
        return [_policy_from_row(r) for r in rows]

    async def policy(self, policy_id: int, *, for_update: bool = False) -> SlaPolicy | None:
        stmt = select(sla_policies).where(sla_policies.c.id == policy_id)
        row = (await self.session.execute(stmt.with_for_update() if for_update else stmt)).first()
        return _policy_from_row(row) if row else None

    async def add_policy(self, policy: SlaPolicy, *, updated_by: int | None, at: datetime) -> SlaPolicy:
        row = (await self.session.execute(
            insert(sla_policies).values(**_policy_values(policy), updated_by=updated_by, updated_at=at)
            .returning(*sla_policies.c))).one()
        return _policy_from_row(row)

    async def save_policy(self, policy: SlaPolicy, *, updated_by: int | None, at: datetime) -> SlaPolicy:
        row = (await self.session.execute(
            update(sla_policies).where(sla_policies.c.id == policy.id)
            .values(**_policy_values(policy), updated_by=updated_by, updated_at=at,
                    version=sla_policies.c.version + 1)
            .returning(*sla_policies.c))).one()
        return _policy_from_row(row)

    async def calendar_in_use(self, calendar_id: int) -> bool:
        return bool((await self.session.execute(text(
            "SELECT EXISTS (SELECT 1 FROM sla_policies WHERE calendar_id = :id AND active)"),
            {"id": calendar_id})).scalar_one())
