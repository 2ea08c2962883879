"""`python -m tests.bench customers [--customers N]`: customer-list benchmarks on a scratch embedded PostgreSQL.

Loads the demo company scaled to N customers (default 50,000), then measures through the product's own
repository code, each against a baseline measured in the same run:

* search by a Chinese name fragment (pg_trgm GIN indexes) vs the same query with index scans disabled;
* search by two words, a current contact's name and a fragment of the customer's name (every word must match);
* the list's total (counted up to 10,000) for the name fragments;
* a deep page of the list (keyset cursor) vs the same page fetched with OFFSET.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from api.cli import db_upgrade
from api.demo.content import generate_demo_company
from api.demo.data import load_demo_company
from domain.customers.model import CustomerFilters
from domain.organisation.model import DataScope, ScopeKind
from domain.paging import PageRequest
from repositories.customers.repository import SqlCustomerRepository, _customer_select
from repositories.db import make_engine, make_session_factory, resolve_database_url
from repositories.settings import Settings
from repositories.uow import SqlAlchemyUnitOfWork
from tests.scratch import scratch_directory

ALL = DataScope(ScopeKind.ALL)


async def _median_ms(run: Callable[[], Awaitable[Any]], repeat: int) -> float:
    await run()  # warm caches and plans
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        await run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def _plan(session: Any, run: Callable[[], Awaitable[Any]]) -> list[str]:
    """EXPLAIN ANALYZE of the first query `run` executes, with its real parameters."""
    real = session.execute
    plan: list[str] = []

    async def spy(stmt: Any, *args: Any, **kwargs: Any) -> Any:
        compiled = stmt.compile(dialect=session.bind.dialect)
        if not plan and str(compiled).lstrip().upper().startswith("SELECT"):  # not the SET LOCAL before it
            conn = await session.connection()
            params = tuple(compiled.params[name] for name in compiled.positiontup or ())
            rows = await conn.exec_driver_sql("EXPLAIN (ANALYZE, COSTS OFF) " + str(compiled), params)
            plan.extend(row[0] for row in rows)
        return await real(stmt, *args, **kwargs)

    session.execute = spy
    try:
        await run()
    finally:
        session.execute = real
    return plan


async def run(customers: int, repeat: int, verbose: bool) -> None:
    with scratch_directory("keyhold-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=None)
        url = await asyncio.to_thread(resolve_database_url, settings)
        await asyncio.to_thread(db_upgrade, settings)
        engine = make_engine(url, pool_size=2)
        factory = make_session_factory(engine)
        started = time.perf_counter()
        company = generate_demo_company(customer_count=customers)
        await load_demo_company(SqlAlchemyUnitOfWork(factory), company, now=datetime.now(UTC), with_orders=False)
        # VACUUM as autovacuum would after a bulk load: it also moves the GIN indexes' pending entries into the
        # index proper (until then every trigram search reads the whole pending list, and the planner avoids it).
        async with engine.connect() as conn:
            autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("VACUUM ANALYZE"))
        print(f"loaded {customers} customers in {time.perf_counter() - started:.1f}s")

        # Fragments from the middle of real names: 3-4 characters, as people type them.
        fragments = sorted({c.name[2:5] for c in company.customers[:: max(1, customers // 25)]})[:20]
        async with factory() as session:
            repo = SqlCustomerRepository(session)

            async def search() -> None:
                for fragment in fragments:
                    await repo.list(ALL, CustomerFilters(q=fragment), PageRequest(50, None))

            indexed = await _median_ms(search, repeat) / len(fragments)
            plan = await _plan(session, lambda: repo.list(ALL, CustomerFilters(q=fragments[0]), PageRequest(50, None)))
            await session.execute(text("SET enable_bitmapscan = off"))
            await session.execute(text("SET enable_indexscan = off"))
            scanned = await _median_ms(search, repeat) / len(fragments)
            await session.execute(text("RESET enable_bitmapscan"))
            await session.execute(text("RESET enable_indexscan"))

            # Two words from different places: a current contact's full name and a fragment of the customer's name.
            pairs = [f"{c.contacts[0].name} {c.name[2:4]}" for c in company.customers[:: max(1, customers // 25)]
                     if c.contacts and c.contacts[0].ended_on is None][:20]

            async def two_words() -> None:
                for pair in pairs:
                    await repo.list(ALL, CustomerFilters(q=pair), PageRequest(50, None))

            async def total() -> None:
                for fragment in fragments:
                    await repo.count_matching(ALL, CustomerFilters(q=fragment), up_to=10_001)

            two_words_ms = await _median_ms(two_words, repeat) / len(pairs)
            total_ms = await _median_ms(total, repeat) / len(fragments)

            depth = min(customers // 50 - 1, 400)
            cursor = None
            for _ in range(depth):
                page = await repo.list(ALL, CustomerFilters(), PageRequest(50, cursor))
                cursor = page.next_cursor

            async def keyset() -> None:
                await repo.list(ALL, CustomerFilters(), PageRequest(50, cursor))

            async def offset() -> None:
                stmt = _customer_select().order_by(text("customers.updated_at DESC, customers.id DESC"))
                (await session.execute(stmt.offset(depth * 50).limit(51))).all()

            keyset_ms = await _median_ms(keyset, repeat)
            offset_ms = await _median_ms(offset, repeat)
        await engine.dispose()

    uses_trgm = any("trgm" in line for line in plan)
    if verbose:
        print("\n".join(plan))
    print(f"\ncustomers: {customers}, repeats: {repeat} (median)")
    print(f"search by name fragment, per query: {indexed:.2f} ms with pg_trgm "
          f"(plan uses the trigram index: {uses_trgm}); {scanned:.2f} ms with index scans off; "
          f"ratio {scanned / indexed:.1f}x")
    print(f"search by a contact's name and a name fragment (two words), per query: {two_words_ms:.2f} ms; "
          f"the total for a name fragment (counted up to 10,000), per query: {total_ms:.2f} ms")
    print(f"page {depth + 1} of the list (50 per page): {keyset_ms:.2f} ms keyset; {offset_ms:.2f} ms OFFSET; "
          f"ratio {offset_ms / keyset_ms:.1f}x")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench customers", description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--plan", action="store_true", help="print the search query's plan")
    args = parser.parse_args(argv)
    asyncio.run(run(args.customers, args.repeat, args.plan))
