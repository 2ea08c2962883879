"""Reassigning customers, one or many, with their ownership history."""

from __future__ import annotations

from typing import Any

import httpx


async def test_reassign_one_keeps_history(client: httpx.AsyncClient, auth: Any, new_customer: Any,
                                          users: dict[str, Any]) -> None:
    customer = await new_customer(as_user="am_zhang")
    url = f"/api/v1/customers/{customer['id']}"
    moved = await client.post(f"{url}/reassign", headers=auth("sm_sh"),
                              json={"owner_id": users["am_li"].id, "reason": "区域调整"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["owner"]["username"] == "am_li"
    assert moved.json()["org_unit"]["code"] == "SH-PD"  # follows the new owner's unit
    history = (await client.get(f"{url}/ownership", headers=auth("hq"))).json()["items"]
    assert [(p["owner"]["username"], p["reason"], p["ended_at"] is None) for p in history] == [
        ("am_li", "区域调整", True), ("am_zhang", "created", False)]
    assert history[0]["changed_by"]["username"] == "sm_sh"
    assert history[1]["ended_at"] == history[0]["started_at"]
    # The old owner loses sight of it, the new one gains it.
    assert (await client.get(url, headers=auth("am_zhang"))).status_code == 404
    assert (await client.get(url, headers=auth("am_li"))).status_code == 200
    trail = (await client.get(f"{url}/audit", headers=auth("hq"))).json()["items"]
    assert trail[0]["action"] == "reassign"
    assert trail[0]["before"]["owner_id"] == users["am_zhang"].id
    assert trail[0]["after"]["owner_id"] == users["am_li"].id


async def test_bulk_reassign_when_an_account_manager_leaves(client: httpx.AsyncClient, auth: Any,
                                                           new_customer: Any, users: dict[str, Any]) -> None:
    ids = [(await new_customer(as_user="am_zhang", name=f"批量移交{i}"))["id"] for i in range(4)]
    response = await client.post("/api/v1/customers/reassign", headers=auth("hq"), json={
        "customer_ids": ids, "owner_id": users["am_wang"].id, "reason": "客户经理离职"})
    assert response.status_code == 200, response.text
    assert response.json()["reassigned"] == 4
    listed = (await client.get("/api/v1/customers", params={"q": "批量移交"}, headers=auth("am_wang"))).json()
    assert {c["id"] for c in listed["items"]} == set(ids)
    assert all(c["org_unit"]["code"] == "HZ" for c in listed["items"])
    for customer_id in ids:
        history = (await client.get(f"/api/v1/customers/{customer_id}/ownership", headers=auth("hq"))).json()
        assert [p["owner"]["username"] for p in history["items"]] == ["am_wang", "am_zhang"]


async def test_bulk_reassign_is_all_or_none(client: httpx.AsyncClient, auth: Any, new_customer: Any,
                                           users: dict[str, Any]) -> None:
    mine = await new_customer(as_user="am_zhang", name="全有或全无甲")
    other_store = await new_customer(as_user="am_wang", name="全有或全无乙")
    response = await client.post("/api/v1/customers/reassign", headers=auth("sm_sh"), json={
        "customer_ids": [mine["id"], other_store["id"]], "owner_id": users["am_li"].id, "reason": "调整"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "customer_ids"
    unchanged = (await client.get(f"/api/v1/customers/{mine['id']}", headers=auth("hq"))).json()
    assert unchanged["owner"]["username"] == "am_zhang"


async def test_reassign_to_someone_who_cannot_own_customers(client: httpx.AsyncClient, auth: Any,
                                                           new_customer: Any, users: dict[str, Any]) -> None:
    customer = await new_customer()
    response = await client.post(f"/api/v1/customers/{customer['id']}/reassign", headers=auth("hq"),
                                 json={"owner_id": users["analyst"].id, "reason": "x"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "owner_id"


async def test_account_manager_cannot_reassign(client: httpx.AsyncClient, auth: Any, new_customer: Any,
                                              users: dict[str, Any]) -> None:
    customer = await new_customer()
    response = await client.post(f"/api/v1/customers/{customer['id']}/reassign", headers=auth("am_zhang"),
                                 json={"owner_id": users["am_li"].id, "reason": "x"})
    assert response.status_code == 403
