"""The application factory: routers under /api/v1, the built SPA at / with history fallback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.errors import install_error_handlers, problem_json_openapi, problem_response
from api.routers import (
    auth,
    complaints,
    customers,
    health,
    integrations,
    loyalty,
    orders,
    organisation,
    score_sheets,
    scoring,
    sla,
    tiering,
)
from api.schemas.common import REQUEST_SCHEMAS
from api.security import Argon2PasswordHasher, SystemClock
from domain.ports import Clock
from repositories.db import make_engine, make_session_factory, resolve_database_url
from repositories.settings import Settings

API_PREFIX = "/api/v1"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "font-src 'self' data:; frame-ancestors 'none'",
}


def create_app(
    settings: Settings | None = None,
    *,
    session_factory: async_sessionmaker[AsyncSession] | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    settings = settings or Settings()
    engine = None
    if session_factory is None:
        engine = make_engine(resolve_database_url(settings), pool_size=settings.db_pool_size)
        session_factory = make_session_factory(engine)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if engine is not None:
            await engine.dispose()

    app = FastAPI(
        title="Keyhold API",
        version="1.0.0",
        summary="Key-account CRM: customer archive, scoring, tiering, loyalty, complaints, visits.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
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

    for module in (health, auth, organisation, customers, orders, integrations, scoring, score_sheets, tiering,
                   loyalty, complaints, sla):
        app.include_router(module.router, prefix=API_PREFIX)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            # The interactive API docs page loads Swagger UI from its CDN.
            if name == "Content-Security-Policy" and request.url.path == f"{API_PREFIX}/docs":
                continue
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    _serve_spa(app, settings.spa_dir)
    return app


def _serve_spa(app: FastAPI, spa_dir: Path) -> None:
    assets = spa_dir / "assets"
    if assets.is_dir():
        app.mount("/assets", StaticFiles(directory=assets), name="assets")
    index = spa_dir / "index.html"

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> Response:
        if path == "api" or path.startswith("api/"):
            return problem_response(404, f"No API route /{path}.")
        candidate = (spa_dir / path).resolve()
        # A stat of a local file; not worth a thread hop.
        if path and candidate.is_file() and candidate.is_relative_to(spa_dir.resolve()):  # noqa: ASYNC240
            return FileResponse(candidate)
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return problem_response(404, "The SPA is not built: run `make run` (or `npm --prefix frontend run build`).")
