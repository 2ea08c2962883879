"""Complaints (docs/domain.md section 7): the general / major flow and the events every step and every timer
change leaves on a complaint's timeline. Severities, SLA policies and timers are the sla feature's
(domain/sla/model.py).

The flow: the customer's store receives a complaint and answers it (first response). A general complaint is
handled by the store; a major one (or a general one the store escalates) goes to the operations centre, which
confirms it within a time limit. Verified, it gets a task group (key-account department, marketing,
purchasing & logistics) that resolves it with remedies; not verified, it is closed with the explanation.
Resolved complaints are closed, the customer is asked for their satisfaction on a return visit, and the case
feeds experience back.

The functions here take a complaint and return it changed together with the events to record; the use cases in
domain/complaints/service.py hold the row lock, the clock and the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain.errors import Conflict, FieldError
from domain.organisation.model import Principal, Role, UserRef
from domain.sla.model import (
    BusinessCalendar,
    Severity,
    SlaPolicy,
    TimeBasis,
    Timer,
    TimerKind,
    TimerStatus,
    meet_timer,
    pause_timer,
    remaining,
    resume_timer,
    start_timer,
    timer_status,
)


class Channel(StrEnum):
    PHONE = "phone"
    VISIT = "visit"
    WECHAT = "wechat"
    EMAIL = "email"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    RESPONDED = "responded"
    IN_RESOLUTION = "in_resolution"  # a verified major complaint, with the task group
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN_STATUSES = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.RESPONDED, ComplaintStatus.IN_RESOLUTION})


class ClosureReason(StrEnum):
    RESOLVED = "resolved"
    NOT_VERIFIED = "not_verified"  # the operations centre found the major complaint untrue (不属实)


class RemedyKind(StrEnum):
    COMPENSATION = "compensation"  # 赔偿
    PRICE_CUT = "price_cut"  # 降价
    REPLACEMENT = "replacement"
    OTHER = "other"


class Department(StrEnum):
    """Who sits in a major complaint's task group (专项服务工作组)."""

    KEY_ACCOUNT = "key_account"
    MARKETING = "marketing"
    PURCHASING_LOGISTICS = "purchasing_logistics"


class Action(StrEnum):
    RESPOND = "respond"
    ESCALATE = "escalate"
    CONFIRM = "confirm"
    SET_TASK_GROUP = "set_task_group"
    RESOLVE = "resolve"
    CLOSE = "close"
    PAUSE = "pause"
    RESUME = "resume"
    RETURN_VISIT = "return_visit"
    FEEDBACK = "feedback"


class EventKind(StrEnum):
    RECEIVED = "received"
    RESPONDED = "responded"
    ESCALATED = "escalated"
    CONFIRMED = "confirmed"
    NOT_VERIFIED = "not_verified"
    TASK_GROUP_SET = "task_group_set"
    RESOLVED = "resolved"
    CLOSED = "closed"
    PAUSED = "paused"
    RESUMED = "resumed"
    RETURN_VISIT = "return_visit"
    FEEDBACK = "feedback"
    # Timer changes: reports are computed from these.
    TIMER_ACTIVATED = "timer_activated"
    TIMER_PAUSED = "timer_paused"
    TIMER_RESUMED = "timer_resumed"
    TIMER_WARNED = "timer_warned"
    TIMER_MET = "timer_met"
    TIMER_BREACHED = "timer_breached"
    TIMER_ESCALATED = "timer_escalated"


# The store handles complaints; the operations centre (HQ key-account department) confirms major ones and runs
# their task groups. Analysts read.
STORE_ROLES = frozenset({Role.ADMIN, Role.HQ_KEY_ACCOUNT, Role.STORE_MANAGER, Role.ACCOUNT_MANAGER,
                         Role.SERVICE_AGENT})
OPERATIONS_CENTRE_ROLES = frozenset({Role.ADMIN, Role.HQ_KEY_ACCOUNT})












@dataclass(frozen=True)
class Remedy:
    kind: RemedyKind
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class TaskMember:
    user: UserRef
    department: Department


@dataclass(frozen=True)
class NewEvent:
    kind: EventKind
    at: datetime
    timer_kind: TimerKind | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ComplaintEvent:
    id: int
    kind: EventKind
    at: datetime
    actor: UserRef | None
    timer_kind: TimerKind | None
    data: dict[str, Any]


@dataclass(frozen=True)
class NewComplaint:
    customer_id: int
    severity: Severity
    received_at: datetime
    channel: Channel
    summary: str
    details: str = ""
    products: tuple[str, ...] = ()
    order_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Complaint:
    id: int
    customer_id: int
    customer_name: str
    org_unit_id: int  # the store that received it (reports by store)
    org_unit_name: str
    account_manager: UserRef | None  # the customer's account manager when it was received
    received_by: UserRef | None
    severity: Severity
    status: ComplaintStatus
    channel: Channel
    summary: str
    details: str
    products: tuple[str, ...]
    order_refs: tuple[str, ...]
    received_at: datetime
    policy_id: int
    policy_name: str
    calendar_id: int
    timers: tuple[Timer, ...]
    responded_at: datetime | None = None
    paused_at: datetime | None = None
    pause_reason: str | None = None
    verified: bool | None = None
    closure_reason: ClosureReason | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    satisfaction: int | None = None
    return_visit_note: str | None = None
    feedback: str | None = None
    remedies: tuple[Remedy, ...] = ()
    task_group: tuple[TaskMember, ...] = ()
    last_event_at: datetime | None = None
    version: int = 1
    policy_name_translations: dict[str, str] = field(default_factory=dict)  # the policy's name by locale

    def timer(self, kind: TimerKind) -> Timer | None:
        return next((t for t in self.timers if t.kind is kind), None)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def breached(self, now: datetime) -> bool:
        return any(timer_status(t, now) is TimerStatus.BREACHED for t in self.timers)


@dataclass(frozen=True)
class Change:
    """A complaint after an action, with the events the action leaves."""

    complaint: Complaint
    events: list[NewEvent]


def start_timers(kinds: Sequence[TimerKind], policy: SlaPolicy, calendar: BusinessCalendar,
                 at: datetime) -> tuple[list[Timer], list[NewEvent]]:
    timers, events = [], []
    for kind in kinds:
        target = policy.targets[kind]
        timer = start_timer(kind, calendar, target.basis, target.budget(calendar), policy.warn_percent / 100, at)
        timers.append(timer)
        events.append(NewEvent(EventKind.TIMER_ACTIVATED, at, kind,
                               {"due_at": timer.due_at.isoformat(), "basis": str(timer.basis),
                                "budget_seconds": timer.budget.total_seconds(), "policy_id": policy.id}))
    return timers, events


def initial_timer_kinds(severity: Severity) -> list[TimerKind]:
    kinds = [TimerKind.FIRST_RESPONSE]
    if severity is Severity.MAJOR:
        kinds.append(TimerKind.CONFIRMATION)
    return [*kinds, TimerKind.RESOLUTION]


def receive(new: NewComplaint, policy: SlaPolicy, calendar: BusinessCalendar) -> tuple[list[Timer], list[NewEvent]]:
    """A new complaint's timers run from when the customer complained, not from when it was typed in."""
    timers, events = start_timers(initial_timer_kinds(new.severity), policy, calendar, new.received_at)
    received = NewEvent(EventKind.RECEIVED, new.received_at, None,
                        {"severity": str(new.severity), "channel": str(new.channel)})
    return timers, [received, *events]


def available_actions(c: Complaint, role: Role | None) -> list[Action]:
    """What the caller's role may do to the complaint in its present state (the SPA shows these buttons; every
    action checks the same rule)."""
    if role is None:
        return []
    store, centre = role in STORE_ROLES, role in OPERATIONS_CENTRE_ROLES
    first = c.timer(TimerKind.FIRST_RESPONSE)
    actions: list[Action] = []
    if store and c.is_open and first is not None and first.met_at is None:
        actions.append(Action.RESPOND)
    if (store and c.severity is Severity.GENERAL and c.status in (ComplaintStatus.RECEIVED, ComplaintStatus.RESPONDED)
            and c.paused_at is None):
        actions.append(Action.ESCALATE)
    if centre and c.severity is Severity.MAJOR and c.verified is None and c.is_open:
        actions.append(Action.CONFIRM)
    if centre and c.status is ComplaintStatus.IN_RESOLUTION:
        actions.append(Action.SET_TASK_GROUP)
    if c.responded_at is not None and (
            (store and c.severity is Severity.GENERAL and c.status is ComplaintStatus.RESPONDED)
            or (centre and c.status is ComplaintStatus.IN_RESOLUTION)):
        actions.append(Action.RESOLVE)
    if store and c.status is ComplaintStatus.RESOLVED:
        actions.append(Action.CLOSE)
    if store and c.is_open:
        actions.append(Action.RESUME if c.paused_at is not None else Action.PAUSE)
    if store and c.status is ComplaintStatus.CLOSED and c.satisfaction is None:
        actions.append(Action.RETURN_VISIT)
    if store and c.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED):
        actions.append(Action.FEEDBACK)
    return actions


def require_action(c: Complaint, role: Role | None, action: Action) -> None:
    if action not in available_actions(c, role):
        raise Conflict(_why_not(c, role, action))


def _why_not(c: Complaint, role: Role | None, action: Action) -> str:
    if role not in STORE_ROLES:
        return f"Your role ({role}) does not handle complaints."
    if action in (Action.CONFIRM, Action.SET_TASK_GROUP) and role not in OPERATIONS_CENTRE_ROLES:
        return "Only the operations centre (HQ key-account department) confirms major complaints and sets task groups."
    if action is Action.RESOLVE and c.responded_at is None:
        return "Answer the customer first (first response), then resolve."
    if action is Action.ESCALATE and c.paused_at is not None:
        return "Resume the complaint before escalating it."
    return f"A {c.severity} complaint that is {c.status} cannot {action.replace('_', ' ')}."


def _meet(c: Complaint, kinds: Sequence[TimerKind], at: datetime,
          calendar: BusinessCalendar) -> tuple[tuple[Timer, ...], list[NewEvent]]:
    timers, events = [], []
    for t in c.timers:
        if t.kind in kinds and t.met_at is None:
            t = meet_timer(t, calendar, at)
            events.append(NewEvent(EventKind.TIMER_MET, at, t.kind,
                                   {"due_at": t.due_at.isoformat(), "on_time": at <= t.due_at}))
        timers.append(t)
    return tuple(timers), events


def respond(c: Complaint, role: Role | None, at: datetime, note: str, calendar: BusinessCalendar) -> Change:
    require_action(c, role, Action.RESPOND)
    timers, events = _meet(c, [TimerKind.FIRST_RESPONSE], at, calendar)
    status = ComplaintStatus.RESPONDED if c.status is ComplaintStatus.RECEIVED else c.status
    changed = replace(c, timers=timers, status=status, responded_at=at)
    return Change(changed, [NewEvent(EventKind.RESPONDED, at, None, {"note": note}), *events])


def escalate(c: Complaint, role: Role | None, at: datetime, reason: str, policy: SlaPolicy,
             calendar: BusinessCalendar) -> Change:
    """A general complaint the store cannot handle becomes major: the operations centre's confirmation timer
    starts now; the resolution timer becomes the major one, still counted from when the customer complained
    (escalating does not buy time)."""
    require_action(c, role, Action.ESCALATE)
    confirmation, events = start_timers([TimerKind.CONFIRMATION], policy, calendar, at)
    resolution, resolution_events = start_timers([TimerKind.RESOLUTION], policy, calendar, c.received_at)
    kept = [t for t in c.timers if t.kind is TimerKind.FIRST_RESPONSE]
    changed = replace(c, severity=Severity.MAJOR, policy_id=policy.id, policy_name=policy.name,
                      policy_name_translations=policy.name_translations,
                      calendar_id=policy.calendar_id, timers=(*kept, *confirmation, *resolution))
    # The replaced resolution timer's activation is dated now: the timeline shows when the change happened.
    resolution_events = [replace(e, at=at) for e in resolution_events]
    return Change(changed, [NewEvent(EventKind.ESCALATED, at, None, {"reason": reason, "policy_id": policy.id}),
                            *events, *resolution_events])


def confirm(c: Complaint, role: Role | None, at: datetime, verified: bool, note: str,
            calendar: BusinessCalendar) -> Change:
    """The operations centre's verdict. Verified, the complaint goes to a task group; not verified, it is closed
    with the explanation, and its open timers stop as met (the customer has the answer)."""
    require_action(c, role, Action.CONFIRM)
    if verified:
        timers, events = _meet(c, [TimerKind.CONFIRMATION], at, calendar)
        changed = replace(c, timers=timers, verified=True, status=ComplaintStatus.IN_RESOLUTION)
        return Change(changed, [NewEvent(EventKind.CONFIRMED, at, None, {"note": note}), *events])
    timers, events = _meet(c, list(TimerKind), at, calendar)
    changed = replace(c, timers=timers, verified=False, status=ComplaintStatus.CLOSED, paused_at=None,
                      pause_reason=None, closure_reason=ClosureReason.NOT_VERIFIED, closed_at=at)
    return Change(changed, [NewEvent(EventKind.NOT_VERIFIED, at, None, {"note": note}), *events])


def set_task_group(c: Complaint, role: Role | None, at: datetime, members: Sequence[TaskMember]) -> Change:
    require_action(c, role, Action.SET_TASK_GROUP)
    data = {"members": [{"user_id": m.user.id, "name": m.user.display_name, "department": str(m.department)}
                        for m in members]}
    return Change(replace(c, task_group=tuple(members)), [NewEvent(EventKind.TASK_GROUP_SET, at, None, data)])


def resolve(c: Complaint, role: Role | None, at: datetime, remedies: Sequence[Remedy], note: str,
            calendar: BusinessCalendar) -> Change:
    require_action(c, role, Action.RESOLVE)
    timers, events = _meet(c, [TimerKind.RESOLUTION], at, calendar)
    changed = replace(c, timers=timers, status=ComplaintStatus.RESOLVED, resolved_at=at, paused_at=None,
                      pause_reason=None, remedies=tuple(remedies))
    data = {"note": note, "remedies": [{"kind": str(r.kind), "amount": str(r.amount), "note": r.note}
                                       for r in remedies]}
    return Change(changed, [NewEvent(EventKind.RESOLVED, at, None, data), *events])


def close(c: Complaint, role: Role | None, at: datetime) -> Change:
    require_action(c, role, Action.CLOSE)
    changed = replace(c, status=ComplaintStatus.CLOSED, closure_reason=ClosureReason.RESOLVED, closed_at=at)
    return Change(changed, [NewEvent(EventKind.CLOSED, at)])


def pause(c: Complaint, role: Role | None, at: datetime, reason: str) -> Change:
    """Waiting on the customer: the working-time timers stop (around-the-clock timers, such as the 24-hour first
    response, keep running: the customer is owed an answer whatever they owe us)."""
    require_action(c, role, Action.PAUSE)
    timers, events = [], [NewEvent(EventKind.PAUSED, at, None, {"reason": reason})]
    for t in c.timers:
        if t.met_at is None and t.basis is TimeBasis.WORKING:
            t = pause_timer(t, at)
            events.append(NewEvent(EventKind.TIMER_PAUSED, at, t.kind))
        timers.append(t)
    return Change(replace(c, timers=tuple(timers), paused_at=at, pause_reason=reason), events)


def resume(c: Complaint, role: Role | None, at: datetime, calendar: BusinessCalendar) -> Change:
    """The paused working time is added to the deadlines."""
    require_action(c, role, Action.RESUME)
    timers, events = [], [NewEvent(EventKind.RESUMED, at)]
    for t in c.timers:
        if t.paused_at is not None:
            t = resume_timer(t, calendar, at)
            events.append(NewEvent(EventKind.TIMER_RESUMED, at, t.kind, {"due_at": t.due_at.isoformat()}))
        timers.append(t)
    return Change(replace(c, timers=tuple(timers), paused_at=None, pause_reason=None), events)


def record_return_visit(c: Complaint, role: Role | None, at: datetime, satisfaction: int, note: str) -> Change:
    require_action(c, role, Action.RETURN_VISIT)
    changed = replace(c, satisfaction=satisfaction, return_visit_note=note)
    return Change(changed, [NewEvent(EventKind.RETURN_VISIT, at, None,
                                     {"satisfaction": satisfaction, "note": note})])


def record_feedback(c: Complaint, role: Role | None, at: datetime, note: str) -> Change:
    """Experience feedback (经验反馈): what the company learns from the case; a later note replaces it."""
    require_action(c, role, Action.FEEDBACK)
    return Change(replace(c, feedback=note), [NewEvent(EventKind.FEEDBACK, at, None, {"note": note})])


def action_time_problems(at: datetime, now: datetime, last_event_at: datetime | None) -> list[FieldError]:
    """A pause or resume may be back-dated (the agent records it late), but not into the future and not before
    the complaint's last event: the timeline stays in order."""
    if at > now:
        return [FieldError("at", "must not be in the future")]
    if last_event_at is not None and at < last_event_at:
        return [FieldError("at", f"must not be before the complaint's last event ({last_event_at.isoformat()})")]
    return []


@dataclass(frozen=True)
class ComplaintFilters:
    status: ComplaintStatus | None = None
    open: bool | None = None
    severity: Severity | None = None
    breached: bool | None = None  # a deadline passed without being met (now, or when it was met or paused)
    customer_id: int | None = None
    org_unit_id: int | None = None  # the receiving store and the units under it
    involving_user_id: int | None = None  # "mine": account manager, receiver or task-group member
    q: str | None = None






















@dataclass(frozen=True)
class TimerReading:
    """A timer as the caller sees it now: its status derives from the deadlines and the time, so a complaint
    nobody touched shows as breached once its deadline passes, whether or not a sweep has run."""

    kind: TimerKind
    basis: TimeBasis
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    status: TimerStatus
    met_at: datetime | None
    remaining: timedelta | None
    paused_at: datetime | None


def read_timers(c: Complaint, calendar: BusinessCalendar, now: datetime) -> list[TimerReading]:
    return [TimerReading(t.kind, t.basis, t.started_at, t.warn_at, t.due_at, timer_status(t, now), t.met_at,
                         remaining(t, calendar, now), t.paused_at) for t in c.timers]


@dataclass(frozen=True)
class ComplaintView:
    complaint: Complaint
    timers: list[TimerReading]
    actions: list[Action]
    events: list[ComplaintEvent] | None = None  # the timeline, on the detail only


def hq_sees_major(principal: Principal) -> bool:
    """The HQ key-account department (the operations centre) sees every major complaint, whoever owns the
    customer."""
    return principal.role is Role.HQ_KEY_ACCOUNT
