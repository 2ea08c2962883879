"""`python -m tests.bench complaints [--complaints N] [--past-due N]`: the SLA sweep and the complaint queue.

On a scratch embedded PostgreSQL with the demo company's customers: N open complaints (default 100,000), each
with a first-response and a resolution timer, of which --past-due (default 5,000) have a first response overdue.
Measures:

* one sweep recording the overdue breaches (escalations, notifications), and a second sweep with nothing to do;
  goal: under 1 s;
* the complaint queue's first page (GET /api/v1/complaints through the app, in-process HTTP) under load:
  --clients concurrent clients, as an admin (all complaints) and as a store manager (one store's); p50 and p99.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import text

from api.app import create_app
from api.cli import db_upgrade
from api.demo.content import generate_demo_company
from api.demo.data import load_demo_company
from api.security import SystemClock, issue_access_token
from domain.sla.service import sweep
from repositories.db import make_engine, make_session_factory, resolve_database_url
from repositories.settings import Settings
from repositories.uow import SqlAlchemyUnitOfWork
from tests.scratch import scratch_directory

# Set-based: the complaints, then their two timers. Overdue ones were received two days ago (first response due
# 24 h later); the others in the last hour. Resolution timers are all in the future.
_COMPLAINTS = text("""
    INSERT INTO complaints (customer_id, org_unit_id, account_manager_id, severity, status, channel, summary,
                            received_at, policy_id, calendar_id, next_due_at, last_event_at)
    SELECT c.id, c.org_unit_id, c.owner_id, 'general', 'received', 'phone', '投诉 ' || g, r.at, 1, 1,
           r.at + interval '24 hours', p.now
    FROM (SELECT CAST(:now AS timestamptz) AS now) p, generate_series(1, :n) g
    JOIN LATERAL (SELECT id, org_unit_id, owner_id FROM customers ORDER BY id OFFSET (g % :customers) LIMIT 1) c
      ON true
    CROSS JOIN LATERAL (SELECT CASE WHEN g <= :past_due THEN p.now - interval '48 hours'
                                    ELSE p.now - (g % 60) * interval '1 minute' END AS at) r
""")
_TIMERS = text("""
    INSERT INTO complaint_timers (complaint_id, kind, basis, budget, started_at, warn_at, due_at)
    SELECT id, 'first_response', 'clock', interval '24 hours', received_at, received_at + interval '18 hours',
           received_at + interval '24 hours' FROM complaints
    UNION ALL
    SELECT id, 'resolution', 'working', interval '45 hours', received_at, CAST(:now AS timestamptz) + interval '5 days',
           CAST(:now AS timestamptz) + interval '7 days' FROM complaints
""")


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


async def _queue_under_load(client: httpx.AsyncClient, headers: dict[str, str], clients: int,
                            requests: int) -> tuple[float, float, float]:
    samples: list[float] = []

    async def one_client() -> None:
        for _ in range(requests):
            started = time.perf_counter()
            response = await client.get("/api/v1/complaints", params={"open": "true", "limit": 50}, headers=headers)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and len(response.json()["items"]) == 50, response.text

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    return statistics.median(samples), _percentile(samples, 0.99), len(samples) / elapsed


async def run(complaints: int, past_due: int, clients: int, requests: int) -> None:
    with scratch_directory("keyhold-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=None, secret_key="bench-secret-" + "x" * 32,
                            spa_dir=Path(tmp))
        url = await asyncio.to_thread(resolve_database_url, settings)
        await asyncio.to_thread(db_upgrade, settings)
        engine = make_engine(url, pool_size=clients)
        factory = make_session_factory(engine)
        uow = SqlAlchemyUnitOfWork(factory)
        now = datetime.now(UTC)
        started = time.perf_counter()
        company = generate_demo_company(customer_count=2000)
        await load_demo_company(uow, company, now=now, with_orders=False)
        async with engine.begin() as conn:
            customers = (await conn.execute(text("SELECT count(*) FROM customers"))).scalar_one()
            params = {"n": complaints, "past_due": past_due, "now": now, "customers": customers}
            await conn.execute(_COMPLAINTS, params)
            await conn.execute(_TIMERS, {"now": now})
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("VACUUM ANALYZE"))
        print(f"loaded {complaints} open complaints ({past_due} past due) in {time.perf_counter() - started:.1f}s")

        clock = SystemClock()
        started = time.perf_counter()
        outcome = await sweep(uow, clock=clock)
        first = time.perf_counter() - started
        assert outcome.breached == past_due, outcome
        started = time.perf_counter()
        idle = await sweep(uow, clock=clock)
        second = time.perf_counter() - started
        assert idle.breached == 0, idle

        async with uow:
            admin = await uow.users.get_by_username("admin")
            manager = await uow.users.get_by_username("sm.sh")
        assert admin is not None and manager is not None
        app = create_app(settings, session_factory=factory)
        results = {}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            for who, user in (("admin (all stores)", admin), ("store manager (Shanghai)", manager)):
                token = issue_access_token(user, secret=settings.secret_key, minutes=60, now=clock.now())
                headers = {"Authorization": f"Bearer {token}"}
                await _queue_under_load(client, headers, 1, 5)  # warm plans and caches
                results[who] = await _queue_under_load(client, headers, clients, requests)
        notes = 0
        async with engine.connect() as conn:
            notes = (await conn.execute(text("SELECT count(*) FROM notifications"))).scalar_one()
        await engine.dispose()

    print(f"\nsweep with {past_due} breaches due among {complaints} open complaints: {first * 1000:.0f} ms "
          f"({outcome.breached} breaches, {outcome.breached} escalations, {notes} notifications); goal < 1000 ms")
    print(f"sweep with nothing due: {second * 1000:.1f} ms")
    for who, (p50, p99, rate) in results.items():
        print(f"queue first page (50, nearest deadline first) as {who}, {clients} concurrent clients x {requests}: "
              f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, {rate:.0f} requests/s")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench complaints", description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--past-due", type=int, default=5_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    args = parser.parse_args(argv)
    asyncio.run(run(args.complaints, args.past_due, args.clients, args.requests))
