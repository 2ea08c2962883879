"""Use cases of complaints, score sheets and customers on the in-memory fakes (tests/fakes.py): business outcomes,
and that a refused action leaves the store as it was (nothing committed, nothing half-written).

The organisation is tests/conftest.py's (HQ > OPS > KAD; HQ > SH > SH-PD; HQ > HZ). NOW is Monday 2 March 2026,
10:00 in Shanghai (02:00 UTC), in quarter 2026Q1.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain.complaints import service as complaint_svc
from domain.complaints.model import (
    Action,
    Channel,
    ClosureReason,
    ComplaintStatus,
    ComplaintView,
    Department,
    EventKind,
    NewComplaint,
    Remedy,
    RemedyKind,
)
from domain.customers import service as customer_svc
from domain.customers.model import CustomerType, Partition
from domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    RuleViolation,
)
from domain.integrations.model import IdempotencyRequest
from domain.notifications.model import NotificationKind
from domain.organisation.model import Principal
from domain.scoring import sheets as sheet_svc
from domain.scoring.model import Dimension, Grade, PeriodMeasures, Quarter, SheetStatus, default_score_model
from domain.sla.model import BusinessCalendar, NamedCalendar, Severity, SlaPolicy, SlaTarget, TargetUnit, TimerKind
from domain.tiering.model import default_category_rules
from tests.fakes import FakeDb, FakeUnitOfWork, FrozenClock, Notified, base_db

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
H = timedelta(hours=1)
TZ = "Asia/Shanghai"
Q1 = Quarter(2026, 1)
FR, CONF, RES = TimerKind.FIRST_RESPONSE, TimerKind.CONFIRMATION, TimerKind.RESOLUTION


@pytest.fixture
def db() -> FakeDb:
    db = base_db(NOW - timedelta(days=400))
    calendar_id = db.next_id()
    db.calendars[calendar_id] = NamedCalendar(calendar_id, "standard", BusinessCalendar(), 1)
    for severity, targets in (
            (Severity.GENERAL, {FR: SlaTarget(Decimal(24), TargetUnit.CLOCK_HOURS),
                                RES: SlaTarget(Decimal(3), TargetUnit.WORKING_DAYS)}),
            (Severity.MAJOR, {FR: SlaTarget(Decimal(24), TargetUnit.CLOCK_HOURS),
                              CONF: SlaTarget(Decimal(4), TargetUnit.WORKING_HOURS),
                              RES: SlaTarget(Decimal(10), TargetUnit.WORKING_DAYS)})):
        policy_id = db.next_id()
        db.policies[policy_id] = SlaPolicy(policy_id, str(severity), severity, None, None, calendar_id, targets)
    model_id = db.next_id()
    db.score_models[model_id] = replace(default_score_model(), id=model_id)
    db.category_rules = list(default_category_rules())
    at = NOW - timedelta(days=30)
    db.add_customer("金陵饭店", "am_zhang", "SH", at=at)
    db.add_customer("浦东酒家", "am_li", "SH-PD", at=at, customer_type=CustomerType.RESTAURANT)
    db.add_customer("西湖宾馆", "am_wang", "HZ", at=at, external_id="ERP-1")
    return db


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def uow(db: FakeDb, clock: FrozenClock) -> FakeUnitOfWork:
    return FakeUnitOfWork(db, clock)


def who(uow: FakeUnitOfWork, username: str) -> Principal:
    return Principal(user=uow.committed.user(username))


def customer_id(uow: FakeUnitOfWork, name: str) -> int:
    return next(c.id for c in uow.committed.customers.values() if c.name == name)


async def refused(uow: FakeUnitOfWork, error: type[DomainError], call: Awaitable[Any]) -> DomainError:
    """Awaits a use case that must refuse with `error`, and checks it left the store exactly as it was."""
    before, commits = copy.deepcopy(uow.committed), uow.commits
    with pytest.raises(error) as caught:
        await call
    assert uow.commits == commits
    assert uow.committed == before
    return caught.value


def fields(error: DomainError) -> set[str]:
    assert isinstance(error, RuleViolation)
    return {e.field for e in error.errors}


# --- the fake unit of work itself ----------------------------------------------------------------------------


async def test_the_fake_forgets_what_was_not_committed(uow: FakeUnitOfWork) -> None:
    async with uow:
        added = await uow.customers.add({"name": "临时", "customer_type": "hotel"}, owner_id=None,
                                        org_unit_id=uow.committed.unit("SH").id, at=uow.clock.now())
        assert added.id in uow.customers.db.customers
    assert added.id not in uow.committed.customers
    async with uow:
        await uow.customers.add({"name": "留下", "customer_type": "hotel"}, owner_id=None,
                                org_unit_id=uow.committed.unit("SH").id, at=uow.clock.now())
        await uow.commit()
        await uow.customers.add({"name": "没提交", "customer_type": "hotel"}, owner_id=None,
                                org_unit_id=uow.committed.unit("SH").id, at=uow.clock.now())
    names = {c.name for c in uow.committed.customers.values()}
    assert "留下" in names and "没提交" not in names and uow.commits == 1


# --- complaints ----------------------------------------------------------------------------------------------


def new_complaint(uow: FakeUnitOfWork, customer: str = "金陵饭店", severity: Severity = Severity.GENERAL,
                  received_at: datetime = NOW - H, summary: str = "玻璃杯破损") -> NewComplaint:
    return NewComplaint(customer_id(uow, customer), severity, received_at, Channel.PHONE, summary)


async def record(uow: FakeUnitOfWork, clock: FrozenClock, severity: Severity = Severity.GENERAL,
                 by: str = "cs") -> ComplaintView:
    return await complaint_svc.create(uow, who(uow, by), new_complaint(uow, severity=severity), clock=clock)


async def test_recording_a_complaint_starts_its_timers_from_when_the_customer_complained(
        uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    view = await record(uow, clock)
    c = view.complaint
    assert (c.status, c.severity, c.customer_name, c.org_unit_name) == (
        ComplaintStatus.RECEIVED, Severity.GENERAL, "金陵饭店", "SH")
    assert c.account_manager is not None and c.account_manager.username == "am_zhang"
    assert c.received_by is not None and c.received_by.username == "cs"
    # Received Monday 09:00 in Shanghai: 24 clock hours; 3 working days of 9 hours end Wednesday 18:00.
    assert {t.kind: t.due_at for t in c.timers} == {FR: NOW + 23 * H, RES: datetime(2026, 3, 4, 10, 0, tzinfo=UTC)}
    assert view.actions == [Action.RESPOND, Action.ESCALATE, Action.PAUSE]
    assert [e.kind for e in view.events or []] == [EventKind.RECEIVED, EventKind.TIMER_ACTIVATED,
                                                   EventKind.TIMER_ACTIVATED]
    assert list(uow.committed.complaints) == [c.id]
    [(entry, at)] = uow.committed.audit
    assert (entry.action, entry.entity_id, entry.customer_id, at) == ("create", c.id, c.customer_id, NOW)
    assert uow.committed.notifications == []  # a general complaint waits for nobody at HQ


async def test_a_major_complaint_tells_hq_it_awaits_confirmation(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    c = (await record(uow, clock, Severity.MAJOR)).complaint
    hq = uow.committed.user("hq")
    assert uow.committed.notifications == [Notified(hq.id, NotificationKind.CONFIRMATION_NEEDED, c.id, NOW)]
    assert {t.kind for t in c.timers} == {FR, CONF, RES}


@pytest.mark.parametrize(("by", "customer", "received_at", "summary", "error", "bad"), [
    ("analyst", "金陵饭店", NOW, "x", Forbidden, set()),
    ("am_zhang", "西湖宾馆", NOW, "x", RuleViolation, {"customer_id"}),  # not in the caller's scope
    ("cs", "金陵饭店", NOW + H, " ", RuleViolation, {"received_at", "summary"}),
])
async def test_recording_refused(uow: FakeUnitOfWork, clock: FrozenClock, by: str, customer: str,
                                 received_at: datetime, summary: str, error: type[DomainError],
                                 bad: set[str]) -> None:
    new = new_complaint(uow, customer, received_at=received_at, summary=summary)
    caught = await refused(uow, error, complaint_svc.create(uow, who(uow, by), new, clock=clock))
    if bad:
        assert fields(caught) == bad


async def test_a_replayed_complaint_is_recorded_once(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    key = IdempotencyRequest("user:cs", "k-1", "hash-1")
    first = await complaint_svc.create(uow, who(uow, "cs"), new_complaint(uow), clock=clock, idempotency=key)
    again = await complaint_svc.create(uow, who(uow, "cs"), new_complaint(uow), clock=clock, idempotency=key)
    assert again.complaint.id == first.complaint.id
    assert len(uow.committed.complaints) == 1


async def test_a_refused_complaint_does_not_use_up_its_idempotency_key(uow: FakeUnitOfWork,
                                                                       clock: FrozenClock) -> None:
    """The key is claimed inside the transaction, before the customer is checked: the refusal rolls it back."""
    key = IdempotencyRequest("user:am_zhang", "k-2", "hash-2")
    outside = new_complaint(uow, "西湖宾馆")
    await refused(uow, RuleViolation,
                  complaint_svc.create(uow, who(uow, "am_zhang"), outside, clock=clock, idempotency=key))
    assert uow.committed.idempotency == {}


async def test_responding_moves_the_complaint_on_and_meets_the_first_response(uow: FakeUnitOfWork,
                                                                              clock: FrozenClock) -> None:
    c = (await record(uow, clock)).complaint
    clock.advance(hours=2)
    view = await complaint_svc.respond(uow, who(uow, "cs"), c.id, "called back", clock=clock, expected_version=1)
    after = view.complaint
    assert (after.status, after.responded_at, after.version) == (ComplaintStatus.RESPONDED, clock.now(), 2)
    assert after.timer(FR).met_at == clock.now()  # type: ignore[union-attr]
    assert view.actions == [Action.ESCALATE, Action.RESOLVE, Action.PAUSE]
    responded = [e for e in view.events or [] if e.kind is EventKind.RESPONDED]
    assert responded[0].actor is not None and responded[0].actor.username == "cs"
    assert uow.committed.complaints[c.id].last_event_at == clock.now()
    assert uow.committed.audit[-1][0].action == "responded"


@pytest.mark.parametrize(("by", "version", "error"), [
    ("cs", 7, PreconditionFailed),  # a stale If-Match
    ("sm_hz", None, NotFound),  # another store's complaint
    ("analyst", None, Forbidden),
])
async def test_responding_refused(uow: FakeUnitOfWork, clock: FrozenClock, by: str, version: int | None,
                                  error: type[DomainError]) -> None:
    c = (await record(uow, clock)).complaint
    await refused(uow, error, complaint_svc.respond(uow, who(uow, by), c.id, "x", clock=clock,
                                                    expected_version=version))


async def test_escalating_makes_the_complaint_major_under_the_major_policy(uow: FakeUnitOfWork,
                                                                           clock: FrozenClock) -> None:
    c = (await record(uow, clock)).complaint
    clock.advance(hours=1)
    view = await complaint_svc.escalate(uow, who(uow, "sm_sh"), c.id, "beyond the store", clock=clock)
    after = view.complaint
    major = next(p for p in uow.committed.policies.values() if p.severity is Severity.MAJOR)
    assert (after.severity, after.policy_id, after.policy_name) == (Severity.MAJOR, major.id, major.name)
    assert after.timer(CONF).started_at == clock.now()  # type: ignore[union-attr]
    assert after.timer(RES).started_at == c.received_at  # type: ignore[union-attr]
    hq = uow.committed.user("hq")
    assert uow.committed.notifications == [Notified(hq.id, NotificationKind.CONFIRMATION_NEEDED, c.id, clock.now())]


async def test_escalating_without_a_major_policy_changes_nothing(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    c = (await record(uow, clock)).complaint
    uow.committed.policies = {i: p for i, p in uow.committed.policies.items() if p.severity is Severity.GENERAL}
    caught = await refused(uow, Conflict, complaint_svc.escalate(uow, who(uow, "sm_sh"), c.id, "x", clock=clock))
    assert "No active SLA policy applies to major" in caught.detail


async def test_a_major_complaint_from_receipt_to_feedback(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    c = (await record(uow, clock, Severity.MAJOR)).complaint
    store, hq = who(uow, "sm_sh"), who(uow, "hq")
    clock.advance(hours=1)
    await complaint_svc.respond(uow, store, c.id, "we are on it", clock=clock)
    clock.advance(hours=1)
    view = await complaint_svc.confirm(uow, hq, c.id, True, "true", clock=clock)
    assert (view.complaint.status, view.complaint.verified) == (ComplaintStatus.IN_RESOLUTION, True)
    assert Action.SET_TASK_GROUP in view.actions
    marketing, logistics = uow.committed.user("am_zhang"), uow.committed.user("am_li")
    view = await complaint_svc.set_task_group(uow, hq, c.id, [(logistics.id, Department.PURCHASING_LOGISTICS),
                                                              (marketing.id, Department.MARKETING)], clock=clock)
    assert {(m.user.username, m.department) for m in view.complaint.task_group} == {
        ("am_zhang", Department.MARKETING), ("am_li", Department.PURCHASING_LOGISTICS)}
    assert {(n.user_id, n.kind) for n in uow.committed.notifications} >= {
        (marketing.id, NotificationKind.TASK_GROUP), (logistics.id, NotificationKind.TASK_GROUP)}
    clock.advance(days=2)
    remedy = Remedy(RemedyKind.REPLACEMENT, Decimal("860.00"), "new glasses")
    view = await complaint_svc.resolve(uow, hq, c.id, [remedy], "replaced", clock=clock)
    assert (view.complaint.status, view.complaint.remedies) == (ComplaintStatus.RESOLVED, (remedy,))
    assert all(t.met_at is not None for t in view.complaint.timers)
    await complaint_svc.close(uow, store, c.id, clock=clock)
    clock.advance(days=7)
    await complaint_svc.return_visit(uow, who(uow, "cs"), c.id, 5, "happy", clock=clock)
    view = await complaint_svc.feedback(uow, store, c.id, "check crates before loading", clock=clock)
    after = view.complaint
    assert (after.status, after.closure_reason, after.satisfaction, after.feedback) == (
        ComplaintStatus.CLOSED, ClosureReason.RESOLVED, 5, "check crates before loading")
    assert view.actions == [Action.FEEDBACK]
    assert [e.kind for e in view.events or [] if not e.kind.startswith("timer_")] == [
        EventKind.RECEIVED, EventKind.RESPONDED, EventKind.CONFIRMED, EventKind.TASK_GROUP_SET,
        EventKind.RESOLVED, EventKind.CLOSED, EventKind.RETURN_VISIT, EventKind.FEEDBACK]
    assert after.version == 8


async def test_complaint_actions_refused_leave_it_as_it_was(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    c = (await record(uow, clock, Severity.MAJOR)).complaint
    store, hq = who(uow, "sm_sh"), who(uow, "hq")
    clock.advance(hours=1)
    await refused(uow, Conflict, complaint_svc.resolve(uow, hq, c.id, [], "too early", clock=clock))
    await refused(uow, Forbidden, complaint_svc.confirm(uow, store, c.id, True, "", clock=clock))
    await refused(uow, RuleViolation, complaint_svc.confirm(uow, hq, c.id, False, " ", clock=clock))
    await refused(uow, Conflict, complaint_svc.escalate(uow, store, c.id, "already major", clock=clock))
    await refused(uow, RuleViolation, complaint_svc.pause(uow, store, c.id, " ", None, clock=clock))
    # Back-dated before the complaint's last event (received an hour before NOW), or into the future.
    for at in (NOW - 2 * H, clock.now() + H):
        caught = await refused(uow, RuleViolation, complaint_svc.pause(uow, store, c.id, "wait", at, clock=clock))
        assert fields(caught) == {"at"}
    ghost = max(uow.committed.users) + 1
    caught = await refused(uow, RuleViolation, complaint_svc.set_task_group(
        uow, hq, c.id, [(ghost, Department.MARKETING)], clock=clock))
    assert fields(caught) == {"members.0.user_id"}
    await refused(uow, Conflict, complaint_svc.set_task_group(  # not confirmed yet
        uow, hq, c.id, [(uow.committed.user("am_li").id, Department.MARKETING)], clock=clock))
    assert uow.committed.complaints[c.id].version == 1


async def test_a_back_dated_pause_stops_the_working_timers_from_then(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    c = (await record(uow, clock)).complaint
    clock.advance(hours=3)
    view = await complaint_svc.pause(uow, who(uow, "cs"), c.id, "waiting for photos", NOW, clock=clock)
    assert view.complaint.paused_at == NOW
    assert view.complaint.timer(RES).paused_at == NOW  # type: ignore[union-attr]
    assert view.complaint.timer(FR).paused_at is None  # type: ignore[union-attr]
    assert view.actions == [Action.RESPOND, Action.RESUME]


# --- score sheets --------------------------------------------------------------------------------------------

# Every manual indicator of the default model; with 32 points computed for the transaction amount (250,000 in the
# quarter) the grades are A, A, A: a stronghold.
MANUAL = {"qualification": Decimal(18), "business_performance": Decimal(18), "designers": Decimal(18),
          "project_managers": Decimal(18), "outlets": Decimal(18), "competition": Decimal(36),
          "willingness": Decimal(18), "business_fit": Decimal(18), "satisfaction": Decimal(27),
          "order_share": Decimal(27)}


async def draft(uow: FakeUnitOfWork, clock: FrozenClock, by: str = "am_zhang") -> sheet_svc.SheetView:
    jinling = customer_id(uow, "金陵饭店")
    uow.committed.measures[(jinling, Q1)] = PeriodMeasures(Decimal(250_000), Decimal(900_000), None)
    return await sheet_svc.create_sheet(uow, who(uow, by), jinling, "2026Q1", clock=clock, time_zone=TZ)


async def submitted(uow: FakeUnitOfWork, clock: FrozenClock, by: str = "am_zhang") -> int:
    sheet = (await draft(uow, clock, by)).sheet
    view = await sheet_svc.update_sheet(uow, who(uow, by), sheet.id, MANUAL, {}, sheet.version, clock=clock)
    await sheet_svc.submit_sheet(uow, who(uow, by), sheet.id, view.sheet.version, clock=clock)
    return sheet.id


async def test_a_new_sheet_is_a_draft_with_what_the_data_computes(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    view = await draft(uow, clock)
    sheet = view.sheet
    assert (sheet.status, sheet.period, sheet.customer.name, sheet.version) == (SheetStatus.DRAFT, Q1, "金陵饭店", 1)
    assert sheet.values == {"transaction_amount": Decimal(32)}  # 250,000 reaches the 200,000 step
    assert sheet.computed["transaction_amount"].measured == Decimal(250_000)
    assert view.model.id == sheet.model_id
    assert uow.committed.audit[-1][0].action == "score_sheet_create"


@pytest.mark.parametrize(("by", "customer", "period", "error"), [
    ("am_zhang", "西湖宾馆", "2026Q1", NotFound),  # another account manager's customer
    ("am_zhang", "金陵饭店", "2026Q2", RuleViolation),  # a quarter that has not started
    ("am_zhang", "金陵饭店", "2026Q5", RuleViolation),
    ("analyst", "金陵饭店", "2026Q1", Forbidden),
])
async def test_creating_a_sheet_refused(uow: FakeUnitOfWork, clock: FrozenClock, by: str, customer: str,
                                        period: str, error: type[DomainError]) -> None:
    await refused(uow, error, sheet_svc.create_sheet(uow, who(uow, by), customer_id(uow, customer), period,
                                                     clock=clock, time_zone=TZ))


async def test_one_sheet_per_customer_and_quarter(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    await draft(uow, clock)
    await refused(uow, Conflict, draft(uow, clock))
    assert len(uow.committed.score_sheets) == 1


async def test_updating_a_sheet_merges_values_and_notes(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    sheet = (await draft(uow, clock)).sheet
    view = await sheet_svc.update_sheet(uow, who(uow, "am_zhang"), sheet.id, {"qualification": Decimal(10)},
                                        {"qualification": " 注册资金 5000 万 "}, 1, clock=clock)
    view = await sheet_svc.update_sheet(uow, who(uow, "am_zhang"), sheet.id,
                                        {"qualification": None, "outlets": Decimal(12)}, {}, 2, clock=clock)
    assert view.sheet.values == {"transaction_amount": Decimal(32), "outlets": Decimal(12)}
    assert view.sheet.notes == {"qualification": "注册资金 5000 万"}
    assert view.sheet.version == 3
    assert [e.action for e, _ in uow.committed.audit] == ["score_sheet_create", "score_sheet_update",
                                                          "score_sheet_update"]


async def test_updating_a_sheet_refused(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    sheet = (await draft(uow, clock)).sheet
    zhang = who(uow, "am_zhang")
    caught = await refused(uow, RuleViolation, sheet_svc.update_sheet(
        uow, zhang, sheet.id, {"transaction_amount": Decimal(40), "outlets": Decimal(21), "nope": Decimal(1)}, {}, 1,
        clock=clock))
    # Overriding what the data computed needs a note; points lie within the weight; keys are the model's.
    assert fields(caught) == {"notes.transaction_amount", "values.outlets", "values.nope"}
    await refused(uow, PreconditionFailed, sheet_svc.update_sheet(uow, zhang, sheet.id, {}, {}, 2, clock=clock))
    await refused(uow, PreconditionRequired, sheet_svc.update_sheet(uow, zhang, sheet.id, {}, {}, None, clock=clock))
    view = await sheet_svc.update_sheet(uow, zhang, sheet.id, {"transaction_amount": Decimal(40)},
                                        {"transaction_amount": "a big order booked in April"}, 1, clock=clock)
    assert view.sheet.overridden() == ["transaction_amount"]


async def test_submitting_needs_every_indicator(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    sheet = (await draft(uow, clock)).sheet
    caught = await refused(uow, RuleViolation, sheet_svc.submit_sheet(uow, who(uow, "am_zhang"), sheet.id, None,
                                                                      clock=clock))
    assert fields(caught) == {f"values.{k}" for k in MANUAL}


async def test_a_submitted_sheet_carries_its_grades_and_waits_for_review(uow: FakeUnitOfWork,
                                                                         clock: FrozenClock) -> None:
    sheet_id = await submitted(uow, clock)
    stored = uow.committed.score_sheets[sheet_id]
    assert stored.status is SheetStatus.SUBMITTED
    assert stored.filled_by is not None and stored.filled_by.username == "am_zhang"
    assert stored.grades == {Dimension.POTENTIAL: Grade.A, Dimension.POSSIBILITY: Grade.A, Dimension.BASIS: Grade.A}
    assert stored.category == "stronghold"
    await refused(uow, Conflict, sheet_svc.update_sheet(uow, who(uow, "am_zhang"), sheet_id, {}, {},
                                                        stored.version, clock=clock))


async def test_approving_makes_the_grades_the_customers(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    sheet_id = await submitted(uow, clock)
    clock.advance(hours=4)
    view = await sheet_svc.approve_sheet(uow, who(uow, "sm_sh"), sheet_id, " fine ", None, clock=clock)
    assert view.sheet.status is SheetStatus.APPROVED
    assert view.sheet.reviewed_by is not None and view.sheet.reviewed_by.username == "sm_sh"
    assert (view.sheet.reviewed_at, view.sheet.review_comment) == (clock.now(), "fine")
    customer = uow.committed.customers[customer_id(uow, "金陵饭店")]
    assert customer.tiers is not None
    assert (customer.tiers.category, customer.tiers.graded_period, customer.tiers.potential) == (
        "stronghold", "2026Q1", "A")
    [(_, entry)] = uow.committed.tier_history
    assert (entry.category, entry.score_sheet_id, entry.at) == ("stronghold", sheet_id, clock.now())


@pytest.mark.parametrize(("filler", "reviewer", "error"), [
    ("sm_sh", "sm_sh", Forbidden),  # the filler does not review their own sheet
    ("am_zhang", "am_zhang", Forbidden),  # account managers do not review
    ("am_zhang", "sm_hz", NotFound),  # another store's customer
])
async def test_reviewing_refused(uow: FakeUnitOfWork, clock: FrozenClock, filler: str, reviewer: str,
                                 error: type[DomainError]) -> None:
    sheet_id = await submitted(uow, clock, filler)
    await refused(uow, error, sheet_svc.approve_sheet(uow, who(uow, reviewer), sheet_id, None, None, clock=clock))
    await refused(uow, error, sheet_svc.return_sheet(uow, who(uow, reviewer), sheet_id, "redo", None, clock=clock))


async def test_only_a_submitted_sheet_is_reviewed(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    sheet = (await draft(uow, clock)).sheet
    await refused(uow, Conflict, sheet_svc.approve_sheet(uow, who(uow, "sm_sh"), sheet.id, None, None, clock=clock))
    await refused(uow, RuleViolation, sheet_svc.return_sheet(uow, who(uow, "sm_sh"), sheet.id, " ", None,
                                                             clock=clock))


async def test_a_returned_sheet_goes_back_to_its_filler_and_can_be_resubmitted(uow: FakeUnitOfWork,
                                                                               clock: FrozenClock) -> None:
    sheet_id = await submitted(uow, clock)
    view = await sheet_svc.return_sheet(uow, who(uow, "hq"), sheet_id, "check the outlets", None, clock=clock)
    assert (view.sheet.status, view.sheet.review_comment) == (SheetStatus.RETURNED, "check the outlets")
    zhang = who(uow, "am_zhang")
    view = await sheet_svc.update_sheet(uow, zhang, sheet_id, {"outlets": Decimal(2)}, {}, view.sheet.version,
                                        clock=clock)
    view = await sheet_svc.submit_sheet(uow, zhang, sheet_id, view.sheet.version, clock=clock)
    assert (view.sheet.status, view.sheet.reviewed_by, view.sheet.reviewed_at) == (SheetStatus.SUBMITTED, None, None)
    assert view.sheet.grades is not None and view.sheet.grades[Dimension.POTENTIAL] is Grade.B  # 74 of 100
    assert uow.committed.customers[customer_id(uow, "金陵饭店")].tiers is None  # nothing approved yet


# --- customers -----------------------------------------------------------------------------------------------


async def create(uow: FakeUnitOfWork, clock: FrozenClock, by: str, *, owner: str | None = None,
                 unit: str | None = None, **values: Any) -> Any:
    return await customer_svc.create_customer(
        uow, who(uow, by), {"name": "新客户", "customer_type": CustomerType.DESIGN_FIRM, **values},
        owner_id=uow.committed.user(owner).id if owner else None, org_unit_code=unit, clock=clock)


async def test_an_account_manager_creates_a_customer_they_own(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    customer = await create(uow, clock, "am_zhang", phone="13812345678", tags=["设计"])
    assert customer.owner.username == "am_zhang" and customer.org_unit.code == "SH"
    assert (customer.version, customer.phone, customer.tags) == (1, "13812345678", ("设计",))
    assert customer.code.startswith("C")
    [period] = await customer_svc.ownership_history(uow, who(uow, "am_zhang"), customer.id)
    assert (period.reason, period.started_at, period.ended_at) == ("created", NOW, None)
    entry, _ = uow.committed.audit[-1]
    assert (entry.action, entry.after["owner_id"]) == ("create", customer.owner.id)  # type: ignore[index]


async def test_a_store_manager_places_a_customer_with_an_owner_of_their_stores(uow: FakeUnitOfWork,
                                                                               clock: FrozenClock) -> None:
    customer = await create(uow, clock, "sm_sh", owner="am_li")
    assert (customer.owner.username, customer.org_unit.code) == ("am_li", "SH-PD")  # the owner's unit


@pytest.mark.parametrize(("by", "owner", "unit", "values", "error", "bad"), [
    ("analyst", None, None, {}, Forbidden, set()),
    ("am_zhang", "am_li", None, {}, RuleViolation, {"owner_id"}),  # account managers keep what they create
    ("am_zhang", None, "HZ", {}, RuleViolation, {"org_unit_code"}),  # outside their own unit
    ("sm_sh", "am_wang", None, {}, RuleViolation, {"owner_id"}),  # works in another store
    ("sm_sh", "cs", None, {}, RuleViolation, {"owner_id"}),  # a service agent owns no customers
    ("sm_sh", None, "NOPE", {}, RuleViolation, {"org_unit_code"}),
    ("admin", None, "SH", {"external_id": "ERP-1"}, RuleViolation, {"external_id"}),  # 西湖宾馆 has it
    ("admin", None, "SH", {"name": " ", "phone": "12ab"}, RuleViolation, {"name", "phone"}),
    ("admin", None, "SH", {"partition": Partition.ABANDONED}, RuleViolation, {"partition"}),
])
async def test_creating_a_customer_refused(uow: FakeUnitOfWork, clock: FrozenClock, by: str, owner: str | None,
                                           unit: str | None, values: dict[str, Any], error: type[DomainError],
                                           bad: set[str]) -> None:
    caught = await refused(uow, error, create(uow, clock, by, owner=owner, unit=unit, **values))
    if bad:
        assert fields(caught) == bad


async def test_updating_a_customer_audits_only_what_changed(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    jinling = customer_id(uow, "金陵饭店")
    uow.committed.customers[jinling].characteristics = {"scale": "大型", "credit_rating": "AA"}
    clock.advance(hours=1)
    updated = await customer_svc.update_customer(
        uow, who(uow, "am_zhang"), jinling,
        {"phone": "025-84711888", "characteristics": {"credit_rating": None, "outlet_count": 3}}, 1, clock=clock)
    assert (updated.version, updated.phone, updated.updated_at) == (2, "025-84711888", clock.now())
    assert updated.characteristics == {"scale": "大型", "outlet_count": 3}
    entry, at = uow.committed.audit[-1]
    assert (entry.action, at) == ("update", clock.now())
    assert entry.before == {"phone": None, "characteristics": {"scale": "大型", "credit_rating": "AA"}}
    assert set(entry.after or {}) == {"phone", "characteristics"}


@pytest.mark.parametrize(("by", "customer", "changes", "version", "error"), [
    ("am_zhang", "金陵饭店", {"name": "新名"}, 2, PreconditionFailed),
    ("am_zhang", "金陵饭店", {"name": "新名"}, None, PreconditionRequired),
    ("am_zhang", "金陵饭店", {"owner_id": 1}, 1, RuleViolation),  # reassigning is its own action
    ("am_zhang", "金陵饭店", {"external_id": "ERP-1"}, 1, RuleViolation),
    ("am_zhang", "西湖宾馆", {"name": "新名"}, 1, NotFound),
    ("cs", "金陵饭店", {"name": "新名"}, 1, Forbidden),  # service agents read the archive only
])
async def test_updating_a_customer_refused(uow: FakeUnitOfWork, clock: FrozenClock, by: str, customer: str,
                                           changes: dict[str, Any], version: int | None,
                                           error: type[DomainError]) -> None:
    await refused(uow, error, customer_svc.update_customer(uow, who(uow, by), customer_id(uow, customer), changes,
                                                           version, clock=clock))


async def test_reassigning_moves_customers_and_closes_the_old_ownership(uow: FakeUnitOfWork,
                                                                        clock: FrozenClock) -> None:
    jinling = customer_id(uow, "金陵饭店")
    created = NOW - timedelta(days=30)  # when the fixture filed it
    clock.advance(days=1)
    li = uow.committed.user("am_li")
    [moved] = await customer_svc.reassign_customers(uow, who(uow, "sm_sh"), [jinling, jinling], owner_id=li.id,
                                                    org_unit_code=None, reason=" 张经理离职 ", clock=clock)
    assert (moved.owner.username, moved.org_unit.code, moved.version) == ("am_li", "SH-PD", 2)  # type: ignore[union-attr]
    history = await customer_svc.ownership_history(uow, who(uow, "sm_sh"), jinling)
    assert [(p.owner.username if p.owner else None, p.started_at, p.ended_at, p.reason) for p in history] == [
        ("am_li", clock.now(), None, "张经理离职"), ("am_zhang", created, clock.now(), "created")]
    entry, _ = uow.committed.audit[-1]
    assert (entry.action, entry.after["reason"], entry.after["owner_id"]) == (  # type: ignore[index]
        "reassign", "张经理离职", li.id)
    # The former owner no longer sees the customer; the new one does.
    await refused(uow, NotFound, customer_svc.get_customer(uow, who(uow, "am_zhang"), jinling))
    assert (await customer_svc.get_customer(uow, who(uow, "am_li"), jinling)).id == jinling


@pytest.mark.parametrize(("by", "customers", "owner", "unit", "reason", "error", "bad"), [
    ("am_zhang", ["金陵饭店"], "am_li", None, "x", Forbidden, set()),  # account managers do not reassign
    ("sm_sh", ["金陵饭店"], "am_wang", None, "x", RuleViolation, {"owner_id"}),  # outside the store manager's stores
    ("sm_sh", ["金陵饭店"], "am_li", "HZ", "x", RuleViolation, {"org_unit_code"}),
    ("sm_sh", ["金陵饭店", "西湖宾馆"], "am_li", None, "x", RuleViolation, {"customer_ids"}),  # all or nothing
    ("sm_sh", ["西湖宾馆"], "am_li", None, "x", NotFound, set()),
    ("sm_sh", ["金陵饭店"], "am_li", None, " ", RuleViolation, {"reason"}),
    ("sm_sh", [], "am_li", None, "x", RuleViolation, {"customer_ids"}),
])
async def test_reassigning_refused(uow: FakeUnitOfWork, clock: FrozenClock, by: str, customers: list[str],
                                   owner: str, unit: str | None, reason: str, error: type[DomainError],
                                   bad: set[str]) -> None:
    caught = await refused(uow, error, customer_svc.reassign_customers(
        uow, who(uow, by), [customer_id(uow, c) for c in customers], owner_id=uow.committed.user(owner).id,
        org_unit_code=unit, reason=reason, clock=clock))
    if bad:
        assert fields(caught) == bad


async def test_abandoning_and_reinstating(uow: FakeUnitOfWork, clock: FrozenClock) -> None:
    jinling, zhang, today = customer_id(uow, "金陵饭店"), who(uow, "am_zhang"), date(2026, 3, 2)
    caught = await refused(uow, RuleViolation, customer_svc.abandon_customer(
        uow, zhang, jinling, reason=" ", review_on=today, today=today, expected_version=1, clock=clock))
    assert fields(caught) == {"reason", "review_on"}
    await refused(uow, RuleViolation, customer_svc.reinstate_customer(uow, zhang, jinling, expected_version=1,
                                                                      clock=clock))
    abandoned = await customer_svc.abandon_customer(uow, zhang, jinling, reason="停业装修", review_on=date(2026, 9, 1),
                                                    today=today, expected_version=1, clock=clock)
    assert (abandoned.partition, abandoned.abandon_reason, abandoned.abandon_review_on) == (
        Partition.ABANDONED, "停业装修", date(2026, 9, 1))
    back = await customer_svc.reinstate_customer(uow, zhang, jinling, expected_version=2, clock=clock)
    assert (back.partition, back.abandon_reason, back.abandon_review_on) == (Partition.REGULAR, None, None)


async def test_an_edit_does_not_reinstate_an_abandoned_customer_behind_reinstate(uow: FakeUnitOfWork,
                                                                                 clock: FrozenClock) -> None:
    jinling, zhang, today = customer_id(uow, "金陵饭店"), who(uow, "am_zhang"), date(2026, 3, 2)
    await customer_svc.abandon_customer(uow, zhang, jinling, reason="停业装修", review_on=date(2026, 9, 1),
                                        today=today, expected_version=1, clock=clock)
    try:
        edited = await customer_svc.update_customer(uow, zhang, jinling, {"partition": Partition.REGULAR}, 2,
                                                    clock=clock)
    except RuleViolation:
        return  # refused: reinstating is its own action
    assert (edited.abandon_reason, edited.abandon_review_on) == (None, None)  # or it cleared what abandoning set
