"""Users, org units, the signed-in user, API keys."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from api.schemas.common import OrgUnitRef, ShortText, StrictModel, UnitCode
from domain.organisation.model import OrgUnit, OrgUnitKind, Principal, Role, User
from domain.organisation.service import ORG_UNIT_CODE_PATTERN, USERNAME_PATTERN

Password = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class OrgUnitRead(BaseModel):
    id: int
    code: str
    name: str
    kind: OrgUnitKind
    parent_code: str | None

    @classmethod
    def of(cls, unit: OrgUnit, by_id: dict[int, OrgUnit]) -> OrgUnitRead:
        parent = by_id.get(unit.parent_id) if unit.parent_id else None
        return cls(id=unit.id, code=unit.code, name=unit.name, kind=unit.kind,
                   parent_code=parent.code if parent else None)


class OrgUnitCreate(StrictModel):
    code: Annotated[str, StringConstraints(strip_whitespace=True, pattern=ORG_UNIT_CODE_PATTERN)]
    name: ShortText
    parent_code: UnitCode | None = None
    kind: OrgUnitKind = OrgUnitKind.STORE


class UserRead(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    org_unit: OrgUnitRef
    is_active: bool
    created_at: datetime

    @classmethod
    def of(cls, u: User) -> UserRead:
        return cls(id=u.id, username=u.username, display_name=u.display_name, role=u.role,
                   org_unit=OrgUnitRef(id=u.org_unit.id, code=u.org_unit.code, name=u.org_unit.name),
                   is_active=u.is_active, created_at=u.created_at)


class MeRead(UserRead):
    permissions: list[str]
    data_scope: str = Field(description="own, unit or all: which customers this user sees.")

    @classmethod
    def of_principal(cls, principal: Principal) -> MeRead:
        user = principal.person()
        base = UserRead.of(user)
        return cls(**base.model_dump(), permissions=sorted(str(p) for p in principal.permissions),
                   data_scope=str(principal.scope.kind))


class UserCreate(StrictModel):
    username: Annotated[str, StringConstraints(strip_whitespace=True, pattern=USERNAME_PATTERN)]
    password: Password
    role: Role
    org_unit_code: UnitCode
    display_name: ShortText | None = None


class PasswordReset(StrictModel):
    password: Password


class PasswordChange(StrictModel):
    current_password: Password
    new_password: Password


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret


class PublicSettings(BaseModel):
    company_name: str
    time_zone: str
    default_locale: str
    currency: str = Field(description="The one currency revenue is kept in (ISO 4217), e.g. CNY.")
