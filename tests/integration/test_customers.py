"""The customer archive through the API: create, read, edit with versions, search, pages, partitions."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from repositories.audit import audit_log
from repositories.customers.tables import customers


async def _count_customers(connection: AsyncConnection) -> int:
    return int((await connection.execute(select(func.count()).select_from(customers))).scalar_one())


async def test_create_defaults_owner_and_unit_to_creator(client: httpx.AsyncClient, auth: Any,
                                                         users: dict[str, Any]) -> None:
    response = await client.post("/api/v1/customers", headers=auth("am_li"), json={
        "name": "浦东金桥丽晶酒店", "customer_type": "hotel", "phone": "021-58881234",
        "characteristics": {"scale": "大型", "growth_potential": "high", "outlet_count": 3}})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] > 0 and body["version"] == 1
    assert body["code"].startswith("C")
    assert body["owner"]["username"] == "am_li"
    assert body["org_unit"]["code"] == "SH-PD"
    assert body["characteristics"]["scale"] == "大型"
    assert response.headers["Location"] == f"/api/v1/customers/{body['id']}"
    fetched = await client.get(f"/api/v1/customers/{body['id']}", headers=auth("am_li"))
    assert fetched.json()["name"] == "浦东金桥丽晶酒店"
    assert fetched.headers["ETag"] == '"1"'


async def test_bad_input_is_422_naming_each_field_and_writes_nothing(
    client: httpx.AsyncClient, auth: Any, connection: AsyncConnection
) -> None:
    before = await _count_customers(connection)
    response = await client.post("/api/v1/customers", headers=auth("am_zhang"), json={
        "name": "", "customer_type": "spaceship", "phone": "12ab",
        "characteristics": {"outlet_count": -2, "growth_potential": "huge"}})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 422 and body["type"] and body["title"] and body["detail"]
    fields = {e["field"] for e in body["errors"]}
    assert {"name", "customer_type", "characteristics.outlet_count", "characteristics.growth_potential"} <= fields
    assert all(e["message"] for e in body["errors"])
    assert await _count_customers(connection) == before


async def test_domain_rule_errors_name_fields(client: httpx.AsyncClient, auth: Any, connection: AsyncConnection,
                                              new_customer: Any) -> None:
    await new_customer(external_id="ERP-0001")
    before = await _count_customers(connection)
    response = await client.post("/api/v1/customers", headers=auth("am_zhang"), json={
        "name": "重复客户", "customer_type": "dealer", "external_id": "ERP-0001", "phone": "12ab"})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "phone" in fields
    again = await client.post("/api/v1/customers", headers=auth("am_zhang"), json={
        "name": "重复客户", "customer_type": "dealer", "external_id": "ERP-0001"})
    assert again.status_code == 422
    assert [e["field"] for e in again.json()["errors"]] == ["external_id"]
    assert await _count_customers(connection) == before


async def test_malformed_json_and_wrong_types_are_4xx_not_500(client: httpx.AsyncClient, auth: Any) -> None:
    headers = {**auth("am_zhang"), "Content-Type": "application/json"}
    broken = await client.post("/api/v1/customers", content=b"{not json", headers=headers)
    assert broken.status_code == 422
    assert (await client.get("/api/v1/customers/notanumber", headers=auth("hq"))).status_code == 422
    assert (await client.get("/api/v1/customers?limit=100000", headers=auth("hq"))).status_code == 422
    garbage_cursor = await client.get("/api/v1/customers?cursor=%%%", headers=auth("hq"))
    assert garbage_cursor.status_code == 422
    assert (await client.get("/api/v1/customers/99999999999999999999", headers=auth("hq"))).status_code == 422


async def test_edit_needs_current_version(client: httpx.AsyncClient, auth: Any, new_customer: Any,
                                          connection: AsyncConnection) -> None:
    customer = await new_customer(address="上海市黄浦区中山东一路1号")
    url, headers = f"/api/v1/customers/{customer['id']}", auth("am_zhang")
    missing = await client.patch(url, json={"address": "新地址"}, headers=headers)
    assert missing.status_code == 428
    first = await client.patch(url, json={"address": "上海市黄浦区中山东一路2号"},
                               headers={**headers, "If-Match": '"1"'})
    assert first.status_code == 200, first.text
    assert first.json()["version"] == 2
    stale = await client.patch(url, json={"address": "上海市黄浦区中山东一路3号"}, headers={**headers, "If-Match": "1"})
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    current = (await client.get(url, headers=headers)).json()
    assert current["address"] == "上海市黄浦区中山东一路2号" and current["version"] == 2
    audit_rows = (await connection.execute(
        select(func.count()).select_from(audit_log).where(audit_log.c.customer_id == customer["id"]))).scalar_one()
    assert audit_rows == 2  # create + one update; the stale edit left no trace


async def test_edit_merges_characteristics_and_audits_before_after(client: httpx.AsyncClient, auth: Any,
                                                                    new_customer: Any) -> None:
    customer = await new_customer(characteristics={"scale": "中型", "outlet_count": 2})
    url, headers = f"/api/v1/customers/{customer['id']}", auth("am_zhang")
    edited = await client.patch(url, headers={**headers, "If-Match": "1"},
                                json={"phone": "13812345678", "characteristics": {"outlet_count": 5}})
    assert edited.status_code == 200, edited.text
    assert edited.json()["characteristics"]["scale"] == "中型"
    assert edited.json()["characteristics"]["outlet_count"] == 5
    trail = (await client.get(f"{url}/audit", headers=headers)).json()["items"]
    assert [r["action"] for r in trail] == ["update", "create"]
    update = trail[0]
    assert update["actor"]["username"] == "am_zhang"
    assert update["before"]["phone"] is None and update["after"]["phone"] == "13812345678"
    assert update["before"]["characteristics"] == {"scale": "中型", "outlet_count": 2}
    assert update["after"]["characteristics"] == {"scale": "中型", "outlet_count": 5}
    assert "name" not in update["after"]  # only what changed


async def test_search_matches_chinese_substrings_code_and_phone(client: httpx.AsyncClient, auth: Any,
                                                                new_customer: Any) -> None:
    target = await new_customer(name="杭州西溪湿地悦榕庄酒店", phone="0571-85551234")
    await new_customer(name="上海佘山茂御臻品之选酒店", phone="021-57771234")
    headers = auth("hq")
    for q in ("西溪湿地", "悦榕", "湿地悦", target["code"], "85551234"):
        found = (await client.get("/api/v1/customers", params={"q": q}, headers=headers)).json()["items"]
        assert [c["id"] for c in found] == [target["id"]], q
    by_external = await new_customer(name="外部编号客户", external_id="K3-778")
    found = (await client.get("/api/v1/customers", params={"external_id": "K3-778"}, headers=headers)).json()
    assert [c["id"] for c in found["items"]] == [by_external["id"]]


async def test_keyset_pages_cover_every_customer_once(client: httpx.AsyncClient, auth: Any,
                                                      new_customer: Any) -> None:
    created = {(await new_customer(name=f"分页测试客户{i:02d}"))["id"] for i in range(7)}
    for sort in ("-updated_at", "name"):
        seen: list[int] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 3, "sort": sort, "q": "分页测试"}
            if cursor:
                params["cursor"] = cursor
            page = (await client.get("/api/v1/customers", params=params, headers=auth("hq"))).json()
            seen += [c["id"] for c in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == 7
        assert set(seen) == created


async def test_filters_and_partitions(client: httpx.AsyncClient, auth: Any, new_customer: Any,
                                      users: dict[str, Any]) -> None:
    key = await new_customer(name="过滤测试甲", customer_type="contractor", partition="key")
    regular = await new_customer(name="过滤测试乙", customer_type="dealer", as_user="am_li")
    headers = auth("hq")

    async def ids(**params: Any) -> set[int]:
        body = (await client.get("/api/v1/customers", params={"q": "过滤测试", **params}, headers=headers)).json()
        return {c["id"] for c in body["items"]}

    assert await ids(partition="key") == {key["id"]}
    assert await ids(customer_type="dealer") == {regular["id"]}
    assert await ids(owner_id=users["am_li"].id) == {regular["id"]}
    assert await ids(org_unit_code="SH") == {key["id"]}
    url = f"/api/v1/customers/{regular['id']}"
    unversioned = await client.post(f"{url}/abandon", headers=auth("am_li"),
                                    json={"reason": "经营困难暂停合作", "review_on": "2027-03-01"})
    assert unversioned.status_code == 428
    abandoned = await client.post(f"{url}/abandon", headers={**auth("am_li"), "If-Match": "1"},
                                  json={"reason": "经营困难暂停合作", "review_on": "2027-03-01"})
    assert abandoned.status_code == 200, abandoned.text
    assert abandoned.json()["partition"] == "abandoned"
    assert abandoned.json()["abandon_review_on"] == "2027-03-01"
    assert await ids(partition="abandoned") == {regular["id"]}
    stale = await client.post(f"{url}/reinstate", headers={**auth("am_li"), "If-Match": "1"}, json={})
    assert stale.status_code == 412
    back = await client.post(f"{url}/reinstate", headers={**auth("am_li"), "If-Match": "2"}, json={})
    assert back.status_code == 200 and back.json()["partition"] == "regular"
    assert back.json()["abandon_reason"] is None


async def test_abandon_needs_reason_and_review_date(client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await new_customer()
    headers = {**auth("am_zhang"), "If-Match": "1"}
    response = await client.post(f"/api/v1/customers/{customer['id']}/abandon", headers=headers, json={})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"reason", "review_on"}
    past = await client.post(f"/api/v1/customers/{customer['id']}/abandon", headers=headers,
                             json={"reason": "暂停", "review_on": "2020-01-01"})
    assert past.status_code == 422
    assert [e["field"] for e in past.json()["errors"]] == ["review_on"]


async def test_contacts_with_decision_roles_and_history(client: httpx.AsyncClient, auth: Any,
                                                        new_customer: Any) -> None:
    customer = await new_customer()
    base, headers = f"/api/v1/customers/{customer['id']}/contacts", auth("am_zhang")
    boss = await client.post(base, headers=headers, json={"name": "王建国", "decision_role": "boss",
                                                          "phone": "13900001111", "is_primary": True})
    assert boss.status_code == 201, boss.text
    buyer = await client.post(base, headers=headers, json={"name": "李采购", "decision_role": "purchaser",
                                                           "is_primary": True})
    assert buyer.status_code == 201
    contacts = (await client.get(base, headers=headers)).json()["items"]
    primaries = [c["name"] for c in contacts if c["is_primary"]]
    assert primaries == ["李采购"]  # one primary contact at a time
    bad = await client.post(base, headers=headers, json={"name": "", "decision_role": "cto", "email": "nope"})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} >= {"name", "decision_role", "email"}
    ended = await client.post(f"/api/v1/contacts/{boss.json()['id']}/end", headers=headers,
                              json={"ended_on": "2026-11-20", "reason": "离职"})
    assert ended.status_code == 200, ended.text
    assert ended.json()["ended_on"] == "2026-11-20"
    contacts = (await client.get(base, headers=headers)).json()["items"]
    assert {c["name"]: c["ended_on"] for c in contacts} == {"李采购": None, "王建国": "2026-11-20"}
    trail = (await client.get(f"/api/v1/customers/{customer['id']}/audit", headers=headers)).json()["items"]
    assert [(r["entity_type"], r["action"]) for r in trail][:1] == [("contact", "contact_end")]
