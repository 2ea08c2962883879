"""ERP ingestion through the HTTP API: customer and order batches, idempotency, facts, orders for people."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from tests.fakes import FrozenClock

CUSTOMERS = "/api/v1/customers/batch"
ORDERS = "/api/v1/orders/batch"


def _order(external_id: str, customer: str = "K-1", *, total: str = "1160.00", status: str = "delivered",
           at: str = "2026-10-20T09:30:00+08:00", **extra: Any) -> dict[str, Any]:
    lines = [{"sku": "FZ-001", "product_name": "速冻虾仁 1kg", "quantity": "10", "unit_price": "98.00",
              "discount_amount": "20.00"},
             {"sku": "FZ-002", "product_name": "速冻水饺 2kg", "quantity": "4", "unit_price": "50"}]
    return {"external_id": external_id, "customer_external_id": customer, "ordered_at": at, "status": status,
            "total_amount": total, "lines": lines, **extra}


@pytest.fixture
async def erp(client: httpx.AsyncClient, erp_key: Any) -> dict[str, str]:
    """An integration allowed to write customers and orders, with two customers of am_zhang's (Shanghai)."""
    headers = await erp_key("customers:write", "orders:write")
    response = await client.post(CUSTOMERS, headers=headers, json={"customers": [
        {"external_id": "K-1", "name": "外滩华庭酒店", "customer_type": "hotel", "owner_username": "am_zhang"},
        {"external_id": "K-2", "name": "静安餐饮集团", "customer_type": "restaurant", "owner_username": "am_zhang"},
    ]})
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == ["created", "created"]
    return headers


async def test_batches_need_a_key_with_the_scope(client: httpx.AsyncClient, erp_key: Any, auth: Any) -> None:
    body = {"orders": [_order("SO-1")]}
    assert (await client.post(ORDERS, json=body)).status_code == 401
    assert (await client.post(ORDERS, json=body, headers={"X-API-Key": "kh_unknown"})).status_code == 401
    readonly = await erp_key("customers:read")
    denied = await client.post(ORDERS, json=body, headers=readonly)
    assert denied.status_code == 403
    assert denied.headers["content-type"] == "application/problem+json"
    assert (await client.post(CUSTOMERS, json={"customers": []}, headers=readonly)).status_code == 403
    # People use the screens, not the machine endpoints.
    assert (await client.post(ORDERS, json=body, headers=auth("admin"))).status_code == 403


async def test_customer_batch_creates_updates_and_reports_each_item(
        client: httpx.AsyncClient, erp: dict[str, str], auth: Any) -> None:
    response = await client.post(CUSTOMERS, headers=erp, json={"customers": [
        {"external_id": "K-1", "name": "外滩华庭酒店", "customer_type": "hotel"},            # as stored
        {"external_id": "K-2", "name": "静安餐饮集团（总店）", "phone": "021-62345678"},      # changed
        {"external_id": "K-3", "name": "新客户", "customer_type": "hotel", "org_unit_code": "HZ",
         "contact": {"name": "王经理", "phone": "13812345678"}},                              # new
        {"external_id": "K-4", "name": "缺类型"},                                             # new, incomplete
        {"external_id": "K-5", "name": "坏电话", "customer_type": "dealer", "phone": "12"},  # bad phone
        {"name": "没有外部编号", "customer_type": "hotel"},                                    # bad shape
        {"external_id": "K-6", "name": "x", "customer_type": "hotel", "owner_username": "cs"},
    ]})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["unchanged", "updated", "created", "error", "error", "error", "error"]
    assert results[3]["errors"] == [{"field": "customer_type", "message": "required for a new customer"}]
    assert [e["field"] for e in results[4]["errors"]] == ["phone"]
    assert [e["field"] for e in results[5]["errors"]] == ["external_id"]
    assert results[6]["errors"][0]["field"] == "owner_username"
    assert response.json()["summary"] == {"created": 1, "updated": 1, "unchanged": 1, "error": 4}

    updated = (await client.get(f"/api/v1/customers/{results[1]['id']}", headers=auth("admin"))).json()
    assert (updated["name"], updated["phone"], updated["source_system"]) == ("静安餐饮集团（总店）", "021-62345678",
                                                                             "erp-main")
    assert updated["owner"]["username"] == "am_zhang"  # not sent, so kept
    created = (await client.get(f"/api/v1/customers/{results[2]['id']}", headers=auth("admin"))).json()
    assert created["org_unit"]["code"] == "HZ" and created["owner"] is None
    contacts = (await client.get(f"/api/v1/customers/{results[2]['id']}/contacts", headers=auth("admin"))).json()
    assert [(c["name"], c["is_primary"]) for c in contacts["items"]] == [("王经理", True)]
    trail = (await client.get(f"/api/v1/customers/{results[1]['id']}/audit", headers=auth("admin"))).json()
    assert trail["items"][0]["action"] == "update" and trail["items"][0]["after"]["name"] == "静安餐饮集团（总店）"


async def test_orders_are_created_unchanged_on_resend_and_updated_with_history(
        client: httpx.AsyncClient, erp: dict[str, str], auth: Any) -> None:
    first = await client.post(ORDERS, headers=erp, json={"orders": [_order("SO-1"), _order("SO-2", "K-2")]})
    assert first.status_code == 200, first.text
    assert [r["status"] for r in first.json()["results"]] == ["created", "created"]
    order_id = first.json()["results"][0]["id"]

    # The same content, spelled differently ("98" vs "98.00", another offset, keys reordered): unchanged.
    same = _order("SO-1", at="2026-10-20T01:30:00Z")
    same["lines"][0]["unit_price"] = "98"
    again = await client.post(ORDERS, headers=erp, json={"orders": [dict(reversed(same.items()))]})
    assert again.json()["results"] == [{"external_id": "SO-1", "status": "unchanged", "id": order_id}]

    changed = await client.post(ORDERS, headers=erp, json={"orders": [_order("SO-1", status="cancelled")]})
    assert changed.json()["results"][0]["status"] == "updated"
    detail = (await client.get(f"/api/v1/orders/{order_id}", headers=auth("am_zhang"))).json()
    assert (detail["status"], detail["version"], detail["net_amount"]) == ("cancelled", 2, "0.00")
    assert [ln["sku"] for ln in detail["lines"]] == ["FZ-001", "FZ-002"]
    assert [h["version"] for h in detail["history"]] == [1]
    assert detail["history"][0]["state"]["status"] == "delivered"
    assert [(ln["sku"], ln["amount"]) for ln in detail["history"][0]["state"]["lines"]] == [
        ("FZ-001", "960.00"), ("FZ-002", "200.00")]
    assert detail["history"][0]["state"]["total_amount"] == "1160.00"  # decimal strings, as everywhere


async def test_one_bad_order_is_reported_and_the_rest_lands(
        client: httpx.AsyncClient, erp: dict[str, str], auth: Any) -> None:
    bad_line = _order("SO-BAD-LINE")
    bad_line["lines"][1]["quantity"] = "-1"
    batch = [
        _order("SO-OK-1"),
        _order("SO-UNKNOWN", "K-404"),
        _order("SO-TOTAL", total="1170.00"),
        _order("SO-NEG", total="-5"),
        _order("SO-FUTURE", at="2027-01-01T00:00:00+08:00"),
        _order("SO-NAIVE", at="2026-10-20T09:30:00"),
        _order("SO-STATUS", status="lost"),
        bad_line,
        _order("SO-EURO", currency="EUR"),
        "not an order",
        _order("SO-OK-2", "K-2"),
        _order("SO-OK-1"),
    ]
    response = await client.post(ORDERS, headers=erp, json={"orders": batch})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["created"] + ["error"] * 9 + ["created", "error"]
    fields = [sorted({e["field"] for e in r.get("errors", [])}) for r in results]
    assert fields[1:10] == [["customer_external_id"], ["total_amount"], ["total_amount"], ["ordered_at"],
                            ["ordered_at"], ["status"], ["lines.1.quantity"], ["currency"], ["body"]]
    assert fields[11] == ["external_id"]  # the same order twice in one batch
    customer_id = await _customer_id(client, auth, "K-1")
    listed = (await client.get(f"/api/v1/customers/{customer_id}/orders", headers=auth("am_zhang"))).json()
    assert [o["external_id"] for o in listed["items"]] == ["SO-OK-1"]


async def _customer_id(client: httpx.AsyncClient, auth: Any, external_id: str) -> int:
    found = (await client.get("/api/v1/customers", params={"external_id": external_id},
                              headers=auth("admin"))).json()["items"]
    assert len(found) == 1
    return int(found[0]["id"])


async def test_returns_and_cancellations_reduce_net_revenue(
        client: httpx.AsyncClient, erp: dict[str, str], auth: Any) -> None:
    response = await client.post(ORDERS, headers=erp, json={"orders": [
        _order("SO-1", at="2026-09-01T10:00:00+08:00"),                                   # 1160
        _order("SO-2", at="2026-10-01T10:00:00+08:00", status="cancelled"),              # 0
        _order("SO-3", at="2026-10-11T10:00:00+08:00", status="partially_returned",
               returned_amount="160.00"),                                                 # 1000
        {**_order("RT-1", at="2026-11-01T10:00:00+08:00", kind="return", original_external_id="SO-1",
                  total="98.00"),
         "lines": [{"sku": "FZ-001", "product_name": "速冻虾仁 1kg", "quantity": "1", "unit_price": "98.00"}]},
    ]})
    assert [r["status"] for r in response.json()["results"]] == ["created"] * 4, response.text
    customer_id = await _customer_id(client, auth, "K-1")
    facts = (await client.get(f"/api/v1/customers/{customer_id}/facts", headers=auth("am_zhang"))).json()
    assert facts["order_count"] == 2 and facts["orders_placed"] == 3
    assert Decimal(facts["net_revenue"]) == Decimal("2062.00")  # 1160 + 1000 - 98
    assert (facts["cancelled_count"], facts["returned_count"]) == (1, 2)
    assert Decimal(facts["cancellation_rate"]) == Decimal("0.3333")
    assert Decimal(facts["average_order_value"]) == Decimal("1031.00")
    assert facts["first_order_at"].startswith("2026-09-01T02:00") and facts["last_order_at"].startswith("2026-10-11")
    assert Decimal(facts["typical_purchase_interval_days"]) == Decimal("40.0")
    assert [(m["month"], Decimal(m["net_revenue"])) for m in facts["monthly"]] == [
        ("2026-09-01", Decimal("1160.00")), ("2026-10-01", Decimal("1000.00")), ("2026-11-01", Decimal("-98.00"))]
    assert Decimal(facts["net_revenue_12m"]) == Decimal("2062.00")
    assert Decimal(facts["discount_share"]) == Decimal("0.0169")  # 40 of 2,360 list value (SO-2 was cancelled)
    # A return must name an order of the same customer that exists.
    orphan = await client.post(ORDERS, headers=erp, json={"orders": [
        {**_order("RT-2", "K-2", kind="return", original_external_id="SO-1"), "lines": []},
        {**_order("RT-3", kind="return", original_external_id="SO-404"), "lines": []},
    ]})
    assert [r["errors"][0]["field"] for r in orphan.json()["results"]] == ["original_external_id"] * 2


async def test_facts_kept_incrementally_equal_a_rebuild(
        client: httpx.AsyncClient, erp: dict[str, str], connection: AsyncConnection, uow: Any,
        clock: FrozenClock) -> None:
    from domain.orders.service import rebuild_facts

    batches = [
        [_order(f"SO-{i}", "K-1" if i % 3 else "K-2", at=f"2026-{1 + i % 10:02d}-{1 + i % 27:02d}T12:00:00+08:00",
                status=("cancelled" if i % 7 == 0 else "delivered")) for i in range(1, 30)],
        # Changes: a cancellation, a move to another customer and month, a partial return, a new return.
        [_order("SO-1", status="cancelled"), _order("SO-2", "K-2", at="2026-03-31T23:30:00+08:00"),
         _order("SO-4", status="partially_returned", returned_amount="100.00"),
         {**_order("RT-5", kind="return", original_external_id="SO-5", total="50.00"), "lines": []}],
        # Every order of K-2 moved to K-1: K-2 has no orders left.
        [_order(f"SO-{i}", "K-1", at=f"2026-{1 + i % 10:02d}-{1 + i % 27:02d}T12:00:00+08:00",
                status=("cancelled" if i % 7 == 0 else "delivered")) for i in range(3, 30, 3)]
        + [_order("SO-2", "K-1", at="2026-03-31T23:30:00+08:00"),
           # An order earlier than any: K-1's first quarter with a purchase moves back to the fourth of 2025.
           _order("SO-99", "K-1", at="2025-12-15T12:00:00+08:00")],
    ]
    for batch in batches:
        response = await client.post(ORDERS, headers=erp, json={"orders": batch})
        assert all(r["status"] != "error" for r in response.json()["results"]), response.text
        # The loyalty recompute's first step between batches: the quarters the batch touched (RT-5, dated in
        # October, returns SO-5 of June: its quarter too) are counted again.
        async with uow:
            assert await uow.facts.recount_stale_quarters("Asia/Shanghai") > 0
            await uow.commit()

    async def snapshot() -> tuple[list[Any], list[Any], list[Any]]:
        facts = (await connection.execute(text(
            "SELECT customer_id, orders_placed, order_count, cancelled_count, returned_count, net_revenue, "
            "list_amount, discount_amount, first_order_at, last_order_at FROM customer_facts ORDER BY 1"))).all()
        months = (await connection.execute(text(
            "SELECT customer_id, month, net_revenue, order_count FROM customer_monthly_revenue ORDER BY 1, 2"))).all()
        quarters = (await connection.execute(text(
            # Float sums compared to a millionth: the rebuild may add the same cents in another order.
            "SELECT customer_id, quarter, purchase_days, first_day, last_day, first_day_spend, purchase_spend, "
            "round(CAST(revenue AS numeric), 6), round(CAST(list_amount AS numeric), 6), "
            "round(CAST(discount_amount AS numeric), 6), placed, issues, first_purchase_quarter "
            "FROM customer_quarterly_facts ORDER BY customer_id, quarter"))).all()
        return [tuple(r) for r in facts], [tuple(r) for r in months], [tuple(r) for r in quarters]

    incremental = await snapshot()
    assert len(incremental[0]) == 1  # only K-1 has orders now
    assert {q[1].month for q in incremental[2]} == {1, 4, 7, 10}  # K-1's orders fill all four quarters
    # Exactly one quarter is marked as K-1's first with a purchase: the one of the late-arriving earliest order.
    assert [q[1] for q in incremental[2] if q[-1]] == [date(2025, 10, 1)]
    assert await rebuild_facts(uow, time_zone="Asia/Shanghai", clock=clock) == 1
    assert await snapshot() == incremental


async def test_idempotency_key_replays_the_first_response(
        client: httpx.AsyncClient, erp: dict[str, str], clock: FrozenClock) -> None:
    headers = {**erp, "Idempotency-Key": "batch-2026-11-23-001"}
    body = {"orders": [_order("SO-1"), _order("SO-2")]}
    first = await client.post(ORDERS, headers=headers, json=body)
    assert [r["status"] for r in first.json()["results"]] == ["created", "created"]
    replay = await client.post(ORDERS, headers=headers, json=body)
    assert replay.status_code == 200
    assert replay.json() == first.json()  # not "unchanged": the stored response, nothing applied again

    other = await client.post(ORDERS, headers=headers, json={"orders": [_order("SO-3")]})
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"

    clock.advance(hours=25)  # keys expire (24 h by default); then the request is processed anew
    later = await client.post(ORDERS, headers=headers, json=body)
    assert [r["status"] for r in later.json()["results"]] == ["unchanged", "unchanged"]


async def test_people_see_orders_of_customers_in_their_scope(
        client: httpx.AsyncClient, erp: dict[str, str], auth: Any) -> None:
    created = await client.post(ORDERS, headers=erp, json={"orders": [
        _order(f"SO-{i:02d}", at=f"2026-10-{i:02d}T09:00:00+08:00") for i in range(1, 8)]})
    order_id = created.json()["results"][0]["id"]
    customer_id = await _customer_id(client, auth, "K-1")
    pages, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(f"/api/v1/customers/{customer_id}/orders", params=params,
                                 headers=auth("sm_sh"))).json()
        pages.append([o["external_id"] for o in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == [["SO-07", "SO-06", "SO-05"], ["SO-04", "SO-03", "SO-02"], ["SO-01"]]
    # Hangzhou's account manager does not see a Shanghai customer's orders, nor that they exist.
    assert (await client.get(f"/api/v1/customers/{customer_id}/orders", headers=auth("am_wang"))).status_code == 404
    assert (await client.get(f"/api/v1/orders/{order_id}", headers=auth("am_wang"))).status_code == 404
    assert (await client.get(f"/api/v1/customers/{customer_id}/facts", headers=auth("am_wang"))).status_code == 404
    assert (await client.get(f"/api/v1/orders/{order_id}", headers=auth("analyst"))).status_code == 200


async def test_batch_limits_and_malformed_bodies(client: httpx.AsyncClient, erp: dict[str, str]) -> None:
    too_many = await client.post(ORDERS, headers=erp, json={"orders": [_order(f"SO-{i}") for i in range(1001)]})
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["field"] == "orders"
    not_json = await client.post(ORDERS, headers={**erp, "Content-Type": "application/json"}, content=b"{orders")
    assert not_json.status_code == 422 and not_json.json()["errors"][0]["field"] == "body"
    wrong_shape = await client.post(ORDERS, headers=erp, json=[_order("SO-1")])
    assert wrong_shape.status_code == 422 and wrong_shape.json()["errors"][0]["field"] == "orders"


async def test_admins_issue_list_and_revoke_api_keys(client: httpx.AsyncClient, auth: Any) -> None:
    admin = auth("admin")
    created = await client.post("/api/v1/api-keys", headers=admin,
                                json={"name": "erp-north", "scopes": ["customers:write", "orders:write"]})
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    batch = await client.post(CUSTOMERS, headers={"X-API-Key": key}, json={"customers": [
        {"external_id": "N-1", "name": "北方客户", "customer_type": "dealer"},
        {"external_id": "N-2", "name": "北方客户二", "customer_type": "dealer"}]})
    assert batch.status_code == 200
    listed = {k["name"]: k for k in (await client.get("/api/v1/api-keys", headers=admin)).json()["items"]}
    assert "key" not in listed["erp-north"]
    assert (listed["erp-north"]["requests_24h"], listed["erp-north"]["items_24h"]) == (1, 2)
    assert listed["erp-north"]["last_used_at"] is not None
    assert (await client.get("/api/v1/api-keys", headers=auth("hq"))).status_code == 403
    assert (await client.post("/api/v1/api-keys", headers=auth("hq"),
                              json={"name": "x", "scopes": ["orders:write"]})).status_code == 403
    key_id = created.json()["id"]
    assert (await client.delete(f"/api/v1/api-keys/{key_id}", headers=admin)).status_code == 204
    assert (await client.delete(f"/api/v1/api-keys/{key_id}", headers=admin)).status_code == 404
    assert (await client.post(CUSTOMERS, headers={"X-API-Key": key}, json={"customers": []})).status_code == 401
