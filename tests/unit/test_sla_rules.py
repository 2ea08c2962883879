"""The SLA sweep's escalation rules (domain/sla/model.py): what the sweep records for a timer, and who is told.
tests/integration/test_sla_sweep_rules.py holds the SQL sweep to the same rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.notifications.model import NotificationKind
from domain.sla.model import (
    ESCALATIONS,
    ComplaintPeople,
    EscalationLevel,
    SweepStep,
    SweptTimer,
    TimeBasis,
    Timer,
    TimerKind,
    hq_escalation_at,
    next_step,
    recipients,
    sweep_steps,
)

START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
# A 24-hour timer warned at 75 %: warn at +18 h, due at +24 h.
TIMER = Timer(TimerKind.FIRST_RESPONSE, TimeBasis.CLOCK, timedelta(hours=24), START, START + timedelta(hours=18),
              START + timedelta(hours=24))
WARN_AT, DUE_AT = TIMER.warn_at, TIMER.due_at
HOUR = timedelta(hours=1)


def swept(**changes: object) -> SweptTimer:
    timer_changes = {k: changes.pop(k) for k in ("paused_at", "met_at") if k in changes}
    return SweptTimer(replace(TIMER, **timer_changes), **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(("timer", "now", "expected"), [
    (swept(), WARN_AT - HOUR, None),  # not yet
    (swept(), WARN_AT, SweepStep.WARN),  # 75 % used
    (swept(), DUE_AT, SweepStep.WARN),  # the deadline itself is not yet a breach
    (swept(warned=True), WARN_AT + HOUR, None),  # warned once only
    (swept(paused_at=WARN_AT - HOUR), WARN_AT + HOUR, None),  # a paused timer is not warned
    (swept(), DUE_AT + HOUR, SweepStep.BREACH),  # past the deadline: breached, not warned
    (swept(warned=True), DUE_AT + HOUR, SweepStep.BREACH),
    (swept(paused_at=DUE_AT - HOUR), DUE_AT + HOUR, None),  # paused before the deadline
    (swept(paused_at=DUE_AT + HOUR), DUE_AT + 2 * HOUR, SweepStep.BREACH),  # a later pause does not undo it
    (swept(paused_at=DUE_AT), DUE_AT + HOUR, None),  # paused right at the deadline: not past it
    (swept(met_at=DUE_AT + HOUR), DUE_AT + 2 * HOUR, None),  # met late: the flow records that breach
    (swept(breach_recorded=True, escalation_level=EscalationLevel.STORE, hq_escalation_at=DUE_AT + 25 * HOUR),
     DUE_AT + 24 * HOUR, None),  # breached, HQ not yet
    (swept(breach_recorded=True, escalation_level=EscalationLevel.STORE, hq_escalation_at=DUE_AT + 25 * HOUR),
     DUE_AT + 25 * HOUR, SweepStep.ESCALATE_TO_HQ),
    (swept(breach_recorded=True, escalation_level=EscalationLevel.STORE, hq_escalation_at=DUE_AT + 25 * HOUR,
           met_at=DUE_AT + 3 * HOUR), DUE_AT + 30 * HOUR, None),  # met after the breach: HQ is not troubled
    (swept(breach_recorded=True, escalation_level=EscalationLevel.HQ, hq_escalation_at=DUE_AT + 25 * HOUR),
     DUE_AT + 30 * HOUR, None),  # at HQ already
])
def test_next_step(timer: SweptTimer, now: datetime, expected: SweepStep | None) -> None:
    assert next_step(timer, now) is expected


def test_a_breach_goes_on_to_hq_the_policys_hours_after_it_was_recorded() -> None:
    now = DUE_AT + 2 * HOUR
    assert hq_escalation_at(now, Decimal(24)) == now + 24 * HOUR
    assert hq_escalation_at(now, Decimal("1.5")) == now + timedelta(minutes=90)
    assert sweep_steps(swept(), now, Decimal(24)) == [SweepStep.BREACH]
    # Breached and still not met a day later: HQ.
    assert sweep_steps(swept(breach_recorded=True, escalation_level=EscalationLevel.STORE,
                             hq_escalation_at=now + 24 * HOUR), now + 24 * HOUR, Decimal(24)) == [
        SweepStep.ESCALATE_TO_HQ]
    # A policy escalating after 0 hours sends the breach on to HQ in the same sweep, once.
    assert sweep_steps(swept(), now, Decimal(0)) == [SweepStep.BREACH, SweepStep.ESCALATE_TO_HQ]
    assert sweep_steps(swept(), WARN_AT, Decimal(0)) == [SweepStep.WARN]


PEOPLE = ComplaintPeople(account_manager=1, receiver=2, store_managers=frozenset({3, 4}),
                         hq_key_account=frozenset({5, 6}))


def test_the_people_handling_the_complaint_are_warned() -> None:
    assert recipients(SweepStep.WARN, PEOPLE) == {1, 2}
    assert recipients(SweepStep.WARN, replace(PEOPLE, receiver=1)) == {1}  # once each
    assert recipients(SweepStep.WARN, replace(PEOPLE, account_manager=None)) == {2}  # none, or not active


def test_a_breach_goes_to_the_store_managers_up_the_tree_and_the_account_manager() -> None:
    assert recipients(SweepStep.BREACH, PEOPLE) == {1, 3, 4}
    assert recipients(SweepStep.BREACH, replace(PEOPLE, account_manager=3)) == {3, 4}


def test_an_escalation_to_hq_goes_to_every_hq_key_account_user_only() -> None:
    assert recipients(SweepStep.ESCALATE_TO_HQ, PEOPLE) == {5, 6}
    assert recipients(SweepStep.ESCALATE_TO_HQ, replace(PEOPLE, hq_key_account=frozenset())) == frozenset()


def test_each_step_records_its_notification_and_escalation() -> None:
    assert {step: e.notification for step, e in ESCALATIONS.items()} == {
        SweepStep.WARN: NotificationKind.TIMER_WARNED, SweepStep.BREACH: NotificationKind.TIMER_BREACHED,
        SweepStep.ESCALATE_TO_HQ: NotificationKind.ESCALATED_TO_HQ}
    assert ESCALATIONS[SweepStep.WARN].level is None
    assert ESCALATIONS[SweepStep.BREACH].event_data() == {"level": 1, "to": "store_manager"}
    assert ESCALATIONS[SweepStep.ESCALATE_TO_HQ].event_data() == {"level": 2, "to": "hq_key_account"}
