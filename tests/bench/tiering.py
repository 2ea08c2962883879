"""`python -m tests.bench tiering [--customers N] [--orders N]`: the tiers recompute against a bare aggregate.

On a scratch embedded PostgreSQL: 200,000 customers and 10,000,000 orders generated straight into the
database (INSERT ... SELECT generate_series, orders only, no lines; skewed over customers and log-uniform in
value, two years back, 3 % cancelled; 5 % of the customers never order), the customers' monthly revenue built
by the product's `facts rebuild`, VACUUM ANALYZE. Then, each the best of 3:

* the baseline: the bare aggregate `SELECT customer_id, sum(net_amount), count(*) FROM orders GROUP BY
  customer_id`, run in full (counted over);
* the recompute through the use case (levels, ABC classes, upsert and history): the first one, which writes
  every customer (the tier tables emptied before each of the three), and a rerun, which writes nothing;
* the decile query (by revenue, every customer).

Goal: recompute (+ deciles) at most 2x the bare aggregate.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from api.cli import db_upgrade
from api.security import SystemClock
from domain.orders.service import rebuild_facts
from domain.organisation.model import Principal
from domain.tiering import service as tiering
from domain.tiering.model import DecileBasis, RecomputeStep, TierRunTrigger
from repositories.db import make_engine, make_session_factory, resolve_database_url
from repositories.settings import Settings
from repositories.uow import SqlAlchemyUnitOfWork
from tests.scratch import connect, scratch_directory

TIME_ZONE = "Asia/Shanghai"
# A reader of every customer (deciles are scoped; an integration's key with customers:read sees all).
READER = Principal(api_key_id=0, api_key_name="bench", api_scopes=frozenset({"customers:read"}))

_ORDERS = """
    INSERT INTO orders (source, external_id, customer_id, kind, ordered_at, status, currency, total_amount,
                        net_amount, list_amount, discount_amount, line_count, fingerprint, received_at, updated_at)
    SELECT 'bench', 'B' || n, customer_id, 'order', ordered_at,
           CASE WHEN cancelled THEN 'cancelled' ELSE 'delivered' END, 'CNY', amount,
           CASE WHEN cancelled THEN 0 ELSE amount END, amount, 0, 0, 'f' || n, ordered_at, ordered_at
    FROM (SELECT n,
                 -- skewed: low ids buy far more often (the first customer about 0.2 % of all orders)
                 1 + floor($3 * power(random(), 2))::bigint AS customer_id,
                 round((20 * exp(random() * 7))::numeric, 2) AS amount,  -- 20 .. 21,900, log-uniform
                 $4::timestamptz - random() * interval '730 days' AS ordered_at,
                 random() < 0.03 AS cancelled
          FROM generate_series($1::bigint, $2::bigint) AS n) g
"""

_BARE_AGGREGATE = """
    SELECT count(*), sum(revenue), sum(orders) FROM (
        SELECT customer_id, sum(net_amount) AS revenue, count(*) AS orders FROM orders GROUP BY customer_id) a
"""


async def generate(url: str, customers: int, orders: int, chunk: int) -> None:
    conn = await connect(url)
    try:
        started = time.perf_counter()
        unit = await conn.fetchval("INSERT INTO org_units (code, name, kind, path) VALUES "
                                   "('HQ', 'HQ', 'headquarters', '') RETURNING id")
        await conn.execute("UPDATE org_units SET path = id || '/' WHERE id = $1", unit)
        await conn.execute("INSERT INTO customers (name, customer_type, org_unit_id) "
                           "SELECT 'Customer ' || n, 'hotel', $1 FROM generate_series(1, $2) AS n", unit, customers)
        buyers = customers * 95 // 100
        now = datetime.now(UTC)
        # A bulk load: the orders' secondary indexes and foreign keys are dropped for the load and rebuilt
        # after it from their own definitions (the schema ends up exactly as migrated).
        constraints = await conn.fetch(
            "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint "
            "WHERE conrelid = 'orders'::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname")
        indexes = await conn.fetch(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'orders' AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass)")
        for c in reversed(constraints):
            await conn.execute(f'ALTER TABLE orders DROP CONSTRAINT "{c["conname"]}"')
        for i in indexes:
            await conn.execute(f'DROP INDEX "{i["indexname"]}"')
        for first in range(1, orders + 1, chunk):
            last = min(first + chunk - 1, orders)
            await conn.execute(_ORDERS, first, last, buyers, now)
            print(f"\rorders: {last:,}/{orders:,} in {time.perf_counter() - started:.0f} s", end="", flush=True)
        for c in constraints:
            await conn.execute(f'ALTER TABLE orders ADD CONSTRAINT "{c["conname"]}" {c["def"]}')
        for i in indexes:
            await conn.execute(i["indexdef"])
        print(f", indexed in {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        await conn.close()


async def _best(label: str, repeat: int, run: Callable[[], Awaitable[Any]],
                before: Callable[[], Awaitable[Any]] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            await before()
        started = time.perf_counter()
        await run()
        times.append(time.perf_counter() - started)
    print(f"{label}: {', '.join(f'{t:.2f}' for t in times)} s -> best {min(times):.2f} s", flush=True)
    return min(times)


async def measure(url: str, customers: int, repeat: int) -> dict[str, float]:
    conn = await connect(url)
    engine = make_engine(url, pool_size=1)
    uow = SqlAlchemyUnitOfWork(make_session_factory(engine))
    steps: list[RecomputeStep] = []
    try:
        settings = {r["name"]: r["setting"] for r in await conn.fetch(
            "SELECT name, setting || coalesce(unit, '') AS setting FROM pg_settings WHERE name IN "
            "('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'server_version')")}
        print(f"PostgreSQL {settings.pop('server_version')}: {settings}", flush=True)

        async def bare() -> None:
            row = await conn.fetchrow(_BARE_AGGREGATE)
            assert row is not None and row[0] > 0

        async def recompute() -> None:
            steps.clear()
            run = await tiering.recompute(uow, None, trigger=TierRunTrigger.CLI, clock=SystemClock(),
                                          time_zone=TIME_ZONE, progress=steps.append)
            assert run.customers == customers, run
            print(f"  run {run.id}: {run.changed:,} changed; " + "; ".join(
                f"{s.number}/{s.steps} {s.label} {s.seconds:.2f} s" for s in steps), flush=True)

        async def empty_tiers() -> None:
            await conn.execute("TRUNCATE customer_tier_history, customer_tiers, tier_runs")

        async def deciles() -> None:
            analysis = await tiering.deciles(uow, READER, DecileBasis.REVENUE)
            assert sum(r.customers for r in analysis.rows) == customers

        results = {"bare aggregate": await _best("bare aggregate (orders GROUP BY customer_id)", repeat, bare)}
        results["first recompute"] = await _best("first recompute (writes every customer)", repeat, recompute,
                                                 before=empty_tiers)
        results["rerun recompute"] = await _best("rerun recompute (nothing changed)", repeat, recompute)
        results["deciles"] = await _best("decile query", repeat, deciles)
        return results
    finally:
        await conn.close()
        await engine.dispose()


async def run(customers: int, orders: int, repeat: int, chunk: int) -> dict[str, float]:
    with scratch_directory("keyhold-bench-tiers-") as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=None, time_zone=TIME_ZONE)
        url = await asyncio.to_thread(resolve_database_url, settings)
        await asyncio.to_thread(db_upgrade, settings)
        started = time.perf_counter()
        print(f"generating {customers:,} customers and {orders:,} orders...", flush=True)
        await generate(url, customers, orders, chunk)
        engine = make_engine(url, pool_size=1)
        try:
            rebuilt = time.perf_counter()
            count = await rebuild_facts(SqlAlchemyUnitOfWork(make_session_factory(engine)), time_zone=TIME_ZONE,
                                        clock=SystemClock())
            print(f"facts rebuilt for {count:,} customers in {time.perf_counter() - rebuilt:.0f} s", flush=True)
        finally:
            await engine.dispose()
        conn = await connect(url)
        try:
            await conn.execute("VACUUM ANALYZE")
            await conn.execute("CHECKPOINT")  # the load's dirty pages written before the clock starts
            size = await conn.fetchval("SELECT pg_size_pretty(pg_database_size(current_database()))")
            months = await conn.fetchval("SELECT count(*) FROM customer_monthly_revenue")
        finally:
            await conn.close()
        print(f"prepared in {time.perf_counter() - started:.0f} s: database {size}, {months:,} customer months",
              flush=True)
        results = await measure(url, customers, repeat)
    return results


def report(results: dict[str, float], customers: int, orders: int) -> str:
    bare = results["bare aggregate"]
    deciles = results["deciles"]
    lines = [f"customers: {customers:,}, orders: {orders:,} (best of 3)"]
    for name, seconds in results.items():
        lines.append(f"  {name:<16} {seconds:6.2f} s  = {seconds / bare:4.2f}x the bare aggregate")
    for name in ("first recompute", "rerun recompute"):
        total = results[name] + deciles
        lines.append(f"  {name} + deciles {total:6.2f} s  = {total / bare:4.2f}x the bare aggregate (goal <= 2x)")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench tiering", description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=1_000_000, help="orders per INSERT statement")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = asyncio.run(run(args.customers, args.orders, args.repeat, args.chunk))
    print(report(results, args.customers, args.orders))
    print(f"whole benchmark: {time.perf_counter() - started:.0f} s")
