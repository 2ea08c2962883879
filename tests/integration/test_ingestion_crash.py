"""Reliability: the server is killed (SIGKILL) while batches are in flight, restarted, and everything is sent
again. The database then holds exactly the source orders: none twice, none partial, facts equal to a rebuild."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import orjson
from alembic import command
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from api.cli import _alembic_config
from api.security import SystemClock
from domain.orders.service import rebuild_facts
from repositories.db import make_session_factory
from repositories.settings import PROJECT_ROOT
from repositories.uow import SqlAlchemyUnitOfWork
from tests.bench.ingestion import generate_orders, prepare_source
from tests.scratch import connect, recreate_database

SCRATCH_DB = "keyhold_crash"
CUSTOMERS, ORDERS, BATCH = 300, 3000, 100

FACTS = ("SELECT customer_id, orders_placed, order_count, cancelled_count, returned_count, net_revenue, "
         "list_amount, discount_amount, first_order_at, last_order_at FROM customer_facts ORDER BY 1")
MONTHS = "SELECT customer_id, month, net_revenue, order_count FROM customer_monthly_revenue ORDER BY 1, 2"


async def _assert_facts_equal_a_rebuild(conn: asyncpg.Connection, url: str) -> None:
    incremental = (await conn.fetch(FACTS), await conn.fetch(MONTHS))
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        await rebuild_facts(SqlAlchemyUnitOfWork(make_session_factory(engine)), time_zone="Asia/Shanghai",
                            clock=SystemClock())
    finally:
        await engine.dispose()
    assert (await conn.fetch(FACTS), await conn.fetch(MONTHS)) == incremental


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _prepare(database_url: str) -> tuple[str, str]:
    """A fresh, migrated scratch database with the integration's customers: its URL and the API key."""
    url = await recreate_database(database_url, SCRATCH_DB)
    await asyncio.to_thread(command.upgrade, _alembic_config(url), "head")
    return url, await prepare_source(url, CUSTOMERS)


def _start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url}
    with log.open("ab") as out:
        server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--no-access-log"],
                                  env=env, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("keyhold serve did not start: " + log.read_text())


async def _send(base: str, key: str, batches: list[bytes], *, clients: int = 3) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    queue = list(enumerate(batches))

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60, headers={
                "X-API-Key": key, "Content-Type": "application/json"}) as http:
            while queue:
                index, body = queue.pop(0)
                response = await http.post("/api/v1/orders/batch", content=body,
                                           headers={"Idempotency-Key": f"crash-test-{index}"})
                response.raise_for_status()
                results.extend(response.json()["results"])

    await asyncio.gather(*(client() for _ in range(clients)), return_exceptions=True)
    return results


async def test_killed_mid_batch_then_resent_leaves_exactly_the_source_orders(database_url: str,
                                                                            tmp_path: Path) -> None:
    url, key = await _prepare(database_url)
    orders = generate_orders(ORDERS, CUSTOMERS, seed=11)
    batches = [orjson.dumps({"orders": orders[i:i + BATCH]}) for i in range(0, ORDERS, BATCH)]
    port, log = _free_port(), tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}"

    server = await asyncio.to_thread(_start_server, url, port, log)
    sending = asyncio.create_task(_send(base, key, batches))
    conn = await connect(url, SCRATCH_DB)
    try:
        # Kill once some batches have landed and others are surely in flight.
        while await conn.fetchval("SELECT count(*) FROM orders") < ORDERS // 4:  # noqa: ASYNC110 - polls the DB
            await asyncio.sleep(0.02)
        server.send_signal(signal.SIGKILL)
        server.wait()
        acknowledged = await sending
        landed = await conn.fetchval("SELECT count(*) FROM orders")
        assert 0 < landed < ORDERS, "the kill should interrupt the run"
        assert len(acknowledged) < ORDERS

        server = await asyncio.to_thread(_start_server, url, port, log)
        try:
            resent = await _send(base, key, batches)
        finally:
            server.terminate()
            server.wait()
        assert len(resent) == ORDERS
        assert {r["status"] for r in resent} <= {"created", "unchanged"}, {r["status"] for r in resent}

        stored = await conn.fetch("SELECT o.external_id, o.line_count, o.total_amount, count(l.*) AS lines, "
                                  "coalesce(sum(l.quantity * l.unit_price - l.discount_amount), 0) AS lines_total "
                                  "FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY o.id")
        assert sorted(r["external_id"] for r in stored) == sorted(o["external_id"] for o in orders)  # none twice
        assert all(r["lines"] == r["line_count"] and r["lines_total"] == r["total_amount"] for r in stored)
        assert await conn.fetchval("SELECT count(*) FROM order_history") == 0  # nothing was applied twice
        await _assert_facts_equal_a_rebuild(conn, url)
    finally:
        if server.poll() is None:
            server.kill()
        await conn.close()


async def test_the_same_orders_sent_concurrently_are_created_once(database_url: str, tmp_path: Path) -> None:
    """Three integrations' retries racing: every batch sent by three clients at once, in different orders.
    Each order is created exactly once, the others see it unchanged, no deadlock, facts equal a rebuild."""
    url, key = await _prepare(database_url)
    orders = generate_orders(600, 40, seed=5)  # few customers: the batches fight over the same facts rows
    batches = [orjson.dumps({"orders": orders[i:i + BATCH]}) for i in range(0, len(orders), BATCH)]
    port, log = _free_port(), tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}"
    server = await asyncio.to_thread(_start_server, url, port, log)
    try:
        async def one_client(order: list[bytes]) -> list[dict[str, Any]]:
            results = []
            async with httpx.AsyncClient(base_url=base, timeout=60, headers={
                    "X-API-Key": key, "Content-Type": "application/json"}) as http:
                for body in order:
                    response = await http.post("/api/v1/orders/batch", content=body)
                    assert response.status_code == 200, response.text
                    results.extend(response.json()["results"])
            return results

        runs = await asyncio.gather(one_client(batches), one_client(batches[::-1]),
                                    one_client(batches[1::2] + batches[::2]))
    finally:
        server.terminate()
        server.wait()
    statuses = Counter(r["status"] for run in runs for r in run)
    assert statuses == {"created": len(orders), "unchanged": 2 * len(orders)}, statuses
    conn = await connect(url, SCRATCH_DB)
    try:
        assert await conn.fetchval("SELECT count(*) FROM orders") == len(orders)
        await _assert_facts_equal_a_rebuild(conn, url)
    finally:
        await conn.close()
