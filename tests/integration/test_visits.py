"""Visits through the HTTP API (docs/domain.md section 8): plan, check in, complete with a next step; check-in
anomalies; the due list in scope, overdue first, and its SQL held equal to the domain rule; scope (404); the
reassignment moving planned visits; invalid transitions (409); bad input (422 naming fields); If-Match (412/428);
who edits the plan by tier and the outcomes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import text

from domain.organisation.model import DataScope, ScopeKind
from domain.paging import PageRequest
from domain.visits.model import (
    Cadence,
    CadenceUnit,
    DueFilters,
    KindOverride,
    PlanOverride,
    VisitKind,
    effective_cadence,
    is_overdue,
    next_due,
)
from repositories.uow import SqlAlchemyUnitOfWork
from tests.fakes import FrozenClock

API = "/api/v1"
TODAY = date(2026, 11, 23)  # the test clock's day in Asia/Shanghai
# 上海外滩 and a point about 1.1 km north of it
BUND = {"latitude": "31.240000", "longitude": "121.490000"}
NEAR = {"latitude": "31.240900", "longitude": "121.490000", "accuracy_m": "12.0"}  # ~100 m
FAR = {"latitude": "31.250000", "longitude": "121.490000"}  # ~1,110 m


async def _located_customer(client: httpx.AsyncClient, auth: Any, new_customer: Any, who: str = "am_zhang",
                            **fields: Any) -> dict[str, Any]:
    customer = await new_customer(as_user=who, **fields)
    response = await client.patch(f"{API}/customers/{customer['id']}", json=BUND,
                                  headers=auth(who) | {"If-Match": str(customer["version"])})
    assert response.status_code == 200, response.text
    assert (response.json()["latitude"], response.json()["longitude"]) == ("31.240000", "121.490000")
    return dict(response.json())


async def _plan(client: httpx.AsyncClient, auth: Any, customer_id: int, who: str = "am_zhang",
                **fields: Any) -> dict[str, Any]:
    body = {"customer_id": customer_id, "kind": "routine", "planned_on": TODAY.isoformat(), **fields}
    response = await client.post(f"{API}/visits", json=body, headers=auth(who))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _act(client: httpx.AsyncClient, auth: Any, visit: dict[str, Any], action: str, body: Any,
               who: str = "am_zhang") -> httpx.Response:
    return await client.post(f"{API}/visits/{visit['id']}/{action}", json=body,
                             headers=auth(who) | {"If-Match": f'"{visit["version"]}"'})


async def test_a_visit_is_planned_checked_in_and_completed_and_its_next_step_plans_the_next(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await _located_customer(client, auth, new_customer)
    contact = (await client.post(f"{API}/customers/{customer['id']}/contacts", headers=auth("am_zhang"),
                                 json={"name": "王总", "decision_role": "purchaser"})).json()
    visit = await _plan(client, auth, customer["id"], notes="季度拜访")
    assert (visit["status"], visit["owner"]["username"], visit["actions"]) == (
        "planned", "am_zhang", ["check in", "cancel", "be marked missed"])
    assert len(visit["uid"]) == 36

    checked = await _act(client, auth, visit, "check-in", NEAR)
    assert checked.status_code == 200, checked.text
    visit = checked.json()
    assert visit["status"] == "in_progress" and visit["anomalies"] == []
    assert 90 <= visit["distance_m"] <= 110 and visit["position"]["accuracy_m"] == "12.0"

    done = await _act(client, auth, visit, "complete", {
        "contact_ids": [contact["id"]], "notes": "客户计划扩大采购", "outcome": "order_taken",
        "next_step": "送样品", "next_step_on": (TODAY + timedelta(days=14)).isoformat()})
    assert done.status_code == 200, done.text
    visit = done.json()
    assert (visit["status"], visit["visited_on"], visit["contact_ids"], visit["outcome"]) == (
        "completed", TODAY.isoformat(), [contact["id"]], "order_taken")
    assert visit["checked_out_at"] is not None and visit["actions"] == []
    following = (await client.get(f"{API}/visits/{visit['next_visit_id']}", headers=auth("am_zhang"))).json()
    assert (following["status"], following["planned_on"], following["notes"], following["kind"]) == (
        "planned", (TODAY + timedelta(days=14)).isoformat(), "送样品", "routine")
    listed = (await client.get(f"{API}/customers/{customer['id']}/visits", headers=auth("am_zhang"))).json()
    assert [v["id"] for v in listed["items"]] == [following["id"], visit["id"]]  # latest planned day first
    audit = (await client.get(f"{API}/customers/{customer['id']}/audit", headers=auth("am_zhang"))).json()
    assert {"check_in", "complete"} <= {r["action"] for r in audit["items"]}


async def test_check_ins_far_away_or_without_a_position_are_flagged(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await _located_customer(client, auth, new_customer)
    far = (await _act(client, auth, await _plan(client, auth, customer["id"]), "check-in", FAR)).json()
    assert far["anomalies"] == ["too_far"] and 1000 < far["distance_m"] < 1200
    blind = (await _act(client, auth, await _plan(client, auth, customer["id"]), "check-in", {})).json()
    assert blind["anomalies"] == ["no_position"] and blind["distance_m"] is None
    # The distance is a setting: 2 km lets the far one through.
    settings = (await client.get(f"{API}/visit-settings", headers=auth("admin"))).json()
    saved = await client.put(f"{API}/visit-settings", headers=auth("admin") | {"If-Match": str(settings["version"])},
                             json={**{k: settings[k] for k in ("routine", "leader")}, "anomaly_distance_m": 2000})
    assert saved.status_code == 200, saved.text
    ok = (await _act(client, auth, await _plan(client, auth, customer["id"]), "check-in", FAR)).json()
    assert ok["anomalies"] == []
    flagged = (await client.get(f"{API}/visits", params={"anomalies": "true", "customer_id": customer["id"]},
                                headers=auth("am_zhang"))).json()
    assert sorted(v["id"] for v in flagged["items"]) == sorted([far["id"], blind["id"]])


async def _tier(uow: SqlAlchemyUnitOfWork, customer_id: int, category: str | None, level: str | None) -> None:
    async with uow:
        await uow.session.execute(text(
            "INSERT INTO customer_tiers (customer_id, category, level) VALUES (:id, :category, :level)"),
            {"id": customer_id, "category": category, "level": level})
        await uow.commit()


async def _completed(uow: SqlAlchemyUnitOfWork, customer_id: int, kind: str, visited_on: date) -> None:
    async with uow:
        await uow.session.execute(text("""
            INSERT INTO visits (customer_id, kind, status, planned_on, visited_on)
            VALUES (:id, :kind, 'completed', :day, :day)"""), {"id": customer_id, "kind": kind, "day": visited_on})
        await uow.commit()


async def test_the_due_list_is_in_scope_overdue_first(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, uow: SqlAlchemyUnitOfWork) -> None:
    stale = await new_customer(as_user="am_zhang", name="久未拜访酒店")
    fresh = await new_customer(as_user="am_zhang", name="刚拜访酒店")
    never = await new_customer(as_user="am_zhang", name="从未拜访酒店")
    other = await new_customer(as_user="am_li", name="别人的酒店")
    for c in (stale, fresh, never, other):
        await _tier(uow, c["id"], "stronghold", "special" if c is stale else "C")
    await _completed(uow, stale["id"], "routine", TODAY - timedelta(days=70))
    await _completed(uow, fresh["id"], "routine", TODAY - timedelta(days=3))

    page = (await client.get(f"{API}/visits/due", headers=auth("am_zhang"), params={"limit": 200})).json()
    rows = [(r["customer_name"], r["kind"], r["due_on"], r["overdue"]) for r in page["items"]]
    assert rows[0] == ("久未拜访酒店", "routine", (TODAY - timedelta(days=70) + timedelta(days=30)).isoformat(), True)
    assert ("久未拜访酒店", "leader", TODAY.isoformat(), False) in rows  # a special account never visited by leaders
    assert ("从未拜访酒店", "routine", TODAY.isoformat(), False) in rows
    assert ("刚拜访酒店", "routine", "2026-12-20", False) in rows
    assert all(r[0] != "别人的酒店" for r in rows)  # another account manager's customer is not in the scope
    assert [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True)  # overdue first
    overdue = (await client.get(f"{API}/visits/due", headers=auth("am_zhang"), params={"overdue": "true"})).json()
    assert [r["customer_name"] for r in overdue["items"]] == ["久未拜访酒店"]
    # Keyset pages walk the same list.
    walked, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        p = (await client.get(f"{API}/visits/due", headers=auth("am_zhang"), params=params)).json()
        walked += [(r["customer_name"], r["kind"], r["due_on"], r["overdue"]) for r in p["items"]]
        cursor = p["next_cursor"]
        if cursor is None:
            break
    assert walked == rows


async def test_the_due_list_in_sql_equals_the_domain_rule(
        new_customer: Any, uow: SqlAlchemyUnitOfWork, clock: FrozenClock) -> None:
    """Month ends, weeks, overrides (a cadence or none), leader cadences by level, never visited: each row the SQL
    returns is what domain/visits/model.py computes, and nothing the rule plans is missing."""
    cases = [  # (category, level, override routine, override leader, last routine, last leader)
        ("stronghold", "special", None, None, date(2026, 1, 31), date(2026, 3, 31)),
        ("stronghold", "A", None, None, date(2024, 1, 31), None),
        ("gold_mine", "B", None, None, date(2026, 11, 20), None),
        ("marginal", "C", None, None, date(2026, 8, 31), None),
        ("watch", "A", None, None, None, date(2026, 5, 31)),
        ("watch", None, KindOverride(Cadence(3, CadenceUnit.WEEK)), None, date(2026, 10, 31), None),
        ("stronghold", "special", KindOverride(None), KindOverride(Cadence(1, CadenceUnit.MONTH)),
         date(2026, 1, 1), date(2025, 12, 31)),
        (None, None, None, None, None, None),
    ]
    settings, ids = None, []
    for i, (category, level, routine, leader, last_routine, last_leader) in enumerate(cases):
        c = await new_customer(as_user="am_wang", name=f"规则客户{i}")
        ids.append(c["id"])
        if category or level:
            await _tier(uow, c["id"], category, level)
        if routine or leader:
            async with uow:
                await uow.visits.save_override(PlanOverride(c["id"], routine, leader), updated_by=None,
                                               at=clock.now())
                await uow.commit()
        for kind, last in (("routine", last_routine), ("leader", last_leader)):
            if last:
                await _completed(uow, c["id"], kind, last)
    async with uow:
        settings = await uow.visits.settings()
        owner = (await uow.users.get_by_username("am_wang"))
        assert owner is not None
        page = await uow.visits.due(DataScope(ScopeKind.OWN, user_id=owner.id), DueFilters(), PageRequest(500),
                                    today=TODAY)
    got = {(d.customer_id, d.kind): (d.due_on, d.overdue, d.cadence) for d in page.items if d.customer_id in ids}
    expected = {}
    for customer_id, (category, level, routine, leader, last_routine, last_leader) in zip(ids, cases, strict=True):
        override = PlanOverride(customer_id, routine, leader)
        for kind, last in ((VisitKind.ROUTINE, last_routine), (VisitKind.LEADER, last_leader)):
            cadence = effective_cadence(kind, settings, override, category, level)
            due = next_due(cadence, last, TODAY)
            if due is not None:
                expected[(customer_id, kind)] = (due, is_overdue(due, TODAY), cadence)
    assert got == expected
    assert expected[(ids[0], VisitKind.ROUTINE)][0] == date(2026, 2, 28)  # 31 January + 1 month


async def test_an_account_manager_neither_sees_nor_writes_anothers_visits(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    theirs = await new_customer(as_user="am_li", name="李的客户")
    visit = await _plan(client, auth, theirs["id"], who="am_li")
    assert (await client.get(f"{API}/visits/{visit['id']}", headers=auth("am_zhang"))).status_code == 404
    assert (await _act(client, auth, visit, "check-in", NEAR, who="am_zhang")).status_code == 404
    assert (await client.get(f"{API}/customers/{theirs['id']}/visits",
                             headers=auth("am_zhang"))).status_code == 404
    listed = (await client.get(f"{API}/visits", headers=auth("am_zhang"))).json()
    assert visit["id"] not in {v["id"] for v in listed["items"]}
    planned = await client.post(f"{API}/visits", headers=auth("am_zhang"), json={
        "customer_id": theirs["id"], "planned_on": TODAY.isoformat()})
    assert planned.status_code == 422 and [e["field"] for e in planned.json()["errors"]] == ["customer_id"]
    # Their store manager sees it.
    assert (await client.get(f"{API}/visits/{visit['id']}", headers=auth("sm_sh"))).status_code == 200


async def test_reassigning_a_customer_moves_its_planned_visits(
        client: httpx.AsyncClient, auth: Any, new_customer: Any, users: dict[str, Any]) -> None:
    customer = await new_customer(as_user="am_zhang")
    planned = await _plan(client, auth, customer["id"], planned_on=(TODAY + timedelta(days=7)).isoformat())
    done = await _plan(client, auth, customer["id"])
    done = (await _act(client, auth, done, "check-in", NEAR)).json()
    moved = await client.post(f"{API}/customers/{customer['id']}/reassign", headers=auth("sm_sh"),
                              json={"owner_id": users["am_li"].id, "reason": "区域调整"})
    assert moved.status_code == 200, moved.text
    after = (await client.get(f"{API}/visits/{planned['id']}", headers=auth("am_li"))).json()
    assert after["owner"]["username"] == "am_li" and after["version"] == planned["version"] + 1
    kept = (await client.get(f"{API}/visits/{done['id']}", headers=auth("am_li"))).json()
    assert kept["owner"]["username"] == "am_zhang"  # checked in by the old owner: stays theirs
    assert (await client.get(f"{API}/visits/{planned['id']}", headers=auth("am_zhang"))).status_code == 404


async def test_invalid_transitions_are_409_and_versions_are_required(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await new_customer(as_user="am_zhang")
    visit = await _plan(client, auth, customer["id"])
    premature = await _act(client, auth, visit, "complete", {})
    assert premature.status_code == 409 and premature.json()["detail"] == "A planned visit cannot complete."
    missing = await client.post(f"{API}/visits/{visit['id']}/check-in", json=NEAR, headers=auth("am_zhang"))
    assert missing.status_code == 428
    stale = await client.post(f"{API}/visits/{visit['id']}/cancel", json={},
                              headers=auth("am_zhang") | {"If-Match": '"99"'})
    assert stale.status_code == 412
    missed = (await _act(client, auth, visit, "missed", {"reason": "客户临时外出"})).json()
    assert (missed["status"], missed["cancel_reason"]) == ("missed", "客户临时外出")
    again = await _act(client, auth, missed, "check-in", NEAR)
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")


async def test_bad_input_is_422_naming_each_field(client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    customer = await _located_customer(client, auth, new_customer)
    past = await client.post(f"{API}/visits", headers=auth("am_zhang"), json={
        "customer_id": customer["id"], "planned_on": (TODAY - timedelta(days=1)).isoformat()})
    assert [e["field"] for e in past.json()["errors"]] == ["planned_on"]
    shape = await client.post(f"{API}/visits", headers=auth("am_zhang"), json={
        "customer_id": customer["id"], "kind": "party", "planned_on": "3000-01-01"})
    assert shape.status_code == 422 and {e["field"] for e in shape.json()["errors"]} == {"kind", "planned_on"}
    visit = await _plan(client, auth, customer["id"])
    half = await _act(client, auth, visit, "check-in", {"latitude": "31.2"})
    assert half.status_code == 422 and [e["field"] for e in half.json()["errors"]] == ["longitude"]
    off_earth = await _act(client, auth, visit, "check-in", {"latitude": "91", "longitude": "0"})
    assert [e["field"] for e in off_earth.json()["errors"]] == ["latitude"]
    visit = (await _act(client, auth, visit, "check-in", NEAR)).json()
    wrong = await _act(client, auth, visit, "complete", {
        "outcome": "no_such_outcome", "contact_ids": [999999], "next_step_on": TODAY.isoformat()})
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["outcome", "contact_ids", "next_step_on", "next_step"]
    listed = await client.get(f"{API}/visits", headers=auth("am_zhang"),
                              params={"planned_from": "2026-12-01", "planned_to": "2026-11-01"})
    assert [e["field"] for e in listed.json()["errors"]] == ["planned_from"]
    out_of_range = await client.get(f"{API}/visits", headers=auth("am_zhang"), params={"planned_to": "9999-12-31"})
    assert out_of_range.status_code == 422
    bad_customer = await client.patch(f"{API}/customers/{customer['id']}", json={"latitude": "30"},
                                      headers=auth("am_zhang") | {"If-Match": str(customer["version"])})
    assert [e["field"] for e in bad_customer.json()["errors"]] == ["longitude"]


async def test_only_visit_managers_edit_the_plan_and_outcomes_and_anyone_in_scope_a_customers_plan(
        client: httpx.AsyncClient, auth: Any, new_customer: Any) -> None:
    settings = (await client.get(f"{API}/visit-settings", headers=auth("am_zhang"))).json()
    assert {r["category"]: r["cadence"] for r in settings["routine"]} == {
        "gold_mine": {"every": 2, "unit": "week"}, "marginal": {"every": 3, "unit": "month"},
        "stronghold": {"every": 1, "unit": "month"}}
    assert {r["level"] for r in settings["leader"]} == {"special", "A"} and settings["anomaly_distance_m"] == 500
    body = {"routine": [{"category": "watch", "cadence": {"every": 6, "unit": "month"}}],
            "leader": [{"level": "special", "cadence": {"every": 3, "unit": "month"}}], "anomaly_distance_m": 800}
    for who in ("hq", "sm_sh", "am_zhang", "analyst"):
        refused = await client.put(f"{API}/visit-settings", json=body,
                                   headers=auth(who) | {"If-Match": str(settings["version"])})
        assert refused.status_code == 403, who
    assert (await client.put(f"{API}/visit-settings", json=body, headers=auth("admin"))).status_code == 428
    unknown = await client.put(f"{API}/visit-settings", headers=auth("admin") | {"If-Match": '"1"'}, json={
        **body, "routine": [{"category": "diamond", "cadence": {"every": 30, "unit": "month"}}]})
    assert [e["field"] for e in unknown.json()["errors"]] == ["routine.diamond", "routine.diamond.every"]
    saved = await client.put(f"{API}/visit-settings", json=body, headers=auth("admin") | {"If-Match": '"1"'})
    assert saved.status_code == 200 and saved.json()["version"] == 2 and saved.headers["ETag"] == '"2"'
    assert (await client.put(f"{API}/visit-settings", json=body,
                             headers=auth("admin") | {"If-Match": '"1"'})).status_code == 412

    outcome = {"name": "签订年度合同", "name_translations": {"en": "Annual contract"}, "position": 5}
    assert (await client.put(f"{API}/visit-outcomes/contract_signed", json=outcome,
                             headers=auth("hq"))).status_code == 403
    assert (await client.put(f"{API}/visit-outcomes/contract_signed", json=outcome,
                             headers=auth("admin"))).status_code == 428
    created = await client.put(f"{API}/visit-outcomes/contract_signed", json=outcome,
                               headers=auth("admin") | {"If-Match": '"0"'})
    assert created.status_code == 200 and created.json()["version"] == 1 and created.headers["ETag"] == '"1"'
    renamed = {**outcome, "name": "签订年度框架合同"}
    assert (await client.put(f"{API}/visit-outcomes/contract_signed", json=renamed,
                             headers=auth("admin") | {"If-Match": '"0"'})).status_code == 412  # it exists now
    changed = await client.put(f"{API}/visit-outcomes/contract_signed", json=renamed,
                               headers=auth("admin") | {"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert (await client.put(f"{API}/visit-outcomes/contract_signed", json=outcome,  # based on the first version
                             headers=auth("admin") | {"If-Match": '"1"'})).status_code == 412
    outcomes = (await client.get(f"{API}/visit-outcomes", headers=auth("am_zhang"))).json()["items"]
    assert [o["code"] for o in outcomes] == ["order_taken", "follow_up_needed", "relationship_only", "issue_raised",
                                             "contract_signed"]

    # A customer's own plan: its account manager edits it (If-Match, 0 before the first change).
    customer = await new_customer(as_user="am_zhang")
    plan = await client.get(f"{API}/customers/{customer['id']}/visit-plan", headers=auth("am_zhang"))
    assert plan.json()["version"] == 0 and plan.headers["ETag"] == '"0"'
    own = {"routine": {"cadence": {"every": 1, "unit": "week"}}, "leader": {"cadence": None}}
    assert (await client.put(f"{API}/customers/{customer['id']}/visit-plan", json=own,
                             headers=auth("am_li") | {"If-Match": '"0"'})).status_code == 404
    put = await client.put(f"{API}/customers/{customer['id']}/visit-plan", json=own,
                           headers=auth("am_zhang") | {"If-Match": '"0"'})
    assert put.status_code == 200, put.text
    kinds = {k["kind"]: k for k in put.json()["kinds"]}
    assert kinds["routine"]["cadence"] == {"every": 1, "unit": "week"} and kinds["routine"]["due_on"] == "2026-11-23"
    assert kinds["leader"]["override"] == {"cadence": None} and kinds["leader"]["cadence"] is None
    assert put.json()["version"] == 1 and put.json()["uid"]
