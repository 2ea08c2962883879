"""Bounded work: every date, period, page size and page cursor that enters is held to a sane range, and what
lies outside is a 422 naming the parameter or field, never a 500, a row stored as ±infinity or a query that
never ends (issue 19). The test clock is 2026-11-23 (2026Q4) in Shanghai."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from api.cli import openapi_yaml

API = "/api/v1"
SPEC: dict[str, Any] = yaml.safe_load(openapi_yaml())
YEAR_1 = "0001-01-01"
YEAR_9999 = "9999-12-31"


def _problem_fields(response: httpx.Response) -> set[str]:
    assert response.status_code == 422, f"{response.status_code} {response.text[:300]}"
    assert response.headers["content-type"].startswith("application/problem+json")
    return {e["field"] for e in response.json()["errors"]}


def _lists(parameter: str) -> list[str]:
    """GET operations of the spec that take the query parameter."""
    return [path for path, item in SPEC["paths"].items()
            if any(p["name"] == parameter and p["in"] == "query" for p in item.get("get", {}).get("parameters", []))]


def _cursor(values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.fixture
async def customer(new_customer: Any) -> dict[str, Any]:
    return await new_customer(as_user="am_zhang", name="边界测试酒店")


def _url(path: str, customer: dict[str, Any]) -> str:
    return API + path.removeprefix(API).replace("{customer_id}", str(customer["id"]))


# --- page sizes and cursors -----------------------------------------------------------------------------------


def test_every_limit_is_documented_with_both_bounds() -> None:
    for path in _lists("limit"):
        (limit,) = [p for p in SPEC["paths"][path]["get"]["parameters"] if p["name"] == "limit"]
        assert limit["schema"].get("minimum") == 1 and limit["schema"].get("maximum"), path


@pytest.mark.parametrize("path", _lists("limit"))
async def test_a_limit_out_of_range_is_a_422_naming_limit(path: str, client: httpx.AsyncClient, auth: Any,
                                                          customer: dict[str, Any]) -> None:
    for bad in ("0", "-1", "201", "1000000"):
        response = await client.get(_url(path, customer), params={"limit": bad}, headers=auth("admin"))
        assert _problem_fields(response) == {"limit"}, (path, bad)


TAMPERED_CURSORS = [
    "!!!", "e30", _cursor([]), _cursor(["x", "y"]), _cursor([1.5]), _cursor([True]), _cursor([-3]),
    _cursor([10**30]), _cursor(["a\u0000b", 1]), _cursor(["\u0000"]), _cursor([None, None]), _cursor([[], {}]),
    _cursor(["0001-01-01T00:00:00+00:00", 1]), _cursor(["9999-12-31T23:59:59+00:00", 1]),
    _cursor(["2026-11-23T10:00:00", 1]), _cursor(["NaN", 1]), _cursor(["1e999", 1]), _cursor(["x", 1]),
    _cursor([1, "x"]), "W" * 900,
]


@pytest.mark.parametrize("path", _lists("cursor"))
async def test_a_tampered_cursor_is_a_422_naming_cursor(path: str, client: httpx.AsyncClient, auth: Any,
                                                        customer: dict[str, Any]) -> None:
    for bad in TAMPERED_CURSORS:
        response = await client.get(_url(path, customer), params={"cursor": bad}, headers=auth("admin"))
        assert _problem_fields(response) == {"cursor"}, (path, bad)


async def test_a_cursor_the_list_returned_still_pages(client: httpx.AsyncClient, auth: Any, new_customer: Any
                                                     ) -> None:
    for n in range(3):
        await new_customer(as_user="am_zhang", name=f"翻页酒店{n}")
    seen: list[int] = []
    for sort in ("name", "-updated_at"):
        cursor = None
        names: list[int] = []
        while True:
            params = {"limit": "2", "sort": sort, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(f"{API}/customers", params=params, headers=auth("am_zhang"))).json()
            names += [c["id"] for c in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(names) == len(set(names)) >= 3
        seen.append(len(names))
    assert seen[0] == seen[1]


# --- dates and periods ----------------------------------------------------------------------------------------


async def test_sla_report_dates_out_of_the_business_range_are_a_422_naming_them(client: httpx.AsyncClient,
                                                                               auth: Any) -> None:
    """Year 1 reached PostgreSQL as -infinity and the weekly series never ended."""
    url = f"{API}/reports/sla"
    assert _problem_fields(await client.get(url, params={"from": YEAR_1}, headers=auth("cs"))) == {"from"}
    assert _problem_fields(await client.get(url, params={"to": YEAR_9999}, headers=auth("cs"))) == {"to"}
    assert _problem_fields(await client.get(url, params={"from": "1899-12-31", "to": "1900-01-05"},
                                            headers=auth("cs"))) == {"from"}


async def test_sla_report_covers_at_most_two_years(client: httpx.AsyncClient, auth: Any) -> None:
    url = f"{API}/reports/sla"
    longest = await client.get(url, params={"from": "2024-11-23", "to": "2026-11-23"}, headers=auth("cs"))
    assert longest.status_code == 200, longest.text
    assert 104 <= len(longest.json()["weeks"]) <= 106
    longer = await client.get(url, params={"from": "2024-11-22", "to": "2026-11-23"}, headers=auth("cs"))
    assert _problem_fields(longer) == {"from"}
    decades = await client.get(url, params={"from": "1900-01-01", "to": "2026-11-23"}, headers=auth("cs"))
    assert _problem_fields(decades) == {"from"}
    described = next(p for p in SPEC["paths"][url]["get"]["parameters"] if p["name"] == "from")["description"]
    assert "731 days" in described and "1900-01-01" in described


@pytest.mark.parametrize("period", ["0500Q1", "0999Q4", "0000Q1", "1899Q4", "2200Q1"])
async def test_score_sheet_periods_outside_the_business_years_are_a_422(
        period: str, client: httpx.AsyncClient, auth: Any, customer: dict[str, Any]) -> None:
    created = await client.post(f"{API}/customers/{customer['id']}/score-sheets", json={"period": period},
                                headers=auth("am_zhang"))
    assert _problem_fields(created) == {"period"}
    opened = await client.post(f"{API}/score-sheets/open-quarter", json={"period": period}, headers=auth("admin"))
    assert _problem_fields(opened) == {"period"}
    listed = await client.get(f"{API}/score-sheets", params={"period": period}, headers=auth("admin"))
    assert _problem_fields(listed) == {"period"}
    for name in ("from", "to"):
        moved = await client.get(f"{API}/tiers/transitions", params={name: period}, headers=auth("admin"))
        assert _problem_fields(moved) == {name}


async def test_a_quarter_opens_only_up_to_two_years_back(client: httpx.AsyncClient, auth: Any,
                                                      customer: dict[str, Any], connection: AsyncConnection
                                                      ) -> None:
    """27 years back created a draft for every customer of every ... one quarter (1,929 drafts in the probe)."""
    for period in ("1999Q4", "2024Q4"):
        response = await client.post(f"{API}/score-sheets/open-quarter", json={"period": period},
                                     headers=auth("admin"))
        assert _problem_fields(response) == {"period"}, period
    count = "SELECT count(*) FROM score_sheets WHERE customer_id = :id"
    assert (await connection.execute(text(count), {"id": customer["id"]})).scalar_one() == 0
    oldest = await client.post(f"{API}/score-sheets/open-quarter", json={"period": "2025Q1", "include_regular": True},
                               headers=auth("admin"))
    assert oldest.status_code == 200, oldest.text
    assert (await connection.execute(text(count), {"id": customer["id"]})).scalar_one() == 1
    # One sheet on its own may still be made for an older quarter.
    single = await client.post(f"{API}/customers/{customer['id']}/score-sheets", json={"period": "2019Q2"},
                               headers=auth("am_zhang"))
    assert single.status_code == 201, single.text


@pytest.mark.parametrize("as_of", [YEAR_1, "1899-12-31", YEAR_9999])
async def test_a_recompute_as_of_out_of_range_is_a_422(as_of: str, client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.post(f"{API}/loyalty/recompute", json={"as_of": as_of}, headers=auth("admin"))
    assert _problem_fields(response) == {"as_of"}


@pytest.mark.parametrize("received_at", [f"{YEAR_1}T00:00:00+00:00", f"{YEAR_1}T00:00:00+14:00",
                                         "1899-12-31T23:59:59+00:00"])
async def test_a_complaint_received_in_year_1_is_a_422(received_at: str, client: httpx.AsyncClient, auth: Any,
                                                       customer: dict[str, Any]) -> None:
    body = {"customer_id": customer["id"], "severity": "general", "channel": "phone", "summary": "破损",
            "received_at": received_at}
    assert _problem_fields(await client.post(f"{API}/complaints", json=body, headers=auth("cs"))) == {"received_at"}


@pytest.mark.parametrize("day", [YEAR_1, YEAR_9999])
async def test_extreme_dates_are_refused_not_stored_as_infinity(day: str, client: httpx.AsyncClient, auth: Any,
                                                                customer: dict[str, Any],
                                                                connection: AsyncConnection) -> None:
    headers = {**auth("am_zhang"), "If-Match": f'"{customer["version"]}"'}
    abandoned = await client.post(f"{API}/customers/{customer['id']}/abandon",
                                  json={"reason": "不再合作", "review_on": day}, headers=headers)
    assert _problem_fields(abandoned) == {"review_on"}
    contact = await client.post(f"{API}/customers/{customer['id']}/contacts",
                                json={"name": "王经理", "decision_role": "purchaser", "started_on": day},
                                headers=auth("am_zhang"))
    assert _problem_fields(contact) == {"started_on"}
    calendar = {"name": "远古日历", "time_zone": "Asia/Shanghai", "week": [["09:00-18:00"]] * 5 + [[], []],
                "days": [{"day": day, "kind": "holiday", "name": "x"}]}
    made = await client.post(f"{API}/sla/calendars", json=calendar, headers=auth("admin"))
    assert _problem_fields(made) == {"days.0.day"}
    stored = await connection.execute(text(
        "SELECT count(*) FROM customers WHERE abandon_review_on IN ('infinity', '-infinity')"))
    assert stored.scalar_one() == 0


@pytest.mark.parametrize("ordered_at", [f"{YEAR_1}T00:00:00+00:00", f"{YEAR_9999}T23:59:59-14:00",
                                        f"{YEAR_1}T00:00:00Z", "2200-01-01T00:00:00Z"])
async def test_an_erp_order_of_year_1_is_an_item_error_naming_ordered_at(
        ordered_at: str, client: httpx.AsyncClient, erp_key: Any, connection: AsyncConnection) -> None:
    headers = await erp_key("customers:write", "orders:write")
    await client.post(f"{API}/customers/batch", headers=headers, json={"customers": [
        {"external_id": "B-1", "name": "边界酒店", "customer_type": "hotel"}]})
    order = {"external_id": "SO-1", "customer_external_id": "B-1", "ordered_at": ordered_at, "status": "delivered",
             "total_amount": "10.00", "lines": [{"sku": "A", "product_name": "a", "quantity": "1",
                                                 "unit_price": "10"}]}
    response = await client.post(f"{API}/orders/batch", headers=headers, json={"orders": [order]})
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["status"] == "error"
    assert [e["field"] for e in result["errors"]] == ["ordered_at"]
    infinite = await connection.execute(text("SELECT count(*) FROM orders WHERE NOT isfinite(ordered_at)"))
    assert infinite.scalar_one() == 0


def test_the_business_range_is_documented_on_date_fields() -> None:
    schemas = SPEC["components"]["schemas"]
    assert "1900-01-01" in schemas["Abandonment"]["properties"]["review_on"]["description"]
    assert "1900-01-01" in schemas["CalendarDay"]["properties"]["day"]["description"]
    assert "1900Q1" in schemas["OpenQuarterRequest"]["properties"]["period"]["description"]
