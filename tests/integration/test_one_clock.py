"""One clock: every time a person sees on a row (created, updated, audited, run) is the use case's `clock.now()`,
written by the repository, never the database's now(). The test's transaction makes now() the wall-clock moment
the test began, which the frozen clock is not; the clock moves between steps, so each write must take the
clock's time of its own step."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from tests.fakes import FrozenClock

API = "/api/v1"


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def _row(connection: AsyncConnection, sql: str, **params: Any) -> Any:
    return (await connection.execute(text(sql), params)).one()


async def test_the_database_clock_is_not_the_frozen_clock(connection: AsyncConnection, clock: FrozenClock) -> None:
    """What makes the other tests here mean something: a now() default would store another time."""
    assert (await connection.execute(text("SELECT now()"))).scalar_one() != clock.now()


async def test_customers_contacts_and_the_audit_take_the_clocks_time(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, clock: FrozenClock) -> None:
    created_at = clock.now()
    created = await client.post(f"{API}/customers", headers=auth("am_zhang"),
                                json={"name": "时钟测试酒店", "customer_type": "hotel"})
    assert created.status_code == 201, created.text
    customer = created.json()
    assert _at(customer["created_at"]) == _at(customer["updated_at"]) == created_at

    clock.advance(minutes=7)
    updated = await client.patch(f"{API}/customers/{customer['id']}", json={"phone": "021-58880000"},
                                 headers={**auth("am_zhang"), "If-Match": '"1"'})
    assert updated.status_code == 200, updated.text
    updated_at = clock.now()
    assert _at(updated.json()["created_at"]) == created_at
    assert _at(updated.json()["updated_at"]) == clock.now()
    stored = await _row(connection, "SELECT created_at, updated_at FROM customers WHERE id = :id", id=customer["id"])
    assert (stored.created_at, stored.updated_at) == (created_at, clock.now())

    clock.advance(minutes=3)
    contact_added_at = clock.now()
    contact = await client.post(f"{API}/customers/{customer['id']}/contacts", headers=auth("am_zhang"),
                                json={"name": "王经理", "decision_role": "boss", "is_primary": True})
    assert contact.status_code == 201, contact.text
    assert _at(contact.json()["created_at"]) == _at(contact.json()["updated_at"]) == contact_added_at
    clock.advance(minutes=2)
    second = await client.post(f"{API}/customers/{customer['id']}/contacts", headers=auth("am_zhang"),
                               json={"name": "李主管", "decision_role": "purchaser", "is_primary": True})
    assert second.status_code == 201, second.text
    # The first contact stops being primary when the second becomes it: that change is stamped now too.
    first = await _row(connection, "SELECT is_primary, created_at, updated_at FROM contacts WHERE id = :id",
                       id=contact.json()["id"])
    assert (first.is_primary, first.created_at, first.updated_at) == (False, contact_added_at, clock.now())

    trail = (await client.get(f"{API}/customers/{customer['id']}/audit", headers=auth("am_zhang"))).json()["items"]
    assert [(e["action"], _at(e["at"])) for e in trail] == [
        ("contact_create", clock.now()), ("contact_create", contact_added_at),
        ("update", updated_at), ("create", created_at)]


async def test_a_complaint_a_score_sheet_and_a_tier_run_take_the_clocks_time(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, clock: FrozenClock,
        new_customer: Any) -> None:
    customer = await new_customer(as_user="am_zhang", name="时钟投诉酒店")

    clock.advance(minutes=5)
    complaint = await client.post(f"{API}/complaints", headers=auth("cs"), json={
        "customer_id": customer["id"], "severity": "general", "channel": "phone", "summary": "包装破损",
        "received_at": clock.now().isoformat()})
    assert complaint.status_code == 201, complaint.text
    received = clock.now()
    clock.advance(minutes=4)
    responded = await client.post(f"{API}/complaints/{complaint.json()['id']}/respond", json={"note": "已致电"},
                                  headers=auth("cs"))
    assert responded.status_code == 200, responded.text
    stored = await _row(connection, "SELECT created_at, updated_at FROM complaints WHERE id = :id",
                        id=complaint.json()["id"])
    assert (stored.created_at, stored.updated_at) == (received, clock.now())

    clock.advance(minutes=6)
    sheet = await client.post(f"{API}/customers/{customer['id']}/score-sheets", json={"period": "2026Q3"},
                              headers=auth("am_zhang"))
    assert sheet.status_code == 201, sheet.text
    opened = clock.now()
    assert _at(sheet.json()["created_at"]) == _at(sheet.json()["updated_at"]) == opened
    clock.advance(minutes=1)
    filled = await client.patch(f"{API}/score-sheets/{sheet.json()['id']}", json={"values": {"outlets": 1}},
                                headers={**auth("am_zhang"), "If-Match": f'"{sheet.json()["version"]}"'})
    assert filled.status_code == 200, filled.text
    assert (_at(filled.json()["created_at"]), _at(filled.json()["updated_at"])) == (opened, clock.now())

    clock.advance(minutes=9)
    run = await client.post(f"{API}/tiers/recompute", headers=auth("admin"))
    assert run.status_code == 200, run.text
    assert _at(run.json()["started_at"]) == _at(run.json()["finished_at"]) == clock.now()
    stored = await _row(connection, "SELECT started_at, finished_at FROM tier_runs WHERE id = :id",
                        id=run.json()["id"])
    assert stored.started_at == stored.finished_at == clock.now()


async def test_users_and_api_keys_take_the_clocks_time(
        client: httpx.AsyncClient, auth: Any, connection: AsyncConnection, clock: FrozenClock) -> None:
    clock.advance(minutes=11)
    created = await client.post(f"{API}/users", headers=auth("admin"), json={
        "username": "clock.check", "password": "a-long-enough-passphrase-9", "role": "account_manager",
        "org_unit_code": "SH-PD"})
    assert created.status_code == 201, created.text
    assert _at(created.json()["created_at"]) == clock.now()
    added = clock.now()
    clock.advance(minutes=1)
    disabled = await client.post(f"{API}/users/{created.json()['id']}/disable", headers=auth("admin"))
    assert disabled.status_code == 200, disabled.text
    stored = await _row(connection, "SELECT created_at, updated_at FROM users WHERE id = :id",
                        id=created.json()["id"])
    assert (stored.created_at, stored.updated_at) == (added, clock.now())

    clock.advance(minutes=1)
    key = await client.post(f"{API}/api-keys", headers=auth("admin"),
                            json={"name": "clock-erp", "scopes": ["orders:write"]})
    assert key.status_code == 201, key.text
    assert _at(key.json()["created_at"]) == clock.now()
