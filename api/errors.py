"""RFC 9457 problem+json for every error; one table from domain error to status."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas.common import field_name
from domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    RuleViolation,
    TooManyAttempts,
    Unauthenticated,
)

PROBLEM_JSON = "application/problem+json"

ERROR_STATUS: dict[type[DomainError], int] = {
    NotFound: 404,
    Forbidden: 403,
    Unauthenticated: 401,
    Conflict: 409,
    PreconditionFailed: 412,
    PreconditionRequired: 428,
    RuleViolation: 422,
    TooManyAttempts: 429,
}


class ProblemFieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[ProblemFieldError] | None = None
    # On server-side failures: the id of the log line that tells what happened.
    request_id: str | None = None


def problem_response(status: int, detail: str | None, errors: list[dict[str, str]] | None = None,
                     headers: dict[str, str] | None = None) -> JSONResponse:
    phrase = HTTPStatus(status).phrase
    slug = phrase.lower().replace(" ", "-").replace("'", "")
    body: dict[str, Any] = {
        "type": f"/problems/{slug}",
        "title": phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _message(error: dict[str, Any]) -> str:
    msg = str(error.get("msg", "invalid"))
    return msg.removeprefix("Value error, ")


async def _validation_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": field_name(tuple(e.get("loc", ()))), "message": _message(e)} for e in exc.errors()]
    return problem_response(422, "The request has invalid fields.", errors)


async def _domain_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    status = next((s for cls, s in ERROR_STATUS.items() if isinstance(exc, cls)), 400)
    headers: dict[str, str] = {}
    errors = None
    if isinstance(exc, RuleViolation):
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
    if isinstance(exc, TooManyAttempts):
        headers["Retry-After"] = str(exc.retry_after_seconds)
    if isinstance(exc, Unauthenticated):
        headers["WWW-Authenticate"] = "Bearer"
    return problem_response(status, exc.detail, errors, headers or None)


async def _http_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        # FastAPI answers 400 when a body cannot be decoded at all (not UTF-8, a broken form): to the client it
        # is one more invalid field, the body, and this API says that with 422 everywhere.
        return problem_response(422, "The request body cannot be read: send UTF-8 JSON (or the form the "
                                     "operation documents).", [{"field": "body", "message": "not readable"}])
    return problem_response(exc.status_code, str(exc.detail) if exc.detail else None,
                            headers=dict(exc.headers) if exc.headers else None)


async def _guard_data_errors(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if isinstance(exc.orig, Exception) and _is_data_error(exc.orig):
        return await _data_error_handler(request, exc)
    raise exc


def _is_data_error(error: Exception) -> bool:
    # SQLSTATE class 22 = data exception; asyncpg errors carry it as `sqlstate`, possibly on __cause__.
    for candidate in (error, error.__cause__):
        code = getattr(candidate, "sqlstate", None)
        if isinstance(code, str) and code.startswith("22"):
            return True
    return False


async def _data_error_handler(_: Request, exc: Exception) -> JSONResponse:
    # The database refused a value the request carried (e.g. a NUL character in a query parameter):
    # bad input, not a server fault. Other database errors stay 500s.
    return problem_response(422, "A value in the request cannot be stored or searched for; check the input.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DBAPIError, _guard_data_errors)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(DomainError, _domain_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Declares a route's error responses so they appear in openapi.yaml (as problem+json, see below)."""
    return {s: {"model": Problem, "description": HTTPStatus(s).phrase} for s in statuses}


PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def problem_json_openapi(spec: dict[str, Any]) -> dict[str, Any]:
    """Every 4xx/5xx response in the spec as `application/problem+json` with the Problem schema: FastAPI
    would list them as application/json, and its default 422 body is not what this API sends."""
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            # What any operation may answer, from api/middleware.py: a body over the cap, the database away.
            if "requestBody" in operation:
                responses.setdefault("413", {"$ref": "#/components/responses/BodyTooLarge"})
            responses.setdefault("503", {"$ref": "#/components/responses/Unavailable"})
            for status, response in responses.items():
                if str(status)[0] in "45" and "$ref" not in response:
                    response["content"] = {PROBLEM_JSON: {"schema": dict(PROBLEM_REF)}}
    problem_content = {PROBLEM_JSON: {"schema": dict(PROBLEM_REF)}}
    spec.setdefault("components", {}).setdefault("responses", {}).update({
        "BodyTooLarge": {"description": "The request body is larger than the server accepts (KEYHOLD_MAX_BODY_BYTES; "
                                        "KEYHOLD_MAX_BATCH_BODY_BYTES for the ERP batches).",
                         "content": problem_content},
        "Unavailable": {"description": "The database is not available at the moment, or the request's work ran out "
                                       "of time; retry after the seconds in Retry-After.",
                        "headers": {"Retry-After": {"schema": {"type": "integer"},
                                                    "description": "Seconds to wait before retrying."}},
                        "content": problem_content},
    })
    schemas = spec.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return spec
