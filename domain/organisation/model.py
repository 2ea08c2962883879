"""Organisation, roles and data scopes (docs/domain.md section 2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.errors import Forbidden


class Role(StrEnum):
    ADMIN = "admin"
    HQ_KEY_ACCOUNT = "hq_key_account"
    STORE_MANAGER = "store_manager"
    ACCOUNT_MANAGER = "account_manager"
    SERVICE_AGENT = "service_agent"
    ANALYST = "analyst"


class OrgUnitKind(StrEnum):
    HEADQUARTERS = "headquarters"
    OPERATIONS_CENTRE = "operations_centre"
    DEPARTMENT = "department"
    REGIONAL_STORE = "regional_store"
    STORE = "store"


class Permission(StrEnum):
    CUSTOMERS_READ = "customers:read"
    CUSTOMERS_WRITE = "customers:write"
    CUSTOMERS_REASSIGN = "customers:reassign"
    USERS_MANAGE = "users:manage"
    USERS_READ = "users:read"
    ORG_UNITS_MANAGE = "org_units:manage"
    # Score models, category rules, tier thresholds: the rules are data administrators change.
    SCORING_MANAGE = "scoring:manage"
    # Approving or returning quarterly score sheets (审核人): store managers and the HQ key-account department.
    SCORE_SHEETS_REVIEW = "score_sheets:review"
    # Business calendars and SLA policies: what complaint timers run on.
    SLA_MANAGE = "sla:manage"
    # The visit plan by tier (cadences, the check-in distance) and the visit outcomes (docs/domain.md section 8).
    VISITS_MANAGE = "visits:manage"


class ScopeKind(StrEnum):
    OWN = "own"
    UNIT = "unit"
    ALL = "all"


_R, _W, _RA = Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE, Permission.CUSTOMERS_REASSIGN
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.HQ_KEY_ACCOUNT: frozenset({_R, _W, _RA, Permission.USERS_READ, Permission.SCORE_SHEETS_REVIEW}),
    Role.STORE_MANAGER: frozenset({_R, _W, _RA, Permission.USERS_READ, Permission.SCORE_SHEETS_REVIEW}),
    Role.ACCOUNT_MANAGER: frozenset({_R, _W}),
    # Service agents handle complaints for their store (or all, when placed at HQ):
    # they read the customer archive but do not edit it.
    Role.SERVICE_AGENT: frozenset({_R}),
    Role.ANALYST: frozenset({_R}),
}

ROLE_SCOPES: dict[Role, ScopeKind] = {
    Role.ADMIN: ScopeKind.ALL,
    Role.HQ_KEY_ACCOUNT: ScopeKind.ALL,
    Role.ANALYST: ScopeKind.ALL,
    Role.STORE_MANAGER: ScopeKind.UNIT,
    Role.SERVICE_AGENT: ScopeKind.UNIT,
    Role.ACCOUNT_MANAGER: ScopeKind.OWN,
}

# Roles that may own customers (be their account manager).
OWNER_ROLES = frozenset({Role.ACCOUNT_MANAGER, Role.STORE_MANAGER, Role.HQ_KEY_ACCOUNT})


@dataclass(frozen=True)
class OrgUnit:
    id: int
    code: str
    name: str
    kind: OrgUnitKind
    parent_id: int | None
    # Materialised path of ids, "1/4/9/": a subtree is every unit whose path starts with this one's.
    path: str

    def contains(self, other: OrgUnit) -> bool:
        return other.path.startswith(self.path)


@dataclass(frozen=True)
class UserRef:
    id: int
    username: str
    display_name: str


@dataclass
class User:
    id: int
    username: str
    display_name: str
    role: Role
    org_unit: OrgUnit
    is_active: bool
    password_hash: str
    token_version: int
    created_at: datetime

    @property
    def ref(self) -> UserRef:
        return UserRef(self.id, self.username, self.display_name)


@dataclass(frozen=True)
class DataScope:
    """Which customers a principal may see and change."""

    kind: ScopeKind
    user_id: int | None = None
    unit_path: str | None = None

    def allows(self, owner_id: int | None, unit_path: str) -> bool:
        if self.kind is ScopeKind.ALL:
            return True
        if self.kind is ScopeKind.UNIT:
            return self.unit_path is not None and unit_path.startswith(self.unit_path)
        return owner_id is not None and owner_id == self.user_id


# What a machine client's API-key scope lets it do through the people's endpoints.
API_SCOPE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "customers:read": frozenset({Permission.CUSTOMERS_READ}),
}


@dataclass(frozen=True)
class Principal:
    """Who is calling: a signed-in person, or a machine client holding an API key."""

    user: User | None = None
    api_key_id: int | None = None
    api_key_name: str | None = None
    api_scopes: frozenset[str] = frozenset()

    @property
    def id(self) -> int | None:
        """The person's id (None for a machine client): what audit rows record as the actor."""
        return self.user.id if self.user else None

    @property
    def role(self) -> Role | None:
        return self.user.role if self.user else None

    def person(self) -> User:
        """The signed-in person; machine clients may not do what only a person does."""
        if self.user is None:
            raise Forbidden("This action needs a signed-in user, not an API key.")
        return self.user

    @property
    def permissions(self) -> frozenset[Permission]:
        if self.user is not None:
            return ROLE_PERMISSIONS[self.user.role]
        granted: set[Permission] = set()
        for scope in self.api_scopes:
            granted |= API_SCOPE_PERMISSIONS.get(scope, frozenset())
        return frozenset(granted)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        """Raises Forbidden unless the caller's role (or API key) grants the permission."""
        if not self.can(permission):
            raise Forbidden(f"Your role ({self.role}) may not do this ({permission}).")

    @property
    def scope(self) -> DataScope:
        if self.user is None:
            return DataScope(ScopeKind.ALL)  # integrations act for the whole company
        kind = ROLE_SCOPES[self.user.role]
        if kind is ScopeKind.OWN:
            return DataScope(kind, user_id=self.user.id)
        if kind is ScopeKind.UNIT:
            return DataScope(kind, unit_path=self.user.org_unit.path)
        return DataScope(kind)
