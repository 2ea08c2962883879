"""ERP order ingestion through the real HTTP API against a COPY floor, on a scratch embedded PostgreSQL.

1. `keyhold serve` runs on loopback; N concurrent clients POST /api/v1/orders/batch with batches of 1,000
   orders (1-4 lines each) until all orders are sent: orders/s of the first send (all `created`).
2. The same batches again: every order `unchanged` (nothing written): orders/s of the re-send.
3. The same rows straight into the same tables with asyncpg `copy_records_to_table` (under another source
   so nothing collides): the floor no API can beat. The ratio HTTP/COPY is the figure to watch.

The client, the server and PostgreSQL share the machine (2 cores here), as they would on a small server.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import orjson

from api.cli import db_upgrade
from api.security import SystemClock, hash_api_key, new_api_key
from domain.integrations.service import create_api_key
from domain.orders.model import IncomingOrder, OrderLine, OrderStatus, figures
from repositories.db import make_engine, make_session_factory, resolve_database_url
from repositories.settings import PROJECT_ROOT, Settings
from repositories.uow import SqlAlchemyUnitOfWork
from tests.scratch import connect, scratch_directory

SOURCE = "bench-erp"
PRODUCTS = [(f"SKU-{i:04d}", f"产品 {i}", Decimal(random.Random(i).randint(500, 50000)) / 100) for i in range(400)]


@dataclass
class Timing:
    orders: int
    seconds: float
    statuses: Counter[str]

    @property
    def rate(self) -> float:
        return self.orders / self.seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def generate_orders(count: int, customers: int, seed: int = 7) -> list[dict[str, Any]]:
    """Orders as an ERP sends them (JSON-ready), skewed over customers, 1-4 lines each."""
    rng = random.Random(seed)
    start = datetime(2024, 12, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    orders = []
    for n in range(count):
        customer = min(customers, int(rng.paretovariate(1.2))) if rng.random() < 0.5 else rng.randint(1, customers)
        lines = []
        total = Decimal(0)
        for product in rng.sample(PRODUCTS, rng.randint(1, 4)):
            quantity = Decimal(rng.randint(1, 40))
            discount = (quantity * product[2] * Decimal("0.05")).quantize(Decimal("0.01")) if rng.random() < 0.2 \
                else Decimal(0)
            lines.append({"sku": product[0], "product_name": product[1], "quantity": str(quantity),
                          "unit_price": str(product[2]), "discount_amount": str(discount)})
            total += quantity * product[2] - discount
        at = start + timedelta(minutes=rng.randint(0, 700 * 24 * 60))
        status = "cancelled" if rng.random() < 0.03 else "delivered"
        orders.append({"external_id": f"SO-{n:08d}", "customer_external_id": f"C{customer:06d}",
                       "ordered_at": at.isoformat(), "status": status, "total_amount": str(total.quantize(
                           Decimal("0.01"))), "currency": "CNY", "lines": lines})
    return orders


async def prepare_source(url: str, customers: int) -> str:
    """An org unit, `customers` customers of the integration, and its API key (returned), in the database of
    `url` (migrated)."""
    conn = await connect(url)
    try:
        unit = await conn.fetchval("INSERT INTO org_units (code, name, kind, path) VALUES "
                                   "('HQ', 'HQ', 'headquarters', '') RETURNING id")
        await conn.execute("UPDATE org_units SET path = id || '/' WHERE id = $1", unit)
        await conn.execute(
            "INSERT INTO customers (name, customer_type, org_unit_id, source_system, external_id) "
            "SELECT 'Customer ' || n, 'hotel', $1, $2, 'C' || lpad(n::text, 6, '0') "
            "FROM generate_series(1, $3) AS n", unit, SOURCE, customers)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    engine = make_engine(url, pool_size=1)
    try:
        _, key = await create_api_key(SqlAlchemyUnitOfWork(make_session_factory(engine)), None, name=SOURCE,
                                      scopes=["orders:write"], new_key=new_api_key, hash_key=hash_api_key,
                                      clock=SystemClock())
    finally:
        await engine.dispose()
    return key


async def _send_all(base: str, key: str, batches: list[bytes], clients: int) -> Timing:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for batch in batches:
        queue.put_nowait(batch)
    statuses: Counter[str] = Counter()
    sent = 0

    async def client() -> None:
        nonlocal sent
        async with httpx.AsyncClient(base_url=base, timeout=300,
                                     headers={"X-API-Key": key, "Content-Type": "application/json"}) as http:
            while not queue.empty():
                body = queue.get_nowait()
                response = await http.post("/api/v1/orders/batch", content=body)
                response.raise_for_status()
                summary = orjson.loads(response.content)["summary"]
                statuses.update({k: v for k, v in summary.items() if v})
                sent += sum(summary.values())

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return Timing(sent, time.perf_counter() - started, statuses)


def _copy_records(orders: list[dict[str, Any]], first_id: int, customer_ids: dict[str, int],
                  ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The rows the API would write, computed before the clock starts: the floor measures the database."""
    order_rows, line_rows = [], []
    now = datetime.now(UTC)
    for offset, raw in enumerate(orders):
        lines = tuple(OrderLine(ln["sku"], ln["product_name"], Decimal(ln["quantity"]), Decimal(ln["unit_price"]),
                                Decimal(ln["discount_amount"])) for ln in raw["lines"])
        order = IncomingOrder(raw["external_id"], raw["customer_external_id"], datetime.fromisoformat(
            raw["ordered_at"]), OrderStatus(raw["status"]), Decimal(raw["total_amount"]), lines=lines)
        customer_id = customer_ids[raw["customer_external_id"]]
        fig = figures(order, customer_id)
        order_id = first_id + offset
        order_rows.append((order_id, "bench-copy", order.external_id, customer_id, "order", None, order.ordered_at,
                           str(order.status), "CNY", order.total_amount, None, None, fig.net_amount,
                           fig.list_amount, fig.discount_amount, len(lines), order.fingerprint(), 1, now, now))
        line_rows.extend((order_id, n, ln.sku, ln.product_name, ln.quantity, ln.unit_price, ln.discount_amount)
                         for n, ln in enumerate(lines, start=1))
    return order_rows, line_rows


ORDER_COLUMNS = ["id", "source", "external_id", "customer_id", "kind", "original_order_id", "ordered_at", "status",
                 "currency", "total_amount", "returned_amount", "store_code", "net_amount", "list_amount",
                 "discount_amount", "line_count", "fingerprint", "version", "received_at", "updated_at"]
LINE_COLUMNS = ["order_id", "line_no", "sku", "product_name", "quantity", "unit_price", "discount_amount"]


async def _copy_floor(url: str, orders: list[dict[str, Any]], batch: int) -> Timing:
    conn = await connect(url)
    try:
        first_id = await conn.fetchval("SELECT max(id) + 1000000 FROM orders")
        customer_ids = {r["external_id"]: r["id"] for r in await conn.fetch(
            "SELECT external_id, id FROM customers WHERE source_system = $1", SOURCE)}
        order_rows, line_rows = _copy_records(orders, first_id, customer_ids)
        await conn.execute("SELECT setval(pg_get_serial_sequence('orders', 'id'), $1)", first_id + len(orders))
        by_order: dict[int, list[tuple[Any, ...]]] = {}
        for row in line_rows:
            by_order.setdefault(row[0], []).append(row)
        # The floor is the faster of two ways: all rows in one transaction (two COPYs), or batch by batch
        # with one transaction each like the API's requests (each half of the orders, under its own source).
        half = len(order_rows) // 2
        started = time.perf_counter()
        async with conn.transaction():
            await conn.copy_records_to_table("orders", records=order_rows[:half], columns=ORDER_COLUMNS)
            await conn.copy_records_to_table("order_lines", records=[
                line for row in order_rows[:half] for line in by_order[row[0]]], columns=LINE_COLUMNS)
        whole = (time.perf_counter() - started) / half
        started = time.perf_counter()
        for start in range(half, len(order_rows), batch):
            chunk = order_rows[start:start + batch]
            async with conn.transaction():
                await conn.copy_records_to_table("orders", records=chunk, columns=ORDER_COLUMNS)
                await conn.copy_records_to_table("order_lines", records=[
                    line for row in chunk for line in by_order[row[0]]], columns=LINE_COLUMNS)
        batched = (time.perf_counter() - started) / (len(order_rows) - half)
        print(f"COPY: {1 / whole:,.0f} orders/s in one transaction, {1 / batched:,.0f} orders/s in batches of "
              f"{batch}", flush=True)
        return Timing(len(order_rows), len(order_rows) * min(whole, batched), Counter({"copied": len(order_rows)}))
    finally:
        await conn.close()


def _wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit(f"keyhold serve exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("keyhold serve did not start")


def run(orders: int = 200_000, customers: int = 20_000, clients: int = 4, batch: int = 1000,
        workers: int = 1, profile: Path | None = None) -> dict[str, Timing]:
    with scratch_directory("keyhold-bench-ingest-") as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=None)
        url = resolve_database_url(settings)
        db_upgrade(settings)
        key = asyncio.run(prepare_source(url, customers))
        print(f"generating {orders} orders for {customers} customers...", flush=True)
        rows = generate_orders(orders, customers)
        batches = [orjson.dumps({"orders": rows[i:i + batch]}) for i in range(0, len(rows), batch)]

        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "DATABASE_URL": url, "KEYHOLD_DATA_DIR": tmp}
        server = subprocess.Popen(
            [str(PROJECT_ROOT / ".venv" / "bin" / "keyhold"), "serve", "--port", str(port), "--workers",
             str(workers), "--no-access-log"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        spy = None
        try:
            _wait_for(base, server)
            if profile is not None:
                spy = subprocess.Popen([str(PROJECT_ROOT / ".venv" / "bin" / "py-spy"), "record", "--pid",
                                        str(server.pid), "--subprocesses", "--format", "raw", "--output",
                                        str(profile), "--rate", "200"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(1)
            print(f"sending {len(batches)} batches of {batch} with {clients} clients...", flush=True)
            first = asyncio.run(_send_all(base, key, batches, clients))
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(timeout=60)
            resend = asyncio.run(_send_all(base, key, batches, clients))
        finally:
            server.terminate()
            server.wait(timeout=30)
        copy = asyncio.run(_copy_floor(url, rows, batch))
    return {"first send": first, "re-send": resend, "COPY": copy}


def report(results: dict[str, Timing], *, orders: int, clients: int, batch: int, workers: int) -> str:
    copy = results["COPY"].rate
    lines = [f"orders: {orders}, batches of {batch}, {clients} concurrent clients, {workers} server process(es)"]
    for name, t in results.items():
        lines.append(f"  {name:<11} {t.rate:>9,.0f} orders/s  ({t.seconds:6.1f} s, {dict(t.statuses)})"
                     f"  = {t.rate / copy:5.1%} of COPY")
    first, resend = results["first send"], results["re-send"]
    lines.append(f"  ratio first send / COPY = {first.rate / copy:.2f}; re-send / first send = "
                 f"{resend.rate / first.rate:.2f}")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.bench ingestion")
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--profile", type=Path, help="py-spy raw profile of the server during the first send")
    args = parser.parse_args(argv)
    results = run(args.orders, args.customers, args.clients, args.batch, args.workers, args.profile)
    print(report(results, orders=args.orders, clients=args.clients, batch=args.batch, workers=args.workers))


if __name__ == "__main__":
    main(sys.argv[1:])
