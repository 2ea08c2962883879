"""Opening a quarter: the current quarter by default, key customers unless regular ones are asked for, a dry run
that counts and writes nothing, the caller's scope; and a blank draft shows no grades (not scored yet)."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

OPEN = "/api/v1/score-sheets/open-quarter"
# The test clock is 2026-11-23 02:00 UTC: 10:00 in Shanghai, the company's time zone, in 2026Q4.
CURRENT = "2026Q4"


async def _sheets(connection: AsyncConnection, *customer_ids: int) -> list[tuple[int, str]]:
    rows = await connection.execute(text(
        "SELECT customer_id, period FROM score_sheets WHERE customer_id = ANY(:ids) ORDER BY customer_id"),
        {"ids": list(customer_ids)})
    return [(r.customer_id, r.period) for r in rows]


async def test_the_current_quarter_is_the_default(client: httpx.AsyncClient, auth: Any, new_customer: Any,
                                                  connection: AsyncConnection) -> None:
    key = await new_customer("am_zhang", name="默认季度酒店", partition="key")
    opened = await client.post(OPEN, json={}, headers=auth("am_zhang"))
    assert opened.status_code == 200, opened.text
    assert (opened.json()["period"], opened.json()["created"]) == (CURRENT, 1)
    assert await _sheets(connection, key["id"]) == [(key["id"], CURRENT)]


async def test_key_customers_only_unless_regular_ones_are_asked_for(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, connection: AsyncConnection) -> None:
    key = await new_customer("am_zhang", name="重点酒店", partition="key")
    regular = await new_customer("am_zhang", name="普通酒店")
    assert regular["partition"] == "regular"
    opened = await client.post(OPEN, json={"period": "2026Q3"}, headers=auth("am_zhang"))
    assert (opened.json()["created"], opened.json()["include_regular"]) == (1, False)
    assert await _sheets(connection, key["id"], regular["id"]) == [(key["id"], "2026Q3")]
    both = await client.post(OPEN, json={"period": "2026Q3", "include_regular": True}, headers=auth("am_zhang"))
    assert (both.json()["created"], both.json()["existing"]) == (1, 1)
    assert await _sheets(connection, key["id"], regular["id"]) == [(key["id"], "2026Q3"), (regular["id"], "2026Q3")]


async def test_a_dry_run_counts_per_owner_and_creates_nothing(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, connection: AsyncConnection,
        users: dict[str, Any]) -> None:
    zhang = [await new_customer("am_zhang", name=f"张的重点{i}", partition="key") for i in range(2)]
    li = await new_customer("am_li", name="李的重点", partition="key")
    await new_customer("am_li", name="李的普通")
    # One of them already has a sheet for the quarter.
    single = await client.post(f"/api/v1/customers/{zhang[0]['id']}/score-sheets", json={"period": "2026Q3"},
                               headers=auth("am_zhang"))
    assert single.status_code == 201, single.text

    preview = await client.post(OPEN, json={"period": "2026Q3", "dry_run": True}, headers=auth("sm_sh"))
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert (body["dry_run"], body["created"], body["existing"], body["without_model"]) == (True, 2, 1, 0)
    assert [(o["owner"]["username"], o["drafts"]) for o in body["by_owner"]] == [("am_li", 1), ("am_zhang", 1)]
    assert body["more_owners"] == 0
    assert await _sheets(connection, zhang[1]["id"], li["id"]) == []
    wider = (await client.post(OPEN, json={"period": "2026Q3", "dry_run": True, "include_regular": True},
                               headers=auth("sm_sh"))).json()
    assert (wider["created"], dict((o["owner"]["username"], o["drafts"]) for o in wider["by_owner"])) == (
        3, {"am_li": 2, "am_zhang": 1})
    audit = "SELECT count(*) FROM audit_log WHERE action = 'score_sheet_open_quarter'"
    assert (await connection.execute(text(audit))).scalar_one() == 0

    opened = (await client.post(OPEN, json={"period": "2026Q3"}, headers=auth("sm_sh"))).json()
    assert (opened["dry_run"], opened["created"]) == (False, 2)
    again = (await client.post(OPEN, json={"period": "2026Q3", "dry_run": True}, headers=auth("sm_sh"))).json()
    assert (again["created"], again["existing"], again["by_owner"]) == (0, 3, [])
    assert users["am_li"].id == body["by_owner"][0]["owner"]["id"]


async def test_the_preview_and_the_opening_stay_in_the_callers_scope(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, connection: AsyncConnection) -> None:
    zhang = await new_customer("am_zhang", name="张的", partition="key")
    li = await new_customer("am_li", name="李的", partition="key")
    wang = await new_customer("am_wang", name="王的", partition="key")

    async def preview(who: str) -> dict[str, int]:
        response = await client.post(OPEN, json={"dry_run": True}, headers=auth(who))
        assert response.status_code == 200, response.text
        return {o["owner"]["username"]: o["drafts"] for o in response.json()["by_owner"]}

    assert await preview("am_zhang") == {"am_zhang": 1}
    assert await preview("sm_hz") == {"am_wang": 1}
    assert await preview("sm_sh") == {"am_zhang": 1, "am_li": 1}
    assert await preview("hq") == {"am_zhang": 1, "am_li": 1, "am_wang": 1}
    refused = await client.post(OPEN, json={"dry_run": True}, headers=auth("analyst"))
    assert refused.status_code == 403
    opened = await client.post(OPEN, json={}, headers=auth("am_li"))
    assert opened.json()["created"] == 1
    assert await _sheets(connection, zhang["id"], li["id"], wang["id"]) == [(li["id"], CURRENT)]


async def test_a_blank_draft_is_not_scored_yet(client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    key = await new_customer("am_zhang", name="空白草稿酒店", partition="key")
    assert (await client.post(OPEN, json={}, headers=auth("am_zhang"))).json()["created"] == 1
    listed = (await client.get("/api/v1/score-sheets", params={"status": "draft"}, headers=auth("am_zhang"))).json()
    [sheet] = [s for s in listed["items"] if s["customer"]["id"] == key["id"]]
    # Its blanks count 0 and would read as C C C, "watch": no grades, no category until every indicator is scored.
    assert (sheet["grades"], sheet["category"]) == (None, None)
    assert [d["scored"] for d in sheet["dimensions"]] == [False, False, False]
    [own] = (await client.get(f"/api/v1/customers/{key['id']}/score-sheets", headers=auth("am_zhang"))).json()["items"]
    assert (own["grades"], own["category"]) == (None, None)

    values = {i["key"]: i["weight"] for i in sheet["indicators"]}
    filled = await client.patch(f"/api/v1/score-sheets/{sheet['id']}", headers={
        **auth("am_zhang"), "If-Match": f'"{sheet["version"]}"'}, json={
        "values": values, "notes": {i["key"]: "线下订单" for i in sheet["indicators"] if i["computed"]}})
    assert filled.status_code == 200, filled.text
    assert filled.json()["grades"] == {"potential": "A", "possibility": "A", "basis": "A"}
    assert filled.json()["category"]["key"] == "stronghold"
    assert all(d["scored"] for d in filled.json()["dimensions"])
