"""The customer list's search box, total and columns through the API against real PostgreSQL: every word of a
search found in any field of the customer or its current contacts (pg_trgm), within the caller's scope; the
total counted with the same filters and scope; level, category, 12-month revenue and health on each row equal
to the figures of the tiers and loyalty pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from domain.customers import service as customer_service
from domain.customers.model import CustomerFilters, search_words
from domain.organisation.model import DataScope, ScopeKind
from domain.paging import PageRequest
from repositories.customers.repository import SqlCustomerRepository
from tests.bench.customer_list import _plan
from tests.integration.test_loyalty_recompute import every, insert_orders
from tests.integration.test_tiers import WINDOW, add_revenue

D = Decimal


async def found(client: httpx.AsyncClient, auth: Any, q: str, user: str = "hq", **params: Any) -> list[int]:
    response = await client.get("/api/v1/customers", params={"q": q, **params}, headers=auth(user))
    assert response.status_code == 200, response.text
    return [c["id"] for c in response.json()["items"]]


async def counted(client: httpx.AsyncClient, auth: Any, user: str = "hq", **params: Any) -> dict[str, Any]:
    response = await client.get("/api/v1/customers/count", params=params, headers=auth(user))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def add_contact(client: httpx.AsyncClient, auth: Any, customer: dict[str, Any], user: str = "am_zhang",
                      **fields: Any) -> dict[str, Any]:
    response = await client.post(f"/api/v1/customers/{customer['id']}/contacts", headers=auth(user),
                                 json={"decision_role": "purchaser", **fields})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_finds_customers_by_their_current_contacts_names_and_mobiles(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    target = await new_customer(name="绍兴咸亨酒店")
    other = await new_customer(name="宁波南苑环球酒店")
    await add_contact(client, auth, target, name="欧阳振华", phone="139-1234-5678")
    former = await add_contact(client, auth, other, name="司徒静怡", phone="13787654321")
    for q in ("欧阳振华", "振华", "欧阳", "13912345678", "139-1234-5678", "1234-56", "139 1234 5678"):
        assert await found(client, auth, q) == [target["id"]], q
    assert await found(client, auth, "司徒静怡") == [other["id"]]
    ended = await client.post(f"/api/v1/contacts/{former['id']}/end", headers=auth("am_zhang"),
                              json={"ended_on": "2026-11-20", "reason": "离职"})
    assert ended.status_code == 200, ended.text
    assert await found(client, auth, "司徒静怡") == []  # only current contacts
    assert await found(client, auth, "13787654321") == []


async def test_finds_customers_by_address_and_registration_id(client: httpx.AsyncClient, auth: Any,
                                                              new_customer: Any) -> None:
    target = await new_customer(name="杭州望湖宾馆", address="杭州市西湖区环城西路2号",
                                registration_id="91330100MA2B3C4D5E")
    await new_customer(name="杭州香格里拉饭店", address="杭州市西湖区北山路78号")
    for q in ("环城西路", "西路2号", "ma2b3c4d", "91330100MA2B3C4D5E"):
        assert await found(client, auth, q) == [target["id"]], q
    assert len(await found(client, auth, "西湖区")) == 2


async def test_every_word_must_match_somewhere(client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    both = await new_customer(name="苏州金鸡湖凯宾斯基大酒店", address="苏州工业园区苏州大道东")
    name_only = await new_customer(name="苏州金鸡湖大酒店", address="苏州市姑苏区")
    contact_only = await new_customer(name="无锡湖滨饭店")
    await add_contact(client, auth, both, name="诸葛明远")
    await add_contact(client, auth, contact_only, name="诸葛明远")
    assert await found(client, auth, "金鸡湖 诸葛") == [both["id"]]  # name + contact
    assert await found(client, auth, "诸葛明远  工业园区") == [both["id"]]  # contact + address, double space
    assert set(await found(client, auth, "金鸡湖 大酒店")) == {both["id"], name_only["id"]}
    assert await found(client, auth, "金鸡湖 无锡") == []
    assert await found(client, auth, "凯宾斯基 KEMPINSKI") == []  # a word that matches nothing
    assert await found(client, auth, f"{both['code'].lower()} 凯宾") == [both["id"]]  # case-insensitive code


async def test_an_account_manager_never_finds_others_customers(client: httpx.AsyncClient, auth: Any,
                                                               new_customer: Any) -> None:
    theirs = await new_customer(as_user="am_li", name="浦东香格里拉大酒店", address="浦东富城路33号")
    await add_contact(client, auth, theirs, user="am_li", name="上官文博", phone="13600001234")
    mine = await new_customer(name="外滩茂悦大酒店")
    for q in ("上官文博", "13600001234", "富城路", "香格里拉"):
        assert await found(client, auth, q, user="am_zhang") == [], q
        assert await counted(client, auth, user="am_zhang", q=q) == {"count": 0, "more": False}
        assert await found(client, auth, q, user="am_li") == [theirs["id"]], q
    await add_contact(client, auth, mine, name="上官文博")  # the same person now also at a customer of mine
    assert await found(client, auth, "上官文博", user="am_zhang") == [mine["id"]]
    assert set(await found(client, auth, "上官文博", user="hq")) == {mine["id"], theirs["id"]}


async def test_search_length_and_words_are_bounded(client: httpx.AsyncClient, auth: Any) -> None:
    for path in ("/api/v1/customers", "/api/v1/customers/count"):
        long = await client.get(path, params={"q": "酒" * 101}, headers=auth("hq"))
        assert long.status_code == 422, path
        assert long.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in long.json()["errors"]] == ["q"]
        words = await client.get(path, params={"q": "a b c d e f g"}, headers=auth("hq"))
        assert words.status_code == 422, path
        assert [e["field"] for e in words.json()["errors"]] == ["q"]
    # Repeated words count once; a phone-like word is also tried without its separators.
    assert search_words("a A b a c d e f") == (("a",), ("b",), ("c",), ("d",), ("e",), ("f",))
    assert search_words("021-5888 (0571)") == (("021-5888", "0215888"), ("(0571)", "0571"))
    assert search_words("C0000123 酒店") == (("C0000123",), ("酒店",))


async def test_search_uses_the_trigram_indexes(session_factory: async_sessionmaker[AsyncSession],
                                               connection: AsyncConnection) -> None:
    """The query's expressions are the indexed ones (a difference would silently read every row)."""
    async with session_factory() as session:
        # Only a bitmap scan can then avoid reading every row: an ordered index walk (by `updated_at`, filtering
        # as it goes) would hide whether the trigram indexes match the query's expressions.
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        await session.execute(text("SET LOCAL enable_indexscan = off"))
        repo = SqlCustomerRepository(session)
        plan = await _plan(session, lambda: repo.list(DataScope(ScopeKind.ALL), CustomerFilters(q="西溪湿地 振华路"),
                                                      PageRequest(20, None)))
    joined = "\n".join(plan)
    assert "ix_customers_search_trgm" in joined and "ix_contacts_search_trgm" in joined, joined


async def test_the_total_respects_filters_and_scope_and_stops_counting_at_the_cap(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(4):
        await new_customer(name=f"计数测试酒店{i}", customer_type="hotel")
    await new_customer(name="计数测试经销商", customer_type="dealer")
    await new_customer(as_user="am_li", name="计数测试浦东酒店", customer_type="hotel")
    assert await counted(client, auth, q="计数测试") == {"count": 6, "more": False}
    assert await counted(client, auth, q="计数测试", customer_type="hotel") == {"count": 5, "more": False}
    assert await counted(client, auth, user="am_zhang", q="计数测试") == {"count": 5, "more": False}
    assert await counted(client, auth, user="am_li", q="计数测试 浦东") == {"count": 1, "more": False}
    monkeypatch.setattr(customer_service, "COUNT_CAP", 3)
    assert await counted(client, auth, q="计数测试") == {"count": 3, "more": True}
    assert await counted(client, auth, q="计数测试 经销商") == {"count": 1, "more": False}


async def test_rows_carry_level_category_revenue_and_health_of_the_tiers_and_loyalty_pages(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, connection: AsyncConnection) -> None:
    big = await new_customer(name="列测试甲酒店")
    small = await new_customer(name="列测试乙酒店")
    idle = await new_customer(name="列测试丙酒店")
    await add_revenue(connection, {(big["id"], WINDOW[-1]): D("1800000.00"), (big["id"], WINDOW[0]): D("250000.50"),
                                   (big["id"], date(2024, 1, 1)): D("999999.00"),
                                   (small["id"], WINDOW[5]): D("12000.00")})
    await insert_orders(connection, [{"customer_id": big["id"], "day": day, "amount": D("8000")}
                                     for day in every(30, start=700, end=5)])
    assert (await client.post("/api/v1/tiers/recompute", headers=auth("admin"))).status_code == 200
    assert (await client.post("/api/v1/loyalty/recompute", headers=auth("admin"))).status_code == 200
    rows = (await client.get("/api/v1/customers", params={"q": "列测试", "sort": "name"},
                             headers=auth("hq"))).json()["items"]
    by_id = {r["id"]: r for r in rows}
    assert D(by_id[big["id"]]["revenue_12m"]) == D("2050000.50")
    assert D(by_id[small["id"]]["revenue_12m"]) == D("12000.00")
    assert D(by_id[idle["id"]]["revenue_12m"]) == 0
    for customer in (big, small, idle):
        row = by_id[customer["id"]]
        history = (await client.get(f"/api/v1/customers/{customer['id']}/tier-history",
                                    headers=auth("hq"))).json()["items"]
        latest = max((h for h in history if h["revenue_12m"] is not None), key=lambda h: h["at"])
        assert D(row["revenue_12m"]) == D(latest["revenue_12m"])
        assert row["key_account_level"] == latest["key_account_level"]
        loyalty = (await client.get(f"/api/v1/customers/{customer['id']}/loyalty", headers=auth("hq"))).json()
        assert row["health_score"] == loyalty["health_score"]
    assert by_id[big["id"]]["health_score"] is not None
    assert by_id[big["id"]]["owner"]["username"] == "am_zhang"
