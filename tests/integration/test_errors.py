"""Every failure is problem+json with the security headers: server errors, an unreachable database, bodies over
the cap, unreadable bodies; a statement over its time limit and a client that goes away stop their query."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from api.app import create_app
from repositories.settings import Settings

UNREACHABLE = "postgresql+asyncpg://keyhold@127.0.0.1:1/keyhold"


def _first(app: FastAPI, path: str, endpoint: Any) -> None:
    """Adds a route ahead of the SPA's catch-all (tests only)."""
    app.router.routes.insert(0, APIRoute(path, endpoint, methods=["GET"]))


def _assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "base-uri 'none'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    assert response.headers["x-request-id"]
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    # Exceptions that no handler answers must reach the guard, as in production, not the test.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://keyhold.test") as client:
        yield client


async def test_an_unexpected_failure_is_a_500_problem_with_one_log_line(
    app: FastAPI, http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    async def boom() -> None:
        raise RuntimeError("a bug\nwith a second line")

    _first(app, "/api/v1/boom", boom)
    with caplog.at_level(logging.INFO, logger="keyhold.requests"):
        response = await http.get("/api/v1/boom", headers={"X-Request-ID": "probe-42"})
        again = await http.get("/api/v1/boom", headers={"X-Request-ID": "../etc/passwd\n"})
    body = _assert_problem(response, 500)
    assert body["request_id"] == "probe-42" == response.headers["x-request-id"]
    assert "a bug" not in body["detail"]  # the client learns the request id, not the server's insides
    assert _assert_problem(again, 500)["request_id"] != "../etc/passwd\n"  # not a sane id: one of ours
    first, second = [r for r in caplog.records if r.name == "keyhold.requests" and r.levelno >= logging.ERROR]
    assert "probe-42" in first.getMessage() and "RuntimeError: a bug" in first.getMessage()
    assert "second line" not in first.getMessage()
    # The traceback is logged once per place of failure; the same failure again is one line.
    assert first.exc_info and not second.exc_info


async def test_an_unreachable_database_is_a_503_with_retry_after(test_settings: Settings, auth: Any,
                                                                 clock: Any) -> None:
    app = create_app(test_settings.model_copy(update={"database_url": UNREACHABLE}), clock=clock)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://keyhold.test") as http:
        for method, url in (("GET", "/api/v1/customers"), ("GET", "/api/v1/health"),
                            ("POST", "/api/v1/auth/token")):
            response = await http.request(method, url, headers=auth("hq"),
                                          data={"username": "hq", "password": "x"} if method == "POST" else None)
            _assert_problem(response, 503)
            assert int(response.headers["retry-after"]) > 0


async def test_a_body_over_the_cap_is_refused_before_it_is_read(
    test_settings: Settings, session_factory: Any, clock: Any, auth: Any
) -> None:
    settings = test_settings.model_copy(update={"max_body_bytes": 2048, "max_batch_body_bytes": 8192})
    app = create_app(settings, session_factory=session_factory, clock=clock)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    big = b'{"name": "' + b"x" * 4000 + b'", "customer_type": "hotel"}'
    async with httpx.AsyncClient(transport=transport, base_url="http://keyhold.test") as http:
        headers = {**auth("am_zhang"), "Content-Type": "application/json"}
        _assert_problem(await http.post("/api/v1/customers", content=big, headers=headers), 413)

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
            for _ in range(4):
                yield b" " * 1000
            yield big

        _assert_problem(await http.post("/api/v1/customers", content=chunks(), headers=headers), 413)
        # The ERP batches have the larger cap: the same body is read (and refused for its content, not size).
        response = await http.post("/api/v1/orders/batch", content=big, headers=headers)
        assert response.status_code != 413
        listed = await http.get("/api/v1/customers", params={"q": "xxxxxxxx"}, headers=auth("hq"))
        assert listed.json()["items"] == []


async def test_a_body_that_is_not_utf8_is_a_422_naming_the_body(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.post("/api/v1/customers", content=b'{"name": "\xff\xfe"}',
                                 headers={**auth("am_zhang"), "Content-Type": "application/json"})
    body = _assert_problem(response, 422)
    assert body["errors"] == [{"field": "body", "message": "not readable", "code": "not_readable"}]


async def test_security_headers_and_hsts_behind_https(test_settings: Settings, session_factory: Any,
                                                      clock: Any) -> None:
    for secure in (False, True):
        app = create_app(test_settings.model_copy(update={"cookie_secure": secure}),
                         session_factory=session_factory, clock=clock)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://k.test") as http:
            response = await http.get("/api/v1/settings/public")
        assert response.status_code == 200
        assert "form-action 'self'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"
        assert ("strict-transport-security" in response.headers) is secure


async def test_the_api_docs_load_swagger_ui_from_keyhold(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/docs")
    assert response.status_code == 200
    assert 'src="/api-docs/swagger-ui-bundle.js"' in response.text
    assert "cdn" not in response.text.lower()
    csp = response.headers["content-security-policy"]
    # The page's one inline script is admitted by its hash, nothing else inline.
    assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src", 1)[1]


async def _sleepers(database_url: str) -> int:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            found = await conn.scalar(text("SELECT count(*) FROM pg_stat_activity "
                                           "WHERE query LIKE 'SELECT pg_sleep(%' AND state = 'active'"))
            return int(found or 0)
    finally:
        await engine.dispose()


async def test_a_statement_over_the_time_limit_is_cancelled_and_answered_503(
    test_settings: Settings, database_url: str
) -> None:
    app = create_app(test_settings.model_copy(update={"database_url": database_url,
                                                      "statement_timeout_seconds": 0.2}))

    async def slow() -> None:
        async with app.state.session_factory() as session:
            await session.execute(text("SELECT pg_sleep(30)"))

    _first(app, "/api/v1/slow", slow)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://keyhold.test") as http:
            _assert_problem(await http.get("/api/v1/slow"), 503)
    assert await _sleepers(database_url) == 0


async def test_a_client_that_goes_away_cancels_its_query(test_settings: Settings, database_url: str) -> None:
    app = create_app(test_settings.model_copy(update={"database_url": database_url}))
    started = asyncio.Event()

    async def slow() -> None:
        async with app.state.session_factory() as session:
            started.set()
            await session.execute(text("SELECT pg_sleep(30)"))

    _first(app, "/api/v1/slow", slow)
    sent: list[dict[str, Any]] = []
    messages = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop()
        await started.wait()
        # Polling the server's activity: the query has no event to wait for (bounded, not a timing assertion).
        for _ in range(200):
            if await _sleepers(database_url):
                break
            await asyncio.sleep(0.05)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": "/api/v1/slow", "raw_path": b"/api/v1/slow", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"keyhold.test")], "client": ("127.0.0.1", 5000), "server": ("keyhold.test", 80)}
    async with app.router.lifespan_context(app):
        await asyncio.wait_for(app(scope, receive, send), timeout=20)
    assert sent == []  # nobody to answer
    for _ in range(100):  # the server-side cancel is asynchronous: wait for it to land
        if await _sleepers(database_url) == 0:
            break
        await asyncio.sleep(0.05)
    assert await _sleepers(database_url) == 0
