"""Data scopes in the server: who may see and change which customers (docs/domain.md section 2)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


@pytest.fixture
async def spread(new_customer: Any) -> dict[str, dict[str, Any]]:
    """One customer per account manager: am_zhang (SH), am_li (SH-PD, under SH), am_wang (HZ)."""
    return {
        "zhang": await new_customer(as_user="am_zhang", name="范围测试张客户"),
        "li": await new_customer(as_user="am_li", name="范围测试李客户"),
        "wang": await new_customer(as_user="am_wang", name="范围测试王客户"),
    }


async def _visible(client: httpx.AsyncClient, headers: dict[str, str]) -> set[str]:
    body = (await client.get("/api/v1/customers", params={"q": "范围测试"}, headers=headers)).json()
    return {c["name"] for c in body["items"]}


@pytest.mark.parametrize(("who", "sees"), [
    ("am_zhang", {"范围测试张客户"}),
    ("am_li", {"范围测试李客户"}),
    ("sm_sh", {"范围测试张客户", "范围测试李客户"}),  # own unit and its child store
    ("sm_hz", {"范围测试王客户"}),
    ("hq", {"范围测试张客户", "范围测试李客户", "范围测试王客户"}),
    ("analyst", {"范围测试张客户", "范围测试李客户", "范围测试王客户"}),
    ("admin", {"范围测试张客户", "范围测试李客户", "范围测试王客户"}),
])
async def test_lists_hold_only_the_callers_scope(client: httpx.AsyncClient, auth: Any, spread: Any, who: str,
                                                 sees: set[str]) -> None:
    assert await _visible(client, auth(who)) == sees


async def test_out_of_scope_customer_is_404_for_every_operation(client: httpx.AsyncClient, auth: Any,
                                                                spread: Any, users: dict[str, Any]) -> None:
    other = spread["wang"]
    base = f"/api/v1/customers/{other['id']}"
    for headers in (auth("am_zhang"), auth("sm_sh")):
        assert (await client.get(base, headers=headers)).status_code == 404
        assert (await client.get(f"{base}/audit", headers=headers)).status_code == 404
        assert (await client.get(f"{base}/ownership", headers=headers)).status_code == 404
        assert (await client.get(f"{base}/contacts", headers=headers)).status_code == 404
        patch = await client.patch(base, json={"name": "改名"}, headers={**headers, "If-Match": "1"})
        assert patch.status_code == 404
        contact = await client.post(f"{base}/contacts", json={"name": "某人", "decision_role": "purchaser"},
                                    headers=headers)
        assert contact.status_code == 404
        abandon = await client.post(f"{base}/abandon", json={"reason": "x", "review_on": "2027-01-01"},
                                    headers={**headers, "If-Match": "1"})
        assert abandon.status_code == 404
    # The same 404 as for a customer that does not exist: nothing leaks.
    missing = await client.get("/api/v1/customers/987654321", headers=auth("am_zhang"))
    hidden = await client.get(base, headers=auth("am_zhang"))
    assert missing.status_code == hidden.status_code == 404
    assert missing.json()["detail"].replace("987654321", str(other["id"])) == hidden.json()["detail"]
    unchanged = await client.get(base, headers=auth("hq"))
    assert unchanged.json()["name"] == "范围测试王客户" and unchanged.json()["version"] == 1


async def test_account_manager_cannot_give_customer_to_someone_else(client: httpx.AsyncClient, auth: Any,
                                                                   users: dict[str, Any]) -> None:
    response = await client.post("/api/v1/customers", headers=auth("am_zhang"), json={
        "name": "越权创建", "customer_type": "hotel", "owner_id": users["am_wang"].id})
    assert response.status_code in (403, 422)
    store = await client.post("/api/v1/customers", headers=auth("sm_sh"), json={
        "name": "越权创建", "customer_type": "hotel", "org_unit_code": "HZ"})
    assert store.status_code in (403, 422)


async def test_store_manager_creates_for_own_account_manager(client: httpx.AsyncClient, auth: Any,
                                                            users: dict[str, Any]) -> None:
    response = await client.post("/api/v1/customers", headers=auth("sm_sh"), json={
        "name": "店长代建客户", "customer_type": "restaurant", "owner_id": users["am_li"].id})
    assert response.status_code == 201, response.text
    assert response.json()["owner"]["username"] == "am_li"
    assert response.json()["org_unit"]["code"] == "SH-PD"


async def test_read_only_roles_cannot_write(client: httpx.AsyncClient, auth: Any, spread: Any) -> None:
    for who in ("analyst",):
        created = await client.post("/api/v1/customers", json={"name": "分析员", "customer_type": "hotel"},
                                    headers=auth(who))
        assert created.status_code == 403
        edit = await client.patch(f"/api/v1/customers/{spread['zhang']['id']}", json={"name": "x"},
                                  headers={**auth(who), "If-Match": "1"})
        assert edit.status_code == 403
