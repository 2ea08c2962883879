"""The nightly jobs: levels and ABC classes recomputed, then every customer's loyalty figures (RFM, health,
stages, classes, the lifetime-value fit and predictions), expired idempotency keys forgotten, sign-in failure
counts past their retention and ended sessions past their tokens' expiry purged.

`keyhold jobs nightly` runs them on demand (or from cron); `keyhold serve` runs them once a day at
KEYHOLD_NIGHTLY_AT (api/scheduler.py). Several server processes may wake at the same time: one runs the jobs,
the others see that and skip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from domain.loyalty import service as loyalty
from domain.loyalty.model import LoyaltyRun, LoyaltyRunTrigger
from domain.organisation.signin import FAILURE_RETENTION
from domain.ports import Clock, UnitOfWork
from domain.tiering.model import Progress, TierRun, TierRunTrigger
from domain.tiering.service import recompute_in


@dataclass(frozen=True)
class NightlyOutcome:
    run: TierRun | None = None
    loyalty_run: LoyaltyRun | None = None
    idempotency_keys_purged: int = 0
    sign_in_failures_purged: int = 0
    ended_sessions_purged: int = 0
    skipped: str | None = None  # why nothing ran


def start_of_day(moment: datetime, time_zone: ZoneInfo) -> datetime:
    """Midnight of the moment's day in the company's time zone."""
    return datetime.combine(moment.astimezone(time_zone).date(), time(0), tzinfo=time_zone)


async def run_nightly_jobs(uow: UnitOfWork, *, clock: Clock, time_zone: str, only_if_due: bool = False,
                           progress: Progress | None = None) -> NightlyOutcome:
    """Recomputes every customer's level and ABC class and loyalty figures (runs with trigger `nightly`) and
    purges expired idempotency keys, sign-in failure counts and ended sessions, in one transaction. While one
    process runs them, others skip (they do not queue); with `only_if_due` (the scheduler) they also skip when a
    nightly run already started today, company time zone."""
    async with uow:
        if not await uow.tiers.try_lock_nightly():
            return NightlyOutcome(skipped="another process is running the nightly jobs")
        now = clock.now()
        if only_if_due:
            tz = ZoneInfo(time_zone)
            last = await uow.tiers.runs(1, TierRunTrigger.NIGHTLY)
            if last and last[0].started_at >= start_of_day(now, tz):
                return NightlyOutcome(skipped="a nightly run already started today, at "
                                              f"{last[0].started_at.astimezone(tz):%H:%M}")
        run = await recompute_in(uow, None, trigger=TierRunTrigger.NIGHTLY, clock=clock, time_zone=time_zone,
                                 progress=progress)
        # After the tiers: value classes read the ABC classes just computed.
        loyalty_run = await loyalty.recompute_in(uow, None, trigger=LoyaltyRunTrigger.NIGHTLY, clock=clock,
                                                 time_zone=time_zone, progress=progress)
        purged = await uow.idempotency.purge_expired(clock.now())
        failures_purged = await uow.login_throttle.purge(clock.now() - FAILURE_RETENTION)
        sessions_purged = await uow.sessions.purge(clock.now())
        await uow.commit()
    return NightlyOutcome(run, loyalty_run, purged, failures_purged, sessions_purged)
