"""The partition checked against the key-account level (docs/domain.md section 5, "Partition and level"): the rule as
data, the "needs attention" list (the domain's rule in SQL, keyset pages, the caller's scope) and the fix through the
customer edit (permission, scope, audit, all or none), through the HTTP API against real PostgreSQL."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.customers.model import Partition
from domain.organisation.model import User
from domain.tiering.model import KeyAccountLevel, LevelThresholds, PartitionRule, partition_mismatches
from tests.integration.test_tiers import WINDOW, add_revenue, insert_customers

D = Decimal
CHECK = "/api/v1/tiers/partition-check"
FIX = "/api/v1/tiers/partition-check/fix"
RULE = "/api/v1/tiers/partition-rule"
# A revenue of each level by the default thresholds.
REVENUE = {"special": D("6000000"), "A": D("1500000"), "B": D("300000"), "C": D("1000")}


async def set_partitions(connection: AsyncConnection, partitions: dict[int, str]) -> None:
    for customer_id, partition in partitions.items():
        abandoned = partition == "abandoned"
        await connection.execute(text(
            "UPDATE customers SET partition = :p, abandon_reason = :reason, abandon_review_on = :review "
            "WHERE id = :id"), {"p": partition, "id": customer_id, "reason": "停业装修" if abandoned else None,
                                "review": date(2027, 3, 1) if abandoned else None})


async def recompute(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.post("/api/v1/tiers/recompute", headers=auth("admin"))
    assert response.status_code == 200, response.text


async def tiered(client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, owners: list[User | None],
                 levels: list[str], partitions: list[str]) -> list[int]:
    """Customers with the given owners, a revenue giving each its level, in the given partitions; recomputed."""
    ids = await insert_customers(connection, owners)
    await add_revenue(connection, {(c, WINDOW[5]): REVENUE[level] + i for i, (c, level) in
                                   enumerate(zip(ids, levels, strict=True))})
    await set_partitions(connection, dict(zip(ids, partitions, strict=True)))
    await recompute(client, auth)
    return ids


async def every_page(client: httpx.AsyncClient, headers: dict[str, str], limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        response = await client.get(CHECK, params={"limit": limit, **({"cursor": cursor} if cursor else {})},
                                    headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the list did not end")


async def put_rule(client: httpx.AsyncClient, auth: Any, rule: dict[str, str | None],
                   user: str = "admin") -> httpx.Response:
    current = await client.get(RULE, headers=auth(user))
    return await client.put(RULE, json=rule, headers={**auth(user), "If-Match": current.headers["ETag"]})


async def test_the_list_is_the_domain_rule(client: httpx.AsyncClient, auth: Any, connection: AsyncConnection,
                                           users: dict[str, User]) -> None:
    rng = random.Random(21)
    levels = [rng.choice(list(REVENUE)) for _ in range(60)]
    partitions = [rng.choice(["key", "regular", "regular", "abandoned"]) for _ in range(60)]
    ids = await tiered(client, auth, connection, [users["am_zhang"]] * 60, levels, partitions)
    await insert_customers(connection, [users["am_zhang"]])  # not tiered yet: never listed
    rows = await connection.execute(text(
        "SELECT t.customer_id, t.level, t.revenue_12m, c.partition FROM customer_tiers t "
        "JOIN customers c ON c.id = t.customer_id WHERE t.customer_id = ANY(:ids)"), {"ids": ids})
    customers = [(r.customer_id, KeyAccountLevel(r.level), r.revenue_12m, Partition(r.partition)) for r in rows]
    assert {level for _, level, _, _ in customers} == set(KeyAccountLevel)
    assert all(LevelThresholds().level(revenue) is level for _, level, revenue, _ in customers)

    for rule in (PartitionRule(), PartitionRule(c=Partition.REGULAR, b=Partition.KEY)):
        response = await put_rule(client, auth, {k: v.value if v else None for k, v in rule.values().items()})
        assert response.status_code == 200, response.text
        expected = partition_mismatches(rule, customers)
        listed = await every_page(client, auth("admin"), limit=7)
        assert [(m["customer"]["id"], m["partition_needed"]) for m in listed] == [
            (customer_id, needed.value) for customer_id, needed in expected]
        body = (await client.get(CHECK, headers=auth("admin"))).json()
        assert body["total"] == len(expected)
        by_level = {level: 0 for level in KeyAccountLevel}
        needed_ids = {customer_id for customer_id, _ in expected}
        for customer_id, level, _, _ in customers:
            by_level[level] += customer_id in needed_ids
        assert {c["level"]: c["customers"] for c in body["counts"]} == {k.value: n for k, n in by_level.items()}
        assert body["revenue_window"]["kind"] == "trailing_12_months"


async def test_an_account_manager_sees_only_own_customers(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, users: dict[str, User]) -> None:
    zhang = await tiered(client, auth, connection, [users["am_zhang"]] * 3, ["special", "A", "C"],
                         ["regular", "regular", "key"])
    li = await tiered(client, auth, connection, [users["am_li"]] * 2, ["special", "A"], ["regular", "key"])
    mine = await every_page(client, auth("am_zhang"), limit=1)
    assert [m["customer"]["id"] for m in mine] == [zhang[0], zhang[1]]
    assert [m["key_account_level"] for m in mine] == ["special", "A"]
    body = (await client.get(CHECK, headers=auth("am_zhang"))).json()
    assert body["total"] == 2 and body["rule"]["level_special"] == "key" and body["rule"]["level_c"] is None
    assert [m["customer"]["id"] for m in await every_page(client, auth("am_li"), limit=5)] == [li[0]]
    assert (await client.get(CHECK, headers=auth("am_wang"))).json()["total"] == 0
    everyone = await every_page(client, auth("analyst"), limit=50)
    assert {m["customer"]["id"] for m in everyone} == {zhang[0], zhang[1], li[0]}
    # The customer 360 page's tier card gets the same verdict.
    card = (await client.get(f"/api/v1/customers/{zhang[0]}/tiers", headers=auth("am_zhang"))).json()
    assert (card["key_account_level"], card["partition"], card["partition_needed"]) == ("special", "regular", "key")
    fine = (await client.get(f"/api/v1/customers/{zhang[2]}/tiers", headers=auth("am_zhang"))).json()
    assert fine["partition_needed"] is None
    assert (await client.get(f"/api/v1/customers/{li[0]}/tiers", headers=auth("am_zhang"))).status_code == 404
    tampered = await client.get(CHECK, params={"cursor": "not-a-cursor"}, headers=auth("am_zhang"))
    assert tampered.status_code == 422 and tampered.json()["errors"][0]["field"] == "cursor"


async def audit_rows(connection: AsyncConnection, customer_id: int) -> list[Any]:
    return list(await connection.execute(text(
        "SELECT action, actor_id, before, after FROM audit_log WHERE customer_id = :id ORDER BY id"),
        {"id": customer_id}))


async def partition_of(connection: AsyncConnection, customer_id: int) -> str:
    return str((await connection.execute(text("SELECT partition FROM customers WHERE id = :id"),
                                         {"id": customer_id})).scalar_one())


async def test_the_fix_moves_through_the_customer_edit(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, users: dict[str, User]) -> None:
    zhang = await tiered(client, auth, connection, [users["am_zhang"]] * 4, ["special", "A", "special", "B"],
                         ["regular", "regular", "regular", "regular"])
    li, = await tiered(client, auth, connection, [users["am_li"]], ["special"], ["regular"])

    # One click: the customer moves to the key partition, as an edit of the customer with its audit record.
    response = await client.post(FIX, json={"customer_ids": [zhang[0]]}, headers=auth("am_zhang"))
    assert response.status_code == 200, response.text
    moved, = response.json()["customers"]
    assert (moved["id"], moved["partition"]) == (zhang[0], "key")
    assert await partition_of(connection, zhang[0]) == "key"
    record, = await audit_rows(connection, zhang[0])
    assert (record.action, record.actor_id) == ("update", users["am_zhang"].id)
    assert (record.before["partition"], record.after["partition"]) == ("regular", "key")
    assert zhang[0] not in [m["customer"]["id"] for m in await every_page(client, auth("am_zhang"), limit=20)]

    # A role without customers:write may read the list but not fix it; nothing changes.
    denied = await client.post(FIX, json={"customer_ids": [zhang[1]]}, headers=auth("analyst"))
    assert denied.status_code == 403 and denied.headers["content-type"] == "application/problem+json"
    # Outside the caller's scope: not found, and nothing changes.
    outside = await client.post(FIX, json={"customer_ids": [li]}, headers=auth("am_zhang"))
    assert outside.status_code == 404 and outside.headers["content-type"] == "application/problem+json"
    several = await client.post(FIX, json={"customer_ids": [zhang[1], li]}, headers=auth("am_zhang"))
    assert several.status_code == 422 and several.json()["errors"][0]["field"] == "customer_ids"
    # All or none: one customer whose partition already agrees (zhang[0], fixed above) stops the batch.
    stale = await client.post(FIX, json={"customer_ids": [zhang[1], zhang[0]]}, headers=auth("am_zhang"))
    assert stale.status_code == 409 and stale.headers["content-type"] == "application/problem+json"
    # A B-level customer may be in either partition: not a mismatch either.
    either = await client.post(FIX, json={"customer_ids": [zhang[3]]}, headers=auth("am_zhang"))
    assert either.status_code == 409
    assert [await partition_of(connection, c) for c in (zhang[1], li, zhang[3])] == ["regular"] * 3
    assert await audit_rows(connection, zhang[1]) == [] and await audit_rows(connection, li) == []

    # Bad input is a 422 problem naming the field.
    for body in ({"customer_ids": []}, {"customer_ids": list(range(1, 102))}, {"customer_ids": ["x"]},
                 {"customer_ids": [0]}, {}, {"customer_ids": [zhang[1]], "all": True}):
        bad = await client.post(FIX, json=body, headers=auth("am_zhang"))
        assert bad.status_code == 422, body
        assert bad.headers["content-type"] == "application/problem+json"
        assert bad.json()["errors"][0]["field"].split(".")[0] in ("customer_ids", "all"), bad.json()

    # "Fix all": the rest of the list in one transaction.
    rest = [m["customer"]["id"] for m in await every_page(client, auth("am_zhang"), limit=20)]
    assert rest == [zhang[2], zhang[1]]  # special level first
    done = await client.post(FIX, json={"customer_ids": rest}, headers=auth("sm_sh"))
    assert done.status_code == 200 and [c["partition"] for c in done.json()["customers"]] == ["key", "key"]
    assert (await client.get(CHECK, headers=auth("am_zhang"))).json()["total"] == 0
    assert (await audit_rows(connection, zhang[2]))[0].actor_id == users["sm_sh"].id


async def test_the_rule_is_edited_with_the_version_seen(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, users: dict[str, User]) -> None:
    c_level, = await tiered(client, auth, connection, [users["am_zhang"]], ["C"], ["key"])
    current = await client.get(RULE, headers=auth("am_zhang"))
    assert current.status_code == 200
    assert {k: v for k, v in current.json().items() if k != "version"} == {
        "level_special": "key", "level_a": "key", "level_b": None, "level_c": None}
    rule = {"level_special": "key", "level_a": "key", "level_b": None, "level_c": "regular"}
    assert (await client.put(RULE, json=rule, headers=auth("admin"))).status_code == 428
    denied = await client.put(RULE, json=rule, headers={**auth("hq"), "If-Match": current.headers["ETag"]})
    assert denied.status_code == 403
    for bad, field in (({**rule, "level_c": "abandoned"}, "level_c"), ({**rule, "level_b": "vip"}, "level_b"),
                       ({k: v for k, v in rule.items() if k != "level_a"}, "level_a")):
        response = await client.put(RULE, json=bad, headers={**auth("admin"), "If-Match": current.headers["ETag"]})
        assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["field"] == field
    assert (await client.get(CHECK, headers=auth("am_zhang"))).json()["total"] == 0

    saved = await client.put(RULE, json=rule, headers={**auth("admin"), "If-Match": current.headers["ETag"]})
    assert saved.status_code == 200 and saved.json()["level_c"] == "regular"
    assert saved.json()["version"] == current.json()["version"] + 1
    stale = await client.put(RULE, json=rule, headers={**auth("admin"), "If-Match": current.headers["ETag"]})
    assert stale.status_code == 412
    record = (await connection.execute(text(
        "SELECT before, after FROM audit_log WHERE entity_type = 'partition_rule' ORDER BY id DESC LIMIT 1"))).one()
    assert (record.before["level_c"], record.after["level_c"]) == (None, "regular")
    # The C-level key customer now needs attention.
    listed = (await client.get(CHECK, headers=auth("am_zhang"))).json()
    assert [(m["customer"]["id"], m["partition_needed"]) for m in listed["items"]] == [(c_level, "regular")]
