"""Every revenue figure carries its window, and one window gives one number on every page (docs/domain.md section 5,
"Revenue windows"): a customer's trailing-12-month revenue on the tiers endpoint equals its transaction facts', and
the company's (or an account manager's) total on the tiers page equals the loyalty dashboard's, on orders sent by
an ERP (returns in another month than their order, orders older than the window, a partial return)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

D = Decimal
T12M = {"kind": "trailing_12_months", "start": "2025-12-01", "end": "2026-11-23", "first_quarter": None,
        "last_quarter": None}  # the test clock is 2026-11-23 (Asia/Shanghai)


def _order(external_id: str, customer: str, at: str, total: str, **extra: Any) -> dict[str, Any]:
    return {"external_id": external_id, "customer_external_id": customer, "ordered_at": f"{at}T10:00:00+08:00",
            "status": "delivered", "total_amount": total, "lines": [], **extra}


def _return(external_id: str, customer: str, at: str, total: str, original: str) -> dict[str, Any]:
    return _order(external_id, customer, at, total, kind="return", original_external_id=original)


async def _seed(client: httpx.AsyncClient, erp_key: Any, auth: Any) -> dict[str, int]:
    headers = await erp_key("customers:write", "orders:write")
    customers = await client.post("/api/v1/customers/batch", headers=headers, json={"customers": [
        {"external_id": "K-1", "name": "外滩华庭酒店", "customer_type": "hotel", "owner_username": "am_zhang"},
        {"external_id": "K-2", "name": "静安餐饮集团", "customer_type": "restaurant", "owner_username": "am_zhang"},
        {"external_id": "K-3", "name": "浦东会展中心", "customer_type": "hotel", "owner_username": "am_li"},
    ]})
    assert customers.status_code == 200, customers.text
    orders = await client.post("/api/v1/orders/batch", headers=headers, json={"orders": [
        _order("SO-1", "K-1", "2025-10-15", "1000.00"),  # before the 12 months, in the four complete quarters
        _return("RT-1", "K-1", "2025-12-05", "200.00", "SO-1"),  # a return in the 12 months of an order before
        _order("SO-2", "K-1", "2026-01-10", "2000.00"),
        _order("SO-3", "K-1", "2026-09-20", "3000.00"),
        _return("RT-2", "K-1", "2026-10-05", "500.00", "SO-3"),  # returned in the next quarter
        _order("SO-4", "K-1", "2026-11-02", "4000.00"),  # this month: not yet a complete quarter
        _order("SO-5", "K-2", "2026-05-05", "7000.00", status="partially_returned", returned_amount="1000.00"),
        _order("SO-6", "K-3", "2026-02-02", "1500000.00"),
        _order("SO-7", "K-3", "2024-05-01", "9000.00"),  # long ago
    ]})
    assert [r["status"] for r in orders.json()["results"]] == ["created"] * 9, orders.text
    for path in ("/api/v1/tiers/recompute", "/api/v1/loyalty/recompute"):
        response = await client.post(path, headers=auth("admin"))
        assert response.status_code == 200, response.text
    found = (await client.get("/api/v1/customers", params={"limit": 10}, headers=auth("admin"))).json()["items"]
    return {c["external_id"]: c["id"] for c in found}


def _total(counts: list[dict[str, Any]]) -> Decimal:
    return sum((D(c["revenue_12m"]) for c in counts), D(0))


async def test_the_same_window_gives_the_same_revenue_everywhere(
        client: httpx.AsyncClient, erp_key: Any, auth: Any) -> None:
    ids = await _seed(client, erp_key, auth)

    # A customer: the tiers endpoint (the tier card) and the transaction facts, the same window and number.
    expected = {"K-1": D("8300.00"), "K-2": D("6000.00"), "K-3": D("1500000.00")}  # 2000+3000-500+4000-200 ...
    for external_id, revenue in expected.items():
        tiers = (await client.get(f"/api/v1/customers/{ids[external_id]}/tiers", headers=auth("admin"))).json()
        facts = (await client.get(f"/api/v1/customers/{ids[external_id]}/facts", headers=auth("admin"))).json()
        assert D(tiers["revenue_12m"]) == D(facts["net_revenue_12m"]) == revenue, external_id
        assert tiers["revenue_window"] == facts["net_revenue_12m_window"] == T12M

    # The company, and an account manager's customers: the tiers page and the loyalty dashboard.
    for user, total in (("admin", sum(expected.values())), ("am_zhang", expected["K-1"] + expected["K-2"])):
        levels = (await client.get("/api/v1/tiers/levels", headers=auth(user))).json()
        abc = (await client.get("/api/v1/tiers/abc", headers=auth(user))).json()
        deciles = (await client.get("/api/v1/tiers/deciles", headers=auth(user))).json()
        loyalty = (await client.get("/api/v1/loyalty/summary", headers=auth(user))).json()
        assert _total(levels["levels"]) == _total(abc["classes"]) == total, user
        assert sum((D(r["total"]) for r in deciles["rows"]), D(0)) == total
        for part in ("segments", "stages", "value_classes", "rfm"):
            assert _total(loyalty[part]) == total, (user, part)
        assert levels["revenue_window"] == abc["revenue_window"] == deciles["revenue_window"] == T12M
        assert loyalty["revenue_window"] == T12M

    # RFM's monetary figure is another window (whole quarters, returns on their order's day), and says so.
    card = (await client.get(f"/api/v1/customers/{ids['K-1']}/loyalty", headers=auth("am_zhang"))).json()
    assert D(card["monetary_12m"]) == D("5300.00")  # 1000-200 + 2000 + 3000-500
    assert card["monetary_window"] == {"kind": "complete_quarters", "start": "2025-10-01", "end": "2026-09-30",
                                       "first_quarter": "2025Q4", "last_quarter": "2026Q3"}
    assert card["predicted_window"] == {"kind": "next_12_months", "start": "2026-11-24", "end": "2027-11-23",
                                        "first_quarter": None, "last_quarter": None}
    # Future profit is a forecast, not revenue: no revenue window.
    future = (await client.get("/api/v1/tiers/deciles", params={"by": "future_profit"},
                               headers=auth("admin"))).json()
    assert future["revenue_window"] is None


async def test_before_any_recompute_there_is_no_window(client: httpx.AsyncClient, auth: Any) -> None:
    for path in ("/api/v1/tiers/levels", "/api/v1/tiers/abc", "/api/v1/loyalty/summary"):
        assert (await client.get(path, headers=auth("analyst"))).json()["revenue_window"] is None
