"""The lifetime-value summary the product fits on, built set-based in PostgreSQL from the orders
(repositories/loyalty/repository.py): it equals the published CDNOW summary when the CDNOW sample is loaded as orders,
and follows the order rules (cancellations, returns, local days, the end of the calibration period)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import numpy as np
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from domain.loyalty.clv import CustomerSummary, fit_bg_nbd, fit_gamma_gamma
from repositories.loyalty.repository import SqlLoyaltyRepository
from repositories.orders.repository import SqlFactsRepository
from tests.cdnow import CALIBRATION_END, published_summary, sample_purchases

TIME_ZONE = "Asia/Shanghai"


async def insert_customers(connection: AsyncConnection, external_ids: list[str]) -> dict[str, int]:
    """One customer per external id (source `cdnow`), in the HQ unit; Keyhold's id of each."""
    result = await connection.execute(text("""
        INSERT INTO customers (source_system, external_id, name, customer_type, org_unit_id)
        SELECT 'cdnow', t.external_id, 'CDNOW ' || t.external_id, 'hotel',
               (SELECT id FROM org_units WHERE code = 'HQ')
        FROM unnest(CAST(:ids AS text[])) AS t(external_id)
        RETURNING id, external_id
    """), {"ids": external_ids})
    return {r.external_id: r.id for r in result}


async def insert_orders(connection: AsyncConnection, orders: list[dict[str, object]]) -> dict[str, int]:
    """Orders straight into the table (one statement), at noon company time unless `at` (local) is given:
    {external_id, customer_id, day, net_amount, status?, kind?, original?, at?}; Keyhold's id of each."""
    rows = [{"status": "delivered", "kind": "order", "original": None, "at": "12:00", **o} for o in orders]
    # Returns after the orders they name, so that the originals' ids are there to look up.
    ids: dict[str, int] = {}
    for batch in ([r for r in rows if r["kind"] == "order"], [r for r in rows if r["kind"] == "return"]):
        if batch:
            ids |= await _insert_orders(connection, batch)
    return ids


async def _insert_orders(connection: AsyncConnection, rows: list[dict[str, object]]) -> dict[str, int]:
    result = await connection.execute(text("""
        INSERT INTO orders (source, external_id, customer_id, kind, original_order_id, ordered_at, status, currency,
                            total_amount, net_amount, list_amount, discount_amount, line_count, fingerprint)
        SELECT 'test', t.external_id, t.customer_id, t.kind,
               (SELECT o.id FROM orders o WHERE o.source = 'test' AND o.external_id = t.original),
               (t.day + t.at) AT TIME ZONE :tz, t.status, 'USD',
               abs(t.net_amount), t.net_amount, greatest(t.net_amount, 0), 0, 0, t.external_id
        FROM json_to_recordset(CAST(:rows AS json)) AS t(external_id text, customer_id bigint, kind text,
             original text, day date, at time, status text, net_amount numeric)
        RETURNING id, external_id
    """), {"rows": json.dumps(rows, default=str), "tz": TIME_ZONE})
    return {r.external_id: r.id for r in result}


async def clv_summary(session_factory: async_sessionmaker[AsyncSession], end: date) -> CustomerSummary:
    """The product's path after a bulk load: the facts rebuilt from the orders (the quarterly ones with them),
    then the summary the recompute fits on."""
    async with session_factory() as session:
        await SqlFactsRepository(session).rebuild(TIME_ZONE, datetime.now(UTC))
        await session.commit()
        return await SqlLoyaltyRepository(session).clv_summary(end, TIME_ZONE)


async def test_the_cdnow_sample_loaded_as_orders_gives_the_published_summary(
        connection: AsyncConnection, session_factory: async_sessionmaker[AsyncSession]) -> None:
    purchases = sample_purchases()
    customers = await insert_customers(connection, sorted({str(p.id) for p in purchases}, key=int))
    await insert_orders(connection, [
        {"external_id": f"cdnow-{n}", "customer_id": customers[str(p.id)], "day": p.day,
         "net_amount": str(p.dollars)} for n, p in enumerate(purchases)])

    summary = await clv_summary(session_factory, CALIBRATION_END)

    published = published_summary()
    assert summary.customer_ids is not None
    sample_id = {keyhold_id: int(external) for external, keyhold_id in customers.items()}
    assert [sample_id[i] for i in summary.customer_ids.tolist()] == [r.id for r in published]
    assert summary.frequency.tolist() == [r.frequency for r in published]
    np.testing.assert_allclose(summary.recency, [r.recency for r in published], rtol=0, atol=1e-9)
    np.testing.assert_allclose(summary.T, [r.T for r in published], rtol=0, atol=1e-9)
    assert [Decimal(f"{m:.2f}") for m in summary.monetary.tolist()] == [r.monetary for r in published]

    # And the fits on it are the literature's (the unit tests check them against the published values).
    bg = fit_bg_nbd(summary)
    gg = fit_gamma_gamma(summary)
    assert (bg.r, bg.alpha, bg.a, bg.b) == pytest.approx((0.243, 4.414, 0.793, 2.426), rel=0.01)
    assert (gg.p, gg.q, gg.gamma) == pytest.approx((6.25, 3.74, 15.44), rel=0.01)


async def test_the_summary_follows_the_order_rules(connection: AsyncConnection,
                                                   session_factory: async_sessionmaker[AsyncSession]) -> None:
    ids = await insert_customers(connection, ["a", "b", "c", "d", "e"])
    a, b, c, d, e = (ids[k] for k in "abcde")
    end = date(2026, 3, 31)
    await insert_orders(connection, [
        # a: first day 01-01; 01-15 two orders (one purchase of 25); 02-05 a cancelled order only (no purchase);
        # 02-20 an order fully returned by a return document dated 03-02 (no purchase); 03-01 partially returned
        # (net 40.01); 03-10 an order of 30 with a return of 10 on 03-20 for it (spend 20); an order after the end.
        {"external_id": "a1", "customer_id": a, "day": date(2026, 1, 1), "net_amount": "10.00"},
        {"external_id": "a2", "customer_id": a, "day": date(2026, 1, 15), "net_amount": "20.00"},
        {"external_id": "a3", "customer_id": a, "day": date(2026, 1, 15), "net_amount": "5.00", "at": "23:30"},
        {"external_id": "a4", "customer_id": a, "day": date(2026, 2, 5), "net_amount": "0.00",
         "status": "cancelled"},
        {"external_id": "a5", "customer_id": a, "day": date(2026, 2, 20), "net_amount": "50.00"},
        {"external_id": "a5-r", "customer_id": a, "day": date(2026, 3, 2), "net_amount": "-50.00", "kind": "return",
         "original": "a5"},
        {"external_id": "a6", "customer_id": a, "day": date(2026, 3, 1), "net_amount": "40.01",
         "status": "partially_returned"},
        {"external_id": "a7", "customer_id": a, "day": date(2026, 3, 10), "net_amount": "30.00"},
        {"external_id": "a7-r", "customer_id": a, "day": date(2026, 3, 20), "net_amount": "-10.00", "kind": "return",
         "original": "a7"},
        {"external_id": "a8", "customer_id": a, "day": date(2026, 4, 1), "net_amount": "99.00", "at": "00:30"},
        # a: 03-25 an order taken back in full by a return after the end: a return is credited to the day of the
        # order it returns whenever it arrives (facts are kept up to now), so 03-25 is no purchase.
        {"external_id": "a9", "customer_id": a, "day": date(2026, 3, 25), "net_amount": "15.00"},
        {"external_id": "a9-r", "customer_id": a, "day": date(2026, 4, 3), "net_amount": "-15.00", "kind": "return",
         "original": "a9"},
        # b: one purchase at 23:59 local on the last day of the period.
        {"external_id": "b1", "customer_id": b, "day": date(2026, 3, 31), "net_amount": "12.00", "at": "23:59"},
        # c: only a fully returned order (status returned) and a cancelled one: not a customer of the period.
        {"external_id": "c1", "customer_id": c, "day": date(2026, 1, 5), "net_amount": "0.00", "status": "returned"},
        {"external_id": "c2", "customer_id": c, "day": date(2026, 1, 6), "net_amount": "0.00", "status": "cancelled"},
        # d: a free first order counts; then a repeat purchase of 8.
        {"external_id": "d1", "customer_id": d, "day": date(2026, 1, 10), "net_amount": "0.00"},
        {"external_id": "d2", "customer_id": d, "day": date(2026, 1, 17), "net_amount": "8.00", "status": "placed"},
        # e: buys only after the period.
        {"external_id": "e1", "customer_id": e, "day": date(2026, 4, 2), "net_amount": "5.00"},
    ])

    summary = await clv_summary(session_factory, end)

    assert summary.customer_ids is not None and summary.customer_ids.tolist() == [a, b, d]
    assert summary.frequency.tolist() == [3, 0, 1]  # a: 01-15, 03-01, 03-10 after 01-01
    assert summary.recency.tolist() == [9.71, 0.0, 1.0]  # 68 days
    assert summary.T.tolist() == [12.71, 0.0, 11.43]  # 89 and 80 days
    assert summary.monetary.tolist() == [28.34, 0.0, 8.0]  # (25 + 40.01 + 20) / 3 = 28.3366...
