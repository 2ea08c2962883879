"""Key-account levels, ABC classes and deciles: the set-based recompute equals the domain's rules, through the
HTTP API against real PostgreSQL."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.nightly import run_nightly_jobs
from domain.organisation.model import User
from domain.tiering.model import LevelThresholds, abc_classes, decile_table
from repositories.uow import SqlAlchemyUnitOfWork
from tests.fakes import FrozenClock

D = Decimal
# The test clock is 2026-11-23 (Asia/Shanghai): the trailing 12 months are 2025-12 .. 2026-11.
WINDOW = [date(2025 + (11 + i) // 12, (11 + i) % 12 + 1, 1) for i in range(12)]
BEFORE_WINDOW = [date(2025, 11, 1), date(2025, 6, 1), date(2024, 12, 1)]


async def insert_customers(connection: AsyncConnection, owners: list[User | None]) -> list[int]:
    """Customers straight into the table (one statement), each owned by the user given and in the user's unit
    (HQ without an owner); their ids in order."""
    rows = [{"name": f"客户 {i}", "owner_id": owner.id if owner else None,
             "org_unit_id": owner.org_unit.id if owner else None} for i, owner in enumerate(owners)]
    result = await connection.execute(text("""
        INSERT INTO customers (name, customer_type, owner_id, org_unit_id)
        SELECT name, 'hotel', owner_id, coalesce(org_unit_id, (SELECT id FROM org_units WHERE code = 'HQ'))
        FROM json_to_recordset(CAST(:rows AS json)) AS t(name text, owner_id bigint, org_unit_id bigint)
        RETURNING id
    """), {"rows": json.dumps(rows)})
    return sorted(r.id for r in result)


async def add_revenue(connection: AsyncConnection, months: dict[tuple[int, date], Decimal]) -> None:
    """Adds net revenue to customers' months (as order batches would)."""
    if not months:
        return
    rows = [{"customer_id": c, "month": m.isoformat(), "net_revenue": str(v)} for (c, m), v in months.items()]
    await connection.execute(text("""
        INSERT INTO customer_monthly_revenue AS m (customer_id, month, net_revenue, order_count)
        SELECT customer_id, month, net_revenue, 1
        FROM json_to_recordset(CAST(:rows AS json)) AS t(customer_id bigint, month date, net_revenue numeric)
        ON CONFLICT (customer_id, month) DO UPDATE SET net_revenue = m.net_revenue + excluded.net_revenue
    """), {"rows": json.dumps(rows)})


async def stored_tiers(connection: AsyncConnection) -> dict[int, tuple[str, str, Decimal]]:
    rows = await connection.execute(text("SELECT customer_id, level, abc_class, revenue_12m FROM customer_tiers"))
    return {r.customer_id: (r.level, r.abc_class, r.revenue_12m) for r in rows}


async def history_count(connection: AsyncConnection, customer_id: int | None = None) -> int:
    return int((await connection.execute(text(
        "SELECT count(*) FROM customer_tier_history WHERE source = 'recompute' AND "
        "(CAST(:id AS bigint) IS NULL OR customer_id = CAST(:id AS bigint))"), {"id": customer_id})).scalar_one())


def generated_revenue(customer_ids: list[int], seed: int) -> dict[tuple[int, date], Decimal]:
    """Skewed monthly revenue with ties, zeros, returns, customers without any revenue, and revenue older than
    the window (which must not count)."""
    rng = random.Random(seed)
    months: dict[tuple[int, date], Decimal] = {}
    for customer in customer_ids:
        kind = rng.random()
        if kind < 0.12:
            continue  # never bought
        if kind < 0.2:  # bought long ago only, or net zero in the window
            months[(customer, rng.choice(BEFORE_WINDOW))] = D(rng.randint(1, 9_000_000))
            if rng.random() < 0.5:
                months[(customer, WINDOW[3])] = D("1500.00")
                months[(customer, WINDOW[4])] = D("-1500.00")
            continue
        if kind < 0.3:  # ties: the same yearly revenue, some exactly on a threshold
            months[(customer, rng.choice(WINDOW))] = rng.choice([D("200000.00"), D("1000000.00"), D("350000.50")])
            continue
        if kind < 0.33:  # more returned than bought
            months[(customer, WINDOW[-1])] = D(-rng.randint(1, 50_000))
            continue
        scale = rng.paretovariate(1.1) * 30_000
        for month in rng.sample(WINDOW, rng.randint(1, 12)):
            months[(customer, month)] = (D(scale) * D(rng.uniform(0.2, 1.8))).quantize(D("0.01"))
        months[(customer, rng.choice(BEFORE_WINDOW))] = D(rng.randint(1, 5_000_000))
    return months


def window_revenue(customer_ids: list[int], months: dict[tuple[int, date], Decimal]) -> dict[int, Decimal]:
    revenue = dict.fromkeys(customer_ids, D(0))
    for (customer, month), value in months.items():
        if month in WINDOW:
            revenue[customer] += value
    return revenue


def expected_tiers(revenue: dict[int, Decimal], levels: LevelThresholds = LevelThresholds(),
                   ) -> dict[int, tuple[str, str]]:
    """(level, ABC class) per customer by the domain's rules."""
    classes = abc_classes(list(revenue.items()))
    return {c: (levels.level(r).value, classes[c].value) for c, r in revenue.items()}


async def recompute(client: httpx.AsyncClient, auth: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/tiers/recompute", headers=auth("admin"))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_recompute_equals_the_domain_rules_and_reruns_change_nothing(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, users: dict[str, User]) -> None:
    owners = [users["am_zhang"], users["am_li"], users["am_wang"], None]
    ids = await insert_customers(connection, [owners[i % 4] for i in range(400)])
    months = generated_revenue(ids, seed=11)
    await add_revenue(connection, months)
    revenue = window_revenue(ids, months)
    assert any(v == 0 for v in revenue.values()) and any(v < 0 for v in revenue.values())
    assert len(set(revenue.values())) < len(revenue) - 50  # plenty of ties

    run = await recompute(client, auth)
    assert (run["trigger"], run["customers"], run["changed"]) == ("manual", 400, 400)
    assert run["triggered_by"]["username"] == "admin" and run["as_of_month"] == "2026-11-01"
    assert D(run["settings"]["level_special"]) == 5_000_000 and run["settings"]["version"] == 1

    stored = await stored_tiers(connection)
    expected = expected_tiers(revenue)
    assert {c: (s[0], s[1]) for c, s in stored.items()} == expected
    assert {c: s[2] for c, s in stored.items()} == revenue
    assert {level for level, _ in expected.values()} == {"special", "A", "B", "C"}
    assert {abc for _, abc in expected.values()} == {"A", "B", "C"}
    assert await history_count(connection) == 400

    deciles = (await client.get("/api/v1/tiers/deciles", params={"by": "revenue"}, headers=auth("analyst"))).json()
    assert deciles["by"] == "revenue" and deciles["run"]["id"] == run["id"]
    fields = ("decile", "customers", "cumulative_customers", "total", "cumulative_total", "cumulative_percent",
              "percent_of_maximum", "minimum", "average")
    assert [tuple(D(str(row[f])) for f in fields) for row in deciles["rows"]] == [
        tuple(D(str(getattr(row, f))) for f in fields) for row in decile_table(list(revenue.values()))]

    abc = (await client.get("/api/v1/tiers/abc", headers=auth("hq"))).json()
    counts = {c["abc_class"]: c["customers"] for c in abc["classes"]}
    assert counts == {k: sum(1 for _, a in expected.values() if a == k) for k in "ABC"}
    assert abs(sum(D(c["revenue_percent"]) for c in abc["classes"]) - 100) <= D("0.15")  # rounded each
    assert len(abc["pareto"]) == 100 and sum(p["customers"] for p in abc["pareto"]) == 400
    assert abc["pareto"][-1]["customers_percent"] == "100.0" and abc["pareto"][-1]["revenue_percent"] == "100.0"
    assert sum(D(p["revenue_12m"]) for p in abc["pareto"]) == sum(revenue.values())

    # Rerun on the same data: nothing changes, no history.
    again = await recompute(client, auth)
    assert (again["customers"], again["changed"]) == (400, 0)
    assert await stored_tiers(connection) == stored
    assert await history_count(connection) == 400
    runs = (await client.get("/api/v1/tiers/runs", params={"limit": 5}, headers=auth("am_zhang"))).json()["items"]
    assert [r["id"] for r in runs] == [again["id"], run["id"]]

    # New revenue for some customers: their history grows exactly where the domain says the tiers moved.
    rng = random.Random(5)
    more = {(c, WINDOW[-1]): D(rng.randint(1, 3_000_000)) for c in rng.sample(ids, 40)}
    await add_revenue(connection, more)
    moved_revenue = window_revenue(ids, {**months, **{k: months.get(k, D(0)) + v for k, v in more.items()}})
    after = expected_tiers(moved_revenue)
    moved = {c for c in ids if after[c] != expected[c]}
    third = await recompute(client, auth)
    assert third["changed"] == len(moved) > 0
    assert {c: (s[0], s[1]) for c, s in (await stored_tiers(connection)).items()} == after
    assert await history_count(connection) == 400 + len(moved)


async def test_a_customers_revenue_change_adds_one_history_row(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, users: dict[str, User]) -> None:
    big, small, none = await insert_customers(connection, [users["am_zhang"]] * 3)
    await add_revenue(connection, {(big, WINDOW[0]): D("900000.00"), (small, WINDOW[5]): D("100.00")})
    await recompute(client, auth)
    assert (await stored_tiers(connection))[big][:2] == ("B", "A")
    before = await history_count(connection)

    await add_revenue(connection, {(big, WINDOW[-1]): D("200000.00")})  # 1.1 M: level A, still ABC class A
    run = await recompute(client, auth)
    assert run["changed"] == 1
    assert await history_count(connection) == before + 1 and await history_count(connection, big) == 2
    row = (await connection.execute(text(
        "SELECT level, abc_class, revenue_12m, tier_run_id, potential_grade FROM customer_tier_history "
        "WHERE customer_id = :id ORDER BY id DESC LIMIT 1"), {"id": big})).one()
    assert tuple(row) == ("A", "A", D("1100000.00"), run["id"], None)
    assert (await stored_tiers(connection))[none] == ("C", "C", D(0))

    # A revenue change that moves no tier is stored without a history row.
    await add_revenue(connection, {(small, WINDOW[-1]): D("50.00")})
    run = await recompute(client, auth)
    assert run["changed"] == 0 and (await stored_tiers(connection))[small][2] == D("150.00")
    assert await history_count(connection, small) == 1


async def test_new_settings_move_levels_on_the_next_recompute(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, users: dict[str, User]) -> None:
    customer, = await insert_customers(connection, [users["am_li"]])
    await add_revenue(connection, {(customer, WINDOW[2]): D("300000.00")})
    await recompute(client, auth)
    assert (await stored_tiers(connection))[customer][0] == "B"

    current = await client.get("/api/v1/tier-settings", headers=auth("am_li"))
    assert current.status_code == 200 and current.headers["ETag"] == '"1"'
    body = {**current.json(), "level_b": "400000"}
    del body["version"]
    saved = await client.put("/api/v1/tier-settings", json=body, headers={**auth("admin"), "If-Match": '"1"'})
    assert saved.status_code == 200, saved.text
    assert saved.headers["ETag"] == '"2"' and D(saved.json()["level_b"]) == 400_000
    assert (await stored_tiers(connection))[customer][0] == "B"  # until the next recompute

    run = await recompute(client, auth)
    assert run["changed"] == 1 and D(run["settings"]["level_b"]) == 400_000 and run["settings"]["version"] == 2
    assert (await stored_tiers(connection))[customer][0] == "C"
    audit = (await connection.execute(text(
        "SELECT before, after FROM audit_log WHERE entity_type = 'tier_settings' ORDER BY id DESC LIMIT 1"))).one()
    assert audit.before == {"level_b": "200000.00", "version": 1}
    assert audit.after == {"level_b": "400000", "version": 2}


async def test_settings_are_edited_by_administrators_with_the_version_they_saw(
        client: httpx.AsyncClient, auth: Any) -> None:
    body = {"level_special": "5000000", "level_a": "1000000", "level_b": "250000", "abc_a_percent": "80",
            "abc_b_percent": "15"}
    forbidden = await client.put("/api/v1/tier-settings", json=body, headers={**auth("hq"), "If-Match": "1"})
    assert forbidden.status_code == 403
    assert forbidden.headers["content-type"] == "application/problem+json"
    assert (await client.put("/api/v1/tier-settings", json=body, headers=auth("admin"))).status_code == 428
    bad = await client.put("/api/v1/tier-settings", headers={**auth("admin"), "If-Match": "1"}, json={
        **body, "level_b": "2000000", "abc_a_percent": "90", "abc_b_percent": "15"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert {e["field"] for e in bad.json()["errors"]} == {"level_a", "abc_b_percent"}
    negative = await client.put("/api/v1/tier-settings", headers={**auth("admin"), "If-Match": "1"},
                                json={**body, "level_b": "-1", "abc_a_percent": "0"})
    assert {e["field"] for e in negative.json()["errors"]} == {"level_b", "abc_a_percent"}

    assert (await client.put("/api/v1/tier-settings", json=body,
                             headers={**auth("admin"), "If-Match": "1"})).status_code == 200
    stale = await client.put("/api/v1/tier-settings", json={**body, "level_b": "300000"},
                             headers={**auth("admin"), "If-Match": "1"})
    assert stale.status_code == 412 and stale.headers["content-type"] == "application/problem+json"
    # The same values again: nothing to save, no new version.
    same = await client.put("/api/v1/tier-settings", json=body, headers={**auth("admin"), "If-Match": "2"})
    assert same.status_code == 200 and same.json()["version"] == 2


async def test_summaries_count_the_callers_customers_only(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, users: dict[str, User]) -> None:
    zhang = await insert_customers(connection, [users["am_zhang"]] * 2)
    li = await insert_customers(connection, [users["am_li"]] * 3)
    wang = await insert_customers(connection, [users["am_wang"]] * 4)
    # Company-wide: 6 M is A (nothing before it), 1 M is A (78.9 % before it), 600 k is B (92.1 %), 10 is C.
    await add_revenue(connection, {(zhang[0], WINDOW[0]): D("6000000"), (zhang[1], WINDOW[1]): D("600000"),
                                   (li[0], WINDOW[1]): D("1000000"), (wang[0], WINDOW[1]): D("10")})
    await recompute(client, auth)
    await insert_customers(connection, [users["am_zhang"], users["am_wang"]])  # created after the recompute

    def by_level(body: dict[str, Any]) -> dict[str, tuple[int, Decimal]]:
        return {c["level"]: (c["customers"], D(c["revenue_12m"])) for c in body["levels"]}

    mine = (await client.get("/api/v1/tiers/levels", headers=auth("am_zhang"))).json()
    assert by_level(mine) == {"special": (1, 6_000_000), "A": (0, 0), "B": (1, 600_000), "C": (0, 0)}
    assert mine["untiered"] == 1
    shanghai = (await client.get("/api/v1/tiers/levels", headers=auth("sm_sh"))).json()  # SH and SH-PD
    assert sum(c["customers"] for c in shanghai["levels"]) == 5 and shanghai["untiered"] == 1
    everyone = (await client.get("/api/v1/tiers/levels", headers=auth("analyst"))).json()
    assert by_level(everyone)["C"] == (6, D(10)) and everyone["untiered"] == 2

    # ABC classes are company-wide; the account manager's summary counts their customers with those classes.
    abc = (await client.get("/api/v1/tiers/abc", headers=auth("am_zhang"))).json()
    assert {c["abc_class"]: c["customers"] for c in abc["classes"]} == {"A": 1, "B": 1, "C": 0}
    assert [(p["customers"], p["customers_percent"], p["revenue_percent"]) for p in abc["pareto"]] == [
        (1, "50.0", "90.9"), (1, "100.0", "100.0")]
    deciles = (await client.get("/api/v1/tiers/deciles", headers=auth("am_li"))).json()["rows"]
    assert [(r["customers"], D(r["total"])) for r in deciles] == [(1, 1_000_000), (1, 0), (1, 0)]


async def test_reads_and_recomputes_by_role(client: httpx.AsyncClient, auth: Any) -> None:
    empty = (await client.get("/api/v1/tiers/levels", headers=auth("cs"))).json()
    assert empty["run"] is None and [c["customers"] for c in empty["levels"]] == [0, 0, 0, 0]
    assert (await client.get("/api/v1/tiers/deciles", headers=auth("cs"))).json()["rows"] == []
    assert (await client.post("/api/v1/tiers/recompute", headers=auth("hq"))).status_code == 403
    assert (await client.get("/api/v1/tiers/abc")).status_code == 401
    # Before any loyalty recompute nobody has a predicted future profit.
    future = await client.get("/api/v1/tiers/deciles", params={"by": "future_profit"}, headers=auth("analyst"))
    assert future.status_code == 200 and future.json()["rows"] == []
    assert (await client.get("/api/v1/tiers/deciles", params={"by": "profit"},
                             headers=auth("analyst"))).status_code == 422


async def test_nightly_jobs_run_once_a_day(uow: SqlAlchemyUnitOfWork, clock: FrozenClock,
                                           connection: AsyncConnection, users: dict[str, User]) -> None:
    customer, = await insert_customers(connection, [users["am_zhang"]])
    await add_revenue(connection, {(customer, WINDOW[0]): D("250000")})
    first = await run_nightly_jobs(uow, clock=clock, time_zone="Asia/Shanghai", only_if_due=True)
    assert first.skipped is None and first.run is not None and first.run.trigger == "nightly"
    assert first.run.customers == 1 and first.run.triggered_by is None
    clock.advance(hours=3)
    again = await run_nightly_jobs(uow, clock=clock, time_zone="Asia/Shanghai", only_if_due=True)
    assert again.run is None and again.skipped and "already" in again.skipped
    forced = await run_nightly_jobs(uow, clock=clock, time_zone="Asia/Shanghai")  # `keyhold jobs nightly`
    assert forced.run is not None and forced.run.changed == 0
    clock.advance(days=1)
    tomorrow = await run_nightly_jobs(uow, clock=clock, time_zone="Asia/Shanghai", only_if_due=True)
    assert tomorrow.run is not None
