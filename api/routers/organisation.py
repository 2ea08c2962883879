"""Org units and users (administration)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentClock, CurrentPrincipal, Hasher, Uow
from api.errors import problem_responses
from api.schemas.common import CURSOR, LIMIT, Items, Page, PathId
from api.schemas.organisation import OrgUnitCreate, OrgUnitRead, PasswordReset, UserCreate, UserRead
from domain.organisation import service as org
from domain.organisation.model import Role
from domain.paging import PageRequest

router = APIRouter(tags=["organisation"])


@router.get("/org-units", response_model=Items[OrgUnitRead], operation_id="organisation-list-org-units",
            responses=problem_responses(401))
async def list_org_units(principal: CurrentPrincipal, uow: Uow) -> Items[OrgUnitRead]:
    """The company's tree: HQ, operations centre, departments, regional centre stores, stores."""
    units = await org.list_org_units(uow)
    by_id = {u.id: u for u in units}
    return Items(items=[OrgUnitRead.of(u, by_id) for u in units])


@router.post("/org-units", response_model=OrgUnitRead, status_code=201, operation_id="organisation-create-org-unit",
             responses=problem_responses(401, 403, 409, 422))
async def create_org_unit(body: OrgUnitCreate, principal: CurrentPrincipal, uow: Uow,
                          clock: CurrentClock) -> OrgUnitRead:
    """Adds a unit under `parent_code` (admins only)."""
    unit = await org.create_org_unit(uow, principal, code=body.code, name=body.name, kind=body.kind,
                                     parent_code=body.parent_code, clock=clock)
    return OrgUnitRead(id=unit.id, code=unit.code, name=unit.name, kind=unit.kind, parent_code=body.parent_code)


@router.get("/users", response_model=Page[UserRead], operation_id="organisation-list-users",
            responses=problem_responses(401, 403, 422))
async def list_users(
    principal: CurrentPrincipal, uow: Uow,
    role: Role | None = None, org_unit_code: Annotated[str | None, Query(max_length=50)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None, is_active: bool | None = None,
    limit: LIMIT = 50, cursor: CURSOR = None,
) -> Page[UserRead]:
    """Users by username; store managers see their own stores' staff."""
    page = await org.list_users(uow, principal, role=role, org_unit_code=org_unit_code, q=q, is_active=is_active,
                                page=PageRequest(limit, cursor))
    return Page(items=[UserRead.of(u) for u in page.items], next_cursor=page.next_cursor)


@router.post("/users", response_model=UserRead, status_code=201, operation_id="organisation-create-user",
             responses=problem_responses(401, 403, 409, 422))
async def create_user(body: UserCreate, principal: CurrentPrincipal, uow: Uow, hasher: Hasher,
                      clock: CurrentClock) -> UserRead:
    """A new user (admins only). Passwords: at least 10 characters, not only letters or only digits."""
    user = await org.create_user(uow, principal, hasher, username=body.username, password=body.password,
                                 role=body.role, org_unit_code=body.org_unit_code, display_name=body.display_name,
                                 clock=clock)
    return UserRead.of(user)


@router.post("/users/{user_id}/disable", response_model=UserRead, operation_id="organisation-disable-user",
             responses=problem_responses(401, 403, 404, 422))
async def disable_user(user_id: PathId, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock) -> UserRead:
    """Disables sign-in at once (open sessions end); the user's customers stay until reassigned."""
    return UserRead.of(await org.set_user_active(uow, principal, user_id, False, clock=clock))


@router.post("/users/{user_id}/enable", response_model=UserRead, operation_id="organisation-enable-user",
             responses=problem_responses(401, 403, 404))
async def enable_user(user_id: PathId, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock) -> UserRead:
    """Lets a disabled user sign in again."""
    return UserRead.of(await org.set_user_active(uow, principal, user_id, True, clock=clock))


@router.post("/users/{user_id}/password", status_code=204, operation_id="organisation-reset-password",
             responses=problem_responses(401, 403, 404, 422))
async def reset_password(user_id: PathId, body: PasswordReset, principal: CurrentPrincipal, uow: Uow, hasher: Hasher,
                         clock: CurrentClock) -> None:
    """Sets a new password (admins only); the user's open sessions end."""
    await org.reset_password(uow, principal, hasher, user_id, body.password, clock=clock)
