"""Problems speak the user's language (api/errors.py, api/messages.py): title, detail and each field message in
zh-CN when Accept-Language asks for Chinese, English otherwise (machine clients send no header and keep stable
English); Content-Language says which; every field error carries a `code` that is the same in both."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from domain.organisation.model import User

ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}
EN = {"Accept-Language": "en-US,en;q=0.9"}


def _problem(response: httpx.Response, status: int, language: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["content-language"] == language
    assert "accept-language" in response.headers["vary"].lower()
    body: dict[str, Any] = response.json()
    return body


def _by_field(body: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {e["field"]: e for e in body["errors"]}


BAD_FIELDS = {"name": "", "customer_type": "hotel_chain", "phone": "12"}


async def test_pydantic_field_errors_in_chinese_with_codes(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.post("/api/v1/customers", json=BAD_FIELDS, headers={**auth("am_zhang"), **ZH})
    body = _problem(response, 422, "zh-CN")
    assert body["title"] == "输入有误"
    assert body["detail"] == "请求中有填写不正确的字段。"
    assert body["type"] == "/problems/unprocessable-entity"  # the type is an identifier: never translated
    errors = _by_field(body)
    assert errors["name"] == {"field": "name", "message": "至少 1 个字符", "code": "string_too_short"}
    assert errors["customer_type"]["code"] == "enum"
    assert errors["customer_type"]["message"].startswith("应为以下之一：'hotel', 'restaurant'")
    # A validator's ValueError with a catalogued message: the message's words and code.
    assert errors["phone"] == {"field": "phone", "code": "not_a_valid_phone_number",
                               "message": "电话号码格式不正确（如 13812345678 或 021-62345678）"}


async def test_pydantic_field_errors_in_english_keep_their_words(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.post("/api/v1/customers", json={"customer_type": "hotel"},
                                 headers={**auth("am_zhang"), **EN})
    body = _problem(response, 422, "en")
    assert body["title"] == "Unprocessable Entity"
    assert body["detail"] == "The request has invalid fields."
    assert _by_field(body)["name"] == {"field": "name", "message": "Field required", "code": "missing"}


async def test_without_accept_language_a_machine_client_gets_english(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.post("/api/v1/customers", json=BAD_FIELDS, headers=auth("am_zhang"))
    body = _problem(response, 422, "en")
    errors = _by_field(body)
    assert errors["name"]["message"] == "String should have at least 1 character"
    assert errors["phone"]["message"] == "not a valid phone number (e.g. 13812345678 or 021-62345678)"
    # A language the server does not speak is English too.
    response = await client.get("/api/v1/customers/999999", headers={**auth("am_zhang"), "Accept-Language": "fr"})
    assert _problem(response, 404, "en")["detail"] == "Customer 999999 not found."


@pytest.mark.parametrize(("headers", "language", "message"), [
    (ZH, "zh-CN", "分析员不能负责客户"),
    (EN, "en", "a analyst cannot own customers"),
])
async def test_a_business_rule_field_error_in_both_languages(
    client: httpx.AsyncClient, auth: Any, users: dict[str, User], headers: dict[str, str], language: str,
    message: str,
) -> None:
    body = {"name": "上海外滩华庭大酒店", "customer_type": "hotel", "owner_id": users["analyst"].id}
    response = await client.post("/api/v1/customers", json=body, headers={**auth("sm_sh"), **headers})
    problem = _problem(response, 422, language)
    # The code is the rule's, the same in every language.
    assert _by_field(problem)["owner_id"] == {"field": "owner_id", "message": message, "code": "a_cannot_own_customers"}
    detail = "请求违反了业务规则。" if language == "zh-CN" else "The request breaks a business rule."
    assert problem["detail"] == detail


async def test_forbidden_in_chinese_names_the_role_in_chinese(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.post("/api/v1/customers", json={"name": "x", "customer_type": "hotel"},
                                 headers={**auth("analyst"), **ZH})
    body = _problem(response, 403, "zh-CN")
    assert body["title"] == "无权操作"
    assert body["detail"] == "您的角色（分析员）无权执行此操作（customers:write）。"
    response = await client.post("/api/v1/customers", json={"name": "x", "customer_type": "hotel"},
                                 headers={**auth("analyst"), **EN})
    assert _problem(response, 403, "en")["detail"] == "Your role (analyst) may not do this (customers:write)."


async def test_not_found_in_both_languages(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.get("/api/v1/customers/999999", headers={**auth("hq"), **ZH})
    body = _problem(response, 404, "zh-CN")
    assert (body["title"], body["detail"]) == ("未找到", "客户 999999 不存在。")
    response = await client.get("/api/v1/customers/999999", headers={**auth("hq"), **EN})
    body = _problem(response, 404, "en")
    assert (body["title"], body["detail"]) == ("Not Found", "Customer 999999 not found.")


async def test_conflict_in_both_languages(client: httpx.AsyncClient, auth: Any) -> None:
    unit = {"code": "HQ", "name": "又一个总部", "kind": "store", "parent_code": "SH"}
    response = await client.post("/api/v1/org-units", json=unit, headers={**auth("admin"), **ZH})
    body = _problem(response, 409, "zh-CN")
    assert (body["title"], body["detail"]) == ("冲突", "编码为 HQ 的组织已存在。")
    response = await client.post("/api/v1/org-units", json=unit, headers={**auth("admin"), **EN})
    assert _problem(response, 409, "en")["detail"] == "An org unit with code HQ exists."


async def test_a_stale_version_names_the_thing_in_chinese(client: httpx.AsyncClient, auth: Any,
                                                          new_customer: Any) -> None:
    customer = await new_customer()
    response = await client.patch(f"/api/v1/customers/{customer['id']}", json={"region": "华东"},
                                  headers={**auth("am_zhang"), **ZH, "If-Match": '"99"'})
    body = _problem(response, 412, "zh-CN")
    assert body["detail"] == f"客户在您打开后已被修改（当前版本 {customer['version']}），请重新加载后再试。"


async def test_starlettes_own_problems_are_translated_too(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.delete("/api/v1/customers", headers={**auth("hq"), **ZH})
    body = _problem(response, 405, "zh-CN")
    assert body["title"] == body["detail"] == "不支持此请求方法"
