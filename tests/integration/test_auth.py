"""Sign-in, sessions, login throttling, admin user management, API keys."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import TEST_PASSWORD
from tests.fakes import FrozenClock


async def _login(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": username, "password": password})


async def test_password_login_returns_bearer_token_that_opens_me(client: httpx.AsyncClient) -> None:
    response = await _login(client, "am_zhang", TEST_PASSWORD)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "am_zhang"
    assert me.json()["role"] == "account_manager"
    assert me.json()["data_scope"] == "own"
    assert "customers:read" in me.json()["permissions"]


async def test_wrong_password_is_401_problem(client: httpx.AsyncClient) -> None:
    response = await _login(client, "am_zhang", "wrong-password")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 401


async def test_no_credentials_is_401(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/me")
    assert response.status_code == 401
    bad = await client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401


async def test_repeated_failures_slow_down_logins(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    for _ in range(5):
        assert (await _login(client, "am_li", "nope")).status_code == 401
    blocked = await _login(client, "am_li", "nope")
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1
    # Even the right password waits out the delay...
    assert (await _login(client, "am_li", TEST_PASSWORD)).status_code == 429
    clock.advance(minutes=16)
    # ...and works afterwards, clearing the count.
    assert (await _login(client, "am_li", TEST_PASSWORD)).status_code == 200
    assert (await _login(client, "am_li", "nope")).status_code == 401


async def test_expired_token_is_rejected(client: httpx.AsyncClient, auth: Any, clock: FrozenClock) -> None:
    headers = auth("hq")
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
    clock.advance(days=2)
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 401


async def test_cookie_session_needs_csrf_header_for_changes(client: httpx.AsyncClient) -> None:
    response = await _login(client, "hq", TEST_PASSWORD)
    assert "keyhold_session" in response.cookies
    cookie = {"Cookie": f"keyhold_session={response.cookies['keyhold_session']}"}
    assert (await client.get("/api/v1/me", headers=cookie)).status_code == 200
    body = {"name": "杭州西湖国宾馆", "customer_type": "hotel"}
    refused = await client.post("/api/v1/customers", json=body, headers=cookie)
    assert refused.status_code == 403
    allowed = await client.post("/api/v1/customers", json=body, headers={**cookie, "X-Requested-With": "keyhold"})
    assert allowed.status_code == 201, allowed.text


async def test_admin_creates_unit_and_user_who_can_sign_in(client: httpx.AsyncClient, auth: Any) -> None:
    admin = auth("admin")
    unit = await client.post("/api/v1/org-units", json={"code": "NJ", "name": "南京区域中心店", "parent_code": "HQ"},
                             headers=admin)
    assert unit.status_code == 201, unit.text
    assert unit.json()["code"] == "NJ"
    user = await client.post("/api/v1/users", json={"username": "am.new", "password": "a-long-password-1",
                                                    "role": "account_manager", "org_unit_code": "NJ"}, headers=admin)
    assert user.status_code == 201, user.text
    assert (await _login(client, "am.new", "a-long-password-1")).status_code == 200
    listed = await client.get("/api/v1/users", params={"org_unit_code": "NJ"}, headers=admin)
    assert [u["username"] for u in listed.json()["items"]] == ["am.new"]


async def test_org_unit_and_user_validation_names_fields(client: httpx.AsyncClient, auth: Any) -> None:
    admin = auth("admin")
    bad_unit = await client.post("/api/v1/org-units", json={"code": "bad code", "name": "", "parent_code": "NOPE"},
                                 headers=admin)
    assert bad_unit.status_code == 422
    assert {e["field"] for e in bad_unit.json()["errors"]} >= {"code", "name"}
    bad_user = await client.post("/api/v1/users", json={"username": "x", "password": "short", "role": "boss",
                                                        "org_unit_code": "SH"}, headers=admin)
    assert bad_user.status_code == 422
    assert {e["field"] for e in bad_user.json()["errors"]} >= {"role"}


async def test_disabled_user_and_reset_password_end_sessions(client: httpx.AsyncClient, auth: Any,
                                                             users: dict[str, Any]) -> None:
    admin = auth("admin")
    old = auth("am_wang")
    user_id = users["am_wang"].id
    reset = await client.post(f"/api/v1/users/{user_id}/password", json={"password": "another-long-pass-2"},
                              headers=admin)
    assert reset.status_code in (200, 204), reset.text
    assert (await client.get("/api/v1/me", headers=old)).status_code == 401
    assert (await _login(client, "am_wang", "another-long-pass-2")).status_code == 200
    disabled = await client.post(f"/api/v1/users/{user_id}/disable", headers=admin)
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["is_active"] is False
    assert (await _login(client, "am_wang", "another-long-pass-2")).status_code == 401


async def test_only_admins_manage_users(client: httpx.AsyncClient, auth: Any) -> None:
    body = {"username": "sneaky", "password": "a-long-password-1", "role": "admin", "org_unit_code": "HQ"}
    for who in ("hq", "sm_sh", "am_zhang", "analyst"):
        assert (await client.post("/api/v1/users", json=body, headers=auth(who))).status_code == 403


async def test_api_key_auth_and_scopes(client: httpx.AsyncClient, uow: Any) -> None:
    from api.security import SystemClock, hash_api_key, new_api_key
    from domain.integrations.service import create_api_key

    _, key = await create_api_key(uow, None, name="erp-main", scopes=["customers:read"], new_key=new_api_key,
                                  hash_key=hash_api_key, clock=SystemClock())
    ok = await client.get("/api/v1/customers", headers={"X-API-Key": key})
    assert ok.status_code == 200
    assert (await client.get("/api/v1/customers", headers={"X-API-Key": key[:-2] + "xx"})).status_code == 401
    assert (await client.get("/api/v1/customers", headers={"X-API-Key": "kh_nope"})).status_code == 401
    denied = await client.post("/api/v1/customers", json={"name": "x", "customer_type": "hotel"},
                               headers={"X-API-Key": key})
    assert denied.status_code == 403


async def test_public_settings_carry_the_company_time_zone_and_currency(client: Any, test_settings: Any) -> None:
    response = await client.get("/api/v1/settings/public")
    assert response.status_code == 200
    body = response.json()
    assert (body["time_zone"], body["currency"]) == (test_settings.time_zone, test_settings.currency)
