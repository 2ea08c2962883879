"""Score sheets for the demo company: the last two complete quarters approved for part of the customers, and
this quarter's sheets at every step of the workflow, all through the score-sheet use cases.

Deterministic in the seed. Each scored customer has a latent "development potential" and "possibility"
that drift between quarters, so the transition matrix and the alerts (marginal customers whose potential
rose, strongholds that fell) have something to show; the basis dimension reads the customer's real orders.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from api.demo.customers import owned_customers
from domain.organisation.model import Principal, User
from domain.ports import Clock, UnitOfWork
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
                           latent: _Latent, rng: random.Random, clock: Clock, time_zone: str) -> int:
    view = await sheets.create_sheet(uow, filler, customer_id, str(quarter), clock=clock, time_zone=time_zone)
    values = _manual_values(view.model, latent, rng)
    # The demo customers declare no total purchasing, so the order share is entered by hand (no note needed).
    values = {k: v for k, v in values.items() if k not in view.sheet.computed}
    view = await sheets.update_sheet(uow, filler, view.sheet.id, values, {}, view.sheet.version, clock=clock)
    view = await sheets.submit_sheet(uow, filler, view.sheet.id, view.sheet.version, clock=clock)
    return view.sheet.id


async def load_demo_scores(uow: UnitOfWork, users: dict[str, User], *, now: datetime, clock: Clock,
                           time_zone: str, progress: bool = False, seed: int = 2026) -> int:
    """Returns the number of sheets approved."""
    rng = random.Random(seed)
    started = time.monotonic()
    last = Quarter.of(now.astimezone(ZoneInfo(time_zone)).date()).previous()
    past = [last.previous(), last]
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
            sheet_id = await _fill_and_submit(uow, filler, row.id, quarter, latent, rng, clock, time_zone)
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
    for row in shanghai:
        latent = _Latent(rng.random(), rng.random(), rng.random())
        await _fill_and_submit(uow, Principal(user=by_id[row.owner_id]), row.id, last.next(), latent, rng, clock,
                               time_zone)
    if progress:
        print(f"\ndemo score sheets: {approved} approved, {len(shanghai)} waiting for review, "
              f"{time.monotonic() - started:.1f}s", flush=True)
    return approved
