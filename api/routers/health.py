"""Liveness with a database round trip."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from api.errors import problem_response
from api.middleware import RETRY_AFTER_SECONDS


class Health(BaseModel):
    status: str
    database: str


router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, operation_id="health-get",
            responses={503: {"description": "The database does not answer."}})
async def health(request: Request) -> Health | JSONResponse:
    """200 when PostgreSQL answers, 503 problem+json (with Retry-After) when it does not."""
    try:
        async with request.app.state.session_factory() as session:
            await session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database means "not healthy"
        return problem_response(503, "The database does not answer.",
                                headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return Health(status="ok", database="up")
