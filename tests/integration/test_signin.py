"""Sign-in that cannot be abused: argon2 off the event loop with a concurrency cap, an atomic throttle per
account, per client address and per both, one password check whatever the case, failed usernames kept only as
keyed hashes and purged, sign-out and password change ending sessions server-side, bounded input.

Most tests run in the usual rolled-back transaction, one request at a time. The parallel ones need committed
data and connections of their own: they share a scratch database migrated once for this module."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt
import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from api.app import create_app
from api.cli import _alembic_config
from api.scheduler import describe
from api.security import TOKEN_ALGORITHM, Argon2PasswordHasher, pseudonym
from domain.nightly import run_nightly_jobs
from domain.organisation import service as org
from domain.organisation.auth import sign_in_keys
from domain.organisation.model import OrgUnitKind, Role
from domain.organisation.signin import (
    FREE_FAILURES_PER_ACCOUNT,
    FREE_FAILURES_PER_ACCOUNT_AND_CLIENT,
    FREE_FAILURES_PER_CLIENT,
)
from repositories.db import make_session_factory
from repositories.settings import Settings
from repositories.uow import SqlAlchemyUnitOfWork
from tests.conftest import TEST_PASSWORD, TEST_SECRET
from tests.fakes import FrozenClock
from tests.scratch import recreate_database

SCRATCH_DB = "keyhold_signin"
SCRATCH_PASSWORD = "correct-horse-battery-7"


class CountingHasher(Argon2PasswordHasher):
    """The real hasher, noting the thread of every real argon2 call."""

    def __init__(self, **pool: int) -> None:
        super().__init__(**pool)
        self.verify_threads: list[int] = []
        self.hash_threads: list[int] = []

    def _verify_now(self, password_hash: str | None, password: str) -> bool:
        self.verify_threads.append(threading.get_ident())
        return super()._verify_now(password_hash, password)

    def _hash_now(self, password: str) -> str:
        self.hash_threads.append(threading.get_ident())
        return super()._hash_now(password)


class HeldHasher(CountingHasher):
    """Checks wait until the test lets them go, so the test can fill the pool."""

    def __init__(self, **pool: int) -> None:
        super().__init__(**pool)
        self.go = threading.Event()

    def _verify_now(self, password_hash: str | None, password: str) -> bool:
        self.go.wait(60)
        return super()._verify_now(password_hash, password)


def _client(app: Any, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://keyhold.test")


async def _login(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": username, "password": password})


def _bearer(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def hasher(app: Any) -> CountingHasher:
    app.state.hasher = CountingHasher()
    return app.state.hasher  # type: ignore[no-any-return]


# --- off the event loop, one check per case -------------------------------------------------------------------

async def test_argon2_runs_off_the_event_loop(client: httpx.AsyncClient, hasher: CountingHasher,
                                              auth: Any) -> None:
    loop_thread = threading.get_ident()  # ASGITransport runs the app on the test's own loop
    assert (await _login(client, "am_zhang", TEST_PASSWORD)).status_code == 200
    assert (await _login(client, "nobody.here", TEST_PASSWORD)).status_code == 401
    changed = await client.post("/api/v1/auth/password", headers=auth("am_li"),
                                json={"current_password": TEST_PASSWORD, "new_password": "a-new-long-pass-3"})
    assert changed.status_code == 200, changed.text
    assert len(hasher.verify_threads) == 3 and len(hasher.hash_threads) == 1
    assert loop_thread not in hasher.verify_threads + hasher.hash_threads


async def test_unknown_wrong_and_disabled_cost_one_check_each(client: httpx.AsyncClient, hasher: CountingHasher,
                                                              auth: Any, users: dict[str, Any]) -> None:
    disabled = await client.post(f"/api/v1/users/{users['am_wang'].id}/disable", headers=auth("admin"))
    assert disabled.status_code == 200, disabled.text
    cases = {"unknown": ("no.such.user", TEST_PASSWORD), "wrong password": ("am_zhang", "not-the-password-1"),
             "disabled": ("am_wang", TEST_PASSWORD), "right": ("am_zhang", TEST_PASSWORD)}
    checks = {}
    for case, (username, password) in cases.items():
        before = len(hasher.verify_threads)
        response = await _login(client, username, password)
        assert response.status_code == (200 if case == "right" else 401), (case, response.text)
        checks[case] = len(hasher.verify_threads) - before
    assert checks == {"unknown": 1, "wrong password": 1, "disabled": 1, "right": 1}
    assert hasher.hash_threads == []  # no hashing at sign-in (unknown users used to cost a hash and a check)
    refused = {await _login(client, u, p) for u, p in list(cases.values())[:3]}
    assert {r.json()["detail"] for r in refused} == {"Wrong username or password."}


# --- the throttle ---------------------------------------------------------------------------------------------

async def test_spraying_across_usernames_from_one_address_is_limited(app: Any, hasher: CountingHasher) -> None:
    async with _client(app, "10.0.0.9") as sprayer, _client(app, "10.0.0.10") as elsewhere:
        for i in range(FREE_FAILURES_PER_CLIENT):
            assert (await _login(sprayer, f"guess{i}", "Summer2026!")).status_code == 401
        blocked = await _login(sprayer, "am_zhang", "Summer2026!")
        assert blocked.status_code == 429
        assert int(blocked.headers["Retry-After"]) >= 1
        assert blocked.headers["content-type"].startswith("application/problem+json")
        assert len(hasher.verify_threads) == FREE_FAILURES_PER_CLIENT  # the refused one was not checked
        # Other addresses are not held back, and the right password goes through from there.
        assert (await _login(elsewhere, "am_zhang", TEST_PASSWORD)).status_code == 200


async def test_owner_signs_in_from_another_address_after_attackers_exhaust_the_account(app: Any,
                                                                                      hasher: CountingHasher) -> None:
    async with _client(app, "10.0.0.66") as attacker, _client(app, "192.168.1.20") as owner:
        for _ in range(FREE_FAILURES_PER_ACCOUNT_AND_CLIENT):
            assert (await _login(attacker, "am_li", "guess-123456")).status_code == 401
        assert (await _login(attacker, "am_li", "guess-123456")).status_code == 429
        assert (await _login(attacker, "am_li", TEST_PASSWORD)).status_code == 429  # even the right one, from there
        # More attackers, one guess each, push the account past its own free count ...
        for i in range(FREE_FAILURES_PER_ACCOUNT):
            async with _client(app, f"10.0.1.{i + 1}") as other:
                assert (await _login(other, "am_li", "guess-123456")).status_code == 401
        async with _client(app, "10.0.1.1") as failed_before:
            held = await _login(failed_before, "am_li", "guess-654321")
            assert held.status_code == 429, "an address that failed for the account waits"
        # ... and the owner, who has not failed from their address, still signs in.
        assert (await _login(owner, "am_li", TEST_PASSWORD)).status_code == 200
        assert (await _login(attacker, "am_li", "guess-123456")).status_code == 429


async def test_success_clears_the_count_for_the_address(client: httpx.AsyncClient, hasher: CountingHasher,
                                                        clock: FrozenClock) -> None:
    for _ in range(FREE_FAILURES_PER_ACCOUNT_AND_CLIENT - 1):
        assert (await _login(client, "sm_sh", "typo-typo-1")).status_code == 401
    assert (await _login(client, "sm_sh", TEST_PASSWORD)).status_code == 200
    for _ in range(FREE_FAILURES_PER_ACCOUNT_AND_CLIENT):
        assert (await _login(client, "sm_sh", "typo-typo-1")).status_code == 401
    assert (await _login(client, "sm_sh", "typo-typo-1")).status_code == 429


async def test_failed_usernames_are_kept_only_as_keyed_hashes_and_purged(
    client: httpx.AsyncClient, hasher: CountingHasher, connection: AsyncConnection, uow: SqlAlchemyUnitOfWork,
    clock: FrozenClock,
) -> None:
    typed = "MyS3cret-Password!"  # typed into the username field by mistake
    for _ in range(3):
        assert (await _login(client, typed, "whatever-1")).status_code == 401
    rows = (await connection.execute(text("SELECT login_key, failures FROM login_throttle"))).all()
    stored = " ".join(str(v) for row in rows for v in row)
    assert typed.lower() not in stored.lower() and "127.0.0.1" not in stored
    keys = sign_in_keys(typed, "127.0.0.1", pseudonym(TEST_SECRET))
    assert {r.login_key: r.failures for r in rows} == {key: 3 for key in keys.all()}
    # A day after the last failure the count is forgotten when read ...
    clock.advance(hours=25)
    assert (await _login(client, typed, "whatever-1")).status_code == 401
    failures = (await connection.execute(text("SELECT failures FROM login_throttle WHERE login_key = :k"),
                                         {"k": keys.account})).scalar_one()
    assert failures == 1
    # ... and purged by the nightly jobs, which say so.
    clock.advance(hours=25)
    outcome = await run_nightly_jobs(uow, clock=clock, time_zone="Asia/Shanghai")
    assert outcome.sign_in_failures_purged == 3
    assert "3 sign-in failure counts" in describe(outcome)
    assert (await connection.execute(text("SELECT count(*) FROM login_throttle"))).scalar_one() == 0


# --- sessions -------------------------------------------------------------------------------------------------

async def test_logout_ends_the_session_server_side(client: httpx.AsyncClient, hasher: CountingHasher,
                                                   uow: SqlAlchemyUnitOfWork, clock: FrozenClock) -> None:
    first = _bearer(await _login(client, "hq", TEST_PASSWORD))
    second = _bearer(await _login(client, "hq", TEST_PASSWORD))
    assert (await client.get("/api/v1/me", headers=first)).status_code == 200
    assert (await client.post("/api/v1/auth/logout", headers=first)).status_code == 204
    assert (await client.get("/api/v1/me", headers=first)).status_code == 401
    assert (await client.get("/api/v1/me", headers=second)).status_code == 200  # only that session ended
    # The SPA's cookie session too (the cookie is the token).
    cookie = (await _login(client, "hq", TEST_PASSWORD)).cookies["keyhold_session"]
    spa = {"Cookie": f"keyhold_session={cookie}"}
    assert (await client.post("/api/v1/auth/logout", headers=spa)).status_code == 403  # CSRF header missing
    assert (await client.post("/api/v1/auth/logout", headers={**spa, "X-Requested-With": "keyhold"})
            ).status_code == 204
    assert (await client.get("/api/v1/me", headers=spa)).status_code == 401
    # Signing out without a session is no error.
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    # Ended sessions are forgotten once their tokens have expired.
    clock.advance(days=1)
    outcome = await run_nightly_jobs(uow, clock=clock, time_zone="Asia/Shanghai")
    assert outcome.ended_sessions_purged == 2
    assert "2 ended sessions" in describe(outcome)


async def test_password_change_ends_every_other_session(client: httpx.AsyncClient, hasher: CountingHasher,
                                                        erp_key: Any) -> None:
    mine = _bearer(await _login(client, "am_zhang", TEST_PASSWORD))
    other_device = _bearer(await _login(client, "am_zhang", TEST_PASSWORD))
    new_password = "another-long-pass-4"

    async def change(current: str, new: str, headers: dict[str, str]) -> httpx.Response:
        return await client.post("/api/v1/auth/password", headers=headers,
                                 json={"current_password": current, "new_password": new})

    for current, new, field in ((TEST_PASSWORD, "short", "new_password"),
                                (TEST_PASSWORD, "onlyletterslong", "new_password"),
                                (TEST_PASSWORD, TEST_PASSWORD, "new_password"),
                                ("not-my-password-1", new_password, "current_password")):
        refused = await change(current, new, mine)
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == [field]
    changed = await change(TEST_PASSWORD, new_password, mine)
    assert changed.status_code == 200, changed.text
    assert "keyhold_session" in changed.cookies
    fresh = _bearer(changed)
    assert (await client.get("/api/v1/me", headers=fresh)).status_code == 200
    assert (await client.get("/api/v1/me", headers=other_device)).status_code == 401
    assert (await client.get("/api/v1/me", headers=mine)).status_code == 401
    assert (await _login(client, "am_zhang", TEST_PASSWORD)).status_code == 401
    assert (await _login(client, "am_zhang", new_password)).status_code == 200
    machine = await change(new_password, "yet-another-pass-5", await erp_key("customers:read"))
    assert machine.status_code == 403


async def test_wrong_current_passwords_are_throttled(client: httpx.AsyncClient, hasher: CountingHasher,
                                                     auth: Any) -> None:
    headers = auth("analyst")
    body = {"current_password": "guess-guess-1", "new_password": "another-long-pass-4"}
    for _ in range(FREE_FAILURES_PER_ACCOUNT_AND_CLIENT):
        assert (await client.post("/api/v1/auth/password", headers=headers, json=body)).status_code == 422
    held = await client.post("/api/v1/auth/password", headers=headers, json=body)
    assert held.status_code == 429 and int(held.headers["Retry-After"]) >= 1


# --- bad tokens and input -------------------------------------------------------------------------------------

@pytest.mark.parametrize("subject", ["99999999999999999999999", "-1", "0", "abc", "1e3", "٣"])
async def test_malformed_token_subject_is_401(client: httpx.AsyncClient, clock: FrozenClock, subject: str) -> None:
    now = int(clock.now().timestamp())
    token = jwt.encode({"sub": subject, "ver": 1, "jti": "a" * 22, "iat": now, "exp": now + 600}, TEST_SECRET,
                       algorithm=TOKEN_ALGORITHM)
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_token_without_session_id_is_401(client: httpx.AsyncClient, clock: FrozenClock,
                                               users: dict[str, Any]) -> None:
    now = int(clock.now().timestamp())
    token = jwt.encode({"sub": str(users["admin"].id), "ver": 1, "iat": now, "exp": now + 600}, TEST_SECRET,
                       algorithm=TOKEN_ALGORITHM)
    assert (await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})).status_code == 401


async def test_very_long_username_or_password_is_422_and_odd_names_401(client: httpx.AsyncClient) -> None:
    for username, password, field in (("u" * 100_000, "x", "username"), ("am_zhang", "p" * 100_000, "password")):
        response = await _login(client, username, password)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in response.json()["errors"]] == [field]
    # Names no account can have are just unknown (a NUL character used to reach the database).
    for odd in ("am\x00zhang", "am_zhang\u202e", "ａｍ_ｚｈａｎｇ"):
        refused = await _login(client, odd, TEST_PASSWORD)
        assert refused.status_code == 401, (odd, refused.text)


# --- in parallel, on committed data ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Scratch:
    engine: AsyncEngine
    settings: Settings


@pytest.fixture(scope="module")
async def scratch(database_url: str, test_settings: Settings) -> AsyncIterator[Scratch]:
    url = await recreate_database(database_url, SCRATCH_DB)
    await asyncio.to_thread(command.upgrade, _alembic_config(url), "head")
    engine = create_async_engine(url, pool_size=10, max_overflow=0)
    try:
        uow = SqlAlchemyUnitOfWork(make_session_factory(engine))
        clock = FrozenClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
        await org.create_org_unit(uow, None, code="HQ", name="HQ", kind=OrgUnitKind.HEADQUARTERS, parent_code=None,
                                  clock=clock)
        for name in ("owner", "boss"):
            await org.create_user(uow, None, Argon2PasswordHasher(), username=name, password=SCRATCH_PASSWORD,
                                  role=Role.ADMIN, org_unit_code="HQ", display_name=None, clock=clock)
        yield Scratch(engine, test_settings)
    finally:
        await engine.dispose()


@pytest.fixture
async def scratch_app(scratch: Scratch) -> Any:
    async with scratch.engine.begin() as conn:
        await conn.execute(text("DELETE FROM login_throttle"))
    return create_app(scratch.settings, session_factory=make_session_factory(scratch.engine),
                      clock=FrozenClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC)))


async def test_fifty_parallel_wrong_passwords_get_five_checks(scratch_app: Any) -> None:
    hasher = scratch_app.state.hasher = CountingHasher()
    async with _client(scratch_app, "10.0.0.50") as attacker:
        responses = await asyncio.gather(*(_login(attacker, "owner", f"guess-{i:04d}") for i in range(50)))
    free = FREE_FAILURES_PER_ACCOUNT_AND_CLIENT
    assert sorted(r.status_code for r in responses) == [401] * free + [429] * (50 - free)
    assert len(hasher.verify_threads) == FREE_FAILURES_PER_ACCOUNT_AND_CLIENT
    async with _client(scratch_app, "10.0.0.51") as owner:
        assert (await _login(owner, "owner", SCRATCH_PASSWORD)).status_code == 200


async def test_sign_ins_beyond_the_cap_get_429_at_once(scratch: Scratch, scratch_app: Any) -> None:
    hasher = scratch_app.state.hasher = HeldHasher(workers=1, waiting=1)
    async with _client(scratch_app, "10.0.0.70") as http:
        tries: list[Awaitable[httpx.Response]] = [_login(http, name, "guess-guess-1")
                                                  for name in ("owner", "boss", "nobody1", "nobody2", "nobody3")]
        tasks = [asyncio.ensure_future(t) for t in tries]

        async def three_answered() -> None:
            pending = set(tasks)
            while len(tasks) - len(pending) < 3:
                _, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)

        try:
            await asyncio.wait_for(three_answered(), 60)  # a bound on a hang, not on speed
            answered = [t.result() for t in tasks if t.done()]
            assert [r.status_code for r in answered] == [429] * 3
            assert all(r.headers["Retry-After"] == "1" for r in answered)
            assert all(r.headers["content-type"].startswith("application/problem+json") for r in answered)
        finally:
            hasher.go.set()
        rest = await asyncio.gather(*tasks)
    assert sorted(r.status_code for r in rest) == [401] * 2 + [429] * 3
    assert len(hasher.verify_threads) == 2  # one running, one waiting: the cap
    # The refused sign-ins were never checked: the address's count holds only the two that were.
    client_key = sign_in_keys("owner", "10.0.0.70", pseudonym(scratch.settings.secret_key)).client
    async with scratch.engine.connect() as conn:
        counted = (await conn.execute(text("SELECT failures FROM login_throttle WHERE login_key = :k"),
                                      {"k": client_key})).scalar_one()
    assert counted == 2
