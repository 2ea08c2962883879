"""Sign-in, sign-out, password change, the signed-in user, public settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Response
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import (
    SESSION_COOKIE,
    AppSettings,
    ClientAddress,
    CurrentClock,
    CurrentPrincipal,
    Hasher,
    Pseudonym,
    SessionToken,
    Uow,
)
from api.errors import problem_responses
from api.schemas.organisation import MeRead, PasswordChange, PublicSettings, Token
from api.security import issue_access_token, read_access_token
from domain.organisation import auth as auth
from domain.organisation.model import User
from domain.ports import Clock
from repositories.settings import Settings

router = APIRouter(tags=["auth"])

# Longer is not a username or password of this server: refused (422) before any work.
MAX_USERNAME_LENGTH = 128
MAX_PASSWORD_LENGTH = 1024


class SignInForm(OAuth2PasswordRequestForm):
    """The OAuth2 password form with bounded lengths."""

    def __init__(
        self,
        *,
        grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
        username: Annotated[str, Form(min_length=1, max_length=MAX_USERNAME_LENGTH)],
        password: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH, json_schema_extra={"format": "password"})],
        scope: Annotated[str, Form(max_length=MAX_USERNAME_LENGTH)] = "",
        client_id: Annotated[str | None, Form(max_length=MAX_USERNAME_LENGTH)] = None,
        client_secret: Annotated[str | None, Form(max_length=MAX_PASSWORD_LENGTH,
                                                   json_schema_extra={"format": "password"})] = None,
    ) -> None:
        super().__init__(grant_type=grant_type, username=username, password=password, scope=scope,
                         client_id=client_id, client_secret=client_secret)


@router.post("/auth/token", response_model=Token, operation_id="auth-token",
             responses=problem_responses(401, 422, 429))
async def token(
    form: Annotated[SignInForm, Depends()], response: Response, uow: Uow, hasher: Hasher,
    settings: AppSettings, clock: CurrentClock, client: ClientAddress, pseudonym: Pseudonym,
) -> Token:
    """OAuth2 password flow. Also sets an httpOnly session cookie for the SPA. After five failures for an
    account from one client address, further attempts from there wait 2, 4, 8 ... seconds up to 15 minutes
    (429 with Retry-After); failures across accounts from one address and across addresses for one account are
    limited too, but the right password from an address that has not failed still works. 429 with Retry-After
    also when too many sign-ins are being checked at once."""
    user = await auth.authenticate(uow, hasher, form.username, form.password, client=client, pseudonym=pseudonym,
                                   clock=clock)
    return _start_session(user, response, settings, clock)


@router.post("/auth/logout", status_code=204, operation_id="auth-logout", responses=problem_responses(403))
async def logout(response: Response, token: SessionToken, uow: Uow, settings: AppSettings,
                 clock: CurrentClock) -> Response:
    """Signs out: the call's session token (bearer or cookie) stops working at once, and the SPA's session
    cookie is cleared. Without a valid session there is nothing to end, and the answer is the same."""
    session = read_access_token(token, secret=settings.secret_key, now=clock.now()) if token else None
    if session is not None:
        await auth.end_session(uow, session.session_id, session.expires_at, clock=clock)
    response.delete_cookie(SESSION_COOKIE, path="/api")
    response.status_code = 204
    return response


@router.post("/auth/password", response_model=Token, operation_id="auth-change-password",
             responses=problem_responses(401, 403, 422, 429))
async def change_password(
    body: PasswordChange, principal: CurrentPrincipal, response: Response, uow: Uow, hasher: Hasher,
    settings: AppSettings, clock: CurrentClock, client: ClientAddress, pseudonym: Pseudonym,
) -> Token:
    """Changes the signed-in person's password, given the current one (wrong tries are throttled like
    signing in). Every other session of the person ends; this one goes on with the new token returned (and
    set as the SPA's cookie)."""
    user = await auth.change_password(uow, principal, hasher, current_password=body.current_password,
                                      new_password=body.new_password, client=client, pseudonym=pseudonym,
                                      clock=clock)
    return _start_session(user, response, settings, clock)


def _start_session(user: User, response: Response, settings: Settings, clock: Clock) -> Token:
    access_token = issue_access_token(user, secret=settings.secret_key, minutes=settings.access_token_minutes,
                                      now=clock.now())
    response.set_cookie(SESSION_COOKIE, access_token, max_age=settings.access_token_minutes * 60, httponly=True,
                        samesite="strict", secure=settings.cookie_secure, path="/api")
    return Token(access_token=access_token)


@router.get("/me", response_model=MeRead, operation_id="auth-me", responses=problem_responses(401, 403))
async def me(principal: CurrentPrincipal) -> MeRead:
    """The signed-in user with their permissions and data scope."""
    return MeRead.of_principal(principal)


@router.get("/settings/public", response_model=PublicSettings, operation_id="settings-public")
async def public_settings(settings: AppSettings) -> PublicSettings:
    """What the SPA needs before sign-in: company name, time zone, default language, currency."""
    return PublicSettings(company_name=settings.company_name, time_zone=settings.time_zone,
                          default_locale=settings.default_locale, currency=settings.currency)
