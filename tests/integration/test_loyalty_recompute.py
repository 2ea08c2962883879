"""The loyalty recompute over a generated portfolio, through the HTTP API against real PostgreSQL: the SQL
measures give the domain's RFM scores, each customer pattern gets the health, stage and class the rules say,
the churn-risk list, scopes, customer list filters, future-profit deciles, reruns, settings and the nightly job."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.loyalty.model import RfmFigures, rfm_scores
from domain.nightly import run_nightly_jobs
from domain.organisation.model import User
from repositories.uow import SqlAlchemyUnitOfWork
from tests.fakes import FrozenClock

TIME_ZONE = "Asia/Shanghai"
TODAY = date(2026, 11, 23)  # the test clock, company time zone
D = Decimal


async def insert_customers(connection: AsyncConnection, owners: list[User]) -> list[int]:
    rows = [{"name": f"客户 {i}", "owner_id": o.id, "org_unit_id": o.org_unit.id} for i, o in enumerate(owners)]
    result = await connection.execute(text("""
        INSERT INTO customers (name, customer_type, owner_id, org_unit_id, created_at)
        SELECT name, 'hotel', owner_id, org_unit_id, TIMESTAMPTZ '2023-01-01 00:00+08'
        FROM json_to_recordset(CAST(:rows AS json)) AS t(name text, owner_id bigint, org_unit_id bigint)
        RETURNING id
    """), {"rows": json.dumps(rows)})
    return sorted(r.id for r in result)


async def insert_orders(connection: AsyncConnection, orders: list[dict[str, Any]], batch: str = "T") -> None:
    """{customer_id, day, amount, status?, discount?} at noon company time; list value = amount + discount;
    external ids `batch` + a number."""
    rows = [{"status": "delivered", "discount": "0", **o, "day": o["day"].isoformat(), "amount": str(o["amount"]),
             "external_id": f"{batch}{i}"} for i, o in enumerate(orders)]
    await connection.execute(text("""
        INSERT INTO orders (source, external_id, customer_id, kind, ordered_at, status, currency, total_amount,
                            net_amount, list_amount, discount_amount, line_count, fingerprint)
        SELECT 'test', t.external_id, t.customer_id, 'order', (t.day + TIME '12:00') AT TIME ZONE :tz, t.status,
               'CNY', t.amount, CASE WHEN t.status = 'cancelled' THEN 0 ELSE t.amount END,
               CASE WHEN t.status = 'cancelled' THEN 0 ELSE t.amount + t.discount END,
               CASE WHEN t.status = 'cancelled' THEN 0 ELSE t.discount END, 1, t.external_id
        FROM json_to_recordset(CAST(:rows AS json)) AS t(external_id text, customer_id bigint, day date,
             amount numeric, status text, discount numeric)
    """), {"rows": json.dumps(rows), "tz": TIME_ZONE})
    # What ingestion does with every order it writes: its quarter is counted again at the next recompute.
    await connection.execute(text("""
        INSERT INTO loyalty_stale_quarters (customer_id, quarter)
        SELECT DISTINCT customer_id, CAST(date_trunc('quarter', ordered_at AT TIME ZONE :tz) AS date) FROM orders
        ON CONFLICT DO NOTHING
    """), {"tz": TIME_ZONE})


def every(days: int, *, start: int, end: int = 0) -> list[date]:
    """Days from `start` days ago to `end` days ago, every `days` days."""
    return [TODAY - timedelta(days=d) for d in range(start, end - 1, -days)]


def generated_portfolio(ids: dict[str, int], random_ids: list[int], seed: int = 5) -> list[dict[str, Any]]:
    """Named patterns plus random buyers (so quintiles and the lifetime-value fit have a population)."""
    orders: list[dict[str, Any]] = []

    def buy(name: str, days: list[date], amount: float, **extra: Any) -> None:
        orders.extend({"customer_id": ids[name], "day": d, "amount": D(str(amount)), **extra} for d in days)

    buy("regular", every(14, start=900), 10_000)
    buy("lapsed", every(14, start=900, end=150), 10_000)
    buy("dormant", every(30, start=700, end=400), 5_000)
    buy("growing", every(14, start=500, end=100), 2_000)
    buy("growing", every(7, start=99), 6_000)
    buy("newbie", every(10, start=30), 3_000)
    buy("discounting", every(14, start=900, end=92), 8_000)
    buy("discounting", every(14, start=90), 8_000, discount="4000")
    buy("troubled", every(14, start=900), 8_000)
    buy("troubled", every(3, start=80, end=5), 8_000, status="cancelled")
    buy("li_regular", every(14, start=900), 9_000)
    rng = random.Random(seed)
    for customer in random_ids:
        first = rng.randint(20, 700)
        day = first
        while day >= 0:
            orders.append({"customer_id": customer, "day": TODAY - timedelta(days=day),
                           "amount": D(rng.randint(1, 400) * 100)})
            day -= rng.randint(5, 120)
    return orders


PATTERNS = ["regular", "lapsed", "dormant", "growing", "newbie", "discounting", "troubled", "never"]


async def portfolio(connection: AsyncConnection, users: dict[str, User]) -> tuple[dict[str, int], list[dict]]:
    zhang, li = users["am_zhang"], users["am_li"]
    named = await insert_customers(connection, [zhang] * len(PATTERNS) + [li])
    ids = dict(zip([*PATTERNS, "li_regular"], named, strict=True))
    random_ids = await insert_customers(connection, [zhang, li] * 20)
    orders = generated_portfolio(ids, random_ids)
    await insert_orders(connection, orders)
    # Contact details that keep changing: four updates in the last year for "troubled".
    await connection.execute(text("""
        INSERT INTO audit_log (at, action, entity_type, entity_id, customer_id)
        SELECT now() - make_interval(days => 20 * g), 'contact_update', 'contact', 1, :id FROM generate_series(1, 4) g
    """), {"id": ids["troubled"]})
    return ids, orders


# The last four complete calendar quarters on the test day (2026-11-23): 2025Q4 to 2026Q3.
YEAR_FROM, YEAR_TO = date(2025, 10, 1), date(2026, 9, 30)


def reference_rfm(orders: list[dict[str, Any]]) -> dict[int, tuple[int, int, int]]:
    """RFM scores by domain/loyalty/model.py from the orders in Python: recency = days since the last purchase day,
    frequency = purchase days and monetary = net revenue in the last four complete quarters."""
    by_customer: dict[int, dict[date, Decimal]] = {}
    for o in orders:
        if o.get("status", "delivered") != "cancelled":
            days = by_customer.setdefault(o["customer_id"], {})
            days[o["day"]] = days.get(o["day"], D(0)) + o["amount"]
    figures = []
    for customer, days in by_customer.items():
        recent = {d: v for d, v in days.items() if YEAR_FROM <= d <= YEAR_TO}
        figures.append((customer, RfmFigures((TODAY - max(days)).days, len(recent), sum(recent.values(), D(0)))))
    return {k: (s.recency, s.frequency, s.monetary) for k, s in rfm_scores(figures).items()}


async def recompute(client: httpx.AsyncClient, auth: Any, **body: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/loyalty/recompute", json=body or None, headers=auth("admin"))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def loyalty_of(client: httpx.AsyncClient, auth: Any, customer_id: int, user: str = "admin") -> dict[str, Any]:
    response = await client.get(f"/api/v1/customers/{customer_id}/loyalty", headers=auth(user))
    assert response.status_code == 200, response.text
    return dict(response.json())


def signal(loyalty: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in loyalty["signals"] if s["signal"] == name)


async def test_recompute_over_a_generated_portfolio(client: httpx.AsyncClient, auth: Any, connection: AsyncConnection,
                                                    users: dict[str, User]) -> None:
    ids, orders = await portfolio(connection, users)
    assert (await client.get(f"/api/v1/customers/{ids['regular']}/loyalty", headers=auth("admin"))).json() is None

    run = await recompute(client, auth)
    assert run["as_of"] == TODAY.isoformat() and run["customers"] == 49 and run["fit_error"] is None
    fit = run["fit"]
    assert fit["customers"] == 48 and 0 < fit["spenders"] <= 48 and fit["data_to"] == TODAY.isoformat()
    assert all(v > 0 for v in (fit["bg_nbd"]["r"], fit["bg_nbd"]["alpha"], fit["gamma_gamma"]["q"]))

    # The SQL measures give the domain's RFM scores for every buyer.
    stored = {r.customer_id: (r.r_score, r.f_score, r.m_score) for r in await connection.execute(
        text("SELECT customer_id, r_score, f_score, m_score FROM customer_loyalty WHERE r_score IS NOT NULL"))}
    assert stored == reference_rfm(orders)

    loyalty = {name: await loyalty_of(client, auth, ids[name]) for name in PATTERNS}
    regular, lapsed = loyalty["regular"], loyalty["lapsed"]
    assert regular["recency_days"] == 900 % 14 and regular["rfm"]["recency"] >= 4
    assert float(regular["health_score"]) > 65 > 40 > float(lapsed["health_score"])
    assert regular["stage"] == "stability" and regular["p_alive"] > lapsed["p_alive"]
    assert D(regular["predicted_revenue_12m"]) > 0 and D(regular["future_profit"]) > 0
    # Why the lapsed customer is unhealthy: 158 days silent against a 14-day rhythm, nothing in the quarter.
    assert lapsed["signals"][0]["signal"] in ("recency", "revenue_trend") and lapsed["signals"][0]["points"] < 0
    assert signal(lapsed, "recency")["value"] == 150 + 750 % 14 and signal(lapsed, "recency")["baseline"] == 14
    assert signal(lapsed, "revenue_trend")["score"] == -1
    assert (lapsed["stage"], lapsed["value_class"]) == ("decline", "migrating")
    assert loyalty["dormant"]["value_class"] == "freezing_point"
    assert loyalty["growing"]["stage"] == "formation" and signal(loyalty["growing"], "revenue_trend")["score"] > 0
    assert loyalty["newbie"]["stage"] == "exploration"
    assert signal(loyalty["discounting"], "discount_trend")["score"] < 0
    assert signal(loyalty["troubled"], "cancellations_returns_trend")["score"] < 0
    assert signal(loyalty["troubled"], "contact_changes")["value"] == 4
    assert signal(loyalty["troubled"], "contact_changes")["score"] == -1
    assert signal(regular, "complaints_trend")["score"] is None  # not recorded yet: unknown, not zero
    never = loyalty["never"]
    assert never["health_score"] is None and never["segment"] is None and never["stage"] == "exploration"
    assert never["value_class"] is None and never["future_profit"] is None

    # Churn risk: the lapsed customer's health fell over the quarter, with the signals that pulled it down.
    risk = (await client.get("/api/v1/loyalty/churn-risk", params={"limit": 50}, headers=auth("am_zhang"))).json()
    changes = [D(r["health_change"]) for r in risk["items"]]
    assert changes == sorted(changes) and all(c < 0 for c in changes)
    lapsed_risk = next(r for r in risk["items"] if r["customer_id"] == ids["lapsed"])
    assert {s["signal"] for s in lapsed_risk["reasons"]} >= {"recency", "revenue_trend"}
    assert all(s["points"] < 0 for s in lapsed_risk["reasons"])
    first = (await client.get("/api/v1/loyalty/churn-risk", params={"limit": 1}, headers=auth("am_zhang"))).json()
    second = (await client.get("/api/v1/loyalty/churn-risk", params={"limit": 1, "cursor": first["next_cursor"]},
                               headers=auth("am_zhang"))).json()
    assert [r["customer_id"] for r in first["items"] + second["items"]] == [r["customer_id"]
                                                                          for r in risk["items"][:2]]

    # Scopes: another account manager neither sees the customer nor counts it.
    assert (await client.get(f"/api/v1/customers/{ids['regular']}/loyalty",
                             headers=auth("am_li"))).status_code == 404
    li_summary = (await client.get("/api/v1/loyalty/summary", headers=auth("am_li"))).json()
    all_summary = (await client.get("/api/v1/loyalty/summary", headers=auth("analyst"))).json()
    assert li_summary["customers"] == 21 and all_summary["customers"] == 49
    assert sum(all_summary["health_buckets"]) + all_summary["no_health"] == 49 and all_summary["no_health"] == 1
    assert sum(c["customers"] for c in all_summary["rfm"]) == 48
    assert sum(c["customers"] for c in all_summary["segments"]) == 49  # with the one who never bought (null)
    assert {r["customer_id"] for r in risk["items"]}.isdisjoint({ids["li_regular"]})

    # The customer list filters on the loyalty figures.
    frozen = (await client.get("/api/v1/customers", params={"value_class": "freezing_point", "limit": 200},
                               headers=auth("am_zhang"))).json()["items"]
    assert ids["dormant"] in {c["id"] for c in frozen} and ids["regular"] not in {c["id"] for c in frozen}
    healthy = (await client.get("/api/v1/customers", params={"health_min": 65, "stage": "stability", "limit": 200},
                                headers=auth("am_zhang"))).json()["items"]
    assert ids["regular"] in {c["id"] for c in healthy} and ids["lapsed"] not in {c["id"] for c in healthy}
    bad = await client.get("/api/v1/customers", params={"health_min": 80, "health_max": 20}, headers=auth("admin"))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "health_min"

    # Deciles by future profit: every buyer, largest first.
    deciles = (await client.get("/api/v1/tiers/deciles", params={"by": "future_profit"},
                                headers=auth("analyst"))).json()["rows"]
    assert sum(r["customers"] for r in deciles) == 48 and len(deciles) == 10
    assert [D(r["average"]) for r in deciles] == sorted((D(r["average"]) for r in deciles), reverse=True)

    # A rerun on unchanged data gives the same figures.
    before = await connection.execute(text("SELECT * FROM customer_loyalty ORDER BY customer_id"))
    figures = [dict(r._mapping) | {"run_id": None} for r in before]
    await recompute(client, auth)
    after = await connection.execute(text("SELECT * FROM customer_loyalty ORDER BY customer_id"))
    assert [dict(r._mapping) | {"run_id": None} for r in after] == figures


async def test_segment_history_runs_and_roles(client: httpx.AsyncClient, auth: Any, connection: AsyncConnection,
                                              users: dict[str, User]) -> None:
    _, orders = await portfolio(connection, users)
    await recompute(client, auth, as_of="2026-06-30")
    await recompute(client, auth, as_of="2026-09-30")
    await recompute(client, auth, as_of="2026-09-30")  # the same day again replaces its sizes
    history = (await client.get("/api/v1/loyalty/segments/history", headers=auth("analyst"))).json()["items"]
    assert {h["as_of"] for h in history} == {"2026-06-30", "2026-09-30"}
    per_day: dict[str, int] = {}
    for h in history:
        per_day[h["as_of"]] = per_day.get(h["as_of"], 0) + h["customers"]
    assert per_day == {day: len({o["customer_id"] for o in orders if o["day"].isoformat() <= day})
                       for day in ("2026-06-30", "2026-09-30")}
    assert (await client.get("/api/v1/loyalty/segments/history", headers=auth("am_zhang"))).json()["items"] == []
    runs = (await client.get("/api/v1/loyalty/runs", headers=auth("am_zhang"))).json()["items"]
    assert [r["as_of"] for r in runs] == ["2026-09-30", "2026-09-30", "2026-06-30"]
    # Facts are kept by calendar quarter: a past day inside a quarter cannot be measured.
    inside = await client.post("/api/v1/loyalty/recompute", json={"as_of": "2026-10-31"}, headers=auth("admin"))
    assert inside.status_code == 422 and inside.json()["errors"][0]["field"] == "as_of"

    assert (await client.post("/api/v1/loyalty/recompute", headers=auth("am_zhang"))).status_code == 403
    future = await client.post("/api/v1/loyalty/recompute", json={"as_of": "2026-11-24"}, headers=auth("admin"))
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "as_of"
    assert (await client.get("/api/v1/loyalty/summary")).status_code == 401


async def test_settings_are_versioned_data(client: httpx.AsyncClient, auth: Any, connection: AsyncConnection,
                                           users: dict[str, User]) -> None:
    response = await client.get("/api/v1/loyalty/settings", headers=auth("am_zhang"))
    assert response.status_code == 200 and response.headers["ETag"] == '"1"'
    settings = response.json()
    assert settings["margin_percent"] == "20.00" and settings["health_weights"]["recency"] == "30"
    assert [r["key"] for r in settings["segment_rules"]][:2] == ["champions", "loyal"]
    body = {k: v for k, v in settings.items() if k != "version"}
    assert (await client.put("/api/v1/loyalty/settings", json=body, headers=auth("admin"))).status_code == 428
    assert (await client.put("/api/v1/loyalty/settings", json=body,
                             headers={**auth("am_zhang"), "If-Match": '"1"'})).status_code == 403
    bad = {**body, "margin_percent": "120", "segment_rules": body["segment_rules"][1:]}
    response = await client.put("/api/v1/loyalty/settings", json=bad, headers={**auth("admin"), "If-Match": '"1"'})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"margin_percent", "segment_rules"}
    negative = {**body, "health_weights": {**body["health_weights"], "recency": "-1"}}
    response = await client.put("/api/v1/loyalty/settings", json=negative,
                                headers={**auth("admin"), "If-Match": '"1"'})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "health_weights.recency"
    # Switching the recency signal off changes the health of a customer who has gone quiet.
    ids, _ = await portfolio(connection, users)
    await recompute(client, auth)
    quiet_before = D((await loyalty_of(client, auth, ids["lapsed"]))["health_score"])
    weights = {**body["health_weights"], "recency": "0"}
    saved = await client.put("/api/v1/loyalty/settings",
                             json={**body, "health_weights": weights, "margin_percent": "35"},
                             headers={**auth("admin"), "If-Match": '"1"'})
    assert saved.status_code == 200 and saved.json()["version"] == 2 and saved.headers["ETag"] == '"2"'
    stale = await client.put("/api/v1/loyalty/settings", json=body, headers={**auth("admin"), "If-Match": '"1"'})
    assert stale.status_code == 412
    run = await recompute(client, auth)
    assert run["settings_version"] == 2
    lapsed = await loyalty_of(client, auth, ids["lapsed"])
    assert signal(lapsed, "recency")["points"] == 0 and D(lapsed["health_score"]) != quiet_before


async def test_the_nightly_jobs_recompute_loyalty(uow: SqlAlchemyUnitOfWork, clock: FrozenClock,
                                                  connection: AsyncConnection, users: dict[str, User]) -> None:
    await portfolio(connection, users)
    async with uow:  # the monthly facts the tier recompute reads (the orders went straight into the table)
        await uow.facts.rebuild(TIME_ZONE, clock.now())
        await uow.commit()
    outcome = await run_nightly_jobs(uow, clock=clock, time_zone=TIME_ZONE)
    assert outcome.loyalty_run is not None and outcome.loyalty_run.customers == 49
    assert outcome.loyalty_run.fit is not None
    # Value classes read the ABC classes the same night computed: the best customers are value customers.
    classes = {r.value_class for r in await connection.execute(text(
        "SELECT l.value_class FROM customer_loyalty l JOIN customer_tiers t USING (customer_id) "
        "WHERE t.abc_class = 'A'"))}
    assert classes <= {"value", "migrating", "freezing_point"} and "value" in classes


# The columns (type, NOT NULL, default), constraints and indexes of customer_loyalty, by name.
_TABLE_SHAPE = text("""
    SELECT (SELECT array_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' '
                             || coalesce(pg_get_expr(d.adbin, d.adrelid), '') ORDER BY a.attnum)
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = 'customer_loyalty'::regclass AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
           (SELECT array_agg(conname || ' ' || pg_get_constraintdef(oid) ORDER BY conname)
            FROM pg_constraint WHERE conrelid = 'customer_loyalty'::regclass) AS constraints,
           (SELECT array_agg(indexname || ' ' || indexdef ORDER BY indexname)
            FROM pg_indexes WHERE tablename = 'customer_loyalty') AS indexes,
           (SELECT count(*) FROM pg_class WHERE relname LIKE 'customer_loyalty%' AND relkind = 'r') AS tables
""")


async def test_each_run_puts_a_table_of_the_same_shape_in_place(client: httpx.AsyncClient, auth: Any,
                                                                 connection: AsyncConnection,
                                                                 users: dict[str, User]) -> None:
    """The figures are written into a new table that replaces the old one: the migrations' columns, constraints
    and index names survive every run, no second table is left behind, and what readers see is only the new run."""
    migrated = (await connection.execute(_TABLE_SHAPE)).one()
    assert "pk_customer_loyalty PRIMARY KEY (customer_id)" in migrated.constraints
    ids, _ = await portfolio(connection, users)
    first = await recompute(client, auth, as_of="2026-09-30")
    second = await recompute(client, auth)
    assert (await connection.execute(_TABLE_SHAPE)).one() == migrated
    assert migrated.tables == 1
    runs = {r.run_id: r.count for r in await connection.execute(text(
        "SELECT run_id, count(*) FROM customer_loyalty GROUP BY run_id"))}
    assert runs == {second["id"]: second["customers"]} and first["id"] != second["id"]
    # A constraint of the migrations still holds on the new table.
    with pytest.raises(DBAPIError, match="ck_customer_loyalty"):
        async with connection.begin_nested():
            await connection.execute(text("UPDATE customer_loyalty SET stage = 'dormant' WHERE customer_id = :id"),
                                     {"id": ids["regular"]})


async def test_health_a_quarter_before_is_recorded_once_and_recomputed_when_its_quarters_change(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, users: dict[str, User]) -> None:
    """The health as of 2026-06-30 (the quarter before the last complete one) is computed by the first run of the
    quarter and read back by the next; recounting a quarter up to that day, or new settings, recompute it."""
    ids, _ = await portfolio(connection, users)
    before_day = date(2026, 6, 30)

    async def health_before_of_regular() -> Decimal:
        found = await connection.execute(text("SELECT health_before FROM customer_loyalty WHERE customer_id = :id"),
                                         {"id": ids["regular"]})
        return Decimal(found.scalar_one())

    async def tamper() -> None:  # a carried score no computation gives: what the next run shows if it reads it
        await connection.execute(text("UPDATE customer_loyalty SET health_before = 1.5 WHERE customer_id = :id"),
                                 {"id": ids["regular"]})

    first = await recompute(client, auth)
    computed = await health_before_of_regular()
    carried = (await connection.execute(text(
        "SELECT count(*) AS customers, count(health_before) AS scored FROM customer_loyalty"))).one()
    noted = (await connection.execute(text(
        "SELECT quarter_end, settings_version FROM loyalty_health_before"))).all()
    assert carried.customers == 49 and 0 < carried.scored < 49 and computed != Decimal("1.5")
    assert noted == [(before_day, first["settings_version"])]

    await tamper()
    await recompute(client, auth)
    assert await health_before_of_regular() == Decimal("1.5")  # read back, not aggregated again
    change = (await connection.execute(text("SELECT health_score - 1.5 = health_change FROM customer_loyalty "
                                            "WHERE customer_id = :id"), {"id": ids["regular"]})).scalar_one()
    assert change is True

    # Orders of this quarter (after that day) are counted without touching the record.
    await insert_orders(connection, [{"customer_id": ids["dormant"], "day": date(2026, 11, 20), "amount": 100}],
                        batch="NOW")
    await connection.execute(text("DELETE FROM loyalty_stale_quarters WHERE quarter < DATE '2026-10-01'"))
    await recompute(client, auth)
    assert await health_before_of_regular() == Decimal("1.5")

    # An order of May (a quarter up to that day) arrives: that quarter is recounted, the record recomputed.
    await insert_orders(connection, [{"customer_id": ids["dormant"], "day": date(2026, 5, 10), "amount": 100}],
                        batch="LATE")
    await recompute(client, auth)
    assert await health_before_of_regular() == computed

    # New loyalty settings (another version): recomputed too.
    await tamper()
    await connection.execute(text("UPDATE loyalty_settings SET version = version + 1"))
    await recompute(client, auth)
    assert await health_before_of_regular() == computed
