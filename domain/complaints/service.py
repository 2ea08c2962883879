"""Complaints: receiving them, the flow's actions, the queue and the timeline. Rules of the flow live in
domain/complaints/model.py; timers, policies, the sweep and the SLA report in domain/sla/.

A complaint is seen and handled by whoever sees its customer; the HQ key-account department (the operations
centre) also sees every major complaint.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from domain.audit import AuditEntry
from domain.complaints import model as flow
from domain.complaints.model import (
    OPERATIONS_CENTRE_ROLES,
    STORE_ROLES,
    Action,
    Change,
    Complaint,
    ComplaintFilters,
    ComplaintView,
    NewComplaint,
    Remedy,
    TaskMember,
    action_time_problems,
    available_actions,
    hq_sees_major,
    read_timers,
)
from domain.errors import (
    Conflict,
    FieldError,
    FieldErrors,
    Forbidden,
    NotFound,
    RuleViolation,
    check_version,
)
from domain.integrations.model import IdempotencyRequest
from domain.notifications.model import NotificationKind
from domain.organisation.model import DataScope, Permission, Principal, Role, ScopeKind
from domain.paging import Page, PageRequest
from domain.ports import Clock, UnitOfWork
from domain.sla.model import (
    BusinessCalendar,
    Severity,
    SlaPolicy,
    choose_policy,
)


class _Calendars:
    """The calendars one request needs, each loaded once."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.loaded: dict[int, BusinessCalendar] = {}

    async def get(self, calendar_id: int) -> BusinessCalendar:
        if calendar_id not in self.loaded:
            named = await self.uow.sla.calendar(calendar_id)
            if named is None:
                raise Conflict(f"Business calendar {calendar_id} is missing.")
            self.loaded[calendar_id] = named.calendar
        return self.loaded[calendar_id]


async def _view(uow: UnitOfWork, principal: Principal, c: Complaint, now: datetime, calendars: _Calendars, *,
                with_events: bool) -> ComplaintView:
    calendar = await calendars.get(c.calendar_id)
    events = await uow.complaints.events(c.id) if with_events else None
    return ComplaintView(c, read_timers(c, calendar, now), available_actions(c, principal.role), events)


async def _policy_for(uow: UnitOfWork, customer_id: int,
                      severity: Severity) -> tuple[SlaPolicy, BusinessCalendar]:
    """The policy for the severity and the customer's current key-account level and category, with its calendar."""
    customer = await uow.customers.get(customer_id, DataScope(ScopeKind.ALL))
    tiers = customer.tiers if customer else None
    policy = choose_policy(await uow.sla.policies(), severity, tiers.level if tiers else None,
                           tiers.category if tiers else None)
    if policy is None:
        raise Conflict(f"No active SLA policy applies to {severity} complaints; an administrator must add one.")
    named = await uow.sla.calendar(policy.calendar_id)
    if named is None:
        raise Conflict(f"The SLA policy {policy.name!r} has no calendar.")
    return policy, named.calendar


async def create(uow: UnitOfWork, principal: Principal, new: NewComplaint, *, clock: Clock,
                 idempotency: IdempotencyRequest | None = None,
                 idempotency_ttl: timedelta = timedelta(hours=24)) -> ComplaintView:
    """Records a complaint the customer's store received; its timers (first response; confirmation for a major
    one; resolution) start from when the customer complained, under the SLA policy for its severity and the
    customer's tier. A request replayed with its Idempotency-Key returns the complaint recorded the first time."""
    person = principal.person()
    if person.role not in STORE_ROLES:
        raise Forbidden(f"Your role ({person.role}) does not record complaints.")
    now = clock.now()
    errors = FieldErrors()
    if new.received_at > now:
        errors.add("received_at", "must not be in the future")
    if not new.summary.strip():
        errors.add("summary", "must not be empty")
    async with uow:
        if idempotency is not None:
            first = await uow.idempotency.claim(idempotency, now, idempotency_ttl)
            if first is not None:
                return await _created(uow, principal, int(first["complaint_id"]), now)
        customer = await uow.customers.get(new.customer_id, principal.scope)
        if customer is None:
            errors.add("customer_id", "no such customer in your scope")
        errors.raise_if_any()
        assert customer is not None
        policy, calendar = await _policy_for(uow, customer.id, new.severity)
        timers, events = flow.receive(new, policy, calendar)
        complaint_id = await uow.complaints.add(
            new, org_unit_id=customer.org_unit.id, account_manager_id=customer.owner.id if customer.owner else None,
            received_by=person.id, policy_id=policy.id, calendar_id=policy.calendar_id, timers=timers,
            events=events, at=now)
        if new.severity is Severity.MAJOR:
            await _confirmation_needed(uow, complaint_id, now)
        await uow.audit.record(AuditEntry("create", "complaint", complaint_id, customer.id, person.id, None,
                                          {"severity": str(new.severity), "summary": new.summary}), now)
        if idempotency is not None:
            await uow.idempotency.record(idempotency, {"complaint_id": complaint_id})
        await uow.commit()
        return await _created(uow, principal, complaint_id, now)


async def _created(uow: UnitOfWork, principal: Principal, complaint_id: int, now: datetime) -> ComplaintView:
    found = await uow.complaints.get(complaint_id, principal.scope, hq_sees_major=True)
    if found is None:  # recorded by an earlier request, since moved out of the caller's scope
        raise NotFound(f"Complaint {complaint_id} not found.")
    return await _view(uow, principal, found, now, _Calendars(uow), with_events=True)


async def get(uow: UnitOfWork, principal: Principal, complaint_id: int, *, clock: Clock) -> ComplaintView:
    """The complaint with its timers now, its timeline, and what the caller may do next."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        c = await uow.complaints.get(complaint_id, principal.scope, hq_sees_major=hq_sees_major(principal))
        if c is None:
            raise NotFound(f"Complaint {complaint_id} not found.")
        return await _view(uow, principal, c, clock.now(), _Calendars(uow), with_events=True)


async def list_complaints(uow: UnitOfWork, principal: Principal, filters: ComplaintFilters, page: PageRequest, *,
                          clock: Clock) -> Page[ComplaintView]:
    """The queue: complaints in the caller's scope, the nearest deadline first."""
    principal.require(Permission.CUSTOMERS_READ)
    now = clock.now()
    async with uow:
        found = await uow.complaints.list(principal.scope, filters, page,
                                          hq_sees_major=hq_sees_major(principal), now=now)
        calendars = _Calendars(uow)
        return Page([await _view(uow, principal, c, now, calendars, with_events=False) for c in found.items],
                    found.next_cursor)


def _require_role(principal: Principal, action: Action) -> None:
    """Whether the caller's role takes this action at all is a matter of authority (403, asked before the
    complaint is looked up, so it tells nothing about it); whether the complaint's state allows it now is the
    flow's (409)."""
    role = principal.person().role
    if role not in STORE_ROLES:
        raise Forbidden(f"Your role ({role}) does not handle complaints.")
    if action in (Action.CONFIRM, Action.SET_TASK_GROUP) and role not in OPERATIONS_CENTRE_ROLES:
        raise Forbidden("Only the operations centre (HQ key-account department) confirms major complaints and "
                        "sets task groups.")


async def _act(uow: UnitOfWork, principal: Principal, complaint_id: int, expected_version: int | None,
               clock: Clock, action: Action,
               apply: Callable[[Complaint, datetime, BusinessCalendar], Change | Awaitable[Change]],
               notify: Callable[[Complaint, datetime], Awaitable[None]] | None = None) -> ComplaintView:
    """One action: lock the complaint, apply the flow's rule, save it with its events, audit, commit."""
    _require_role(principal, action)
    person = principal.person()
    now = clock.now()
    async with uow:
        before = await uow.complaints.get(complaint_id, principal.scope, hq_sees_major=hq_sees_major(principal),
                                          for_update=True)
        if before is None:
            raise NotFound(f"Complaint {complaint_id} not found.")
        # Actions are state transitions checked under the row lock; If-Match is optional on them.
        check_version("complaint", before.version, expected_version, required=False)
        calendars = _Calendars(uow)
        applied = apply(before, now, await calendars.get(before.calendar_id))
        change = await applied if inspect.isawaitable(applied) else applied
        after = change.complaint
        await uow.complaints.save(before, after, change.events, actor_id=person.id, at=now)
        if notify is not None:
            await notify(after, now)
        await uow.audit.record(AuditEntry(
            str(change.events[0].kind), "complaint", after.id, after.customer_id, person.id,
            {"status": str(before.status), "severity": str(before.severity)},
            {"status": str(after.status), "severity": str(after.severity), **change.events[0].data}), now)
        await uow.commit()
        saved = await uow.complaints.get(complaint_id, principal.scope, hq_sees_major=True)
        assert saved is not None
        return await _view(uow, principal, saved, now, calendars, with_events=True)


async def respond(uow: UnitOfWork, principal: Principal, complaint_id: int, note: str, *, clock: Clock,
                  expected_version: int | None = None) -> ComplaintView:
    """The first response to the customer (the 24-hour timer)."""
    return await _act(uow, principal, complaint_id, expected_version, clock, Action.RESPOND,
                      lambda c, now, cal: flow.respond(c, principal.role, now, note, cal))


async def escalate(uow: UnitOfWork, principal: Principal, complaint_id: int, reason: str, *, clock: Clock,
                   expected_version: int | None = None) -> ComplaintView:
    """The store hands a general complaint to the operations centre: it becomes major, under the major policy."""

    async def apply(c: Complaint, now: datetime, _: BusinessCalendar) -> Change:
        flow.require_action(c, principal.role, Action.ESCALATE)
        policy, calendar = await _policy_for(uow, c.customer_id, Severity.MAJOR)
        return flow.escalate(c, principal.role, now, reason, policy, calendar)

    return await _act(uow, principal, complaint_id, expected_version, clock, Action.ESCALATE, apply,
                      notify=lambda c, now: _confirmation_needed(uow, c.id, now))


async def _confirmation_needed(uow: UnitOfWork, complaint_id: int, now: datetime) -> None:
    """The operations centre (HQ key-account) confirms major complaints against a working-hours timer: tell them
    as soon as one is waiting, not only once it breaches."""
    await uow.notifications.notify_role(Role.HQ_KEY_ACCOUNT, NotificationKind.CONFIRMATION_NEEDED, complaint_id, now)


async def confirm(uow: UnitOfWork, principal: Principal, complaint_id: int, verified: bool, note: str, *,
                  clock: Clock, expected_version: int | None = None) -> ComplaintView:
    """The operations centre's time-limited confirmation (限时确认) of a major complaint."""
    if not verified and not note.strip():
        raise RuleViolation([FieldError("note", "explain why the complaint is not verified")])
    return await _act(uow, principal, complaint_id, expected_version, clock, Action.CONFIRM,
                      lambda c, now, cal: flow.confirm(c, principal.role, now, verified, note, cal))


async def set_task_group(uow: UnitOfWork, principal: Principal, complaint_id: int,
                         members: list[tuple[int, flow.Department]], *, clock: Clock,
                         expected_version: int | None = None) -> ComplaintView:
    """The task group of a verified major complaint: people of the key-account department, marketing and
    purchasing & logistics. Each member is notified."""
    _require_role(principal, Action.SET_TASK_GROUP)  # before the member lookup tells anyone which users exist
    errors = FieldErrors()
    resolved: list[TaskMember] = []
    async with uow:
        for i, (user_id, department) in enumerate(members):
            user = await uow.users.get(user_id)
            if user is None or not user.is_active:
                errors.add(f"members.{i}.user_id", "no such active user")
            else:
                resolved.append(TaskMember(user.ref, department))
    if not members:
        errors.add("members", "name at least one member")
    if len({m[0] for m in members}) != len(members):
        errors.add("members", "each person once")
    errors.raise_if_any()
    return await _act(uow, principal, complaint_id, expected_version, clock, Action.SET_TASK_GROUP,
                      lambda c, now, _: flow.set_task_group(c, principal.role, now, resolved),
                      notify=lambda c, now: uow.notifications.notify([m.user.id for m in c.task_group],
                                                                  NotificationKind.TASK_GROUP, c.id, now))


async def resolve(uow: UnitOfWork, principal: Principal, complaint_id: int, remedies: list[Remedy], note: str, *,
                  clock: Clock, expected_version: int | None = None) -> ComplaintView:
    """Resolved, with the remedies given (compensation, price cut, replacement...) and their amounts."""
    return await _act(uow, principal, complaint_id, expected_version, clock, Action.RESOLVE,
                      lambda c, now, cal: flow.resolve(c, principal.role, now, remedies, note, cal))


async def close(uow: UnitOfWork, principal: Principal, complaint_id: int, *, clock: Clock,
                expected_version: int | None = None) -> ComplaintView:
    return await _act(uow, principal, complaint_id, expected_version, clock, Action.CLOSE,
                      lambda c, now, _: flow.close(c, principal.role, now))


def _at(at: datetime | None, now: datetime, c: Complaint) -> datetime:
    when = at or now
    problems = action_time_problems(when, now, c.last_event_at)
    if problems:
        raise RuleViolation(problems)
    return when


async def pause(uow: UnitOfWork, principal: Principal, complaint_id: int, reason: str, at: datetime | None, *,
                clock: Clock, expected_version: int | None = None) -> ComplaintView:
    """Waiting on the customer: the working-time timers stop from `at` (default now)."""
    if not reason.strip():
        raise RuleViolation([FieldError("reason", "say what you are waiting for")])
    return await _act(uow, principal, complaint_id, expected_version, clock, Action.PAUSE,
                      lambda c, now, _: flow.pause(c, principal.role, _at(at, now, c), reason))


async def resume(uow: UnitOfWork, principal: Principal, complaint_id: int, at: datetime | None, *, clock: Clock,
                 expected_version: int | None = None) -> ComplaintView:
    """The timers run again; the working time they were paused is added to their deadlines."""

    return await _act(uow, principal, complaint_id, expected_version, clock, Action.RESUME,
                      lambda c, now, cal: flow.resume(c, principal.role, _at(at, now, c), cal))


async def return_visit(uow: UnitOfWork, principal: Principal, complaint_id: int, satisfaction: int, note: str, *,
                       clock: Clock, expected_version: int | None = None) -> ComplaintView:
    """The return visit (回访) after closing: the customer's satisfaction, 1 to 5."""
    return await _act(uow, principal, complaint_id, expected_version, clock, Action.RETURN_VISIT,
                      lambda c, now, _: flow.record_return_visit(c, principal.role, now, satisfaction, note))


async def feedback(uow: UnitOfWork, principal: Principal, complaint_id: int, note: str, *, clock: Clock,
                   expected_version: int | None = None) -> ComplaintView:
    """Experience feedback (经验反馈): what the company learns from the case."""
    if not note.strip():
        raise RuleViolation([FieldError("note", "must not be empty")])
    return await _act(uow, principal, complaint_id, expected_version, clock, Action.FEEDBACK,
                      lambda c, now, _: flow.record_feedback(c, principal.role, now, note))









