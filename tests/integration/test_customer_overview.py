"""The customer 360 page's one request (GET /customers/{id}/overview): every part equals the endpoint it stands
for, for the same caller, and the scope is the customer's."""

from __future__ import annotations

from typing import Any

import httpx

API = "/api/v1"


async def test_each_part_equals_its_own_endpoint(client: httpx.AsyncClient, auth: Any, erp_key: Any) -> None:
    erp = await erp_key("customers:write", "orders:write")
    created = await client.post(f"{API}/customers/batch", headers=erp, json={"customers": [
        {"external_id": "OV-1", "name": "外滩华庭酒店", "customer_type": "hotel", "owner_username": "am_zhang"}]})
    assert created.status_code == 200, created.text
    customer_id = created.json()["results"][0]["id"]
    lines = [{"sku": "FZ-001", "product_name": "速冻虾仁 1kg", "quantity": "10", "unit_price": "98.00"}]
    orders = [{"external_id": f"SO-OV-{n}", "customer_external_id": "OV-1", "status": "delivered",
               "ordered_at": f"2026-{n:02d}-15T09:30:00+08:00", "total_amount": "980.00", "lines": lines}
              for n in range(1, 11)]
    assert (await client.post(f"{API}/orders/batch", headers=erp, json={"orders": orders})).status_code == 200
    headers = auth("am_zhang")
    contact = await client.post(f"{API}/customers/{customer_id}/contacts", headers=headers,
                                json={"name": "王建国", "decision_role": "boss", "phone": "13900001111"})
    assert contact.status_code == 201, contact.text
    complaint = await client.post(f"{API}/complaints", headers=auth("cs"), json={
        "customer_id": customer_id, "severity": "general", "channel": "phone", "summary": "速冻水饺破损",
        "received_at": "2026-11-23T01:00:00+00:00"})
    assert complaint.status_code == 201, complaint.text

    answer = await client.get(f"{API}/customers/{customer_id}/overview", headers=headers)
    assert answer.status_code == 200, answer.text
    part = answer.json()
    base = f"{API}/customers/{customer_id}"
    singles = {
        "customer": base, "contacts": f"{base}/contacts", "ownership": f"{base}/ownership",
        "audit": f"{base}/audit?limit=20", "facts": f"{base}/facts", "orders": f"{base}/orders?limit=20",
        "tier_history": f"{base}/tier-history", "tiers": f"{base}/tiers", "score_sheets": f"{base}/score-sheets",
        "loyalty": f"{base}/loyalty", "complaints": f"{API}/complaints?customer_id={customer_id}&limit=10",
        "visit_plan": f"{base}/visit-plan", "visits": f"{base}/visits?limit=10",
    }
    assert set(part) == set(singles)
    for name, url in singles.items():
        single = await client.get(url, headers=headers)
        assert single.status_code == 200, (name, single.text)
        assert part[name] == single.json(), name
    assert answer.headers["ETag"] == (await client.get(base, headers=headers)).headers["ETag"]
    # The parts are not empty: the comparison above compared something.
    assert [c["name"] for c in part["contacts"]["items"]] == ["王建国"]
    assert len(part["orders"]["items"]) == 10 and part["complaints"]["items"][0]["id"] == complaint.json()["id"]
    assert part["audit"]["items"]


async def test_outside_the_scope_is_not_found(client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await new_customer(as_user="am_zhang")
    assert (await client.get(f"{API}/customers/{customer['id']}/overview", headers=auth("am_wang"))).status_code == 404
    assert (await client.get(f"{API}/customers/{customer['id']}/overview")).status_code == 401
    assert (await client.get(f"{API}/customers/0/overview", headers=auth("am_zhang"))).status_code == 422
