"""Business calendars with their days, and SLA policies: the rules complaint timers run on (data admins edit);
the SLA sweep, set-based, by the escalation rules of domain/sla/model.py; the SLA report over the complaints
(visible as repositories/complaints/repository.py `visible` says)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.complaints.model import RemedyKind
from domain.organisation.model import DataScope
from domain.sla.model import (
    AUDIENCE_ROLES,
    ESCALATIONS,
    Audience,
    BreachCount,
    BusinessCalendar,
    CalendarDay,
    DayKind,
    EscalationLevel,
    NamedCalendar,
    RemedyTotal,
    Severity,
    SlaPolicy,
    SlaReport,
    SlaTarget,
    SweepOutcome,
    SweepStep,
    TargetUnit,
    TimerKind,
    TimerReport,
    WeekTrend,
    WorkingWindow,
)
from repositories.complaints.repository import visible
from repositories.sla.tables import business_calendars, calendar_days, sla_policies

HOLIDAYS_SOURCE, MANUAL_SOURCE = "holidays", "manual"
_TIMER_ORDER = {kind: i for i, kind in enumerate(TimerKind)}


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
    return SlaPolicy(id=m["id"], name=m["name"], name_translations=dict(m["name_translations"]),
                     severity=Severity(m["severity"]),
                     key_account_level=m["key_account_level"], category=m["category"], calendar_id=m["calendar_id"],
                     targets=targets, warn_percent=m["warn_percent"], hq_escalation_hours=m["hq_escalation_hours"],
                     active=m["active"], version=m["version"])


def _policy_values(p: SlaPolicy) -> dict[str, Any]:
    return {"name": p.name, "name_translations": dict(p.name_translations), "severity": str(p.severity),
            "key_account_level": p.key_account_level,
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
                             frozenset(d.day for d in days if d.source == HOLIDAYS_SOURCE),
                             dict(m["name_translations"]))

    async def add_calendar(self, name: str, calendar: BusinessCalendar, *, name_translations: Mapping[str, str],
                           updated_by: int | None, at: datetime) -> int:
        calendar_id = int((await self.session.execute(
            insert(business_calendars).values(name=name, name_translations=dict(name_translations),
                                              time_zone=calendar.time_zone, week=week_json(calendar),
                                              updated_by=updated_by, updated_at=at)
            .returning(business_calendars.c.id))).scalar_one())
        await self._insert_days(calendar_id, calendar.days, frozenset())
        return calendar_id

    async def save_calendar(self, calendar_id: int, name: str, calendar: BusinessCalendar, imported: frozenset[Any],
                            *, name_translations: Mapping[str, str], updated_by: int | None, at: datetime) -> None:
        """Replaces the calendar and all its days; `imported` are the days that keep the holidays package as
        their source (unchanged since the import)."""
        await self.session.execute(
            update(business_calendars).where(business_calendars.c.id == calendar_id)
            .values(name=name, name_translations=dict(name_translations), time_zone=calendar.time_zone,
                    week=week_json(calendar), updated_by=updated_by, updated_at=at,
                    version=business_calendars.c.version + 1))
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

    # --- the sweep ---------------------------------------------------------------------------------------------

    async def sweep(self, now: datetime, batch: int) -> SweepOutcome:
        """One batch of each step of domain/sla/model.py's rules: warnings, breaches (escalated to the store
        managers) and escalations to HQ. Rows another sweep holds are skipped (SKIP LOCKED) and rows it recorded
        no longer match: each is recorded exactly once however many sweeps run at the same time."""
        params: dict[str, Any] = {"now": now, "batch": batch} | _AUDIENCE_ROLES
        counts = [(await self.session.execute(text(_STATEMENTS[step]), params | _step_params(step))).scalar_one()
                  for step in (SweepStep.WARN, SweepStep.BREACH, SweepStep.ESCALATE_TO_HQ)]
        return SweepOutcome(*counts)

    # --- the SLA report ----------------------------------------------------------------------------------------

    async def report(self, scope: DataScope, *, hq_sees_major: bool, since: date, until: date, time_zone: str,
                     org_unit_id: int | None, now: datetime) -> SlaReport:
        """Complaints received from `since` to `until` (local days, inclusive); timer outcomes from their
        events."""
        where, params = visible(scope, hq_sees_major)
        params |= {"since": since, "until": until + timedelta(days=1), "tz": time_zone, "now": now}
        unit = ""
        if org_unit_id is not None:
            unit = """AND k.org_unit_id IN (SELECT s.id FROM org_units s, org_units r
                      WHERE r.id = :org_unit_id AND starts_with(s.path, r.path))"""
            params["org_unit_id"] = org_unit_id
        base = f"""
            WITH k AS MATERIALIZED (
                SELECT k.* FROM complaints k JOIN customers c ON c.id = k.customer_id
                WHERE {where} {unit}
                  AND k.received_at >= (CAST(:since AS date)::timestamp AT TIME ZONE :tz)
                  AND k.received_at < (CAST(:until AS date)::timestamp AT TIME ZONE :tz)
            ),
            outcome AS (
                SELECT t.complaint_id, t.kind, k.received_at, t.due_at,
                       bool_or(e.kind = 'timer_met') AS met,
                       bool_or(e.kind = 'timer_met' AND (e.data->>'on_time')::boolean) AS on_time,
                       bool_or(e.kind = 'timer_breached') OR (t.met_at IS NULL AND
                           coalesce(t.paused_at, :now) > t.due_at) AS breached,
                       max(e.at) FILTER (WHERE e.kind = 'timer_met') AS met_at
                FROM k JOIN complaint_timers t ON t.complaint_id = k.id
                LEFT JOIN complaint_events e ON e.complaint_id = k.id AND e.timer_kind = t.kind
                     AND e.kind IN ('timer_met', 'timer_breached')
                GROUP BY t.complaint_id, t.kind, k.received_at, t.due_at, t.met_at, t.paused_at
            ),
            breaches AS (
                SELECT e.complaint_id, count(*) AS n FROM complaint_events e JOIN k ON k.id = e.complaint_id
                WHERE e.kind = 'timer_breached' GROUP BY 1
            )
        """
        q = self.session.execute
        head = (await q(text(base + """
            SELECT count(*) AS received, count(*) FILTER (WHERE severity = 'major') AS major,
                   count(*) FILTER (WHERE status IN ('received', 'responded', 'in_resolution')) AS open,
                   avg(satisfaction)::float AS satisfaction FROM k"""), params)).one()
        timers = [TimerReport(TimerKind(r.kind), r.timers, r.on_time, r.late, r.breached_open, r.running,
                              r.median, r.p90) for r in await q(text(base + """
            SELECT kind, count(*) AS timers,
                   count(*) FILTER (WHERE met AND on_time) AS on_time,
                   count(*) FILTER (WHERE met AND NOT on_time) AS late,
                   count(*) FILTER (WHERE NOT met AND breached) AS breached_open,
                   count(*) FILTER (WHERE NOT met AND NOT breached) AS running,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM met_at - received_at) / 3600)
                       FILTER (WHERE met) AS median,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM met_at - received_at) / 3600)
                       FILTER (WHERE met) AS p90
            FROM outcome GROUP BY kind"""), params)]
        # Every kind, those no complaint of the period had too (their rates are unknown, not missing).
        present = {t.kind for t in timers}
        timers += [TimerReport(kind, 0, 0, 0, 0, 0, None, None) for kind in TimerKind if kind not in present]
        timers.sort(key=lambda t: _TIMER_ORDER[t.kind])
        by_store = [BreachCount(r.id, r.name, r.complaints, r.breaches) for r in await q(text(base + """
            SELECT u.id, u.name, count(*) AS complaints, coalesce(sum(b.n), 0)::int AS breaches
            FROM k JOIN org_units u ON u.id = k.org_unit_id LEFT JOIN breaches b ON b.complaint_id = k.id
            GROUP BY u.id, u.name ORDER BY breaches DESC, complaints DESC, u.name"""), params)]
        by_manager = [BreachCount(r.id, r.name or "", r.complaints, r.breaches) for r in await q(text(base + """
            SELECT u.id, u.display_name AS name, count(*) AS complaints, coalesce(sum(b.n), 0)::int AS breaches
            FROM k LEFT JOIN users u ON u.id = k.account_manager_id LEFT JOIN breaches b ON b.complaint_id = k.id
            GROUP BY u.id, u.display_name ORDER BY breaches DESC, complaints DESC, u.display_name"""), params)]
        # Every week of the period, those without complaints too, so the trend has no gaps.
        weeks = [WeekTrend(r.week, r.received, r.breaches, r.on_time, r.decided) for r in await q(text(base + """
            SELECT CAST(w.week AS date) AS week, count(x.id) AS received, coalesce(sum(x.breaches), 0)::int AS breaches,
                   count(x.id) FILTER (WHERE x.met AND x.on_time) AS on_time,
                   count(x.id) FILTER (WHERE x.met OR x.breached) AS decided
            FROM generate_series(date_trunc('week', CAST(:since AS timestamp)),
                                 CAST(CAST(:until AS date) - 1 AS timestamp), interval '1 week') AS w(week)
            LEFT JOIN (SELECT k.id, date_trunc('week', k.received_at AT TIME ZONE :tz) AS week, b.n AS breaches,
                              o.met, o.on_time, o.breached
                       FROM k LEFT JOIN breaches b ON b.complaint_id = k.id
                       LEFT JOIN outcome o ON o.complaint_id = k.id AND o.kind = 'first_response') x
                 ON x.week = w.week
            GROUP BY w.week ORDER BY 1"""), params)]
        remedies = [RemedyTotal(RemedyKind(r.kind), r.complaints, Decimal(r.amount)) for r in await q(text(base + """
            SELECT r.kind, count(DISTINCT r.complaint_id) AS complaints, sum(r.amount) AS amount
            FROM k JOIN complaint_remedies r ON r.complaint_id = k.id GROUP BY r.kind ORDER BY amount DESC"""),
            params)]
        return SlaReport(since, until, head.received, head.major, head.open, timers, by_store, by_manager, weeks,
                         remedies, head.satisfaction)


# --- the sweep's statements, built from the rules of domain/sla/model.py ----------------------------------------
#
# Each statement selects the timers `next_step` gives its step (the `due` part), records the step and tells the
# step's audience (`recipients`). tests/integration/test_sla_sweep_rules.py holds these and the rules equal.

# Who each audience is, for the complaint `k`, among the active users `u`.
_AUDIENCE_SQL = {
    Audience.ACCOUNT_MANAGER: "u.id = k.account_manager_id",
    Audience.RECEIVER: "u.id = k.received_by",
    Audience.STORE_MANAGERS: """(u.role = :store_managers_role AND u.org_unit_id IN (
        SELECT a.id FROM org_units a, org_units store WHERE store.id = k.org_unit_id
        AND starts_with(store.path, a.path)))""",
    Audience.HQ_KEY_ACCOUNT: "u.role = :hq_key_account_role",
}
_AUDIENCE_ROLES = {f"{audience}_role": str(role) for audience, role in AUDIENCE_ROLES.items()}


def _told(step: SweepStep) -> str:
    return " OR ".join(_AUDIENCE_SQL[audience] for audience in sorted(ESCALATIONS[step].audience))


def _step_params(step: SweepStep) -> dict[str, Any]:
    escalation = ESCALATIONS[step]
    params: dict[str, Any] = {"notification": str(escalation.notification)}
    if escalation.level is not None:
        params |= {"level": int(escalation.level), "escalation": json.dumps(escalation.event_data())}
    return params


def _notify(step: SweepStep, recorded: str) -> str:
    """Tells the step's audience of each timer in `recorded` (complaint_id, kind), each user once."""
    return f"""
    INSERT INTO notifications (user_id, kind, complaint_id, timer_kind, created_at)
    SELECT DISTINCT u.id, CAST(:notification AS text), r.complaint_id, r.kind, CAST(:now AS timestamptz)
    FROM {recorded} r JOIN complaints k ON k.id = r.complaint_id
    JOIN users u ON u.is_active AND ({_told(step)})"""


# A warning is dated when warn_percent of the time was used (warn_at).
_WARN = f"""
WITH due AS (
    SELECT complaint_id, kind FROM complaint_timers
    WHERE met_at IS NULL AND warned_recorded_at IS NULL AND breach_recorded_at IS NULL AND paused_at IS NULL
      AND warn_at <= :now AND due_at >= :now
    ORDER BY warn_at LIMIT :batch FOR UPDATE SKIP LOCKED
), warned AS (
    UPDATE complaint_timers t SET warned_recorded_at = :now FROM due
    WHERE t.complaint_id = due.complaint_id AND t.kind = due.kind
    RETURNING t.complaint_id, t.kind, t.warn_at
), events AS (
    INSERT INTO complaint_events (complaint_id, kind, at, timer_kind)
    SELECT complaint_id, 'timer_warned', warn_at, kind FROM warned
), sent AS ({_notify(SweepStep.WARN, "warned")}
)
SELECT count(*) FROM warned
"""

# A breach is recorded with the time it happened (the deadline) and escalated at once; it goes on to HQ the
# policy's hq_escalation_hours later (`hq_escalation_at`).
_BREACH = f"""
WITH due AS (
    SELECT complaint_id, kind FROM complaint_timers
    WHERE met_at IS NULL AND breach_recorded_at IS NULL AND due_at < :now AND due_at < coalesce(paused_at, :now)
    ORDER BY due_at LIMIT :batch FOR UPDATE SKIP LOCKED
), breached AS (
    UPDATE complaint_timers t SET breach_recorded_at = :now, escalation_level = :level,
           hq_escalation_at = CAST(:now AS timestamptz) + p.hq_escalation_hours * interval '1 hour'
    FROM due, complaints k, sla_policies p
    WHERE t.complaint_id = due.complaint_id AND t.kind = due.kind AND k.id = t.complaint_id AND p.id = k.policy_id
    RETURNING t.complaint_id, t.kind, t.due_at
), events AS (
    INSERT INTO complaint_events (complaint_id, kind, at, timer_kind, data)
    SELECT complaint_id, 'timer_breached', due_at, kind, '{{}}'::jsonb FROM breached
    UNION ALL
    SELECT complaint_id, 'timer_escalated', CAST(:now AS timestamptz), kind, CAST(:escalation AS jsonb)
    FROM breached
), sent AS ({_notify(SweepStep.BREACH, "breached")}
)
SELECT count(*) FROM breached
"""

_ESCALATE_TO_HQ = f"""
WITH due AS (
    SELECT complaint_id, kind FROM complaint_timers
    WHERE escalation_level = {int(EscalationLevel.STORE)} AND met_at IS NULL AND hq_escalation_at <= :now
    ORDER BY hq_escalation_at LIMIT :batch FOR UPDATE SKIP LOCKED
), escalated AS (
    UPDATE complaint_timers t SET escalation_level = :level FROM due
    WHERE t.complaint_id = due.complaint_id AND t.kind = due.kind
    RETURNING t.complaint_id, t.kind
), events AS (
    INSERT INTO complaint_events (complaint_id, kind, at, timer_kind, data)
    SELECT complaint_id, 'timer_escalated', CAST(:now AS timestamptz), kind, CAST(:escalation AS jsonb)
    FROM escalated
), sent AS ({_notify(SweepStep.ESCALATE_TO_HQ, "escalated")}
)
SELECT count(*) FROM escalated
"""

_STATEMENTS = {SweepStep.WARN: _WARN, SweepStep.BREACH: _BREACH, SweepStep.ESCALATE_TO_HQ: _ESCALATE_TO_HQ}
