"""The application factory: routers under /api/v1, the built SPA at / with history fallback (api/spa.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.compression import ApiGZip
from api.errors import install_error_handlers, problem_json_openapi
from api.middleware import RequestGuard
from api.routers import (
    auth,
    complaints,
    customer_overview,
    customers,
    health,
    integrations,
    loyalty,
    notifications,
    orders,
    organisation,
    scoring,
    sla,
    tiering,
    visits,
)
from api.schemas.common import REQUEST_SCHEMAS
from api.security import Argon2PasswordHasher, SystemClock
from api.spa import serve_spa
from domain.ports import Clock
from repositories.db import make_engine, make_session_factory, resolve_database_url
from repositories.settings import Settings

API_PREFIX = "/api/v1"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'self'",
    # Keyhold uses none of these but geolocation (the visit check-in, its own pages only); a script that got in
    # could not either.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()",
}
# Sent only when cookies are secure, i.e. Keyhold is served over HTTPS (KEYHOLD_COOKIE_SECURE).
HSTS = "max-age=31536000; includeSubDomains"
DOCS_PATH = f"{API_PREFIX}/docs"
# Swagger UI's files, copied into the built SPA by frontend/vite.config.ts.
DOCS_ASSETS = "/api-docs"
BATCH_PATHS = (f"{API_PREFIX}/orders/batch", f"{API_PREFIX}/customers/batch")
# Responses smaller than this go as they are: compressing them saves less than it costs.
GZIP_MINIMUM_BYTES = 1024


def create_app(
    settings: Settings | None = None,
    *,
    session_factory: async_sessionmaker[AsyncSession] | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    settings = settings or Settings()
    engine = None
    if session_factory is None:
        engine = make_engine(resolve_database_url(settings), pool_size=settings.db_pool_size,
                             statement_timeout_seconds=settings.statement_timeout_seconds)
        session_factory = make_session_factory(engine)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if engine is not None:
            await engine.dispose()

    app = FastAPI(
        title="Keyhold API",
        version="1.0.0",
        summary="Key-account CRM: customer archive, scoring, tiering, loyalty, complaints with SLA timers, ERP intake.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.clock = clock or SystemClock()
    app.state.hasher = Argon2PasswordHasher()
    install_error_handlers(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
            spec.setdefault("components", {}).setdefault("schemas", {}).update(REQUEST_SCHEMAS)
            app.openapi_schema = problem_json_openapi(spec)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    for module in (health, auth, organisation, customers, customer_overview, orders, integrations, scoring, tiering,
                   loyalty, complaints, notifications, sla, visits):
        app.include_router(module.router, prefix=API_PREFIX)

    docs_csp = _serve_api_docs(app)

    def response_headers(scope: dict[str, Any]) -> dict[str, str]:
        headers = dict(SECURITY_HEADERS)
        path: str = scope["path"]
        if path == DOCS_PATH:
            headers["Content-Security-Policy"] = docs_csp
        if path.startswith("/api/"):
            headers["Cache-Control"] = "no-store"
        if settings.cookie_secure:
            headers["Strict-Transport-Security"] = HSTS
        return headers

    def body_limit(scope: dict[str, Any]) -> int:
        return settings.max_batch_body_bytes if scope["path"] in BATCH_PATHS else settings.max_body_bytes

    # Inside the guard: it compresses the API's answers on their way out and leaves alone the guard's reading of
    # the request (the body cap, a client gone away) and the guard's own problem answers.
    app.add_middleware(ApiGZip, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=6)
    app.add_middleware(RequestGuard, headers=response_headers, body_limit=body_limit)
    serve_spa(app, settings.spa_dir)
    return app


def _serve_api_docs(app: FastAPI) -> str:
    """Swagger UI at /api/v1/docs from Keyhold's own files; returns the page's Content-Security-Policy, which
    admits its one inline script by hash instead of 'unsafe-inline'."""
    page = get_swagger_ui_html(openapi_url=app.openapi_url or "", title=f"{app.title} docs",
                               swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                               swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                               swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png")
    html = bytes(page.body).decode()
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in scripts)
    csp = SECURITY_HEADERS["Content-Security-Policy"] + f"; script-src 'self' {hashes}"

    @app.get(DOCS_PATH, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(html)

    return csp
