"""Complaints for the demo company over the last twelve weeks, run through the complaint use cases with a clock
moved to each step's time: most answered and resolved in time, some late, a few escalated, paused, or found
untrue; the recent ones still open at every step. China's public holidays and adjusted working days are imported
into the standard calendar first, and a stricter policy is added for special key accounts. The SLA sweep then
runs as the scheduler would have run it, a few minutes after each deadline of what is still open (warnings,
breaches, escalations and their notifications at their own times, not all at the moment of loading), and once
now.

Deterministic in the seed (apart from today's date).
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from api.demo.customers import owned_customers
from domain.complaints import service as svc
from domain.complaints.model import (
    Channel,
    Complaint,
    ComplaintFilters,
    Department,
    NewComplaint,
    Remedy,
    RemedyKind,
)
from domain.organisation.model import DataScope, Principal, ScopeKind, User
from domain.paging import PageRequest
from domain.ports import UnitOfWork
from domain.sla.model import DEFAULT_HQ_ESCALATION_HOURS, Severity, SlaPolicy, SlaTarget, TargetUnit, TimerKind
from domain.sla.service import import_holidays, sweep

DEMO_COMPLAINTS = 60
SWEEP_DELAY = timedelta(minutes=5)  # the scheduler's interval
HQ_ESCALATION = timedelta(hours=float(DEFAULT_HQ_ESCALATION_HOURS))
STANDARD_CALENDAR = 1
WEEKS = 12

_SUMMARIES = (
    ("速冻水饺外箱破损，部分产品解冻", "冷链运输途中外箱受压，客户收货时发现 3 箱破损。"),
    ("送货比约定晚了两天", "周末宴会备货，配送延误影响客户出餐。"),
    ("发票抬头错误需重开", "客户财务无法入账，要求三日内重开发票。"),
    ("灯具色温与样品不符", "项目现场安装后发现色温偏冷，设计师不认可。"),
    ("瓷砖批次色差明显", "同一订单两批货色差，施工方暂停铺贴。"),
    ("冷链温度记录缺失", "酒店品控要求提供全程温度记录，司机未能提供。"),
    ("退货款迟迟未到账", "上月退货已验收，款项仍未退回。"),
    ("业务员多次未回电话", "客户反映联系不上客户经理，订单无法确认。"),
    ("产品规格与订单不一致", "订购 1kg 装，实际送到 500g 装。"),
    ("价格高于合同约定", "本月结算单价与年度合同价不一致。"),
)
_CHANNELS = (Channel.PHONE, Channel.PHONE, Channel.WECHAT, Channel.VISIT, Channel.EMAIL)


class _DemoClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


@dataclass(frozen=True)
class _Plan:
    """What happens to one complaint and when (offsets from when the customer complained)."""

    severity: Severity
    respond_after: timedelta
    escalate_after: timedelta | None
    pause: tuple[timedelta, timedelta] | None
    confirm_after: timedelta
    verified: bool
    resolve_after: timedelta
    close_after: timedelta
    visit_after: timedelta
    satisfaction: int
    feedback: bool


def _plan(rng: random.Random) -> _Plan:
    hours = timedelta(hours=1)
    severity = Severity.MAJOR if rng.random() < 0.2 else Severity.GENERAL
    late = rng.random() < 0.12  # answered after the 24 hours
    respond = hours * (rng.uniform(26, 40) if late else rng.uniform(0.3, 20))
    escalate = respond + hours * rng.uniform(1, 24) if severity is Severity.GENERAL and rng.random() < 0.08 \
        else None
    pause = (respond + hours * rng.uniform(1, 8), hours * rng.uniform(4, 48)) if rng.random() < 0.1 else None
    confirm = (escalate or timedelta(0)) + hours * (rng.uniform(0.5, 3.5) if rng.random() < 0.85
                                                     else rng.uniform(6, 30))
    resolve = max(respond, confirm) + hours * (rng.uniform(4, 80) if rng.random() < 0.8 else rng.uniform(100, 200))
    close = resolve + hours * rng.uniform(1, 48)
    return _Plan(severity, respond, escalate, pause, confirm, rng.random() > 0.12, resolve, close,
                 close + hours * rng.uniform(24, 96), rng.choices((5, 4, 3, 2, 1), (35, 35, 18, 8, 4))[0],
                 rng.random() < 0.5)


def _remedies(rng: random.Random) -> list[Remedy]:
    kinds = rng.sample([RemedyKind.COMPENSATION, RemedyKind.PRICE_CUT, RemedyKind.REPLACEMENT], rng.randint(0, 2))
    return [Remedy(k, Decimal(rng.randrange(100, 5000, 50)), "") for k in kinds]


def _received_at(rng: random.Random, now: datetime, zone: ZoneInfo) -> datetime:
    """Mostly in the daytime, over the last twelve weeks (a few in the last days, so some are still open)."""
    days = rng.uniform(0, 3) if rng.random() < 0.2 else rng.uniform(0, WEEKS * 7)
    local = (now - timedelta(days=days)).astimezone(zone)
    local = local.replace(hour=rng.randint(8, 20), minute=rng.randint(0, 59), second=0, microsecond=0)
    return min(local.astimezone(now.tzinfo), now - timedelta(minutes=5))


async def load_demo_complaints(uow: UnitOfWork, users: dict[str, User], *, now: datetime, time_zone: str,
                               progress: bool = False, count: int = DEMO_COMPLAINTS, seed: int = 6) -> int:
    started = time.monotonic()
    rng = random.Random(seed)
    zone = ZoneInfo(time_zone)
    clock = _DemoClock(now)
    year = now.astimezone(zone).year
    await import_holidays(uow, None, STANDARD_CALENDAR, "CN", [year - 1, year, year + 1], clock=clock)
    async with uow:
        # Special key accounts get their first answer within 4 hours (policies differ by tier).
        await uow.sla.add_policy(SlaPolicy(
            id=0, name="特级大客户一般投诉", name_translations={"en": "General complaints, special key accounts"},
            severity=Severity.GENERAL, key_account_level="special", category=None,
            calendar_id=STANDARD_CALENDAR, targets={
                TimerKind.FIRST_RESPONSE: SlaTarget(Decimal(4), TargetUnit.CLOCK_HOURS),
                TimerKind.RESOLUTION: SlaTarget(Decimal(3), TargetUnit.WORKING_DAYS)}), updated_by=None, at=now)
        await uow.commit()
    rows = await owned_customers(uow)
    by_id = {u.id: u for u in users.values()}
    hq = Principal(user=users["hq.lin"])
    members = [(users["hq.lin"].id, Department.KEY_ACCOUNT), (users["hq.chen"].id, Department.MARKETING)]
    plans = sorted(((_received_at(rng, now, zone), rng.choice(rows), _plan(rng)) for _ in range(count)),
                   key=lambda p: p[0])
    for received, (customer_id, owner_id), plan in plans:
        await _play(uow, clock, now, rng, received, customer_id, Principal(user=by_id[owner_id]), hq, members, plan)
    async with uow:
        still_open = await uow.complaints.list(DataScope(ScopeKind.ALL), ComplaintFilters(open=True),
                                               PageRequest(limit=count), hq_sees_major=True, now=now)
    for at in _sweep_times(still_open.items, now):
        clock.at = at
        await sweep(uow, clock=clock)
    clock.at = now
    outcome = await sweep(uow, clock=clock)
    if progress:
        print(f"demo complaints: {count} over {WEEKS} weeks, sweep recorded {outcome.breached} breaches and "
              f"{outcome.warned} warnings in {time.monotonic() - started:.1f}s", flush=True)
    return count


def _sweep_times(complaints: list[Complaint], now: datetime) -> list[datetime]:
    """A few minutes after each warning, deadline and escalation (a day after it) of the timers still running."""
    times = {at + SWEEP_DELAY for c in complaints for t in c.timers if t.met_at is None and t.paused_at is None
             for at in (t.warn_at, t.due_at, t.due_at + HQ_ESCALATION)}
    return sorted(at for at in times if at < now)


async def _play(uow: UnitOfWork, clock: _DemoClock, now: datetime, rng: random.Random, received: datetime,
                customer_id: int, owner: Principal, hq: Principal, members: list[tuple[int, Department]],
                plan: _Plan) -> None:
    """One complaint through the flow, each step at its planned time, stopping at the first one still ahead."""
    summary, details = rng.choice(_SUMMARIES)

    async def step(after: timedelta, action: Callable[[], Awaitable[object]]) -> bool:
        at = received + after
        if at >= now:
            return False
        clock.at = at
        await action()
        return True

    clock.at = min(received + timedelta(minutes=rng.randint(1, 20)), now)  # recorded soon after, never later than now
    view = await svc.create(uow, owner, NewComplaint(customer_id, plan.severity, received, rng.choice(_CHANNELS),
                                                     summary, details), clock=clock)
    cid = view.complaint.id
    major = plan.severity is Severity.MAJOR
    if not await step(plan.respond_after,
                      lambda: svc.respond(uow, owner, cid, "已联系客户致歉并了解情况", clock=clock)):
        return
    if plan.escalate_after is not None:
        if not await step(plan.escalate_after, lambda: svc.escalate(uow, owner, cid, "涉及多批次，需总部协调",
                                                                    clock=clock)):
            return
        major = True
    if plan.pause is not None:
        start, length = plan.pause
        if not await step(start, lambda: svc.pause(uow, owner, cid, "等待客户提供照片和批次号", None, clock=clock)):
            return
        if not await step(start + length, lambda: svc.resume(uow, owner, cid, None, clock=clock)):
            return
    if major:
        note = "经核实属实" if plan.verified else "经核实为客户储存不当，不属实"
        if not await step(plan.confirm_after, lambda: svc.confirm(uow, hq, cid, plan.verified, note, clock=clock)):
            return
        if not plan.verified:
            return
        await svc.set_task_group(uow, hq, cid, members, clock=clock)
    resolver = hq if major else owner
    remedies = _remedies(rng)
    if not await step(plan.resolve_after, lambda: svc.resolve(uow, resolver, cid, remedies, "已处理", clock=clock)):
        return
    if not await step(plan.close_after, lambda: svc.close(uow, owner, cid, clock=clock)):
        return
    if await step(plan.visit_after, lambda: svc.return_visit(uow, owner, cid, plan.satisfaction, "回访客户",
                                                             clock=clock)) and plan.feedback:
        await svc.feedback(uow, owner, cid, "加强发货前检查，问题批次已通报质检", clock=clock)
