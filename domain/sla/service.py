"""Business calendars and SLA policies: rules as data that administrators edit. A change applies to complaints
received (or escalated) afterwards; running timers keep the deadlines they were given. The sweep that records
warnings, breaches and escalations, and the SLA report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from domain.audit import AuditEntry
from domain.complaints.model import hq_sees_major
from domain.dates import day_problem
from domain.errors import (
    Conflict,
    FieldError,
    FieldErrors,
    NotFound,
    RuleViolation,
    check_version,
)
from domain.organisation.model import Permission, Principal
from domain.ports import Clock, UnitOfWork
from domain.sla.model import (
    LONGEST_REPORT_DAYS,
    BusinessCalendar,
    NamedCalendar,
    SlaPolicy,
    SlaReport,
    SweepOutcome,
    public_holidays,
)


async def list_calendars(uow: UnitOfWork, principal: Principal) -> list[NamedCalendar]:
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.sla.calendars()


async def get_calendar(uow: UnitOfWork, principal: Principal, calendar_id: int) -> NamedCalendar:
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        found = await uow.sla.calendar(calendar_id)
    if found is None:
        raise NotFound(f"Calendar {calendar_id} not found.")
    return found


def _check(name: str, calendar: BusinessCalendar) -> None:
    problems = calendar.problems()
    if not name.strip():
        problems.insert(0, FieldError("name", "must not be empty"))
    if problems:
        raise RuleViolation(problems)


async def create_calendar(uow: UnitOfWork, principal: Principal, name: str, calendar: BusinessCalendar, *,
                          clock: Clock, name_translations: Mapping[str, str] | None = None) -> NamedCalendar:
    """A new calendar, named in the company's first language with translations by locale (docs/domain.md
    section 2, "Names in two languages")."""
    principal.require(Permission.SLA_MANAGE)
    _check(name, calendar)
    now = clock.now()
    translations = dict(name_translations or {})
    async with uow:
        calendar_id = await uow.sla.add_calendar(name, calendar, name_translations=translations,
                                                 updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry("create", "business_calendar", calendar_id, None, principal.id, None,
                                          {"name": name, "name_translations": translations}), now)
        await uow.commit()
        created = await uow.sla.calendar(calendar_id)
    assert created is not None
    return created


async def update_calendar(uow: UnitOfWork, principal: Principal, calendar_id: int, name: str,
                          calendar: BusinessCalendar, expected_version: int | None, *,
                          clock: Clock, name_translations: Mapping[str, str] | None = None) -> NamedCalendar:
    """Replaces the working windows, the time zone and every holiday and adjusted working day (If-Match)."""
    principal.require(Permission.SLA_MANAGE)
    _check(name, calendar)
    now = clock.now()
    async with uow:
        current = await uow.sla.calendar(calendar_id, for_update=True)
        if current is None:
            raise NotFound(f"Calendar {calendar_id} not found.")
        check_version("calendar", current.version, expected_version)
        # Days left exactly as imported keep the package as their source (a later import may refresh them).
        unchanged = {d.day for d in calendar.days} & {
            d.day for d in current.calendar.days if d.day in current.imported_days and d in calendar.days}
        await uow.sla.save_calendar(calendar_id, name, calendar, frozenset(unchanged),
                                    name_translations=dict(name_translations or {}), updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry("update", "business_calendar", calendar_id, None, principal.id,
                                          {"version": current.version}, {"version": current.version + 1}), now)
        await uow.commit()
        saved = await uow.sla.calendar(calendar_id)
    assert saved is not None
    return saved


async def import_holidays(uow: UnitOfWork, principal: Principal | None, calendar_id: int, country: str,
                          years: list[int], *, clock: Clock, language: str | None = "zh_CN",
                          expected_version: int | None = None) -> int:
    """Public holidays and adjusted working days of `country` for `years`, from the maintained `holidays`
    package; days an administrator entered by hand are kept. `principal` None is the system (demo data, CLI)."""
    if principal is not None:
        principal.require(Permission.SLA_MANAGE)
    errors = FieldErrors()
    if not years or any(not 1990 <= y <= 2100 for y in years):
        errors.add("years", "one or more years between 1990 and 2100")
    days = []
    if not errors:
        try:
            days = public_holidays(country, years, language)
        except ValueError:
            errors.add("country", f"no holidays known for {country!r}")
    errors.raise_if_any()
    now = clock.now()
    async with uow:
        current = await uow.sla.calendar(calendar_id, for_update=True)
        if current is None:
            raise NotFound(f"Calendar {calendar_id} not found.")
        check_version("calendar", current.version, expected_version, required=False)
        written = await uow.sla.import_days(calendar_id, days, at=now)
        await uow.audit.record(AuditEntry("import_holidays", "business_calendar", calendar_id, None,
                                          principal.id if principal else None, None,
                                          {"country": country, "years": years, "days": written}), now)
        await uow.commit()
    return written


async def list_policies(uow: UnitOfWork, principal: Principal) -> list[SlaPolicy]:
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.sla.policies()


async def _check_policy(uow: UnitOfWork, policy: SlaPolicy) -> None:
    errors = FieldErrors(policy.problems())
    if await uow.sla.calendar(policy.calendar_id) is None:
        errors.add("calendar_id", "no such calendar")
    errors.raise_if_any()


async def create_policy(uow: UnitOfWork, principal: Principal, policy: SlaPolicy, *, clock: Clock) -> SlaPolicy:
    """A policy for a severity, optionally only for customers of a key-account level and/or category."""
    principal.require(Permission.SLA_MANAGE)
    now = clock.now()
    async with uow:
        await _check_policy(uow, policy)
        saved = await uow.sla.add_policy(policy, updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry("create", "sla_policy", saved.id, None, principal.id, None,
                                          {"name": saved.name, "name_translations": saved.name_translations}), now)
        await uow.commit()
    return saved


async def update_policy(uow: UnitOfWork, principal: Principal, policy: SlaPolicy, expected_version: int | None, *,
                        clock: Clock) -> SlaPolicy:
    """Replaces a policy (If-Match). Deactivating the last active policy of a severity is refused: complaints of
    that severity could not be received."""
    principal.require(Permission.SLA_MANAGE)
    now = clock.now()
    async with uow:
        current = await uow.sla.policy(policy.id, for_update=True)
        if current is None:
            raise NotFound(f"SLA policy {policy.id} not found.")
        check_version("SLA policy", current.version, expected_version)
        await _check_policy(uow, policy)
        others = [p for p in await uow.sla.policies() if p.id != policy.id]
        generic = [p for p in [*others, policy] if p.active and p.severity is current.severity
                   and p.key_account_level is None and p.category is None]
        if not generic:
            raise Conflict(f"Keep an active policy for every {current.severity} complaint (without a level or "
                           "category).")
        saved = await uow.sla.save_policy(replace(policy, version=current.version), updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry("update", "sla_policy", saved.id, None, principal.id,
                                          {"version": current.version}, {"version": saved.version}), now)
        await uow.commit()
    return saved


def years_around(today: date) -> list[int]:
    """The years whose holidays a calendar needs now: this one and the next."""
    return [today.year, today.year + 1]


# Rows per kind (warnings, breaches, escalations) in one transaction of the sweep: a long backlog is worked off
# in short transactions that do not hold locks for long.
SWEEP_BATCH = 1000


async def sweep(uow: UnitOfWork, *, clock: Clock, batch: int = SWEEP_BATCH) -> SweepOutcome:
    """Records every warning, breach and escalation due now, each exactly once, in batches of `batch` per kind
    (each batch its own transaction, so a long backlog does not hold locks for long). Safe to run in several
    processes at once."""
    total = SweepOutcome()
    while True:
        async with uow:
            outcome = await uow.sla.sweep(clock.now(), batch)
            await uow.commit()
        total += outcome
        if max(outcome.warned, outcome.breached, outcome.escalated_to_hq) < batch:
            return total


async def report(uow: UnitOfWork, principal: Principal, *, since: date | None, until: date | None,
                 org_unit_id: int | None, clock: Clock, time_zone: str) -> SlaReport:
    """On-time rates of the first response, confirmation and resolution, median and 90th-percentile times,
    breaches by store and by account manager, the weekly trend and the remedies, over the complaints received
    in the period (default: the last 12 weeks) within the caller's scope. The period lies within the business
    dates and is at most LONGEST_REPORT_DAYS (two years) long."""
    principal.require(Permission.CUSTOMERS_READ)
    now = clock.now()
    today = now.astimezone(ZoneInfo(time_zone)).date()
    out_of_range = [FieldError(name, problem) for name, day in (("from", since), ("to", until))
                    if day is not None and (problem := day_problem(day))]
    if out_of_range:
        raise RuleViolation(out_of_range)
    until = until or today
    since = since or date.fromordinal(until.toordinal() - 83)
    if since > until:
        raise RuleViolation([FieldError("from", "must not be after `to`")])
    if (until - since).days >= LONGEST_REPORT_DAYS:
        raise RuleViolation([FieldError("from", f"the period is at most {LONGEST_REPORT_DAYS} days (two years) long")])
    async with uow:
        if org_unit_id is not None and await uow.org_units.get(org_unit_id) is None:
            raise RuleViolation([FieldError("org_unit", "no such org unit")])
        return await uow.sla.report(principal.scope, hq_sees_major=hq_sees_major(principal), since=since,
                                     until=until, time_zone=time_zone, org_unit_id=org_unit_id, now=now)
