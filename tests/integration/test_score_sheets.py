"""The quarterly scoring cycle through the HTTP API: sheets, review, grades on the customer, movement."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

MANUAL = {"qualification": 18, "business_performance": 16, "designers": 14, "project_managers": 16,
          "outlets": 18, "competition": 36, "willingness": 16, "business_fit": 16, "satisfaction": 27}


def _indicators(sheet: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["key"]: i for i in sheet["indicators"]}


async def _sheet(client: httpx.AsyncClient, auth: Any, customer_id: int, period: str = "2026Q3",
                 as_user: str = "am_zhang") -> dict[str, Any]:
    response = await client.post(f"/api/v1/customers/{customer_id}/score-sheets", json={"period": period},
                                 headers=auth(as_user))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _fill(client: httpx.AsyncClient, auth: Any, sheet: dict[str, Any], values: dict[str, Any],
                as_user: str = "am_zhang") -> dict[str, Any]:
    """Enters the values; where they differ from the computed ones, with a note (the customers made here have
    no orders, so the data gives 0 for the transaction amount)."""
    computed = {i["key"]: i["computed"] for i in sheet["indicators"] if i["computed"]}
    notes = {k: "线下订单，未进 ERP" for k, v in values.items()
             if k in computed and Decimal(str(v)) != Decimal(computed[k]["points"])}
    response = await client.patch(f"/api/v1/score-sheets/{sheet['id']}", json={"values": values, "notes": notes},
                                  headers={**auth(as_user), "If-Match": f'"{sheet["version"]}"'})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def _act(client: httpx.AsyncClient, auth: Any, sheet: dict[str, Any], action: str, as_user: str,
               body: dict[str, Any] | None = None) -> httpx.Response:
    return await client.post(f"/api/v1/score-sheets/{sheet['id']}/{action}", json=body, headers=auth(as_user))


@pytest.fixture
async def erp_customer(client: httpx.AsyncClient, erp_key: Any, auth: Any) -> dict[str, Any]:
    """am_zhang's hotel with 120,000 CNY of orders in 2026Q3 and a declared annual purchasing of 400,000."""
    headers = await erp_key("customers:write", "orders:write")
    response = await client.post("/api/v1/customers/batch", headers=headers, json={"customers": [
        {"external_id": "H-1", "name": "外滩华庭酒店", "customer_type": "hotel", "owner_username": "am_zhang"}]})
    customer_id = response.json()["results"][0]["id"]
    orders = [{"external_id": f"SO-{n}", "customer_external_id": "H-1", "ordered_at": at, "status": "delivered",
               "total_amount": "40000.00", "lines": [{"sku": "FZ-1", "product_name": "速冻虾仁", "quantity": "400",
                                                      "unit_price": "100"}]}
              for n, at in enumerate(["2026-07-03T10:00:00+08:00", "2026-08-14T10:00:00+08:00",
                                      "2026-09-30T23:00:00+08:00", "2026-10-01T09:00:00+08:00"])]
    assert (await client.post("/api/v1/orders/batch", headers=headers, json={"orders": orders})).status_code == 200
    customer = (await client.get(f"/api/v1/customers/{customer_id}", headers=auth("am_zhang"))).json()
    patched = await client.patch(f"/api/v1/customers/{customer_id}", headers={
        **auth("am_zhang"), "If-Match": f'"{customer["version"]}"'},
        json={"characteristics": {"annual_purchasing": "400000"}})
    assert patched.status_code == 200, patched.text
    return dict(patched.json())


async def test_a_sheet_goes_from_draft_to_approved_and_sets_the_customer_tiers(
        client: httpx.AsyncClient, auth: Any, erp_customer: dict[str, Any]) -> None:
    customer_id = erp_customer["id"]
    sheet = await _sheet(client, auth, customer_id)
    assert (sheet["status"], sheet["period"], sheet["model"]["version"]) == ("draft", "2026Q3", 1)
    # The sheet says what the caller may do with it (the SPA shows exactly these buttons).
    assert sheet["actions"] == ["edit", "submit"]
    indicators = _indicators(sheet)
    # 2026Q3 in Shanghai: the orders of 3 July, 14 August and 30 September (23:00 local), not 1 October.
    assert Decimal(indicators["transaction_amount"]["computed"]["measured"]) == 120000
    assert Decimal(indicators["transaction_amount"]["value"]) == 24  # the default scale: >= 100,000 -> 24
    # Share of the declared purchasing over the 12 months ending with the quarter: 120,000 / 400,000.
    assert Decimal(indicators["order_share"]["computed"]["measured"]) == 30
    assert Decimal(indicators["order_share"]["value"]) == 12
    assert indicators["satisfaction"]["computed"] is None  # no surveys yet: entered by hand
    assert indicators["competition"]["value"] is None

    # One sheet per customer and quarter.
    again = await client.post(f"/api/v1/customers/{customer_id}/score-sheets", json={"period": "2026Q3"},
                              headers=auth("am_zhang"))
    assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"

    # Submitting with indicators unscored names each one.
    incomplete = await _act(client, auth, sheet, "submit", "am_zhang")
    assert incomplete.status_code == 422
    assert "values.competition" in {e["field"] for e in incomplete.json()["errors"]}

    sheet = await _fill(client, auth, sheet, MANUAL)
    assert sheet["grades"] == {"potential": "A", "possibility": "A", "basis": "B"}  # basis 27 + 24 + 12 = 63 %
    assert sheet["category"]["key"] == "gold_mine"
    submitted = await _act(client, auth, sheet, "submit", "am_zhang")
    assert submitted.status_code == 200, submitted.text
    sheet = submitted.json()
    assert sheet["status"] == "submitted" and sheet["filled_by"]["username"] == "am_zhang"
    assert sheet["actions"] == []  # the filler waits; no reviewer role
    as_reviewer = await client.get(f"/api/v1/score-sheets/{sheet['id']}", headers=auth("sm_sh"))
    assert as_reviewer.json()["actions"] == ["approve", "return"]
    listed = await client.get("/api/v1/score-sheets", params={"status": "submitted"}, headers=auth("sm_sh"))
    assert [(s["id"], s["actions"]) for s in listed.json()["items"]] == [(sheet["id"], ["approve", "return"])]
    # Submitted sheets do not change.
    frozen = await client.patch(f"/api/v1/score-sheets/{sheet['id']}", json={"values": {"outlets": 1}},
                                headers={**auth("am_zhang"), "If-Match": f'"{sheet["version"]}"'})
    assert frozen.status_code == 409

    # An account manager is no reviewer; the store manager is.
    assert (await _act(client, auth, sheet, "approve", "am_li")).status_code in (403, 404)
    approved = await _act(client, auth, sheet, "approve", "sm_sh", {"comment": "同意"})
    assert approved.status_code == 200, approved.text
    assert approved.json()["reviewed_by"]["username"] == "sm_sh"
    assert approved.json()["actions"] == []  # approved: done

    customer = (await client.get(f"/api/v1/customers/{customer_id}", headers=auth("am_zhang"))).json()
    assert customer["grades"] == {"potential": "A", "possibility": "A", "basis": "B"}
    assert (customer["category"], customer["graded_period"]) == ("gold_mine", "2026Q3")
    history = (await client.get(f"/api/v1/customers/{customer_id}/tier-history", headers=auth("am_zhang"))).json()
    assert [(h["source"], h["period"], h["category"]) for h in history["items"]] == [
        ("score_sheet", "2026Q3", "gold_mine")]
    listed = (await client.get("/api/v1/customers", params={"category": "gold_mine", "potential": "A"},
                               headers=auth("hq"))).json()
    assert [c["id"] for c in listed["items"]] == [customer_id]
    matrix = (await client.get("/api/v1/tiers/category-matrix", headers=auth("am_zhang"))).json()
    assert [(c["potential"], c["possibility"], c["basis"], c["category"], c["customers"]) for c in matrix["cells"]] \
        == [("A", "A", "B", "gold_mine", 1)]


async def test_the_filler_may_not_review_and_a_returned_sheet_goes_back(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await new_customer("sm_sh", owner_id=None)
    sheet = await _sheet(client, auth, customer["id"], as_user="sm_sh")
    sheet = await _fill(client, auth, sheet, {**MANUAL, "transaction_amount": 8, "order_share": 6}, as_user="sm_sh")
    sheet = (await _act(client, auth, sheet, "submit", "sm_sh")).json()
    assert sheet["actions"] == []  # a reviewer does not review the sheet they filled
    forbidden = await _act(client, auth, sheet, "approve", "sm_sh")
    assert forbidden.status_code == 403
    assert forbidden.headers["content-type"] == "application/problem+json"
    assert (await _act(client, auth, sheet, "return", "hq", {"comment": " "})).status_code == 422
    returned = await _act(client, auth, sheet, "return", "hq", {"comment": "竞争克服度偏高，请核实"})
    assert returned.status_code == 200, returned.text
    sheet = returned.json()
    assert (sheet["status"], sheet["review_comment"]) == ("returned", "竞争克服度偏高，请核实")
    assert sheet["actions"] == ["edit", "submit"]  # hq writes customers too: it may edit a returned sheet
    # Approving a returned sheet is an invalid transition.
    assert (await _act(client, auth, sheet, "approve", "hq")).status_code == 409
    sheet = await _fill(client, auth, sheet, {"competition": 30}, as_user="sm_sh")
    sheet = (await _act(client, auth, sheet, "submit", "sm_sh")).json()
    assert (await _act(client, auth, sheet, "approve", "hq")).status_code == 200


async def test_overriding_a_computed_value_needs_a_note_and_edits_need_the_version(
        client: httpx.AsyncClient, auth: Any, erp_customer: dict[str, Any]) -> None:
    sheet = await _sheet(client, auth, erp_customer["id"])
    url = f"/api/v1/score-sheets/{sheet['id']}"
    headers = {**auth("am_zhang"), "If-Match": f'"{sheet["version"]}"'}
    response = await client.patch(url, json={"values": {"transaction_amount": 40, "competition": 41, "charm": 1}},
                                  headers=headers)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "notes.transaction_amount", "values.competition", "values.charm"}
    assert (await client.patch(url, json={"values": {"outlets": 3}}, headers=auth("am_zhang"))).status_code == 428
    noted = await client.patch(url, json={"values": {"transaction_amount": 40}, "notes": {
        "transaction_amount": "另有经销商代下单约 40 万"}}, headers=headers)
    assert noted.status_code == 200, noted.text
    indicator = _indicators(noted.json())["transaction_amount"]
    assert (indicator["overridden"], Decimal(indicator["value"]), indicator["note"]) == (
        True, 40, "另有经销商代下单约 40 万")
    stale = await client.patch(url, json={"values": {"outlets": 3}}, headers=headers)
    assert stale.status_code == 412
    # A future quarter cannot be scored; a malformed one is named.
    for period in ("2027Q1", "2026Q5"):
        bad = await client.post(f"/api/v1/customers/{erp_customer['id']}/score-sheets", json={"period": period},
                                headers=auth("am_zhang"))
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "period"


async def test_sheets_are_scoped_like_customers_and_the_quarter_opens_in_bulk(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    mine = await new_customer("am_zhang")
    pudong = await new_customer("am_li", name="浦东餐饮")
    hangzhou = await new_customer("am_wang", name="西湖国宾馆")
    body = {"period": "2026Q3", "include_regular": True}
    opened = await client.post("/api/v1/score-sheets/open-quarter", json=body, headers=auth("sm_sh"))
    assert opened.status_code == 200, opened.text
    assert opened.json()["created"] == 2  # the Shanghai store's customers, not Hangzhou's
    again = await client.post("/api/v1/score-sheets/open-quarter", json=body, headers=auth("sm_sh"))
    assert again.json()["created"] == 0

    def ids(response: httpx.Response) -> set[int]:
        assert response.status_code == 200, response.text
        return {s["customer"]["id"] for s in response.json()["items"]}

    assert ids(await client.get("/api/v1/score-sheets", headers=auth("am_zhang"))) == {mine["id"]}
    assert ids(await client.get("/api/v1/score-sheets", headers=auth("sm_sh"))) == {mine["id"], pudong["id"]}
    assert ids(await client.get("/api/v1/score-sheets", headers=auth("sm_hz"))) == set()
    theirs = (await client.get(f"/api/v1/customers/{pudong['id']}/score-sheets", headers=auth("am_li"))).json()
    sheet = theirs["items"][0]
    assert (await client.get(f"/api/v1/score-sheets/{sheet['id']}", headers=auth("am_zhang"))).status_code == 404
    assert (await client.get(f"/api/v1/score-sheets/{sheet['id']}", headers=auth("am_wang"))).status_code == 404
    assert (await client.patch(f"/api/v1/score-sheets/{sheet['id']}", json={"values": {"outlets": 1}},
                               headers={**auth("am_wang"), "If-Match": '"1"'})).status_code == 404
    # The Hangzhou store manager cannot review Shanghai's sheets; analysts cannot fill any.
    assert (await _act(client, auth, sheet, "approve", "sm_hz")).status_code == 404
    assert (await client.post(f"/api/v1/customers/{hangzhou['id']}/score-sheets", json={"period": "2026Q3"},
                              headers=auth("analyst"))).status_code == 403
    # The review queue leaves out the caller's own sheets.
    sheet = await _fill(client, auth, sheet, {**MANUAL, "transaction_amount": 0, "order_share": 0}, as_user="am_li")
    await _act(client, auth, sheet, "submit", "am_li")
    assert ids(await client.get("/api/v1/score-sheets", params={"to_review": "true"}, headers=auth("sm_sh"))) == {
        pudong["id"]}
    assert ids(await client.get("/api/v1/score-sheets", params={"to_review": "true"}, headers=auth("am_li"))) == set()


async def _approve(client: httpx.AsyncClient, auth: Any, customer_id: int, period: str,
                   values: dict[str, Any]) -> None:
    sheet = await _sheet(client, auth, customer_id, period)
    sheet = await _fill(client, auth, sheet, values)
    assert (await _act(client, auth, sheet, "submit", "am_zhang")).status_code == 200
    assert (await _act(client, auth, sheet, "approve", "sm_sh")).status_code == 200


STRONGHOLD = {**MANUAL, "transaction_amount": 40, "order_share": 30}
WATCH = {k: 0 for k in STRONGHOLD}
MARGINAL_C = {**STRONGHOLD, "qualification": 0, "business_performance": 0, "designers": 0, "competition": 30}
MARGINAL_B = {**MARGINAL_C, "qualification": 18, "business_performance": 16}


async def test_transitions_and_alerts_between_quarters(client: httpx.AsyncClient, auth: Any,
                                                       new_customer: Any) -> None:
    fell = await new_customer(name="阵地降级")
    rose = await new_customer(name="鸡肋潜力上升")
    await _approve(client, auth, fell["id"], "2026Q2", STRONGHOLD)
    await _approve(client, auth, fell["id"], "2026Q3", WATCH)
    await _approve(client, auth, rose["id"], "2026Q2", MARGINAL_C)
    await _approve(client, auth, rose["id"], "2026Q3", MARGINAL_B)
    # Approving an older quarter late does not replace the newer result.
    late = await new_customer(name="补评")
    await _approve(client, auth, late["id"], "2026Q3", STRONGHOLD)
    await _approve(client, auth, late["id"], "2026Q2", WATCH)
    assert (await client.get(f"/api/v1/customers/{late['id']}", headers=auth("hq"))).json()["category"] == \
        "stronghold"

    transitions = await client.get("/api/v1/tiers/transitions", params={"from": "2026Q2", "to": "2026Q3"},
                                   headers=auth("am_zhang"))
    assert transitions.status_code == 200, transitions.text
    cells = {(c["from_category"], c["to_category"]): (c["customers"], c["direction"])
             for c in transitions.json()["cells"]}
    assert cells == {("stronghold", "watch"): (1, -1), ("marginal", "marginal"): (1, 0),
                     ("watch", "stronghold"): (1, 1)}
    # Default: the last complete quarter (2026Q3 on 23 November 2026) against the one before.
    default = (await client.get("/api/v1/tiers/transitions", headers=auth("am_zhang"))).json()
    assert (default["from_period"], default["to_period"]) == ("2026Q2", "2026Q3")
    bad = await client.get("/api/v1/tiers/transitions", params={"from": "2026Q3", "to": "2026Q2"},
                           headers=auth("hq"))
    assert bad.status_code == 422

    alerts = (await client.get("/api/v1/tiers/alerts", params={"to": "2026Q3"}, headers=auth("am_zhang"))).json()
    assert sorted((a["kind"], a["customer"]["id"]) for a in alerts["items"]) == sorted([
        ("stronghold_fell", fell["id"]), ("marginal_potential_rose", rose["id"])])
    assert (await client.get("/api/v1/tiers/alerts", headers=auth("am_wang"))).json()["items"] == []


async def test_category_rules_edit_with_a_preview(client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await new_customer()
    await _approve(client, auth, customer["id"], "2026Q3", MARGINAL_C)
    rules = (await client.get("/api/v1/category-rules", headers=auth("admin"))).json()["items"]
    # Drop "marginal": its customers fall through to "watch".
    edited = {"rules": [r for r in rules if r["key"] != "marginal"]}
    assert (await client.post("/api/v1/category-rules/preview", json=edited, headers=auth("hq"))).status_code == 403
    preview = await client.post("/api/v1/category-rules/preview", json=edited, headers=auth("admin"))
    assert preview.status_code == 200, preview.text
    assert preview.json() == {"moves": [{"before": "marginal", "after": "watch", "customers": 1}],
                              "customers_moving": 1}
    no_catch_all = {"rules": rules[:-1]}
    bad = await client.put("/api/v1/category-rules", json=no_catch_all, headers=auth("admin"))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "rules"
    saved = await client.put("/api/v1/category-rules", json=edited, headers=auth("admin"))
    assert saved.status_code == 200, saved.text
    assert saved.json()["customers_moved"] == 1
    assert (await client.get(f"/api/v1/customers/{customer['id']}", headers=auth("hq"))).json()["category"] == "watch"
    history = (await client.get(f"/api/v1/customers/{customer['id']}/tier-history", headers=auth("hq"))).json()
    assert [(h["source"], h["category"]) for h in history["items"]] == [
        ("category_rules", "watch"), ("score_sheet", "marginal")]
