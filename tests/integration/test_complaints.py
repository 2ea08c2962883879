"""Complaints through the API (docs/domain.md section 7): the seed's flow with its timers and timeline, derived timer
status, pause and resume, invalid transitions, scopes, the sweep's warnings, breaches and escalations with
notifications, and the SLA report. The test clock is Monday 2026-11-23 10:00 in Shanghai (02:00 UTC); the
standard calendar is Monday to Friday 09:00-18:00 without holidays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tests.fakes import FrozenClock

API = "/api/v1"


def _timers(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["kind"]: t for t in body["timers"]}


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture
async def customer(new_customer: Any) -> dict[str, Any]:
    return await new_customer(as_user="am_zhang", name="投诉测试酒店")


@pytest.fixture
def complain(client: httpx.AsyncClient, auth: Any, customer: dict[str, Any], clock: FrozenClock) -> Any:
    async def create(as_user: str = "cs", severity: str = "general", received_ago: timedelta = timedelta(0),
                     **fields: Any) -> dict[str, Any]:
        body = {"customer_id": customer["id"], "severity": severity, "channel": "phone",
                "summary": "速冻水饺破损", "received_at": (clock.now() - received_ago).isoformat(), **fields}
        response = await client.post(f"{API}/complaints", json=body, headers=auth(as_user))
        assert response.status_code == 201, response.text
        return dict(response.json())
    return create


async def _sweep(client: httpx.AsyncClient, auth: Any) -> dict[str, int]:
    response = await client.post(f"{API}/sla/sweep", headers=auth("admin"))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_major_complaint_runs_the_seeds_flow_with_timers_and_timeline(
        client: httpx.AsyncClient, auth: Any, complain: Any, clock: FrozenClock, users: dict[str, Any]) -> None:
    created = await complain(severity="major", details="一批货 20 箱破损", order_refs=["SO-1001"])
    timers = _timers(created)
    assert [t["kind"] for t in created["timers"]] == ["first_response", "confirmation", "resolution"]
    # 24 clock hours; 4 working hours from Monday 10:00 = 14:00; 3 x 9 working hours = Thursday 10:00 (local).
    assert _at(timers["first_response"]["due_at"]) == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    assert _at(timers["confirmation"]["due_at"]) == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert _at(timers["resolution"]["due_at"]) == datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    assert {t["status"] for t in created["timers"]} == {"running"}
    assert timers["confirmation"]["remaining_seconds"] == 4 * 3600
    assert created["status"] == "received" and created["org_unit_name"] == "上海区域中心店"
    assert created["account_manager"]["username"] == "am_zhang"
    assert "respond" in created["actions"] and "confirm" not in created["actions"]  # a service agent's view
    complaint_id = created["id"]
    url = f"{API}/complaints/{complaint_id}"

    clock.advance(hours=3, minutes=30)  # 13:30: past 75 % of the 4-hour confirmation
    got = (await client.get(url, headers=auth("hq"))).json()
    assert _timers(got)["confirmation"]["status"] == "warning"
    assert "confirm" in got["actions"]
    assert (await _sweep(client, auth)) == {"warned": 1, "breached": 0, "escalated_to_hq": 0}
    assert (await _sweep(client, auth)) == {"warned": 0, "breached": 0, "escalated_to_hq": 0}

    responded = await client.post(f"{url}/respond", json={"note": "已致电道歉"}, headers=auth("cs"))
    assert responded.status_code == 200, responded.text
    assert _timers(responded.json())["first_response"]["status"] == "met"
    assert responded.json()["status"] == "responded"

    refused = await client.post(f"{url}/confirm", json={"verified": True}, headers=auth("am_zhang"))
    assert refused.status_code == 403  # a matter of role, not of the complaint's state
    assert refused.headers["content-type"].startswith("application/problem+json")
    confirmed = await client.post(f"{url}/confirm", json={"verified": True, "note": "属实"}, headers=auth("hq"))
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "in_resolution"
    assert _timers(confirmed.json())["confirmation"]["status"] == "met"

    members = [{"user_id": users["hq"].id, "department": "key_account"},
               {"user_id": users["am_zhang"].id, "department": "marketing"}]
    grouped = await client.post(f"{url}/task-group", json={"members": members}, headers=auth("hq"))
    assert grouped.status_code == 200, grouped.text
    assert {m["department"] for m in grouped.json()["task_group"]} == {"key_account", "marketing"}
    inbox = (await client.get(f"{API}/notifications", headers=auth("am_zhang"))).json()
    assert inbox["unread"] >= 1 and any(n["kind"] == "task_group" and n["complaint_id"] == complaint_id
                                        for n in inbox["items"])

    clock.advance(days=1)
    resolved = await client.post(f"{url}/resolve", headers=auth("hq"), json={
        "remedies": [{"kind": "compensation", "amount": "1200.00"}, {"kind": "price_cut", "amount": "300"}],
        "note": "赔偿并降价"})
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["status"] == "resolved"
    assert _timers(resolved.json())["resolution"]["status"] == "met"
    assert sorted(r["amount"] for r in resolved.json()["remedies"]) == ["1200.00", "300.00"]

    for action, body in (("close", None), ("return-visit", {"satisfaction": 4, "note": "满意"}),
                         ("feedback", {"note": "加强装车检查"})):
        done = await client.post(f"{url}/{action}", json=body, headers=auth("sm_sh"))
        assert done.status_code == 200, (action, done.text)
    final = (await client.get(url, headers=auth("sm_sh"))).json()
    assert final["status"] == "closed" and final["satisfaction"] == 4 and final["feedback"] == "加强装车检查"
    kinds = [e["kind"] for e in final["events"]]
    for kind in ("received", "timer_activated", "timer_warned", "responded", "timer_met", "confirmed",
                 "task_group_set", "resolved", "closed", "return_visit", "feedback"):
        assert kind in kinds, kind
    assert kinds.count("timer_activated") == 3 and kinds.count("timer_met") == 3
    warned = next(e for e in final["events"] if e["kind"] == "timer_warned")
    assert warned["actor"] is None and warned["timer_kind"] == "confirmation"
    assert next(e for e in final["events"] if e["kind"] == "responded")["actor"]["username"] == "cs"

    again = await client.post(f"{url}/respond", json={}, headers=auth("cs"))
    assert again.status_code == 409


async def test_unverified_major_complaint_is_closed_with_the_explanation(
        client: httpx.AsyncClient, auth: Any, complain: Any) -> None:
    created = await complain(severity="major")
    url = f"{API}/complaints/{created['id']}"
    missing_note = await client.post(f"{url}/confirm", json={"verified": False}, headers=auth("hq"))
    assert missing_note.status_code == 422
    assert missing_note.json()["errors"][0]["field"] == "note"
    closed = await client.post(f"{url}/confirm", json={"verified": False, "note": "经核实为客户储存不当"},
                               headers=auth("hq"))
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert body["status"] == "closed" and body["closure_reason"] == "not_verified" and body["verified"] is False
    assert {t["status"] for t in body["timers"]} == {"met"}


async def test_general_complaint_escalated_becomes_major_with_the_confirmation_timer(
        client: httpx.AsyncClient, auth: Any, complain: Any, clock: FrozenClock) -> None:
    created = await complain()
    assert [t["kind"] for t in created["timers"]] == ["first_response", "resolution"]
    # 5 working days x 9 h from Monday 10:00 = next Monday 10:00.
    assert _at(_timers(created)["resolution"]["due_at"]) == datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
    clock.advance(hours=1)
    escalated = await client.post(f"{API}/complaints/{created['id']}/escalate", json={"reason": "涉及食品安全"},
                                  headers=auth("sm_sh"))
    assert escalated.status_code == 200, escalated.text
    body = escalated.json()
    assert body["severity"] == "major"
    timers = _timers(body)
    assert _at(timers["confirmation"]["due_at"]) == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 11:00 + 4 h
    # The major resolution counts from the complaint, not from the escalation: Thursday 10:00.
    assert _at(timers["resolution"]["due_at"]) == datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    assert (await client.post(f"{API}/complaints/{created['id']}/escalate", json={},
                              headers=auth("sm_sh"))).status_code == 409
    # The operations centre hears of it at once, not only when its confirmation timer breaches.
    hq_inbox = (await client.get(f"{API}/notifications", headers=auth("hq"))).json()
    assert [(n["kind"], n["complaint_id"]) for n in hq_inbox["items"]] == [("confirmation_needed", created["id"])]
    assert (await client.get(f"{API}/notifications", headers=auth("sm_sh"))).json()["unread"] == 0


async def test_status_is_derived_breached_without_a_sweep_and_the_sweep_escalates_once(
        client: httpx.AsyncClient, auth: Any, complain: Any, clock: FrozenClock, users: dict[str, Any]) -> None:
    created = await complain(received_ago=timedelta(hours=25))
    first = _timers(created)["first_response"]
    assert first["status"] == "breached" and first["remaining_seconds"] == -3600
    listed = (await client.get(f"{API}/complaints", params={"breached": "true"}, headers=auth("sm_sh"))).json()
    assert [c["id"] for c in listed["items"]] == [created["id"]]

    assert (await _sweep(client, auth))["breached"] == 1
    assert (await _sweep(client, auth))["breached"] == 0
    manager_inbox = (await client.get(f"{API}/notifications", params={"unread": "true"},
                                      headers=auth("sm_sh"))).json()
    assert [(n["kind"], n["complaint_id"]) for n in manager_inbox["items"]] == [("timer_breached", created["id"])]
    assert (await client.get(f"{API}/notifications", headers=auth("sm_hz"))).json()["unread"] == 0
    assert (await client.get(f"{API}/notifications", headers=auth("hq"))).json()["unread"] == 0

    clock.advance(hours=24)  # still not answered a day after the breach: HQ key-account department
    assert (await _sweep(client, auth))["escalated_to_hq"] == 1
    hq_inbox = (await client.get(f"{API}/notifications", headers=auth("hq"))).json()
    assert [n["kind"] for n in hq_inbox["items"]] == ["escalated_to_hq"]
    events = (await client.get(f"{API}/complaints/{created['id']}", headers=auth("cs"))).json()["events"]
    assert [e["data"].get("level") for e in events if e["kind"] == "timer_escalated"] == [1, 2]
    assert sum(e["kind"] == "timer_breached" for e in events) == 1

    read = await client.post(f"{API}/notifications/{manager_inbox['items'][0]['id']}/read", headers=auth("sm_sh"))
    assert read.json() == {"marked": 1}
    other = await client.post(f"{API}/notifications/{manager_inbox['items'][0]['id']}/read", headers=auth("hq"))
    assert other.status_code == 404


async def test_pause_stops_working_time_timers_and_resume_adds_the_paused_working_time(
        client: httpx.AsyncClient, auth: Any, complain: Any, clock: FrozenClock) -> None:
    created = await complain(severity="major")
    url = f"{API}/complaints/{created['id']}"
    before = _timers(created)
    clock.advance(hours=1)  # Monday 11:00
    paused = await client.post(f"{url}/pause", json={"reason": "等待客户提供照片"}, headers=auth("cs"))
    assert paused.status_code == 200, paused.text
    timers = _timers(paused.json())
    assert timers["confirmation"]["status"] == "paused"
    assert timers["confirmation"]["remaining_seconds"] == 3 * 3600
    assert _at(timers["confirmation"]["paused_at"]) == clock.now()
    assert timers["first_response"]["status"] == "running"  # around the clock: not paused
    assert timers["first_response"]["paused_at"] is None
    clock.advance(hours=20)  # Tuesday 07:00: the pause held 7 working hours (11:00-18:00)
    resumed = await client.post(f"{url}/resume", headers=auth("cs"))
    assert resumed.status_code == 200, resumed.text
    after = _timers(resumed.json())
    assert after["confirmation"]["paused_at"] is None
    # The confirmation had 3 working hours left at the pause: Tuesday 09:00 + 3 h = 12:00.
    assert _at(after["confirmation"]["due_at"]) == datetime(2026, 11, 24, 4, 0, tzinfo=UTC)
    assert _at(after["resolution"]["due_at"]) > _at(before["resolution"]["due_at"])
    assert after["first_response"]["due_at"] == before["first_response"]["due_at"]
    kinds = [e["kind"] for e in resumed.json()["events"]]
    assert kinds.count("timer_paused") == 2 and kinds.count("timer_resumed") == 2

    future = await client.post(f"{url}/pause", json={"reason": "x", "at": (clock.now() + timedelta(hours=1))
                                                     .isoformat()}, headers=auth("cs"))
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "at"
    early = await client.post(f"{url}/pause", json={"reason": "x", "at": (clock.now() - timedelta(hours=2))
                                                    .isoformat()}, headers=auth("cs"))
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "at"
    assert (await client.post(f"{url}/resume", headers=auth("cs"))).status_code == 409


async def test_bad_input_names_each_field_and_writes_nothing(client: httpx.AsyncClient, auth: Any,
                                                             customer: dict[str, Any], clock: FrozenClock) -> None:
    bad = await client.post(f"{API}/complaints", headers=auth("cs"), json={
        "customer_id": customer["id"], "severity": "huge", "channel": "fax", "summary": "",
        "received_at": "2026-11-23T10:00:00"})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} >= {"severity", "channel", "summary", "received_at"}
    future = await client.post(f"{API}/complaints", headers=auth("cs"), json={
        "customer_id": customer["id"], "severity": "general", "channel": "phone", "summary": "x",
        "received_at": (clock.now() + timedelta(minutes=5)).isoformat()})
    assert future.status_code == 422 and [e["field"] for e in future.json()["errors"]] == ["received_at"]
    listed = (await client.get(f"{API}/complaints", headers=auth("admin"))).json()
    assert listed["items"] == []


async def test_complaints_are_scoped_like_their_customer(client: httpx.AsyncClient, auth: Any, complain: Any,
                                                         new_customer: Any, clock: FrozenClock) -> None:
    general = await complain()
    major = await complain(severity="major")
    for who, sees in (("am_zhang", {general["id"], major["id"]}), ("sm_sh", {general["id"], major["id"]}),
                      ("sm_hz", set()), ("am_wang", set()), ("hq", {general["id"], major["id"]}),
                      ("analyst", {general["id"], major["id"]})):
        items = (await client.get(f"{API}/complaints", headers=auth(who))).json()["items"]
        assert {c["id"] for c in items} == sees, who
    assert (await client.get(f"{API}/complaints/{general['id']}", headers=auth("sm_hz"))).status_code == 404
    assert (await client.post(f"{API}/complaints/{general['id']}/respond", json={},
                              headers=auth("am_wang"))).status_code == 404
    # An analyst reads but handles nothing.
    assert (await client.post(f"{API}/complaints/{general['id']}/respond", json={},
                              headers=auth("analyst"))).status_code == 403
    hz_customer = await new_customer(as_user="am_wang", name="杭州客户")
    outside = await client.post(f"{API}/complaints", headers=auth("cs"), json={
        "customer_id": hz_customer["id"], "severity": "general", "channel": "phone", "summary": "x",
        "received_at": clock.now().isoformat()})
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "customer_id"
    mine = (await client.get(f"{API}/complaints", params={"mine": "true"}, headers=auth("cs"))).json()["items"]
    assert {c["id"] for c in mine} == {general["id"], major["id"]}


async def test_sla_report_answers_from_the_events(client: httpx.AsyncClient, auth: Any, complain: Any,
                                                  clock: FrozenClock) -> None:
    on_time = await complain()
    await client.post(f"{API}/complaints/{on_time['id']}/respond", json={}, headers=auth("cs"))
    late = await complain(received_ago=timedelta(hours=30))
    await _sweep(client, auth)
    await client.post(f"{API}/complaints/{late['id']}/respond", json={}, headers=auth("cs"))
    await client.post(f"{API}/complaints/{on_time['id']}/resolve", headers=auth("cs"),
                      json={"remedies": [{"kind": "compensation", "amount": "500"}]})
    report = await client.get(f"{API}/reports/sla", params={"from": "2026-11-01", "to": "2026-11-23"},
                              headers=auth("analyst"))
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["received"] == 2
    first = next(t for t in body["timers"] if t["kind"] == "first_response")
    assert (first["met_on_time"], first["met_late"], first["on_time_rate"]) == (1, 1, 0.5)
    assert first["median_hours"] == pytest.approx(15.0)  # 0 h and 30 h
    stores = {s["name"]: s["breaches"] for s in body["by_store"]}
    assert stores == {"上海区域中心店": 1}
    assert body["by_account_manager"][0]["breaches"] == 1
    assert body["remedies"] == [{"kind": "compensation", "complaints": 1, "amount": "500.00"}]
    assert sum(w["received"] for w in body["weeks"]) == 2
    # Every week of the period (Mondays from the week of 1 November), the empty ones too; every timer kind.
    assert [w["week_start"] for w in body["weeks"]] == ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16",
                                                        "2026-11-23"]
    assert [w["received"] for w in body["weeks"]] == [0, 0, 0, 1, 1]
    confirmation = next(t for t in body["timers"] if t["kind"] == "confirmation")
    assert (confirmation["timers"], confirmation["on_time_rate"]) == (0, None)
    assert (await client.get(f"{API}/reports/sla", params={"from": "2026-11-23", "to": "2026-11-01"},
                             headers=auth("analyst"))).status_code == 422


async def test_complaints_feed_the_loyalty_health_signal(client: httpx.AsyncClient, auth: Any, complain: Any,
                                                         customer: dict[str, Any], uow: Any,
                                                         clock: FrozenClock) -> None:
    async with uow:  # created "now" by the database's clock, which may be later than the test's
        await uow.session.execute(text("UPDATE customers SET created_at = :at WHERE id = :id"),
                                  {"at": clock.now() - timedelta(days=400), "id": customer["id"]})
        await uow.commit()
    await complain()  # this quarter, still running: not compared yet
    await complain(received_ago=timedelta(days=60))  # 2026-09-24 and -09-04: the last complete quarter, 2026Q3
    await complain(received_ago=timedelta(days=80))
    recomputed = await client.post(f"{API}/loyalty/recompute", headers=auth("admin"))
    assert recomputed.status_code == 200, recomputed.text
    loyalty = (await client.get(f"{API}/customers/{customer['id']}/loyalty", headers=auth("am_zhang"))).json()
    signal = next(s for s in loyalty["signals"] if s["signal"] == "complaints_trend")
    # Two complaints in the last complete quarter against none in the same quarter a year before (the customer
    # never bought, so it has no score: tests/unit/test_loyalty_rules.py shows the signal lowering one).
    assert (signal["value"], signal["baseline"]) == (2, 0)


async def test_the_loyalty_card_counts_this_quarters_complaints(client: httpx.AsyncClient, auth: Any, complain: Any,
                                                                customer: dict[str, Any], clock: FrozenClock) -> None:
    # The defect: the figures were recomputed before the customer complained (this quarter), so the health
    # signal had no data and the card said "complaints: no data". The count is read when asked, per quarter.
    recomputed = await client.post(f"{API}/loyalty/recompute", headers=auth("admin"))
    assert recomputed.status_code == 200, recomputed.text
    await complain()  # 2026-11-23: this quarter (2026Q4)
    await complain(received_ago=timedelta(days=60))  # 2026-09-24: last quarter
    await complain(received_ago=timedelta(days=70))
    await complain(received_ago=timedelta(days=200))  # 2026Q2: in neither
    loyalty = (await client.get(f"{API}/customers/{customer['id']}/loyalty", headers=auth("am_zhang"))).json()
    assert loyalty["complaints"] == [{"quarter_start": "2026-10-01", "current": True, "count": 1},
                                     {"quarter_start": "2026-07-01", "current": False, "count": 2}]


async def test_every_complaint_under_the_breached_filter_carries_a_breached_timer(
        client: httpx.AsyncClient, auth: Any, complain: Any, clock: FrozenClock) -> None:
    # Answered 6 h after the 24 h first response was due, its resolution still running: breached all the same.
    late = await complain(received_ago=timedelta(hours=30))
    assert (await client.post(f"{API}/complaints/{late['id']}/respond", json={},
                              headers=auth("cs"))).status_code == 200
    # Paused after its 5-working-day resolution was due: breached, frozen, and says how late.
    paused = await complain(received_ago=timedelta(days=12))
    assert (await client.post(f"{API}/complaints/{paused['id']}/pause", json={"reason": "等待客户"},
                              headers=auth("cs"))).status_code == 200
    await complain()  # on time
    listed = (await client.get(f"{API}/complaints", params={"breached": "true"}, headers=auth("admin"))).json()
    assert {c["id"] for c in listed["items"]} == {late["id"], paused["id"]}
    for item in listed["items"]:
        breached = [t for t in item["timers"] if t["status"] == "breached"]
        assert breached, item
        # Open or paused: how late, never time "left"; met late: the met time says it.
        assert all(t["met_at"] is not None or t["remaining_seconds"] < 0 for t in breached), breached
    late_timers = _timers(next(c for c in listed["items"] if c["id"] == late["id"]))
    assert late_timers["first_response"]["status"] == "breached"
    assert _at(late_timers["first_response"]["met_at"]) - _at(late_timers["first_response"]["due_at"]) == \
        timedelta(hours=6)
    resolution = _timers(next(c for c in listed["items"] if c["id"] == paused["id"]))["resolution"]
    assert resolution["status"] == "breached" and resolution["paused_at"] is not None
    assert resolution["remaining_seconds"] == pytest.approx(
        (_at(resolution["due_at"]) - _at(resolution["paused_at"])).total_seconds())


async def test_a_retried_create_with_its_idempotency_key_records_one_complaint(
        client: httpx.AsyncClient, auth: Any, customer: dict[str, Any], clock: FrozenClock) -> None:
    body = {"customer_id": customer["id"], "severity": "major", "channel": "wechat", "summary": "冷链断链",
            "received_at": clock.now().isoformat()}
    headers = {**auth("cs"), "Idempotency-Key": "tablet-7-0001"}
    first = await client.post(f"{API}/complaints", json=body, headers=headers)
    again = await client.post(f"{API}/complaints", json=body, headers=headers)
    assert first.status_code == again.status_code == 201, again.text
    assert again.json()["id"] == first.json()["id"] and again.json()["timers"] == first.json()["timers"]
    other = await client.post(f"{API}/complaints", json={**body, "summary": "另一件事"}, headers=headers)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    listed = (await client.get(f"{API}/complaints", headers=auth("admin"))).json()["items"]
    assert [c["id"] for c in listed] == [first.json()["id"]]
    # A major complaint tells the operations centre once, however often it was sent.
    hq_inbox = (await client.get(f"{API}/notifications", headers=auth("hq"))).json()
    assert [(n["kind"], n["complaint_id"]) for n in hq_inbox["items"]] == [("confirmation_needed", first.json()["id"])]


async def test_holiday_import_with_a_stale_if_match_is_refused(client: httpx.AsyncClient, auth: Any) -> None:
    calendar = await client.get(f"{API}/sla/calendars/1", headers=auth("admin"))
    version = calendar.json()["version"]
    stale = await client.post(f"{API}/sla/calendars/1/holidays", json={"country": "CN", "years": [2026]},
                              headers={**auth("admin"), "If-Match": f'"{version + 1}"'})
    assert stale.status_code == 412
    imported = await client.post(f"{API}/sla/calendars/1/holidays", json={"country": "CN", "years": [2026]},
                                 headers={**auth("admin"), "If-Match": f'"{version}"'})
    assert imported.status_code == 200 and imported.json()["days"] > 0
    after = (await client.get(f"{API}/sla/calendars/1", headers=auth("admin"))).json()
    assert after["version"] == version + 1
