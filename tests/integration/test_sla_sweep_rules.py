"""The SQL sweep (repositories/sla/repository.py) follows the escalation rules of domain/sla/model.py: before each
of a series of sweeps the timers and the people are read, the rules say which steps are due and who is told,
and the SQL sweep records exactly those steps and sends exactly those notifications (each once)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from api.security import Argon2PasswordHasher
from domain.complaints import service as complaint_svc
from domain.complaints.model import Channel, NewComplaint
from domain.customers import service as customer_svc
from domain.organisation import service as org
from domain.organisation.model import Principal, Role, User
from domain.sla.model import (
    ESCALATIONS,
    ComplaintPeople,
    EscalationLevel,
    Severity,
    SweepStep,
    SweptTimer,
    TimeBasis,
    Timer,
    TimerKind,
    hq_escalation_at,
    recipients,
    sweep_steps,
)
from repositories.uow import SqlAlchemyUnitOfWork
from tests.fakes import FrozenClock

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Row:
    complaint_id: int
    timer: SweptTimer
    people: ComplaintPeople
    hq_escalation_hours: Decimal


async def _rows(uow: SqlAlchemyUnitOfWork) -> list[Row]:
    """Every timer as the sweep would see it, with the active people of each audience (read plainly, not by
    the sweep's SQL)."""
    async with uow:
        q = uow.session.execute
        users = (await q(text("SELECT u.id, u.role, u.is_active, o.path FROM users u "
                              "JOIN org_units o ON o.id = u.org_unit_id"))).all()
        active = {u.id for u in users if u.is_active}
        timers = (await q(text("""
            SELECT t.*, k.account_manager_id, k.received_by, o.path AS store_path, p.hq_escalation_hours
            FROM complaint_timers t JOIN complaints k ON k.id = t.complaint_id
            JOIN org_units o ON o.id = k.org_unit_id JOIN sla_policies p ON p.id = k.policy_id"""))).all()
    hq = frozenset(u.id for u in users if u.is_active and u.role == Role.HQ_KEY_ACCOUNT)
    rows = []
    for t in timers:
        store_managers = frozenset(u.id for u in users if u.is_active and u.role == Role.STORE_MANAGER
                                   and t.store_path.startswith(u.path))
        people = ComplaintPeople(t.account_manager_id if t.account_manager_id in active else None,
                                 t.received_by if t.received_by in active else None, store_managers, hq)
        timer = Timer(TimerKind(t.kind), TimeBasis(t.basis), t.budget, t.started_at, t.warn_at, t.due_at,
                      t.paused_at, t.paused_for, t.met_at)
        swept = SweptTimer(timer, t.warned_recorded_at is not None, t.breach_recorded_at is not None,
                           EscalationLevel(t.escalation_level), t.hq_escalation_at)
        rows.append(Row(t.complaint_id, swept, people, t.hq_escalation_hours))
    return rows


async def _last_ids(uow: SqlAlchemyUnitOfWork) -> Any:
    async with uow:
        return (await uow.session.execute(text(
            "SELECT (SELECT coalesce(max(id), 0) FROM complaint_events) AS event, "
            "(SELECT coalesce(max(id), 0) FROM notifications) AS notification"))).one()


async def _sweep_and_compare(uow: SqlAlchemyUnitOfWork, now: datetime) -> Counter[SweepStep]:
    rows = await _rows(uow)
    before = await _last_ids(uow)
    expected_steps: set[tuple[int, TimerKind, SweepStep]] = set()
    expected_notes: list[tuple[int, str, int, str]] = []
    expected_hq_at: dict[tuple[int, TimerKind], datetime] = {}
    for row in rows:
        for step in sweep_steps(row.timer, now, row.hq_escalation_hours):
            kind = row.timer.timer.kind
            expected_steps.add((row.complaint_id, kind, step))
            expected_notes += [(user, str(ESCALATIONS[step].notification), row.complaint_id, str(kind))
                               for user in recipients(step, row.people)]
            if step is SweepStep.BREACH:
                expected_hq_at[(row.complaint_id, kind)] = hq_escalation_at(now, row.hq_escalation_hours)

    async with uow:
        outcome = await uow.sla.sweep(now, 1000)
        await uow.commit()

    async with uow:
        q = uow.session.execute
        events = (await q(text("SELECT complaint_id, kind, timer_kind, data FROM complaint_events WHERE id > :id"),
                          {"id": before.event})).all()
        notes = (await q(text("SELECT user_id, kind, complaint_id, timer_kind FROM notifications WHERE id > :id"),
                         {"id": before.notification})).all()
        hq_at = {(r.complaint_id, TimerKind(r.kind)): r.hq_escalation_at for r in (await q(text(
            "SELECT complaint_id, kind, hq_escalation_at FROM complaint_timers WHERE breach_recorded_at = :now"),
            {"now": now})).all()}
    steps: set[tuple[int, TimerKind, SweepStep]] = set()
    for e in events:
        if e.kind == "timer_warned":
            steps.add((e.complaint_id, TimerKind(e.timer_kind), SweepStep.WARN))
        elif e.kind == "timer_breached":
            steps.add((e.complaint_id, TimerKind(e.timer_kind), SweepStep.BREACH))
        else:
            step = SweepStep.BREACH if e.data["level"] == EscalationLevel.STORE else SweepStep.ESCALATE_TO_HQ
            assert e.data == ESCALATIONS[step].event_data()
            if step is SweepStep.ESCALATE_TO_HQ:
                steps.add((e.complaint_id, TimerKind(e.timer_kind), step))
    assert steps == expected_steps
    assert Counter(tuple(n) for n in notes) == Counter(expected_notes)  # the same people, each told once
    assert hq_at == expected_hq_at
    counted = Counter(step for _, _, step in expected_steps)
    assert (outcome.warned, outcome.breached, outcome.escalated_to_hq) == (
        counted[SweepStep.WARN], counted[SweepStep.BREACH], counted[SweepStep.ESCALATE_TO_HQ])
    return counted


async def test_the_sql_sweep_follows_the_domain_rules(uow: SqlAlchemyUnitOfWork, users: dict[str, User],
                                                      clock: FrozenClock) -> None:
    hasher = Argon2PasswordHasher()
    extra = {}
    for name, role, unit in (("sm_pd", Role.STORE_MANAGER, "SH-PD"), ("sm_gone", Role.STORE_MANAGER, "SH"),
                             ("hq_gone", Role.HQ_KEY_ACCOUNT, "KAD"), ("am_gone", Role.ACCOUNT_MANAGER, "SH")):
        extra[name] = await org.create_user(uow, None, hasher, username=name, password="correct-horse-battery-9",
                                            role=role, org_unit_code=unit, display_name=None, clock=clock)
    customers = {}
    for owner in ("am_li", "am_zhang", "am_wang", "am_gone"):
        person = extra.get(owner) or users[owner]
        customers[owner] = await customer_svc.create_customer(
            uow, Principal(user=person), {"name": f"规则测试酒店 {owner}", "customer_type": "hotel"},
            owner_id=None, org_unit_code=None, clock=clock)
    async with uow:  # people who leave: inactive users are told nothing
        await uow.session.execute(text("UPDATE users SET is_active = false WHERE username LIKE '%\\_gone'"))
        await uow.commit()

    now = clock.now()
    complaints = []
    for i, (owner, receiver, hours_ago, severity) in enumerate((
            ("am_li", "cs", 1, Severity.GENERAL), ("am_li", "am_li", 20, Severity.GENERAL),
            ("am_zhang", "cs", 30, Severity.MAJOR), ("am_wang", "am_wang", 72, Severity.GENERAL),
            ("am_gone", "cs", 19, Severity.MAJOR), ("am_li", "cs", 3, Severity.MAJOR),
            ("am_zhang", "am_zhang", 100, Severity.GENERAL))):
        receiving = Principal(user=users[receiver])
        new = NewComplaint(customers[owner].id, severity, now - hours_ago * HOUR, Channel.PHONE, f"规则 {i}")
        complaints.append((receiving, (await complaint_svc.create(uow, receiving, new, clock=clock)).complaint))
    # One answered in time, one paused (waiting on the customer).
    await complaint_svc.respond(uow, complaints[1][0], complaints[1][1].id, "called back", clock=clock)
    await complaint_svc.pause(uow, complaints[5][0], complaints[5][1].id, "waiting for photos", None, clock=clock)
    async with uow:  # major complaints go on to HQ at once: breach and escalation in one sweep
        await uow.session.execute(text("UPDATE sla_policies SET hq_escalation_hours = 0 WHERE severity = 'major'"))
        await uow.commit()

    seen: Counter[SweepStep] = Counter()
    for later in (0 * HOUR, 2 * HOUR, 20 * HOUR, 30 * HOUR, 3 * 24 * HOUR, 10 * 24 * HOUR):
        seen += await _sweep_and_compare(uow, now + later)
    # The series exercised every step (else the comparison above would prove little).
    assert seen[SweepStep.WARN] and seen[SweepStep.BREACH] and seen[SweepStep.ESCALATE_TO_HQ]
