"""The scheduled jobs inside `keyhold serve`: the nightly jobs once a day at KEYHOLD_NIGHTLY_AT (company time
zone), and the SLA sweep every KEYHOLD_SLA_SWEEP_SECONDS.

`keyhold serve` (not `create_app`, so tests and `--reload` children never start it) runs the scheduler on a
thread of its own with its own event loop and a one-connection engine. Several server processes or machines
may each run one: at the due time each tries the nightly jobs, and `domain/nightly.py` lets one run
them (an advisory lock held by its transaction) while the others skip, also when a nightly run already
started today. A server that is down at the due time does not catch up; `keyhold jobs nightly` does it by hand.
KEYHOLD_NIGHTLY_JOBS=false turns the scheduler off (for running `keyhold jobs nightly` from cron).

The SLA sweep runs in every process: each breach is recorded exactly once however many sweep at the same time
(domain/sla/service.py `sweep`). A timer's status never waits for it: it is derived at every read.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.security import SystemClock
from domain.nightly import NightlyOutcome, run_nightly_jobs
from domain.ports import Clock
from domain.sla.service import sweep
from repositories.db import make_engine, make_session_factory
from repositories.settings import Settings
from repositories.uow import sql_unit_of_work

# Wake up at least this often (seconds), so that a changed system clock or a suspended machine is noticed.
MAX_SLEEP = 300.0


def next_nightly_run(now: datetime, at: time, time_zone: ZoneInfo) -> datetime:
    """The first moment after `now` (UTC) when the company's local time is `at`."""
    day = now.astimezone(time_zone).date()
    while True:
        candidate = datetime.combine(day, at, tzinfo=time_zone).astimezone(UTC)
        if candidate > now:
            return candidate
        day += timedelta(days=1)


def describe(outcome: NightlyOutcome) -> str:
    if outcome.run is None:
        return f"nightly jobs skipped: {outcome.skipped}"
    run, loyalty = outcome.run, outcome.loyalty_run
    loyalty_part = (f"loyalty run {loyalty.id} over {loyalty.customers} customers "
                    f"({'CLV fitted' if loyalty.fit else 'no CLV fit: ' + str(loyalty.fit_error)}); "
                    if loyalty else "")
    return (f"nightly jobs done: tiers run {run.id} over {run.customers} customers, {run.changed} changed level or "
            f"ABC class; {loyalty_part}{outcome.idempotency_keys_purged} expired idempotency keys, "
            f"{outcome.sign_in_failures_purged} sign-in failure counts and {outcome.ended_sessions_purged} ended "
            "sessions purged")


# Formatted by `keyhold serve`'s log config (api/cli.py `log_config`) like the server's own lines.
log = logging.getLogger("keyhold.scheduler")


async def run_scheduler(settings: Settings, database_url: str, clock: Clock | None = None) -> None:
    """Forever: sleep until the next KEYHOLD_NIGHTLY_AT, then run the nightly jobs unless they are done or
    running elsewhere. A failed night is logged and not retried until the next."""
    clock = clock or SystemClock()
    time_zone = ZoneInfo(settings.time_zone)
    engine = make_engine(database_url, pool_size=1)
    uow = sql_unit_of_work(make_session_factory(engine))
    try:
        while True:
            due = next_nightly_run(clock.now(), settings.nightly_at, time_zone)
            # Waiting for a time of day, not for an event: sleep in slices and look at the clock again.
            while (left := (due - clock.now()).total_seconds()) > 0:  # noqa: ASYNC110
                await asyncio.sleep(min(left, MAX_SLEEP))
            try:
                outcome = await run_nightly_jobs(uow, clock=clock, time_zone=settings.time_zone, only_if_due=True)
            except Exception:
                log.exception("nightly jobs failed; next attempt tomorrow (or run `keyhold jobs nightly`)")
                continue
            log.info(describe(outcome))
    finally:
        await engine.dispose()


async def run_sla_sweeps(settings: Settings, database_url: str, clock: Clock | None = None) -> None:
    """Forever: the SLA sweep every KEYHOLD_SLA_SWEEP_SECONDS. A failed sweep is logged; the next one retries."""
    clock = clock or SystemClock()
    engine = make_engine(database_url, pool_size=1)
    uow = sql_unit_of_work(make_session_factory(engine))
    try:
        while True:
            try:
                outcome = await sweep(uow, clock=clock)
                if outcome.warned or outcome.breached or outcome.escalated_to_hq:
                    log.info("SLA sweep: %s warnings, %s breaches, %s escalations to HQ",
                             outcome.warned, outcome.breached, outcome.escalated_to_hq)
            except Exception:
                log.exception("SLA sweep failed; retrying at the next interval")
            await asyncio.sleep(settings.sla_sweep_seconds)
    finally:
        await engine.dispose()


async def _run_all(settings: Settings, database_url: str) -> None:
    jobs = [run_sla_sweeps(settings, database_url)]
    if settings.nightly_jobs:
        jobs.append(run_scheduler(settings, database_url))
    await asyncio.gather(*jobs)


def start_scheduler(settings: Settings, database_url: str) -> threading.Thread | None:
    """Starts the scheduled jobs beside the server (a daemon thread: it ends with the process, and a job cut off
    mid-way is rolled back by PostgreSQL). The nightly jobs only when KEYHOLD_NIGHTLY_JOBS is true; the SLA sweep
    unless KEYHOLD_SLA_SWEEP_SECONDS is 0. None when neither runs."""
    if not settings.nightly_jobs and settings.sla_sweep_seconds <= 0:
        return None
    if settings.sla_sweep_seconds <= 0:
        target = run_scheduler(settings, database_url)
    else:
        target = _run_all(settings, database_url)
    thread = threading.Thread(target=asyncio.run, args=(target,), name="keyhold-scheduler", daemon=True)
    thread.start()
    if settings.nightly_jobs:
        log.info("nightly jobs scheduled daily at %s (%s)", f"{settings.nightly_at:%H:%M}", settings.time_zone)
    if settings.sla_sweep_seconds > 0:
        log.info("SLA sweep every %s s", settings.sla_sweep_seconds)
    return thread
