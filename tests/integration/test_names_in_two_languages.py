"""Names in two languages (docs/domain.md section 2): the seeded SLA policies, calendar and score model are named in
Chinese with English translations, every read carries the translations, and administrators edit them."""

from __future__ import annotations

from typing import Any

import httpx

from tests.fakes import FrozenClock

API = "/api/v1"


async def test_seeded_names_are_chinese_with_english_translations(client: httpx.AsyncClient, auth: Any) -> None:
    policies = (await client.get(f"{API}/sla/policies", headers=auth("admin"))).json()["items"]
    assert [(p["name"], p["name_translations"]) for p in policies if p["id"] in (1, 2)] == [
        ("一般投诉", {"en": "General complaints"}), ("重大投诉", {"en": "Major complaints"})]
    calendar = (await client.get(f"{API}/sla/calendars/1", headers=auth("admin"))).json()
    assert (calendar["name"], calendar["name_translations"]) == ("标准工作日历", {"en": "Standard"})
    model = (await client.get(f"{API}/score-models/current", headers=auth("am_zhang"))).json()
    # The model's name is a key: people see it by its name in their language.
    assert (model["name"], model["name_translations"]) == (
        "default", {"zh-CN": "标准评分模型", "en": "Standard score model"})


async def test_a_complaint_names_its_policy_in_both_languages(client: httpx.AsyncClient, auth: Any,
                                                              new_customer: Any, clock: FrozenClock) -> None:
    customer = await new_customer(as_user="am_zhang", name="双语测试酒店")
    made = await client.post(f"{API}/complaints", headers=auth("cs"), json={
        "customer_id": customer["id"], "severity": "general", "channel": "phone", "summary": "包装破损",
        "received_at": clock.now().isoformat()})
    assert made.status_code == 201, made.text
    assert (made.json()["policy_name"], made.json()["policy_name_translations"]) == (
        "一般投诉", {"en": "General complaints"})


async def test_administrators_edit_names_in_both_languages(client: httpx.AsyncClient, auth: Any) -> None:
    policy = next(p for p in (await client.get(f"{API}/sla/policies", headers=auth("admin"))).json()["items"]
                  if p["id"] == 1)
    body = {k: policy[k] for k in ("severity", "key_account_level", "category", "calendar_id", "targets",
                                   "warn_percent", "hq_escalation_hours", "active")}
    saved = await client.put(f"{API}/sla/policies/1", headers={**auth("admin"), "If-Match": f'"{policy["version"]}"'},
                             json={**body, "name": "普通投诉", "name_translations": {"en": " Ordinary complaints ",
                                                                                  "zh-CN": "  "}})
    assert saved.status_code == 200, saved.text
    # Trimmed, and a blank translation is none (the primary name shows).
    assert (saved.json()["name"], saved.json()["name_translations"]) == ("普通投诉", {"en": "Ordinary complaints"})

    calendar = (await client.get(f"{API}/sla/calendars/1", headers=auth("admin"))).json()
    write = {"name": calendar["name"], "time_zone": calendar["time_zone"], "week": calendar["week"],
             "name_translations": {"en": "Standard working week"}}
    updated = await client.put(f"{API}/sla/calendars/1", json=write,
                               headers={**auth("admin"), "If-Match": f'"{calendar["version"]}"'})
    assert updated.status_code == 200, updated.text
    assert updated.json()["name_translations"] == {"en": "Standard working week"}
    created = await client.post(f"{API}/sla/calendars", headers=auth("admin"),
                                json={**write, "name": "门店日历", "name_translations": {"en": "Store calendar"}})
    assert created.status_code == 201, created.text
    assert created.json()["name_translations"] == {"en": "Store calendar"}

    model = (await client.get(f"{API}/score-models/current", headers=auth("admin"))).json()
    version = {k: model[k] for k in ("name", "customer_types", "indicators", "grade_a_percent", "grade_b_percent")}
    next_version = await client.post(f"{API}/score-models", headers=auth("admin"), json={
        **version, "name_translations": {"zh-CN": "通用评分模型", "en": "General score model"}})
    assert next_version.status_code == 201, next_version.text
    assert next_version.json()["name_translations"] == {"zh-CN": "通用评分模型", "en": "General score model"}


async def test_a_translation_in_a_language_the_ui_does_not_have_is_named(client: httpx.AsyncClient,
                                                                          auth: Any) -> None:
    calendar = (await client.get(f"{API}/sla/calendars/1", headers=auth("admin"))).json()
    bad = await client.post(f"{API}/sla/calendars", headers=auth("admin"), json={
        "name": "日历", "time_zone": calendar["time_zone"], "week": calendar["week"],
        "name_translations": {"fr": "Calendrier"}})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in bad.json()["errors"]] == ["name_translations"]
