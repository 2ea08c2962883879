"""Per-request wiring: settings, clock, unit of work, and the calling principal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Header, Request, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.security import (
    Argon2PasswordHasher,
    api_key_matches,
    api_key_prefix,
    pseudonym,
    read_access_token,
)
from domain.errors import FieldError, Forbidden, RuleViolation, Unauthenticated
from domain.organisation.model import Principal
from domain.ports import Clock, UnitOfWork
from repositories.settings import Settings
from repositories.uow import sql_unit_of_work

SESSION_COOKIE = "keyhold_session"
CSRF_HEADER = "X-Requested-With"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LAST_USED_PRECISION = timedelta(minutes=1)

_bearer = HTTPBearer(auto_error=False, description="Access token from POST /api/v1/auth/token")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key of a machine client")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def get_hasher(request: Request) -> Argon2PasswordHasher:
    hasher: Argon2PasswordHasher = request.app.state.hasher
    return hasher


def get_uow(request: Request) -> UnitOfWork:
    return sql_unit_of_work(request.app.state.session_factory)


def client_address(request: Request) -> str:
    """The caller's address as the ASGI server reports it (behind a proxy: as uvicorn's forwarded-headers
    settings decide)."""
    return request.client.host if request.client else "unknown"


def get_pseudonym(request: Request) -> Callable[[str], str]:
    pseudonymise: Callable[[str], str] = pseudonym(request.app.state.settings.secret_key)
    return pseudonymise


def session_token(
    request: Request, bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> str | None:
    """The access token of the call: the bearer token, or the SPA's session cookie."""
    if bearer:
        return bearer.credentials
    token = request.cookies.get(SESSION_COOKIE)
    # The cookie is sent by the browser on its own: unsafe methods must also carry a header
    # that a cross-site form cannot set (CSRF protection).
    if token is not None and request.method not in SAFE_METHODS and CSRF_HEADER not in request.headers:
        raise Forbidden(f"Cookie-authenticated changes need the {CSRF_HEADER} header.")
    return token


async def get_principal(
    token: Annotated[str | None, Depends(session_token)],
    api_key: Annotated[str | None, Depends(_api_key)],
    uow: Annotated[UnitOfWork, Depends(get_uow)],
    settings: Annotated[Settings, Depends(get_settings)],
    clock: Annotated[Clock, Depends(get_clock)],
) -> Principal:
    """A person (bearer token or the SPA's session cookie) or a machine client (X-API-Key)."""
    if api_key:
        return await _machine_principal(api_key, uow, clock)
    if token is None:
        raise Unauthenticated("Sign in first.")
    session = read_access_token(token, secret=settings.secret_key, now=clock.now())
    if session is None:
        raise Unauthenticated("The session has expired or is invalid; sign in again.")
    async with uow:
        # The user and whether the session was ended by signing out, in one round trip.
        user = await uow.sessions.user_of_session(session.user_id, session.session_id)
    if user is None or not user.is_active or user.token_version != session.token_version:
        raise Unauthenticated("The session has expired or is invalid; sign in again.")
    return Principal(user=user)


async def _machine_principal(key: str, uow: UnitOfWork, clock: Clock) -> Principal:
    prefix = api_key_prefix(key)
    if prefix is None:
        raise Unauthenticated("Unknown API key.")
    async with uow:
        found = await uow.api_keys.find_by_prefix(prefix)
        if found is None or not found[0].is_active or not api_key_matches(key, found[1]):
            raise Unauthenticated("Unknown or revoked API key.")
        api_key, now = found[0], clock.now()
        # "Last used" to the minute: a busy integration need not write the key's row on every request.
        if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_PRECISION:
            await uow.api_keys.touch(api_key.id, now)
            await uow.commit()
    return Principal(api_key_id=api_key.id, api_key_name=api_key.name, api_scopes=api_key.scopes)


def if_match_version(if_match: Annotated[str | None, Header(alias="If-Match")] = None) -> int | None:
    """The version an edit is based on, from `If-Match: 3` or `If-Match: "3"`."""
    if if_match is None:
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise RuleViolation([FieldError("If-Match", "send the version number you edited, e.g. \"3\"")])
    return int(value)


def set_etag(response: Response, version: int) -> None:
    """The ETag of an editable resource: its version, quoted, which `If-Match` (`ExpectedVersion`) takes back."""
    response.headers["ETag"] = f'"{version}"'


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
Uow = Annotated[UnitOfWork, Depends(get_uow)]
CurrentClock = Annotated[Clock, Depends(get_clock)]
AppSettings = Annotated[Settings, Depends(get_settings)]
ExpectedVersion = Annotated[int | None, Depends(if_match_version)]
Hasher = Annotated[Argon2PasswordHasher, Depends(get_hasher)]
ClientAddress = Annotated[str, Depends(client_address)]
Pseudonym = Annotated[Callable[[str], str], Depends(get_pseudonym)]
SessionToken = Annotated[str | None, Depends(session_token)]
