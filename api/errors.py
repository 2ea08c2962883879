"""RFC 9457 problem+json for every error; one table from domain error to status.

Problems speak the request's language (Accept-Language; English without one, for machine clients): title,
detail and field messages through api/messages.py, with Content-Language saying which."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import messages
from api.messages import Locale
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
    message: str = Field(description="For people, in the request's language (Accept-Language).")
    code: str = Field(description="What is wrong, stable across languages and rewordings, for clients to switch on: "
                                  "pydantic's error type (`missing`, `string_too_short`, `enum` ...) or the "
                                  "business rule's (`must_not_be_negative`).",
                      examples=["string_too_short"])


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[ProblemFieldError] | None = None
    # On server-side failures: the id of the log line that tells what happened.
    request_id: str | None = None


def request_locale(request: Request | None) -> Locale:
    return messages.negotiate(request.headers.get("accept-language") if request is not None else None)


def problem_response(status: int, detail: str | None, errors: list[dict[str, str]] | None = None,
                     headers: dict[str, str] | None = None, *, request: Request | None = None) -> JSONResponse:
    """A problem in the language `request` asks for (English without one). `detail` is the English the code
    writes; `errors` carry their message already in that language (see field_problem)."""
    locale = request_locale(request)
    phrase = HTTPStatus(status).phrase
    slug = phrase.lower().replace(" ", "-").replace("'", "")
    if detail == phrase:  # Starlette's own details ("Not Found", "Method Not Allowed") are the phrase
        detail = messages.title(status, locale)
    body: dict[str, Any] = {
        "type": f"/problems/{slug}",
        "title": messages.title(status, locale),
        "status": status,
        "detail": messages.localize_message(detail, locale) if detail else detail,
    }
    if errors is not None:
        body["errors"] = errors
    headers = {**(headers or {}), "Content-Language": locale, "Vary": "Accept-Language"}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def field_problem(field: str, message: str, locale: Locale) -> dict[str, str]:
    """A domain field error (English message) in the locale, with its code."""
    return {"field": field, "message": messages.localize_message(message, locale), "code": messages.field_code(message)}


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    locale = request_locale(request)
    errors = [{"field": field_name(tuple(e.get("loc", ()))), "message": messages.localize_pydantic(e, locale),
               "code": messages.pydantic_code(e)} for e in exc.errors()]
    return problem_response(422, "The request has invalid fields.", errors, request=request)


async def _domain_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    status = next((s for cls, s in ERROR_STATUS.items() if isinstance(exc, cls)), 400)
    headers: dict[str, str] = {}
    errors = None
    if isinstance(exc, RuleViolation):
        locale = request_locale(request)
        errors = [field_problem(e.field, e.message, locale) for e in exc.errors]
    if isinstance(exc, TooManyAttempts):
        headers["Retry-After"] = str(exc.retry_after_seconds)
    if isinstance(exc, Unauthenticated):
        headers["WWW-Authenticate"] = "Bearer"
    return problem_response(status, exc.detail, errors, headers or None, request=request)


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        # FastAPI answers 400 when a body cannot be decoded at all (not UTF-8, a broken form): to the client it
        # is one more invalid field, the body, and this API says that with 422 everywhere.
        return problem_response(422, "The request body cannot be read: send UTF-8 JSON (or the form the "
                                     "operation documents).",
                                [field_problem("body", "not readable", request_locale(request))], request=request)
    return problem_response(exc.status_code, str(exc.detail) if exc.detail else None,
                            headers=dict(exc.headers) if exc.headers else None, request=request)


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


async def _data_error_handler(request: Request, exc: Exception) -> JSONResponse:
    # The database refused a value the request carried (e.g. a NUL character in a query parameter):
    # bad input, not a server fault. Other database errors stay 500s.
    return problem_response(422, "A value in the request cannot be stored or searched for; check the input.",
                            request=request)


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
