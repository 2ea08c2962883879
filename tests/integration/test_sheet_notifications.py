"""Who is told of score sheets and reassigned customers (docs/domain.md section 7): a submitted sheet tells the
nearest reviewers whose scope holds the customer, a returned one its filler with the reviewer's comment, a
reassignment the new and the previous owners, once each however many customers moved. Written with the change."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

EVERYONE = ("admin", "hq", "analyst", "sm_sh", "sm_hz", "am_zhang", "am_li", "am_wang", "cs")


async def _told(client: httpx.AsyncClient, auth: Any,
                everyone: tuple[str, ...] = EVERYONE) -> dict[str, list[dict[str, Any]]]:
    """Each base user's notifications, newest first."""
    told = {}
    for who in everyone:
        response = await client.get("/api/v1/notifications", params={"limit": 100}, headers=auth(who))
        assert response.status_code == 200, response.text
        told[who] = response.json()["items"]
    return told


def _kinds(told: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    return {who: [n["kind"] for n in items] for who, items in told.items() if items}


async def _submitted(client: httpx.AsyncClient, auth: Any, customer_id: int, by: str) -> dict[str, Any]:
    created = await client.post(f"/api/v1/customers/{customer_id}/score-sheets", json={"period": "2026Q3"},
                                headers=auth(by))
    assert created.status_code == 201, created.text
    sheet = created.json()
    values = {i["key"]: i["weight"] for i in sheet["indicators"]}
    notes = {i["key"]: "线下订单" for i in sheet["indicators"] if i["computed"]}
    filled = await client.patch(f"/api/v1/score-sheets/{sheet['id']}", json={"values": values, "notes": notes},
                                headers={**auth(by), "If-Match": f'"{sheet["version"]}"'})
    assert filled.status_code == 200, filled.text
    submitted = await client.post(f"/api/v1/score-sheets/{sheet['id']}/submit", headers=auth(by))
    assert submitted.status_code == 200, submitted.text
    return dict(submitted.json())


async def test_a_submitted_sheet_tells_the_store_managers_over_the_customer(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, users: dict[str, Any]) -> None:
    pudong = await new_customer("am_li", name="浦东待审酒店")  # filed in SH-PD, below SH
    sheet = await _submitted(client, auth, pudong["id"], "am_li")
    told = await _told(client, auth)
    # The Shanghai store manager, above Pudong; not Hangzhou's, not HQ (a store manager is nearer), not the filler.
    assert _kinds(told) == {"sm_sh": ["sheet_submitted"]}
    [n] = told["sm_sh"]
    assert (n["score_sheet_id"], n["customer_id"], n["customer_name"], n["period"], n["actor_name"]) == (
        sheet["id"], pudong["id"], "浦东待审酒店", "2026Q3", users["am_li"].display_name)
    assert n["read_at"] is None


async def test_without_another_store_manager_over_it_hq_is_told(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, connection: AsyncConnection) -> None:
    # The Hangzhou store manager scores a customer himself: he may not review it, so HQ's department is told.
    hangzhou = await new_customer("sm_hz", name="西湖自评酒店")
    await _submitted(client, auth, hangzhou["id"], "sm_hz")
    assert _kinds(await _told(client, auth)) == {"hq": ["sheet_submitted"]}
    # An inactive reviewer is told nothing (and cannot sign in to look): the nearest active one is.
    await connection.execute(text("UPDATE users SET is_active = false WHERE username = 'sm_sh'"))
    shanghai = await new_customer("am_zhang", name="外滩自评酒店")
    await _submitted(client, auth, shanghai["id"], "am_zhang")
    active = tuple(u for u in EVERYONE if u != "sm_sh")
    assert _kinds(await _told(client, auth, active)) == {"hq": ["sheet_submitted", "sheet_submitted"]}
    told = "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'sm_sh'"
    assert (await connection.execute(text(told))).scalar_one() == 0


async def test_a_returned_sheet_tells_its_filler_with_the_comment(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, users: dict[str, Any]) -> None:
    customer = await new_customer("am_zhang", name="退回酒店")
    sheet = await _submitted(client, auth, customer["id"], "am_zhang")
    assert (await client.get("/api/v1/notifications", headers=auth("sm_sh"))).json()["unread"] == 1
    returned = await client.post(f"/api/v1/score-sheets/{sheet['id']}/return",
                                 json={"comment": "竞争克服度偏高，请核实"}, headers=auth("sm_sh"))
    assert returned.status_code == 200, returned.text
    told = await _told(client, auth)
    assert _kinds(told) == {"am_zhang": ["sheet_returned"], "sm_sh": ["sheet_submitted"]}
    [n] = told["am_zhang"]
    assert (n["score_sheet_id"], n["customer_name"], n["comment"], n["actor_name"], n["period"]) == (
        sheet["id"], "退回酒店", "竞争克服度偏高，请核实", users["sm_sh"].display_name, "2026Q3")
    # Reviewed: the store manager's "awaits review" is no longer unread.
    assert told["sm_sh"][0]["read_at"] is not None
    assert (await client.get("/api/v1/notifications", headers=auth("sm_sh"))).json()["unread"] == 0


async def test_an_approved_sheet_leaves_no_review_request_unread(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await new_customer("am_zhang", name="通过酒店")
    sheet = await _submitted(client, auth, customer["id"], "am_zhang")
    # HQ may review too (not told: the store manager is nearer) and approves.
    approved = await client.post(f"/api/v1/score-sheets/{sheet['id']}/approve", headers=auth("hq"))
    assert approved.status_code == 200, approved.text
    told = await _told(client, auth)
    assert _kinds(told) == {"sm_sh": ["sheet_submitted"]}
    assert told["sm_sh"][0]["read_at"] is not None


async def test_reassigning_one_customer_tells_the_new_and_the_previous_owner(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, users: dict[str, Any]) -> None:
    customer = await new_customer("am_zhang", name="移交酒店")
    moved = await client.post(f"/api/v1/customers/{customer['id']}/reassign", headers=auth("sm_sh"),
                              json={"owner_id": users["am_li"].id, "reason": "区域调整"})
    assert moved.status_code == 200, moved.text
    told = await _told(client, auth)
    # Not the store manager who did it, nobody else.
    assert _kinds(told) == {"am_li": ["customers_assigned"], "am_zhang": ["customers_unassigned"]}
    for who in ("am_li", "am_zhang"):
        [n] = told[who]
        assert (n["customer_id"], n["customer_name"], n["customers"], n["actor_name"]) == (
            customer["id"], "移交酒店", 1, users["sm_sh"].display_name)


async def test_a_bulk_reassignment_tells_each_person_once_with_the_count(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, users: dict[str, Any],
        connection: AsyncConnection) -> None:
    zhang = [(await new_customer("am_zhang", name=f"张批量{i}"))["id"] for i in range(3)]
    li = (await new_customer("am_li", name="李批量"))["id"]
    wang = (await new_customer("am_wang", name="王自己的"))["id"]  # already his: no news for anyone
    response = await client.post("/api/v1/customers/reassign", headers=auth("hq"), json={
        "customer_ids": [*zhang, li, wang], "owner_id": users["am_wang"].id, "reason": "客户经理离职"})
    assert response.status_code == 200, response.text
    told = await _told(client, auth)
    assert _kinds(told) == {"am_wang": ["customers_assigned"], "am_zhang": ["customers_unassigned"],
                            "am_li": ["customers_unassigned"]}
    assert (told["am_wang"][0]["customers"], told["am_wang"][0]["customer_id"]) == (4, None)
    assert (told["am_zhang"][0]["customers"], told["am_zhang"][0]["customer_id"]) == (3, None)
    assert (told["am_li"][0]["customers"], told["am_li"][0]["customer_name"]) == (1, "李批量")
    rows = "SELECT count(*) FROM notifications WHERE kind LIKE 'customers_%'"
    assert (await connection.execute(text(rows))).scalar_one() == 3


async def test_a_refused_reassignment_tells_nobody(client: httpx.AsyncClient, auth: Any, new_customer: Any,
                                                   users: dict[str, Any]) -> None:
    mine = await new_customer("am_zhang", name="全有或全无甲")
    other_store = await new_customer("am_wang", name="全有或全无乙")
    response = await client.post("/api/v1/customers/reassign", headers=auth("sm_sh"), json={
        "customer_ids": [mine["id"], other_store["id"]], "owner_id": users["am_li"].id, "reason": "调整"})
    assert response.status_code == 422
    assert _kinds(await _told(client, auth)) == {}
