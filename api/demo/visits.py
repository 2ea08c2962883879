"""Visits of the demo company: customers' locations around their city, and twelve months of visits of every
owned customer by its account manager, played by the visit rules (domain/visits/model.py: states, check-in
review) and imported in bulk through the visit port. Most visits are completed at the customer; some were missed
or cancelled; a few check-ins were made far away or without a position (flagged); some customers have not been
visited for a while (overdue); the next two weeks hold planned visits. The default cadences and outcomes are the
migration's.

Deterministic in the seed (apart from today's date).
"""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from api.demo.customers import owned_customers
from domain.organisation.model import User, UserRef
from domain.ports import UnitOfWork
from domain.visits.model import (
    DEFAULT_ANOMALY_DISTANCE_M,
    DEFAULT_OUTCOMES,
    Location,
    Position,
    Visit,
    VisitKind,
    VisitStatus,
    review_check_in,
)

# City centres (WGS 84) of the demo's cities; a customer lies within a few kilometres of its city's.
CITY_CENTRES: dict[str, tuple[float, float]] = {
    "上海": (31.2304, 121.4737), "杭州": (30.2741, 120.1551), "南京": (32.0603, 118.7969),
    "苏州": (31.2990, 120.5853), "宁波": (29.8683, 121.5440), "无锡": (31.4912, 120.3119),
    "常州": (31.8107, 119.9741), "绍兴": (30.0023, 120.5810), "嘉兴": (30.7469, 120.7555),
}
_NOTES = ("了解下季度采购计划", "介绍新品并留下样品", "沟通账期与价格", "回访上次投诉处理情况", "陪同总经理拜访",
          "确认年度框架协议进度", "处理退货事宜")
_NEXT_STEPS = ("寄送报价单", "安排样品试用", "约总经理见面", "跟进合同签署")


def demo_location(region: str, index: int) -> tuple[Decimal, Decimal]:
    """A plausible position for a customer of the region (华东/上海/浦东新区): its city's centre moved by up to
    about 8 km, the same for the same index."""
    city = next((c for c in CITY_CENTRES if c in region), "上海")
    lat, lon = CITY_CENTRES[city]
    rng = random.Random(index * 7919 + 17)
    return (Decimal(f"{lat + rng.uniform(-0.07, 0.07):.6f}"), Decimal(f"{lon + rng.uniform(-0.08, 0.08):.6f}"))


def _moved(location: Location, rng: random.Random, metres: float) -> Position:
    """A position about `metres` from the location, with a phone's accuracy."""
    degrees = metres / 111_000
    return Position(Decimal(f"{float(location.latitude) + rng.uniform(-degrees, degrees):.6f}"),
                    Decimal(f"{float(location.longitude) + rng.uniform(-degrees, degrees):.6f}"),
                    Decimal(f"{rng.uniform(5, 60):.1f}"))


async def load_demo_visits(uow: UnitOfWork, users: dict[str, User], locations: dict[int, Location], *,
                           now: datetime, time_zone: str, progress: bool = False, seed: int = 8) -> int:
    """Visits of the last twelve months (and planned ones of the next two weeks) of every owned customer that is
    not abandoned; `locations` are the customers' (by id). Returns how many."""
    started = time.monotonic()
    rng = random.Random(seed)
    zone = ZoneInfo(time_zone)
    today = now.astimezone(zone).date()
    by_id = {u.id: u for u in users.values()}
    outcomes = [o.code for o in DEFAULT_OUTCOMES]
    customers = dict(await owned_customers(uow))
    records: list[Visit] = []
    for customer_id, owner_id in customers.items():
        owner = by_id[owner_id].ref
        location = locations.get(customer_id)
        every = rng.choice((14, 30, 30, 45, 90))  # days between visits
        silent = rng.random() < 0.15  # not visited for a while: overdue now
        day = today - timedelta(days=365 - rng.randint(0, every))
        end = today - timedelta(days=rng.randint(60, 150)) if silent else today
        while day < end:
            records.append(_visit(rng, customer_id, owner, location, day, zone, outcomes))
            day += timedelta(days=max(7, int(rng.gauss(every, every / 5))))
        if not silent and rng.random() < 0.5:
            planned = today + timedelta(days=rng.randint(1, 14))
            records.append(Visit(0, "", customer_id, "", VisitKind.ROUTINE, VisitStatus.PLANNED, planned, owner, 1,
                                 now, now, notes=rng.choice(_NOTES)))
    async with uow:
        count = await uow.visits.bulk_import(records)
        await uow.commit()
    if progress:
        print(f"demo visits: {count} for {len(customers)} customers in {time.monotonic() - started:.1f}s", flush=True)
    return count


def _visit(rng: random.Random, customer_id: int, owner: UserRef, location: Location | None, day: date,
           zone: ZoneInfo, outcomes: list[str]) -> Visit:
    planned_at = datetime(day.year, day.month, day.day, rng.randint(9, 16), rng.randint(0, 59), tzinfo=zone)
    kind = VisitKind.LEADER if rng.random() < 0.05 else VisitKind.RETURN_VISIT if rng.random() < 0.08 \
        else VisitKind.ROUTINE
    roll = rng.random()
    if roll < 0.06:
        return Visit(0, "", customer_id, "", kind, VisitStatus.MISSED, day, owner, 2, planned_at, planned_at,
                     notes=rng.choice(_NOTES))
    if roll < 0.1:
        return Visit(0, "", customer_id, "", kind, VisitStatus.CANCELLED, day, owner, 2, planned_at, planned_at,
                     notes=rng.choice(_NOTES), cancel_reason="客户临时有事，改期")
    anomaly = rng.random()
    position = None if anomaly < 0.03 or location is None else _moved(
        location, rng, rng.uniform(800, 3000) if anomaly < 0.07 else rng.uniform(5, 200))
    review = review_check_in(position, location, DEFAULT_ANOMALY_DISTANCE_M)
    out = planned_at + timedelta(minutes=rng.randint(20, 120))
    next_on = day + timedelta(days=rng.randint(7, 30)) if rng.random() < 0.2 else None
    return Visit(0, "", customer_id, "", kind, VisitStatus.COMPLETED, day, owner, 3, planned_at, out,
                 notes=rng.choice(_NOTES), checked_in_at=planned_at, position=position, distance_m=review.distance_m,
                 anomalies=review.anomalies, checked_out_at=out, visited_on=day, outcome=rng.choice(outcomes),
                 next_step=rng.choice(_NEXT_STEPS) if next_on else None, next_step_on=next_on)
