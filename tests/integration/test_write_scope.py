"""Writes reach exactly as far as reads (docs/domain.md section 2; issue 19): every write that names an org unit, an
owner or a customer, tried by every base role on a target inside and outside its scope. A refusal is 403 when
the role may not do it at all, 404 for an out-of-scope customer (or contact, sheet, complaint) in the path, 422
naming the field for an out-of-scope unit, owner or customer in the body, and leaves nothing written: what HQ
reads about the target afterwards is what it read before."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.fakes import FrozenClock

API = "/api/v1"
TODAY = "2026-11-23"  # the test clock's day in the company's time zone

WRITERS = frozenset({"admin", "hq", "sm_sh", "sm_hz", "am_zhang", "am_li", "am_wang"})  # customers:write
REASSIGNERS = frozenset({"admin", "hq", "sm_sh", "sm_hz"})  # customers:reassign, score_sheets:review
HANDLERS = WRITERS | {"cs"}  # the store roles that handle complaints
CENTRE = frozenset({"admin", "hq"})  # the operations centre: confirms major complaints, sets task groups

# Who acts on whose customer (each account manager's own customer, in SH, SH-PD under SH, and HZ) and whether
# that customer lies within the actor's scope.
REACH = [
    ("admin", "wang", True), ("hq", "li", True), ("analyst", "zhang", True),
    ("sm_sh", "li", True), ("sm_sh", "wang", False), ("sm_hz", "wang", True), ("sm_hz", "zhang", False),
    ("am_zhang", "zhang", True), ("am_zhang", "li", False),  # the same store, someone else's customer
    ("am_li", "li", True), ("am_li", "zhang", False), ("am_wang", "wang", True), ("am_wang", "li", False),
    ("cs", "zhang", True), ("cs", "wang", False),
]


@dataclass
class World:
    client: httpx.AsyncClient
    auth: Any
    users: dict[str, Any]
    clock: FrozenClock

    async def call(self, method: str, url: str, who: str, body: Any = None,
                   version: int | None = None) -> httpx.Response:
        headers = self.auth(who) | ({"If-Match": f'"{version}"'} if version is not None else {})
        return await self.client.request(method, f"{API}{url}", json=body, headers=headers)

    async def ok(self, method: str, url: str, who: str = "hq", body: Any = None,
                 version: int | None = None) -> dict[str, Any]:
        response = await self.call(method, url, who, body, version)
        assert response.status_code in (200, 201), response.text
        return dict(response.json())

    async def seen_by_hq(self, customer_id: int) -> list[Any]:
        """Everything HQ reads about the customer: card, audit trail, contacts, owners, sheets, complaints."""
        paths = ["", "/audit", "/contacts", "/ownership", "/score-sheets", "/visits", "/visit-plan"]
        seen = [await self.ok("GET", f"/customers/{customer_id}{p}") for p in paths]
        seen.append(await self.ok("GET", f"/complaints?customer_id={customer_id}"))
        return seen

    # Set-up steps, all by HQ unless said otherwise.
    async def contact(self, c: dict[str, Any]) -> dict[str, Any]:
        return await self.ok("POST", f"/customers/{c['id']}/contacts", body={"name": "李采购",
                                                                             "decision_role": "purchaser"})

    async def sheet(self, c: dict[str, Any], *, filled: bool = False, submitted_by: str | None = None
                    ) -> dict[str, Any]:
        sheet = await self.ok("POST", f"/customers/{c['id']}/score-sheets", body={"period": "2026Q3"})
        if filled or submitted_by:
            values = {i["key"]: 0 for i in sheet["indicators"] if i["value"] is None}
            sheet = await self.ok("PATCH", f"/score-sheets/{sheet['id']}", body={"values": values},
                                  version=sheet["version"])
        if submitted_by:  # the owner fills it, so every reviewer in the table is someone else
            sheet = await self.ok("POST", f"/score-sheets/{sheet['id']}/submit", submitted_by)
        return sheet

    async def complaint(self, c: dict[str, Any], severity: str = "general", *steps: tuple[str, Any]
                        ) -> dict[str, Any]:
        complaint = await self.ok("POST", "/complaints", body={
            "customer_id": c["id"], "severity": severity, "channel": "phone", "summary": "速冻水饺破损",
            "received_at": self.clock.now().isoformat()})
        for action, body in steps:
            complaint = await self.ok("POST", f"/complaints/{complaint['id']}/{action}", body=body)
        return complaint


Prepare = Callable[[World, dict[str, Any]], Awaitable[Any]]
Act = Callable[[World, str, dict[str, Any], Any], Awaitable[httpx.Response]]


async def _visit(w: World, c: dict[str, Any], *, checked_in: bool = False) -> dict[str, Any]:
    visit = await w.ok("POST", "/visits", body={"customer_id": c["id"], "planned_on": TODAY})
    if checked_in:
        visit = await w.ok("POST", f"/visits/{visit['id']}/check-in", body={}, version=visit["version"])
    return visit


async def _nothing(w: World, c: dict[str, Any]) -> None:
    return None


def _new_owner(w: World, who: str) -> int:
    """Someone the caller may hand customers to: a store manager keeps them in the store, HQ takes them."""
    return int(w.users[who if who in ("sm_sh", "sm_hz") else "hq"].id)


RESPONDED = ("respond", {"note": "已回电"})
RESOLVED = ("resolve", {"note": "已补货", "remedies": [{"kind": "compensation", "amount": "200.00"}]})
CONFIRMED = ("confirm", {"verified": True, "note": "属实"})

# operation id -> (roles that may do it at all, status on success, status for an out-of-scope target,
#                  set-up by HQ before the "before" read, the call)
OPERATIONS: dict[str, tuple[frozenset[str], int, int, Prepare, Act]] = {
    "customers-update": (WRITERS, 200, 404, _nothing, lambda w, who, c, _: w.call(
        "PATCH", f"/customers/{c['id']}", who, {"name": "改了名的酒店"}, c["version"])),
    "customers-abandon": (WRITERS, 200, 404, _nothing, lambda w, who, c, _: w.call(
        "POST", f"/customers/{c['id']}/abandon", who, {"reason": "暂停合作", "review_on": "2027-03-01"},
        c["version"])),
    "customers-reinstate": (WRITERS, 200, 404, lambda w, c: w.ok(
        "POST", f"/customers/{c['id']}/abandon", body={"reason": "暂停合作", "review_on": "2027-03-01"},
        version=c["version"]), lambda w, who, c, abandoned: w.call(
        "POST", f"/customers/{c['id']}/reinstate", who, {}, abandoned["version"])),
    "customers-reassign": (REASSIGNERS, 200, 404, _nothing, lambda w, who, c, _: w.call(
        "POST", f"/customers/{c['id']}/reassign", who, {"owner_id": _new_owner(w, who), "reason": "区域调整"})),
    "customers-reassign-many": (REASSIGNERS, 200, 404, _nothing, lambda w, who, c, _: w.call(
        "POST", "/customers/reassign", who, {"customer_ids": [c["id"]], "owner_id": _new_owner(w, who),
                                             "reason": "客户经理离职"})),
    "customers-add-contact": (WRITERS, 201, 404, _nothing, lambda w, who, c, _: w.call(
        "POST", f"/customers/{c['id']}/contacts", who, {"name": "王厨师长", "decision_role": "head_chef"})),
    "customers-update-contact": (WRITERS, 200, 404, World.contact, lambda w, who, c, contact: w.call(
        "PATCH", f"/contacts/{contact['id']}", who, {"title": "采购总监"}, contact["version"])),
    "customers-end-contact": (WRITERS, 200, 404, World.contact, lambda w, who, c, contact: w.call(
        "POST", f"/contacts/{contact['id']}/end", who, {"ended_on": "2026-11-20", "reason": "跳槽"})),
    "scoring-create-sheet": (WRITERS, 201, 404, _nothing, lambda w, who, c, _: w.call(
        "POST", f"/customers/{c['id']}/score-sheets", who, {"period": "2026Q3"})),
    "scoring-update-sheet": (WRITERS, 200, 404, World.sheet, lambda w, who, c, sheet: w.call(
        "PATCH", f"/score-sheets/{sheet['id']}", who, {"values": {"qualification": 10}}, sheet["version"])),
    "scoring-submit-sheet": (WRITERS, 200, 404, lambda w, c: w.sheet(c, filled=True), lambda w, who, c, sheet: w.call(
        "POST", f"/score-sheets/{sheet['id']}/submit", who)),
    "scoring-approve-sheet": (REASSIGNERS, 200, 404, lambda w, c: w.sheet(c, submitted_by=c["owner"]["username"]),
                             lambda w, who, c, sheet: w.call("POST", f"/score-sheets/{sheet['id']}/approve", who)),
    "scoring-return-sheet": (REASSIGNERS, 200, 404, lambda w, c: w.sheet(c, submitted_by=c["owner"]["username"]),
                            lambda w, who, c, sheet: w.call("POST", f"/score-sheets/{sheet['id']}/return", who,
                                                            {"comment": "请补充网点数量"})),
    # The customer is named in the body, so an out-of-scope one is a field error, as for an unknown one.
    "complaints-create": (HANDLERS, 201, 422, _nothing, lambda w, who, c, _: w.call(
        "POST", "/complaints", who, {"customer_id": c["id"], "severity": "general", "channel": "phone",
                                     "summary": "送货迟到", "received_at": w.clock.now().isoformat()})),
    "complaints-respond": (HANDLERS, 200, 404, World.complaint, lambda w, who, c, k: w.call(
        "POST", f"/complaints/{k['id']}/respond", who, {"note": "已致电道歉"})),
    "complaints-escalate": (HANDLERS, 200, 404, World.complaint, lambda w, who, c, k: w.call(
        "POST", f"/complaints/{k['id']}/escalate", who, {"reason": "涉及食品安全"})),
    "complaints-pause": (HANDLERS, 200, 404, World.complaint, lambda w, who, c, k: w.call(
        "POST", f"/complaints/{k['id']}/pause", who, {"reason": "等客户提供照片"})),
    "complaints-resume": (HANDLERS, 200, 404, lambda w, c: w.complaint(c, "general", ("pause", {"reason": "等照片"})),
                          lambda w, who, c, k: w.call("POST", f"/complaints/{k['id']}/resume", who, {})),
    "complaints-resolve": (HANDLERS, 200, 404, lambda w, c: w.complaint(c, "general", RESPONDED),
                           lambda w, who, c, k: w.call("POST", f"/complaints/{k['id']}/resolve", who, RESOLVED[1])),
    "complaints-close": (HANDLERS, 200, 404, lambda w, c: w.complaint(c, "general", RESPONDED, RESOLVED),
                         lambda w, who, c, k: w.call("POST", f"/complaints/{k['id']}/close", who)),
    "complaints-return-visit": (HANDLERS, 200, 404, lambda w, c: w.complaint(
        c, "general", RESPONDED, RESOLVED, ("close", None)), lambda w, who, c, k: w.call(
        "POST", f"/complaints/{k['id']}/return-visit", who, {"satisfaction": 4, "note": "满意"})),
    "complaints-feedback": (HANDLERS, 200, 404, lambda w, c: w.complaint(c, "general", RESPONDED, RESOLVED),
                            lambda w, who, c, k: w.call("POST", f"/complaints/{k['id']}/feedback", who,
                                                        {"note": "包装需加固"})),
    # Visits are written by whoever writes their customer (a customer in the body: a field error when out of scope).
    "visits-create": (WRITERS, 201, 422, _nothing, lambda w, who, c, _: w.call(
        "POST", "/visits", who, {"customer_id": c["id"], "planned_on": TODAY})),
    "visits-check-in": (WRITERS, 200, 404, _visit, lambda w, who, c, v: w.call(
        "POST", f"/visits/{v['id']}/check-in", who, {"latitude": "31.24", "longitude": "121.49"}, v["version"])),
    "visits-complete": (WRITERS, 200, 404, lambda w, c: _visit(w, c, checked_in=True), lambda w, who, c, v: w.call(
        "POST", f"/visits/{v['id']}/complete", who, {"outcome": "order_taken"}, v["version"])),
    "visits-cancel": (WRITERS, 200, 404, _visit, lambda w, who, c, v: w.call(
        "POST", f"/visits/{v['id']}/cancel", who, {"reason": "改期"}, v["version"])),
    "visits-mark-missed": (WRITERS, 200, 404, _visit, lambda w, who, c, v: w.call(
        "POST", f"/visits/{v['id']}/missed", who, {}, v["version"])),
    "visits-update-customer-plan": (WRITERS, 200, 404, _nothing, lambda w, who, c, _: w.call(
        "PUT", f"/customers/{c['id']}/visit-plan", who, {"routine": {"cadence": {"every": 2, "unit": "week"}}}, 0)),
    "complaints-confirm": (CENTRE, 200, 404, lambda w, c: w.complaint(c, "major"), lambda w, who, c, k: w.call(
        "POST", f"/complaints/{k['id']}/confirm", who, CONFIRMED[1])),
    "complaints-set-task-group": (CENTRE, 200, 404, lambda w, c: w.complaint(c, "major", CONFIRMED),
                                  lambda w, who, c, k: w.call(
                                      "POST", f"/complaints/{k['id']}/task-group", who,
                                      {"members": [{"user_id": w.users["hq"].id, "department": "key_account"}]})),
}


@pytest.fixture
def world(client: httpx.AsyncClient, auth: Any, users: dict[str, Any], clock: FrozenClock) -> World:
    return World(client, auth, users, clock)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize(("who", "owner", "inside"), REACH, ids=[f"{w}-on-{o}" for w, o, _ in REACH])
async def test_every_write_on_a_customer_holds_to_the_callers_role_and_scope(
        world: World, new_customer: Any, operation: str, who: str, owner: str, inside: bool) -> None:
    may, done, hidden, prepare, act = OPERATIONS[operation]
    customer = await new_customer(as_user=f"am_{owner}", name=f"{owner}的酒店")
    prepared = await prepare(world, customer)
    before = await world.seen_by_hq(customer["id"])
    response = await act(world, who, customer, prepared)
    expected = (done if inside else hidden) if who in may else 403
    assert response.status_code == expected, response.text
    if expected == done:  # every write on a customer leaves an audit row
        assert await world.ok("GET", f"/customers/{customer['id']}/audit") != before[1]
        return
    assert response.headers["content-type"].startswith("application/problem+json")
    if expected == 422:
        assert [e["field"] for e in response.json()["errors"]] == ["customer_id"]
    if expected == 404:  # the same answer as for a customer, contact, sheet or complaint that does not exist
        assert "not found" in response.json()["detail"]
    assert await world.seen_by_hq(customer["id"]) == before


# Where a new or moved customer lands: (who, operation, owner and unit asked for, status, the field refused).
PLACEMENT = [
    ("am_zhang", "create", {"org_unit_code": "HZ"}, 422, "org_unit_code"),  # issue 19: another store
    ("am_zhang", "create", {"org_unit_code": "HQ"}, 422, "org_unit_code"),  # above the own unit
    ("am_zhang", "create", {"owner_id": "am_zhang", "org_unit_code": "HZ"}, 422, "org_unit_code"),
    ("am_li", "create", {"org_unit_code": "SH"}, 422, "org_unit_code"),  # the store above SH-PD
    ("am_wang", "create", {"org_unit_code": "SH-PD"}, 422, "org_unit_code"),
    ("am_zhang", "create", {"owner_id": "am_li"}, 422, "owner_id"),  # account managers keep what they create
    ("am_zhang", "create", {}, 201, None),
    ("am_zhang", "create", {"org_unit_code": "SH-PD"}, 201, None),  # a store under the own unit
    ("am_wang", "create", {"org_unit_code": "HZ"}, 201, None),
    ("sm_sh", "create", {"org_unit_code": "SH-PD"}, 201, None),
    ("sm_sh", "create", {"owner_id": "am_li"}, 201, None),
    ("sm_sh", "create", {"org_unit_code": "HZ"}, 422, "org_unit_code"),
    ("sm_sh", "create", {"owner_id": "am_wang"}, 422, "owner_id"),
    ("sm_sh", "create", {"owner_id": "am_li", "org_unit_code": "HZ"}, 422, "org_unit_code"),
    ("sm_hz", "create", {"org_unit_code": "SH"}, 422, "org_unit_code"),
    ("hq", "create", {"owner_id": "am_wang"}, 201, None),
    ("admin", "create", {"org_unit_code": "HZ"}, 201, None),
    ("analyst", "create", {"org_unit_code": "HQ"}, 403, None),
    ("cs", "create", {}, 403, None),
    # Moving am_zhang's customer (in sm_sh's stores) to an owner or unit elsewhere.
    ("sm_sh", "reassign", {"owner_id": "am_wang"}, 422, "owner_id"),
    ("sm_sh", "reassign", {"owner_id": "am_li", "org_unit_code": "HZ"}, 422, "org_unit_code"),
    ("sm_sh", "reassign", {"owner_id": "am_li", "org_unit_code": "SH-PD"}, 200, None),
    ("sm_sh", "reassign-many", {"owner_id": "am_wang"}, 422, "owner_id"),
    ("sm_sh", "reassign-many", {"owner_id": "am_li", "org_unit_code": "HQ"}, 422, "org_unit_code"),
    ("sm_hz", "reassign", {"owner_id": "am_wang"}, 404, None),  # not sm_hz's customer to move
    ("hq", "reassign-many", {"owner_id": "am_wang"}, 200, None),
    ("am_zhang", "reassign", {"owner_id": "am_zhang", "org_unit_code": "SH-PD"}, 403, None),
]

STORE_MANAGER_OF = {"am_zhang": "sm_sh", "am_li": "sm_sh", "am_wang": "sm_hz"}


@pytest.mark.parametrize(("who", "operation", "asked", "status", "field"), PLACEMENT)
async def test_a_customer_lands_only_within_the_callers_scope(
        world: World, new_customer: Any, who: str, operation: str, asked: dict[str, str], status: int,
        field: str | None) -> None:
    body: dict[str, Any] = {k: world.users[v].id if k == "owner_id" else v for k, v in asked.items()}
    name = f"落点测试-{who}-{operation}"
    if operation == "create":
        response = await world.call("POST", "/customers", who, {"name": name, "customer_type": "hotel", **body})
    else:
        customer = await new_customer(as_user="am_zhang", name=name)
        before = await world.seen_by_hq(customer["id"])
        url, body = ((f"/customers/{customer['id']}/reassign", body) if operation == "reassign" else
                     ("/customers/reassign", {**body, "customer_ids": [customer["id"]]}))
        response = await world.call("POST", url, who, {**body, "reason": "区域调整"})
    assert response.status_code == status, response.text
    if field is not None:
        assert [e["field"] for e in response.json()["errors"]] == [field]
    found = (await world.ok("GET", f"/customers?q={name}"))["items"]
    if operation == "create":
        assert len(found) == (1 if status == 201 else 0)
    elif status != 200:
        assert await world.seen_by_hq(found[0]["id"]) == before
    if status == 201:
        landed = found[0]
        assert landed["org_unit"]["code"] == asked.get("org_unit_code", landed["org_unit"]["code"])
        if who in STORE_MANAGER_OF:  # still in sight of the account manager's own store manager
            assert (await world.call("GET", f"/customers/{landed['id']}", STORE_MANAGER_OF[who])).status_code == 200
            assert landed["owner"]["username"] == who



async def test_notifications_are_marked_read_only_by_their_recipient(world: World, new_customer: Any) -> None:
    await world.complaint(await new_customer(as_user="am_wang"), "major")  # HQ is told to confirm it
    [note] = (await world.ok("GET", "/notifications"))["items"]
    for who in ("admin", "analyst", "sm_sh", "sm_hz", "am_zhang", "am_li", "am_wang", "cs"):
        assert (await world.call("POST", f"/notifications/{note['id']}/read", who)).status_code == 404
        assert (await world.ok("POST", "/notifications/read-all", who))["marked"] == 0
    assert (await world.ok("GET", "/notifications"))["items"][0]["read_at"] is None
    assert (await world.ok("POST", f"/notifications/{note['id']}/read"))["marked"] == 1


async def test_the_customer_batch_is_for_machines_and_reaches_every_unit(world: World, erp_key: Any) -> None:
    batch = {"customers": [{"external_id": "ERP-HZ-1", "name": "机器建档酒店", "customer_type": "hotel",
                            "org_unit_code": "HZ", "owner_username": "am_wang"}]}
    for who in ("admin", "hq", "am_zhang"):  # people use the screens
        assert (await world.call("POST", "/customers/batch", who, batch)).status_code == 403
    readonly = await erp_key("customers:read", name="erp-readonly")
    assert (await world.client.post(f"{API}/customers/batch", json=batch, headers=readonly)).status_code == 403
    person_only = await world.client.post(f"{API}/customers", headers=readonly,
                                          json={"name": "机器建档酒店", "customer_type": "hotel"})
    assert person_only.status_code == 403
    assert (await world.ok("GET", "/customers?q=机器建档"))["items"] == []
    response = await world.client.post(f"{API}/customers/batch", json=batch,
                                       headers=await erp_key("customers:write"))
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == ["created"]
    [created] = (await world.ok("GET", "/customers?q=机器建档"))["items"]
    assert (created["org_unit"]["code"], created["owner"]["username"]) == ("HZ", "am_wang")


@pytest.mark.parametrize("who", ["admin", "hq", "analyst", "sm_sh", "sm_hz", "am_zhang", "am_li", "am_wang", "cs"])
async def test_only_administrators_add_org_units_and_users(world: World, who: str) -> None:
    unit = await world.call("POST", "/org-units", who, {"code": "SH-XH", "name": "徐汇店", "parent_code": "SH"})
    user = await world.call("POST", "/users", who, {"username": "am.xuhui", "password": "a-long-password-1",
                                                    "role": "account_manager", "org_unit_code": "SH"})
    allowed = who == "admin"
    assert (unit.status_code, user.status_code) == ((201, 201) if allowed else (403, 403))
    units = {u["code"] for u in (await world.ok("GET", "/org-units"))["items"]}
    assert ("SH-XH" in units) is allowed
    listed = (await world.ok("GET", "/users?org_unit_code=SH"))["items"]
    assert ("am.xuhui" in {u["username"] for u in listed}) is allowed


@pytest.mark.parametrize(("who", "reached"), [
    ("admin", {"zhang", "li", "wang"}), ("hq", {"zhang", "li", "wang"}), ("analyst", None),
    ("sm_sh", {"zhang", "li"}), ("sm_hz", {"wang"}), ("am_zhang", {"zhang"}), ("am_li", {"li"}),
    ("am_wang", {"wang"}), ("cs", None),
])
async def test_opening_a_quarter_drafts_sheets_only_within_the_callers_scope(
        world: World, new_customer: Any, who: str, reached: set[str] | None) -> None:
    customers = {(await new_customer(as_user=f"am_{owner}", name=f"{owner}的酒店"))["id"]: owner
                 for owner in ("zhang", "li", "wang")}
    response = await world.call("POST", "/score-sheets/open-quarter", who, {"period": "2026Q3",
                                                                            "include_regular": True})
    assert response.status_code == (403 if reached is None else 200), response.text
    drafted = {customers[s["customer"]["id"]] for s in (await world.ok("GET", "/score-sheets"))["items"]}
    assert drafted == (reached or set())
