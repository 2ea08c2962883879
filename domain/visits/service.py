"""Visits: the plan by tier (administrators), customers' own plans, outcomes, planning and logging visits, the
due list (docs/domain.md section 8). Rules live in domain/visits/model.py.

A visit is seen and written by whoever sees its customer (the customers' data scope); writing needs
customers:write, editing the plan by tier and the outcomes visits:manage.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.audit import AuditEntry
from domain.customers.model import Customer, Partition
from domain.errors import FieldError, FieldErrors, NotFound, RuleViolation, check_version
from domain.organisation.model import Permission, Principal
from domain.paging import Page, PageRequest
from domain.ports import Clock, UnitOfWork
from domain.tiering.model import KeyAccountLevel
from domain.visits.model import (
    PLANNED_KINDS,
    CheckIn,
    Completion,
    DueFilters,
    DueVisit,
    Location,
    NewVisit,
    Outcome,
    PlanFacts,
    PlanOverride,
    Visit,
    VisitAction,
    VisitFilters,
    VisitSettings,
    review_check_in,
    transition,
)


def local_today(clock: Clock, time_zone: str) -> date:
    return clock.now().astimezone(ZoneInfo(time_zone)).date()


async def _customer(uow: UnitOfWork, principal: Principal, customer_id: int, *, for_update: bool = False) -> Customer:
    customer = await uow.customers.get(customer_id, principal.scope, for_update=for_update)
    if customer is None:
        raise NotFound(f"Customer {customer_id} not found.")
    return customer


async def _visit(uow: UnitOfWork, principal: Principal, visit_id: int, *, for_update: bool = False) -> Visit:
    visit = await uow.visits.get(visit_id, principal.scope, for_update=for_update)
    if visit is None:
        raise NotFound(f"Visit {visit_id} not found.")
    return visit


# --- the plan by tier --------------------------------------------------------------------------------------------

async def get_settings(uow: UnitOfWork, principal: Principal) -> VisitSettings:
    """The routine cadence per category, the leader-visit cadence per key-account level, the check-in distance."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.visits.settings()


async def update_settings(uow: UnitOfWork, principal: Principal, settings: VisitSettings,
                          expected_version: int | None, *, clock: Clock) -> VisitSettings:
    """Replaces the plan by tier (visits:manage), naming the version edited. A category or level without a
    cadence gets no visits of that kind. Categories are the category rules' keys, levels special, A, B, C."""
    principal.require(Permission.VISITS_MANAGE)
    async with uow:
        categories = {r.key for r in await uow.category_rules.list()}
        problems = settings.problems(categories, {str(level) for level in KeyAccountLevel})
        if problems:
            raise RuleViolation(problems)
        current = await uow.visits.settings(for_update=True)
        check_version("visit plan", current.version, expected_version)
        now = clock.now()
        saved = await uow.visits.save_settings(settings, updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry("update", "visit_settings", 1, None, principal.id,
                                          _settings_audit(current), _settings_audit(saved)), now)
        await uow.commit()
    return saved


def _settings_audit(s: VisitSettings) -> dict[str, object]:
    return {"routine": {k: f"{c.every} {c.unit}" for k, c in s.routine.items()},
            "leader": {k: f"{c.every} {c.unit}" for k, c in s.leader.items()},
            "anomaly_distance_m": s.anomaly_distance_m, "version": s.version}


# --- a customer's own plan ---------------------------------------------------------------------------------------

async def customer_plan(uow: UnitOfWork, principal: Principal, customer_id: int
                        ) -> tuple[VisitSettings, PlanOverride, PlanFacts]:
    """The customer's tier, override and last completed visits: what its plan is computed from."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        await _customer(uow, principal, customer_id)
        override = await uow.visits.override(customer_id) or PlanOverride(customer_id)
        return await uow.visits.settings(), override, await uow.visits.plan_facts(customer_id)


async def update_customer_plan(uow: UnitOfWork, principal: Principal, override: PlanOverride,
                               expected_version: int | None, *, clock: Clock
                               ) -> tuple[VisitSettings, PlanOverride, PlanFacts]:
    """Sets the customer's own cadences (customers:write, in scope), naming the plan's version (0 before its
    first override). A kind without an override follows the tier; an override without a cadence stops visits of
    that kind."""
    principal.require(Permission.CUSTOMERS_WRITE)
    errors = FieldErrors()
    for kind in PLANNED_KINDS:
        own = override.for_kind(kind)
        problem = own.cadence.problem() if own and own.cadence else None
        if problem:
            errors.add(f"{kind}.every", problem)
    errors.raise_if_any()
    async with uow:
        customer = await _customer(uow, principal, override.customer_id, for_update=True)
        current = await uow.visits.override(customer.id, for_update=True) or PlanOverride(customer.id)
        check_version("visit plan", current.version, expected_version)
        now = clock.now()
        saved = await uow.visits.save_override(override, updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry("update", "visit_plan", customer.id, customer.id, principal.id,
                                          _override_audit(current), _override_audit(saved)), now)
        await uow.commit()
        return await uow.visits.settings(), saved, await uow.visits.plan_facts(customer.id)


def _override_audit(o: PlanOverride) -> dict[str, object]:
    out: dict[str, object] = {"version": o.version}
    for kind in PLANNED_KINDS:
        own = o.for_kind(kind)
        out[str(kind)] = None if own is None else (f"{own.cadence.every} {own.cadence.unit}" if own.cadence
                                                   else "none")
    return out


# --- outcomes ------------------------------------------------------------------------------------------------------

async def list_outcomes(uow: UnitOfWork, principal: Principal) -> list[Outcome]:
    """Every outcome, in their order (inactive ones too: old visits name them)."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.visits.outcomes()


async def save_outcome(uow: UnitOfWork, principal: Principal, outcome: Outcome, expected_version: int | None, *,
                       clock: Clock) -> Outcome:
    """Adds or changes an outcome by its code (visits:manage), based on the version the caller saw (If-Match; 0
    for a new code). Outcomes are never deleted, only deactivated: visits keep naming them."""
    principal.require(Permission.VISITS_MANAGE)
    if not outcome.name.strip():
        raise RuleViolation([FieldError("name", "must not be empty")])
    async with uow:
        before = {o.code: o for o in await uow.visits.outcomes()}.get(outcome.code)
        check_version("visit outcome", before.version if before else 0, expected_version)
        now = clock.now()
        saved = await uow.visits.save_outcome(outcome, at=now)
        await uow.audit.record(AuditEntry("update" if before else "create", "visit_outcome", 0, None, principal.id,
                                          _outcome_audit(before), _outcome_audit(saved)), now)
        await uow.commit()
        return saved


def _outcome_audit(o: Outcome | None) -> dict[str, object] | None:
    return None if o is None else {"code": o.code, "name": o.name, "active": o.active, "position": o.position}


# --- visits --------------------------------------------------------------------------------------------------------

async def plan_visit(uow: UnitOfWork, principal: Principal, new: NewVisit, *, clock: Clock,
                     time_zone: str) -> Visit:
    """Plans a visit of a customer in the caller's scope (customers:write) for today or later. Its owner is the
    customer's account manager (the caller when it has none)."""
    principal.require(Permission.CUSTOMERS_WRITE)
    person = principal.person()
    errors = FieldErrors()
    if new.planned_on < local_today(clock, time_zone):
        errors.add("planned_on", "must not be before today")
    async with uow:
        customer = await uow.customers.get(new.customer_id, principal.scope)
        if customer is None:
            errors.add("customer_id", "no such customer in your scope")
        elif customer.partition is Partition.ABANDONED:
            errors.add("customer_id", "the customer is temporarily abandoned")
        errors.raise_if_any()
        assert customer is not None
        now = clock.now()
        visit_id = await uow.visits.add(new, owner_id=customer.owner.id if customer.owner else person.id,
                                        created_by=person.id, at=now)
        visit = await _visit(uow, principal, visit_id)
        await uow.audit.record(AuditEntry("create", "visit", visit_id, customer.id, person.id, None,
                                          visit.snapshot()), now)
        await uow.commit()
        return visit


async def get_visit(uow: UnitOfWork, principal: Principal, visit_id: int) -> Visit:
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await _visit(uow, principal, visit_id)


async def check_in(uow: UnitOfWork, principal: Principal, visit_id: int, check: CheckIn,
                   expected_version: int | None, *, clock: Clock) -> Visit:
    """Starts a planned visit at the customer: the time is now, the position the device's. A check-in without
    a position, or farther from the customer's location than the plan allows, is flagged with the reason."""
    principal.require(Permission.CUSTOMERS_WRITE)
    async with uow:
        visit = await _visit(uow, principal, visit_id, for_update=True)
        check_version("visit", visit.version, expected_version)
        transition(visit.status, VisitAction.CHECK_IN)
        customer = await _customer(uow, principal, visit.customer_id)
        settings = await uow.visits.settings()
        location = Location(customer.latitude, customer.longitude) \
            if customer.latitude is not None and customer.longitude is not None else None
        review = review_check_in(check.position, location, settings.anomaly_distance_m)
        now = clock.now()
        await uow.visits.check_in(visit.id, position=check.position, review=review, at=now)
        return await _saved(uow, principal, visit, "check_in", now)


async def complete(uow: UnitOfWork, principal: Principal, visit_id: int, completion: Completion,
                   expected_version: int | None, *, clock: Clock, time_zone: str) -> Visit:
    """Finishes a visit in progress: the check-out time is now; contacts met (the customer's own), notes, an
    active outcome, the next step. A next step with a date plans the next visit of the same kind on that day."""
    principal.require(Permission.CUSTOMERS_WRITE)
    person = principal.person()
    today = local_today(clock, time_zone)
    async with uow:
        visit = await _visit(uow, principal, visit_id, for_update=True)
        check_version("visit", visit.version, expected_version)
        transition(visit.status, VisitAction.COMPLETE)
        errors = FieldErrors()
        if completion.outcome is not None and completion.outcome not in {
                o.code for o in await uow.visits.outcomes() if o.active}:
            errors.add("outcome", "not an active outcome")
        own = {c.id for c in await uow.contacts.list_for_customer(visit.customer_id)}
        strangers = [str(i) for i in completion.contact_ids if i not in own]
        if strangers:
            errors.add("contact_ids", f"not contacts of this customer: {', '.join(strangers[:20])}")
        if completion.next_step_on is not None:
            if completion.next_step_on <= today:
                errors.add("next_step_on", "must be after today")
            if not (completion.next_step or "").strip():
                errors.add("next_step", "say what the next step is")
        errors.raise_if_any()
        now = clock.now()
        next_id = None
        if completion.next_step_on is not None:
            next_id = await uow.visits.add(NewVisit(visit.customer_id, visit.kind, completion.next_step_on,
                                                    completion.next_step), owner_id=visit.owner.id if visit.owner
                                           else person.id, created_by=person.id, at=now)
        checked_in = visit.checked_in_at or now
        visited_on = checked_in.astimezone(ZoneInfo(time_zone)).date()
        await uow.visits.complete(visit.id, completion, visited_on=visited_on, next_visit_id=next_id, at=now)
        if next_id is not None and completion.next_step_on is not None:
            await uow.audit.record(AuditEntry("create", "visit", next_id, visit.customer_id, person.id, None,
                                              {"planned_on": completion.next_step_on.isoformat(),
                                               "after_visit_id": visit.id}), now)
        return await _saved(uow, principal, visit, "complete", now)


async def close(uow: UnitOfWork, principal: Principal, visit_id: int, action: VisitAction, reason: str | None,
                expected_version: int | None, *, clock: Clock) -> Visit:
    """Cancels a visit (planned or in progress), or marks a planned one missed."""
    principal.require(Permission.CUSTOMERS_WRITE)
    async with uow:
        visit = await _visit(uow, principal, visit_id, for_update=True)
        check_version("visit", visit.version, expected_version)
        status = transition(visit.status, action)
        now = clock.now()
        await uow.visits.close(visit.id, status, reason=reason, at=now)
        return await _saved(uow, principal, visit, str(status), now)


async def _saved(uow: UnitOfWork, principal: Principal, before: Visit, action: str, now: datetime) -> Visit:
    after = await _visit(uow, principal, before.id)
    await uow.audit.record(AuditEntry(action, "visit", before.id, before.customer_id, principal.id,
                                      before.snapshot(), after.snapshot()), now)
    await uow.commit()
    return after


async def list_visits(uow: UnitOfWork, principal: Principal, filters: VisitFilters, page: PageRequest) -> Page[Visit]:
    """Visits of the customers in the caller's scope, the latest planned day first. Filtering by a customer
    outside the scope is 404."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        if filters.customer_id is not None:
            await _customer(uow, principal, filters.customer_id)
        return await uow.visits.list(principal.scope, filters, page)


async def due_visits(uow: UnitOfWork, principal: Principal, filters: DueFilters, page: PageRequest, *,
                     clock: Clock, time_zone: str) -> Page[DueVisit]:
    """For each customer in the caller's scope (not abandoned) and each kind its plan schedules, the next due
    day: one cadence after the last completed visit of that kind, today when never visited. Earliest first, so
    the overdue (due before today, company time zone) come first."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.visits.due(principal.scope, filters, page, today=local_today(clock, time_zone))

