"""Liveness with a database round trip."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text


class Health(BaseModel):
    status: str
    database: str


router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, operation_id="health-get",
            responses={503: {"model": Health, "description": "The database does not answer."}})
async def health(request: Request) -> Health | JSONResponse:
    """200 when PostgreSQL answers, 503 when it does not."""
    try:
        async with request.app.state.session_factory() as session:
            await session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database means "not healthy"
        return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
    return Health(status="ok", database="up")
