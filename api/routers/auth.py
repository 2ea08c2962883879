"""Sign-in, sign-out, the signed-in user, public settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import SESSION_COOKIE, AppSettings, CurrentClock, CurrentPrincipal, Hasher, Uow
from api.errors import problem_responses
from api.schemas.organisation import MeRead, PublicSettings, Token
from api.security import issue_access_token
from domain.services import auth

router = APIRouter(tags=["auth"])


@router.post("/auth/token", response_model=Token, operation_id="auth-token",
             responses=problem_responses(401, 422, 429))
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], response: Response, uow: Uow, hasher: Hasher,
    settings: AppSettings, clock: CurrentClock,
) -> Token:
    """OAuth2 password flow. Also sets an httpOnly session cookie for the SPA. After five consecutive
    failures for a username, further attempts wait 2, 4, 8 ... seconds (429 with Retry-After)."""
    user = await auth.authenticate(uow, hasher, form.username, form.password, clock=clock)
    access_token = issue_access_token(user, secret=settings.secret_key, minutes=settings.access_token_minutes,
                                      now=clock.now())
    response.set_cookie(SESSION_COOKIE, access_token, max_age=settings.access_token_minutes * 60, httponly=True,
                        samesite="strict", secure=settings.cookie_secure, path="/api")
    return Token(access_token=access_token)


@router.post("/auth/logout", status_code=204, operation_id="auth-logout")
async def logout(response: Response) -> Response:
    """Clears the SPA's session cookie."""
    response.delete_cookie(SESSION_COOKIE, path="/api")
    response.status_code = 204
    return response


@router.get("/me", response_model=MeRead, operation_id="auth-me", responses=problem_responses(401, 403))
async def me(principal: CurrentPrincipal) -> MeRead:
    """The signed-in user with their permissions and data scope."""
    return MeRead.of_principal(principal)


@router.get("/settings/public", response_model=PublicSettings, operation_id="settings-public")
async def public_settings(settings: AppSettings) -> PublicSettings:
    """What the SPA needs before sign-in: company name, time zone, default language."""
    return PublicSettings(company_name=settings.company_name, time_zone=settings.time_zone,
                          default_locale=settings.default_locale)
