"""Score sheets for the demo company: the last two complete quarters approved for part of the customers, and
this quarter's sheets at every step of the workflow, all through the score-sheet use cases.

Deterministic in the seed. Each sheet is created, submitted and approved at its own time (the clock of the use
cases moved to it): past quarters' sheets over the first three weeks after the quarter, this quarter's since it
began, so the sheets and their audit trail read like a team's work, not one instant. Each scored customer has a
latent "development potential" and "possibility" that drift between quarters, so the transition matrix and the
alerts (marginal customers whose potential rose, strongholds that fell) have something to show; the basis
dimension reads the customer's real orders.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal
from zoneinfo import ZoneInfo

from api.demo.customers import owned_customers
from domain.organisation.model import Principal, User
from domain.ports import UnitOfWork
from domain.scoring import sheets as sheets
from domain.scoring.model import Dimension, IndicatorSource, Quarter, ScoreModel

# Customers with approved sheets in both past quarters; the largest buyers first, then a sample.
SCORED_CUSTOMERS = 150
TOP_BUYERS = 60


@dataclass(frozen=True)
class _Scored:
    id: int
    owner_id: int


@dataclass
class _Latent:
    potential: float
    possibility: float
    satisfaction: float


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


class _StepClock:
    """The use cases' clock, moved to each step's time."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


# Past quarters are scored in the weeks after they end.
SCORING_WEEKS = 3


@dataclass(frozen=True)
class _Window:
    start: datetime
    end: datetime

    def steps(self, rng: random.Random) -> tuple[datetime, datetime, datetime]:
        """When a sheet is created, submitted and approved: in order, within the window, to the minute."""
        span = self.end - self.start
        created = self.start + span * rng.uniform(0, 0.7)
        submitted = created + min(timedelta(days=2), self.end - created) * rng.uniform(0.05, 1)
        approved = submitted + (self.end - submitted) * rng.uniform(0.1, 1)
        def minute(t: datetime) -> datetime:
            return t.replace(second=0, microsecond=0)
        return minute(created), minute(submitted), minute(approved)


def _window(quarter: Quarter, now: datetime, zone: ZoneInfo, *, current: bool) -> _Window:
    """A past quarter: its first weeks after it ended; the current one: since it began; never past now."""
    begins = datetime.combine((quarter if current else quarter.next()).first_month, clock_time(9), tzinfo=zone)
    end = min(now - timedelta(hours=1), begins + timedelta(weeks=SCORING_WEEKS))
    return _Window(min(begins, end - timedelta(hours=1)), end)


def _manual_values(model: ScoreModel, latent: _Latent, rng: random.Random) -> dict[str, Decimal]:
    """Points for the indicators people enter, around the customer's latent level."""
    level = {Dimension.POTENTIAL: latent.potential, Dimension.POSSIBILITY: latent.possibility,
             Dimension.BASIS: latent.satisfaction}
    values = {}
    for indicator in model.indicators:
        if indicator.source is IndicatorSource.TRANSACTION_AMOUNT:
            continue  # computed from the orders
        share = _clamp(level[indicator.dimension] + rng.gauss(0, 0.08))
        values[indicator.key] = (indicator.weight * Decimal(str(round(share, 2)))).quantize(Decimal(1))
    return values


async def _fill_and_submit(uow: UnitOfWork, filler: Principal, customer_id: int, quarter: Quarter,
                           latent: _Latent, rng: random.Random, clock: _StepClock, time_zone: str,
                           created: datetime, submitted: datetime) -> int:
    clock.at = created
    view = await sheets.create_sheet(uow, filler, customer_id, str(quarter), clock=clock, time_zone=time_zone)
    values = _manual_values(view.model, latent, rng)
    # The demo customers declare no total purchasing, so the order share is entered by hand (no note needed).
    values = {k: v for k, v in values.items() if k not in view.sheet.computed}
    view = await sheets.update_sheet(uow, filler, view.sheet.id, values, {}, view.sheet.version, clock=clock)
    clock.at = submitted
    view = await sheets.submit_sheet(uow, filler, view.sheet.id, view.sheet.version, clock=clock)
    return view.sheet.id


async def load_demo_scores(uow: UnitOfWork, users: dict[str, User], *, now: datetime, time_zone: str,
                           progress: bool = False, seed: int = 2026) -> int:
    """Returns the number of sheets approved."""
    rng = random.Random(seed)
    when = random.Random(seed + 1)  # the times apart, so the scores stay what they were
    clock = _StepClock(now)
    started = time.monotonic()
    zone = ZoneInfo(time_zone)
    last = Quarter.of(now.astimezone(zone).date()).previous()
    past = [last.previous(), last]
    windows = {q: _window(q, now, zone, current=False) for q in past}
    owned = await owned_customers(uow)
    async with uow:
        revenue = await uow.facts.net_revenue([customer_id for customer_id, _ in owned])
    # The largest buyers first; those who have not ordered yet last (ids break ties).
    rows = [_Scored(*o) for o in sorted(owned, key=lambda o: (o[0] not in revenue, -revenue.get(o[0], Decimal(0)),
                                                              o[0]))]
    chosen = [*rows[:TOP_BUYERS], *rng.sample(rows[TOP_BUYERS:], min(SCORED_CUSTOMERS - TOP_BUYERS,
                                                                     len(rows) - TOP_BUYERS))]
    by_id = {u.id: u for u in users.values()}
    reviewer = Principal(user=users["hq.lin"])
    approved = 0
    for index, row in enumerate(chosen):
        filler = Principal(user=by_id[row.owner_id])
        # Bigger buyers tend to have more potential; possibility is how open they are to us.
        latent = _Latent(potential=_clamp(rng.betavariate(5, 2) - (0.1 if index >= TOP_BUYERS else 0)),
                         possibility=_clamp(rng.betavariate(4, 2)), satisfaction=_clamp(rng.betavariate(6, 2)))
        for quarter in past:
            created, submitted, approved_at = windows[quarter].steps(when)
            sheet_id = await _fill_and_submit(uow, filler, row.id, quarter, latent, rng, clock, time_zone,
                                              created, submitted)
            clock.at = approved_at
            await sheets.approve_sheet(uow, reviewer, sheet_id, None, None, clock=clock)
            approved += 1
            # Between quarters: most customers stay near where they were, some move a grade.
            latent = _Latent(_clamp(latent.potential + rng.gauss(0.02, 0.12)),
                             _clamp(latent.possibility + rng.gauss(0, 0.12)),
                             _clamp(latent.satisfaction + rng.gauss(-0.01, 0.08)))
        if progress and (index + 1) % 25 == 0:
            print(f"\rdemo score sheets: {index + 1}/{len(chosen)} customers", end="", flush=True)
    # This quarter: the Shanghai store's account managers have submitted a few sheets for review.
    shanghai = [r for r in rows if by_id[r.owner_id].org_unit.code.startswith("SH")
                and by_id[r.owner_id].role == "account_manager"][:8]
    this_quarter = _window(last.next(), now, zone, current=True)
    for row in shanghai:
        latent = _Latent(rng.random(), rng.random(), rng.random())
        created, submitted, _ = this_quarter.steps(when)
        await _fill_and_submit(uow, Principal(user=by_id[row.owner_id]), row.id, last.next(), latent, rng, clock,
                               time_zone, created, submitted)
    if progress:
        print(f"\ndemo score sheets: {approved} approved, {len(shanghai)} waiting for review, "
              f"{time.monotonic() - started:.1f}s", flush=True)
    return approved
