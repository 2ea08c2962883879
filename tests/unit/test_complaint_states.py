"""The complaint state machine (domain/complaints.py), without a database: every action from every state by every
role, what `available_actions` offers, and what each step does to the SLA timers.

States are reached by the flow's own steps (taken by an administrator, who may do everything), on the default
calendar: Shanghai, Monday to Friday 09:00-18:00. T0 is Monday 2 March 2026, 10:00 in Shanghai (02:00 UTC).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache

import pytest

from domain.complaints.model import (
    Action,
    Change,
    Channel,
    ClosureReason,
    Complaint,
    ComplaintStatus,
    Department,
    EventKind,
    NewComplaint,
    Remedy,
    RemedyKind,
    TaskMember,
    action_time_problems,
    available_actions,
    close,
    confirm,
    escalate,
    pause,
    read_timers,
    receive,
    record_feedback,
    record_return_visit,
    resolve,
    respond,
    resume,
    set_task_group,
)
from domain.errors import Conflict
from domain.organisation.model import Role, UserRef
from domain.sla.model import (
    BusinessCalendar,
    Severity,
    SlaPolicy,
    SlaTarget,
    TargetUnit,
    TimeBasis,
    TimerKind,
    TimerStatus,
    choose_policy,
    timer_status,
)

CAL = BusinessCalendar()
H = timedelta(hours=1)
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
FR, CONF, RES = TimerKind.FIRST_RESPONSE, TimerKind.CONFIRMATION, TimerKind.RESOLUTION
GENERAL_POLICY = SlaPolicy(1, "general", Severity.GENERAL, None, None, 1, {
    FR: SlaTarget(Decimal(24), TargetUnit.CLOCK_HOURS), RES: SlaTarget(Decimal(3), TargetUnit.WORKING_DAYS)})
MAJOR_POLICY = SlaPolicy(2, "major", Severity.MAJOR, None, None, 1, {
    FR: SlaTarget(Decimal(24), TargetUnit.CLOCK_HOURS), CONF: SlaTarget(Decimal(4), TargetUnit.WORKING_HOURS),
    RES: SlaTarget(Decimal(10), TargetUnit.WORKING_DAYS)})
HQ_MEMBER = TaskMember(UserRef(5, "hq", "HQ"), Department.KEY_ACCOUNT)
REFUND = Remedy(RemedyKind.COMPENSATION, Decimal("200.00"), "refund")

STORE_ONLY = (Role.STORE_MANAGER, Role.ACCOUNT_MANAGER, Role.SERVICE_AGENT)
CENTRE = (Role.ADMIN, Role.HQ_KEY_ACCOUNT)
NOT_HANDLING = (Role.ANALYST, None)

# Every action with arguments that are valid whenever the state allows it.
ACT: dict[Action, Callable[[Complaint, Role | None, datetime], Change]] = {
    Action.RESPOND: lambda c, role, at: respond(c, role, at, "called back", CAL),
    Action.ESCALATE: lambda c, role, at: escalate(c, role, at, "beyond the store", MAJOR_POLICY, CAL),
    Action.CONFIRM: lambda c, role, at: confirm(c, role, at, True, "checked", CAL),
    Action.SET_TASK_GROUP: lambda c, role, at: set_task_group(c, role, at, [HQ_MEMBER]),
    Action.RESOLVE: lambda c, role, at: resolve(c, role, at, [REFUND], "refunded", CAL),
    Action.CLOSE: lambda c, role, at: close(c, role, at),
    Action.PAUSE: lambda c, role, at: pause(c, role, at, "waiting for photos"),
    Action.RESUME: lambda c, role, at: resume(c, role, at, CAL),
    Action.RETURN_VISIT: lambda c, role, at: record_return_visit(c, role, at, 4, "satisfied"),
    Action.FEEDBACK: lambda c, role, at: record_feedback(c, role, at, "pack the glass better"),
}
EVENT_OF = {
    Action.RESPOND: EventKind.RESPONDED, Action.ESCALATE: EventKind.ESCALATED, Action.CONFIRM: EventKind.CONFIRMED,
    Action.SET_TASK_GROUP: EventKind.TASK_GROUP_SET, Action.RESOLVE: EventKind.RESOLVED,
    Action.CLOSE: EventKind.CLOSED, Action.PAUSE: EventKind.PAUSED, Action.RESUME: EventKind.RESUMED,
    Action.RETURN_VISIT: EventKind.RETURN_VISIT, Action.FEEDBACK: EventKind.FEEDBACK,
}
NOT_VERIFIED = "not verified"  # a step: the operations centre finds the complaint untrue

R, E, CF, TG, RS = Action.RESPOND, Action.ESCALATE, Action.CONFIRM, Action.SET_TASK_GROUP, Action.RESOLVE
CL, P, RM, RV, FB = Action.CLOSE, Action.PAUSE, Action.RESUME, Action.RETURN_VISIT, Action.FEEDBACK
RCV, RSP, INR = ComplaintStatus.RECEIVED, ComplaintStatus.RESPONDED, ComplaintStatus.IN_RESOLUTION
RSV, CLO = ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED
# state: (severity received, steps taken, status reached, what the store may do, what the operations centre may
# do on top)
STATES: dict[str, tuple[Severity, tuple[Action | str, ...], ComplaintStatus, set[Action], set[Action]]] = {
    "general received": (Severity.GENERAL, (), RCV, {R, E, P}, set()),
    "general received, paused": (Severity.GENERAL, (P,), RCV, {R, RM}, set()),
    "general responded": (Severity.GENERAL, (R,), RSP, {E, RS, P}, set()),
    "general responded, paused": (Severity.GENERAL, (R, P), RSP, {RS, RM}, set()),
    "general resolved": (Severity.GENERAL, (R, RS), RSV, {CL, FB}, set()),
    "general closed": (Severity.GENERAL, (R, RS, CL), CLO, {RV, FB}, set()),
    "general closed, visited": (Severity.GENERAL, (R, RS, CL, RV), CLO, {FB}, set()),
    "escalated before response": (Severity.GENERAL, (E,), RCV, {R, P}, {CF}),
    "escalated after response": (Severity.GENERAL, (R, E), RSP, {P}, {CF}),
    "major received": (Severity.MAJOR, (), RCV, {R, P}, {CF}),
    "major received, paused": (Severity.MAJOR, (P,), RCV, {R, RM}, {CF}),
    "major responded": (Severity.MAJOR, (R,), RSP, {P}, {CF}),
    "major confirmed before response": (Severity.MAJOR, (CF,), INR, {R, P}, {TG}),
    "major in resolution": (Severity.MAJOR, (R, CF), INR, {P}, {TG, RS}),
    "major in resolution, paused": (Severity.MAJOR, (R, CF, P), INR, {RM}, {TG, RS}),
    "major not verified": (Severity.MAJOR, (R, NOT_VERIFIED), CLO, {RV, FB}, set()),
    "major resolved": (Severity.MAJOR, (R, CF, RS), RSV, {CL, FB}, set()),
    "major closed": (Severity.MAJOR, (R, CF, RS, CL), CLO, {RV, FB}, set()),
}


def received(severity: Severity, at: datetime = T0) -> Complaint:
    """A complaint as the store records it, timers started by `receive`."""
    new = NewComplaint(7, severity, at, Channel.PHONE, "broken glass on delivery")
    policy = MAJOR_POLICY if severity is Severity.MAJOR else GENERAL_POLICY
    timers, events = receive(new, policy, CAL)
    return Complaint(id=1, customer_id=7, customer_name="金陵饭店", org_unit_id=3, org_unit_name="SH",
                     account_manager=None, received_by=None, severity=severity, status=ComplaintStatus.RECEIVED,
                     channel=new.channel, summary=new.summary, details="", products=(), order_refs=(),
                     received_at=at, policy_id=policy.id, policy_name=policy.name, calendar_id=1,
                     timers=tuple(timers), last_event_at=max(e.at for e in events))


@cache
def state(name: str) -> Complaint:
    """The complaint in the named state, each step an hour after the one before."""
    severity, steps, *_ = STATES[name]
    c = received(severity)
    for i, step in enumerate(steps, 1):
        at = T0 + i * H
        c = (confirm(c, Role.ADMIN, at, False, "untrue", CAL) if step == NOT_VERIFIED
             else ACT[Action(step)](c, Role.ADMIN, at)).complaint
    return c


def expected_actions(name: str, role: Role | None) -> list[Action]:
    *_, store, centre = STATES[name]
    allowed = store | centre if role in CENTRE else store if role in STORE_ONLY else set()
    return [a for a in Action if a in allowed]  # the order the SPA shows the buttons in


def expected_status(before: ComplaintStatus, action: Action) -> ComplaintStatus:
    return {
        Action.RESPOND: ComplaintStatus.RESPONDED if before is ComplaintStatus.RECEIVED else before,
        Action.CONFIRM: ComplaintStatus.IN_RESOLUTION,
        Action.RESOLVE: ComplaintStatus.RESOLVED,
        Action.CLOSE: ComplaintStatus.CLOSED,
    }.get(action, before)


@pytest.mark.parametrize("name", list(STATES))
def test_the_steps_reach_the_state_named(name: str) -> None:
    c = state(name)
    assert c.status is STATES[name][2]
    assert (c.severity is Severity.MAJOR) == name.startswith(("major", "escalated"))
    assert (c.paused_at is not None) == name.endswith("paused")


ROLES = [*CENTRE, *STORE_ONLY, *NOT_HANDLING]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(STATES))
def test_available_actions(name: str, role: Role | None) -> None:
    assert available_actions(state(name), role) == expected_actions(name, role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(STATES))
def test_every_action_from_every_state(name: str, role: Role | None) -> None:
    """An allowed action moves the complaint as the flow says and leaves its event first; any other is refused
    with Conflict (the use cases answer 403 for a role that never acts before they get here)."""
    c = state(name)
    at = T0 + 10 * H  # after every step
    wrong = []
    for action in Action:
        if action in expected_actions(name, role):
            change = ACT[action](c, role, at)
            after = change.complaint
            if after.status is not expected_status(c.status, action):
                wrong.append(f"{action}: status {after.status}")
            if change.events[0].kind is not EVENT_OF[action] or change.events[0].at != at:
                wrong.append(f"{action}: first event {change.events[0]}")
            if action is Action.ESCALATE and after.severity is not Severity.MAJOR:
                wrong.append(f"{action}: still {after.severity}")
            if (after.paused_at is not None) != (action is Action.PAUSE or (
                    c.paused_at is not None and action not in (Action.RESUME, Action.RESOLVE))):
                wrong.append(f"{action}: paused_at {after.paused_at}")
        else:
            try:
                ACT[action](c, role, at)
                wrong.append(f"{action}: allowed")
            except Conflict:
                pass
    assert wrong == []


@pytest.mark.parametrize(("name", "role", "action", "says"), [
    ("general received", Role.SERVICE_AGENT, Action.RESOLVE, "Answer the customer first"),
    ("general received, paused", Role.STORE_MANAGER, Action.ESCALATE, "Resume the complaint before escalating"),
    ("major received", Role.STORE_MANAGER, Action.CONFIRM, "Only the operations centre"),
    ("major in resolution", Role.ACCOUNT_MANAGER, Action.SET_TASK_GROUP, "Only the operations centre"),
    ("general resolved", Role.ANALYST, Action.FEEDBACK, "(analyst) does not handle complaints"),
    ("general received", None, Action.RESPOND, "(None) does not handle complaints"),
    ("general closed", Role.ADMIN, Action.RESPOND, "A general complaint that is closed cannot respond."),
    ("major resolved", Role.ADMIN, Action.ESCALATE, "A major complaint that is resolved cannot escalate."),
    ("general closed, visited", Role.ADMIN, Action.RETURN_VISIT, "that is closed cannot return visit."),
])
def test_refusals_say_why(name: str, role: Role | None, action: Action, says: str) -> None:
    with pytest.raises(Conflict) as refused:
        ACT[action](state(name), role, T0 + 10 * H)
    assert says in refused.value.detail


# --- timers -------------------------------------------------------------------------------------------------


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(("severity", "due"), [
    # 24 clock hours; 3 working days of 9 hours = 27 hours from Monday 10:00 = Thursday 10:00 (02:00 UTC).
    (Severity.GENERAL, {FR: utc(3, 2), RES: utc(5, 2)}),
    # 4 working hours = Monday 14:00; 10 working days = 90 hours from Monday 10:00 = Monday 16 March 10:00.
    (Severity.MAJOR, {FR: utc(3, 2), CONF: utc(2, 6), RES: utc(16, 2)}),
])
def test_receiving_starts_the_timers_when_the_customer_complained(severity: Severity,
                                                                  due: dict[TimerKind, datetime]) -> None:
    c = received(severity)
    assert {t.kind: t.due_at for t in c.timers} == due
    assert all(t.started_at == T0 and t.met_at is None and t.paused_at is None for t in c.timers)
    assert c.timer(FR).warn_at == T0 + 18 * H  # type: ignore[union-attr]  # 75 % of 24 hours
    assert {t.kind: t.basis for t in c.timers}[FR] is TimeBasis.CLOCK
    _, events = receive(NewComplaint(7, severity, T0, Channel.PHONE, "x"),
                             MAJOR_POLICY if severity is Severity.MAJOR else GENERAL_POLICY, CAL)
    assert [(e.kind, e.timer_kind) for e in events] == [(EventKind.RECEIVED, None)] + [
        (EventKind.TIMER_ACTIVATED, kind) for kind in due]
    assert all(e.at == T0 for e in events)


def test_working_timers_of_a_weekend_complaint_start_on_monday() -> None:
    saturday = datetime(2026, 2, 28, 4, 0, tzinfo=UTC)  # Saturday noon in Shanghai
    c = received(Severity.MAJOR, saturday)
    assert c.timer(FR).due_at == saturday + 24 * H  # type: ignore[union-attr]  # around the clock
    assert c.timer(CONF).due_at == utc(2, 5)  # type: ignore[union-attr]  # Monday 09:00 + 4 h = 13:00


@pytest.mark.parametrize(("after", "on_time", "status"), [(23 * H, True, TimerStatus.MET),
                                                           (25 * H, False, TimerStatus.BREACHED)])
def test_responding_meets_the_first_response_timer(after: timedelta, on_time: bool, status: TimerStatus) -> None:
    c = received(Severity.GENERAL)
    change = respond(c, Role.SERVICE_AGENT, T0 + after, "called", CAL)
    first = change.complaint.timer(FR)
    assert first is not None and first.met_at == T0 + after
    assert timer_status(first, T0 + 30 * H) is status
    assert change.complaint.timer(RES) == c.timer(RES)  # still running
    assert change.complaint.responded_at == T0 + after
    assert [(e.kind, e.timer_kind, e.data.get("on_time")) for e in change.events] == [
        (EventKind.RESPONDED, None, None), (EventKind.TIMER_MET, FR, on_time)]


def test_escalating_starts_confirmation_now_and_the_major_resolution_from_the_complaint() -> None:
    c = state("general responded")
    at = T0 + 2 * H  # Monday 12:00
    change = escalate(c, Role.STORE_MANAGER, at, "beyond the store", MAJOR_POLICY, CAL)
    after = change.complaint
    assert (after.severity, after.status, after.policy_id) == (Severity.MAJOR, ComplaintStatus.RESPONDED, 2)
    assert after.timer(FR) == c.timer(FR)  # kept, met
    assert after.timer(CONF).started_at == at and after.timer(CONF).due_at == utc(2, 8)  # type: ignore[union-attr]
    assert after.timer(RES).started_at == T0 and after.timer(RES).due_at == utc(16, 2)  # type: ignore[union-attr]
    assert [(e.kind, e.timer_kind, e.at) for e in change.events] == [
        (EventKind.ESCALATED, None, at), (EventKind.TIMER_ACTIVATED, CONF, at), (EventKind.TIMER_ACTIVATED, RES, at)]


def test_confirming_meets_the_confirmation_timer() -> None:
    c = state("major responded")
    change = confirm(c, Role.HQ_KEY_ACCOUNT, T0 + 3 * H, True, "true", CAL)
    assert change.complaint.verified is True
    assert change.complaint.timer(CONF).met_at == T0 + 3 * H  # type: ignore[union-attr]
    assert change.complaint.timer(RES).met_at is None  # type: ignore[union-attr]
    assert [e.timer_kind for e in change.events if e.kind is EventKind.TIMER_MET] == [CONF]


def test_not_verified_closes_the_complaint_and_stops_every_open_timer() -> None:
    c = state("major received, paused")
    at = T0 + 3 * H
    change = confirm(c, Role.ADMIN, at, False, "untrue", CAL)
    after = change.complaint
    assert (after.status, after.closure_reason, after.verified, after.closed_at) == (
        ComplaintStatus.CLOSED, ClosureReason.NOT_VERIFIED, False, at)
    assert after.paused_at is None and after.pause_reason is None
    assert all(t.met_at == at and t.paused_at is None for t in after.timers)
    assert [e.timer_kind for e in change.events if e.kind is EventKind.TIMER_MET] == [FR, CONF, RES]


def test_pausing_stops_working_time_timers_only() -> None:
    c = received(Severity.MAJOR)
    at = T0 + H
    change = pause(c, Role.SERVICE_AGENT, at, "waiting for photos")
    after = change.complaint
    assert after.timer(FR).paused_at is None  # type: ignore[union-attr]  # the 24 clock hours keep running
    assert after.timer(CONF).paused_at == at and after.timer(RES).paused_at == at  # type: ignore[union-attr]
    assert (after.paused_at, after.pause_reason) == (at, "waiting for photos")
    assert [(e.kind, e.timer_kind) for e in change.events] == [
        (EventKind.PAUSED, None), (EventKind.TIMER_PAUSED, CONF), (EventKind.TIMER_PAUSED, RES)]
    assert {r.kind: r.status for r in read_timers(after, CAL, at + H)} == {
        FR: TimerStatus.RUNNING, CONF: TimerStatus.PAUSED, RES: TimerStatus.PAUSED}


def test_resuming_adds_the_paused_working_time_to_the_deadlines() -> None:
    c = pause(received(Severity.MAJOR), Role.SERVICE_AGENT, T0 + H, "waiting").complaint  # Monday 11:00
    resumed_at = utc(3, 3)  # Tuesday 11:00: 7 working hours on Monday and 2 on Tuesday were paused
    change = resume(c, Role.SERVICE_AGENT, resumed_at, CAL)
    after = change.complaint
    assert after.timer(FR) == c.timer(FR)
    confirmation = after.timer(CONF)
    assert confirmation is not None and confirmation.paused_for == 9 * H
    assert confirmation.due_at == utc(3, 6)  # Monday 14:00 + 9 working hours = Tuesday 14:00
    assert after.paused_at is None and after.pause_reason is None
    assert [(e.kind, e.timer_kind) for e in change.events] == [
        (EventKind.RESUMED, None), (EventKind.TIMER_RESUMED, CONF), (EventKind.TIMER_RESUMED, RES)]


def test_resolving_a_paused_complaint_resumes_and_meets_its_resolution_timer() -> None:
    c = state("general responded, paused")  # paused Monday 12:00
    at = utc(3, 3)  # Tuesday 11:00: 8 working hours paused
    change = resolve(c, Role.STORE_MANAGER, at, [REFUND], "refunded", CAL)
    resolution = change.complaint.timer(RES)
    assert resolution is not None and resolution.met_at == at and resolution.paused_at is None
    assert resolution.paused_for == 8 * H
    assert change.complaint.remedies == (REFUND,)
    assert (change.complaint.status, change.complaint.resolved_at, change.complaint.paused_at) == (
        ComplaintStatus.RESOLVED, at, None)
    assert change.events[0].data["remedies"] == [{"kind": "compensation", "amount": "200.00", "note": "refund"}]


def test_a_complaint_shows_breached_once_a_deadline_passes_unmet() -> None:
    c = received(Severity.GENERAL)
    assert not c.breached(T0 + 24 * H)
    assert c.breached(T0 + 24 * H + timedelta(seconds=1))
    assert {r.kind: r.status for r in read_timers(c, CAL, T0 + 19 * H)}[FR] is TimerStatus.WARNING


def test_closing_return_visit_and_feedback_leave_the_timers_alone() -> None:
    c = state("general resolved")
    closed = close(c, Role.STORE_MANAGER, T0 + 5 * H).complaint
    visited = record_return_visit(closed, Role.SERVICE_AGENT, T0 + 6 * H, 5, "happy").complaint
    learned = record_feedback(visited, Role.SERVICE_AGENT, T0 + 7 * H, "check the crates").complaint
    assert closed.timers == visited.timers == learned.timers == c.timers
    assert (closed.closure_reason, closed.closed_at) == (ClosureReason.RESOLVED, T0 + 5 * H)
    assert (learned.satisfaction, learned.return_visit_note, learned.feedback) == (5, "happy", "check the crates")


# --- when actions may be dated, and which policy applies ----------------------------------------------------


@pytest.mark.parametrize(("at", "fields"), [
    (T0 + 2 * H, []),
    (T0 + H, []),  # the last event's own instant
    (T0 + 3 * H, ["at"]),  # the future
    (T0, ["at"]),  # before the last event
])
def test_back_dating_a_pause_or_resume(at: datetime, fields: list[str]) -> None:
    assert [e.field for e in action_time_problems(at, T0 + 2 * H, T0 + H)] == fields


def _policy(policy_id: int, level: str | None = None, category: str | None = None, *,
            severity: Severity = Severity.GENERAL, active: bool = True) -> SlaPolicy:
    return SlaPolicy(policy_id, f"p{policy_id}", severity, level, category, 1, GENERAL_POLICY.targets,
                     active=active)


@pytest.mark.parametrize(("level", "category", "chosen"), [
    ("KA1", "stronghold", 4),  # level and category beat either alone
    ("KA1", "watch", 2),
    (None, "stronghold", 3),
    ("KA2", None, 1),
    (None, None, 1),  # the lowest id of the equally general ones
])
def test_the_most_specific_active_policy_applies(level: str | None, category: str | None, chosen: int) -> None:
    policies = [_policy(6, "KA1", "stronghold", active=False), _policy(5, "KA1", "stronghold",
                                                                        severity=Severity.MAJOR),
                _policy(4, "KA1", "stronghold"), _policy(3, None, "stronghold"), _policy(2, "KA1"), _policy(7),
                _policy(1)]
    found = choose_policy(policies, Severity.GENERAL, level, category)
    assert found is not None and found.id == chosen


def test_no_policy_for_a_severity_nobody_covers() -> None:
    assert choose_policy([_policy(1)], Severity.MAJOR, None, None) is None


def test_policy_problems() -> None:
    assert GENERAL_POLICY.problems() == [] and MAJOR_POLICY.problems() == []
    general_with_confirmation = SlaPolicy(1, " ", Severity.GENERAL, None, None, 1, MAJOR_POLICY.targets,
                                          warn_percent=100, hq_escalation_hours=Decimal(-1))
    assert {e.field for e in general_with_confirmation.problems()} == {
        "name", "warn_percent", "hq_escalation_hours", "targets.confirmation"}
    major_without = SlaPolicy(2, "m", Severity.MAJOR, None, None, 1, {
        FR: SlaTarget(Decimal(0), TargetUnit.CLOCK_HOURS), RES: MAJOR_POLICY.targets[RES]})
    assert {e.field for e in major_without.problems()} == {"targets.confirmation", "targets.first_response.amount"}


def test_working_days_are_the_calendars_working_day() -> None:
    assert SlaTarget(Decimal("1.5"), TargetUnit.WORKING_DAYS).budget(CAL) == 13.5 * H
    assert SlaTarget(Decimal(2), TargetUnit.WORKING_HOURS).basis is TimeBasis.WORKING
