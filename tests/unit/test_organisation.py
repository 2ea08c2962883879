"""Roles, permissions and data scopes (docs/domain.md section 2), without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import Forbidden
from domain.organisation.model import (
    ROLE_PERMISSIONS,
    DataScope,
    OrgUnit,
    OrgUnitKind,
    Permission,
    Principal,
    Role,
    ScopeKind,
    User,
)
from domain.organisation.service import password_problem
from domain.organisation.signin import FREE_FAILURES_PER_ACCOUNT_AND_CLIENT as FREE_ATTEMPTS
from domain.organisation.signin import MAX_BLOCK, block_after

SH = OrgUnit(id=4, code="SH", name="上海区域中心店", kind=OrgUnitKind.REGIONAL_STORE, parent_id=1, path="1/4/")


def _user(role: Role, unit: OrgUnit = SH, user_id: int = 7) -> User:
    return User(id=user_id, username="u", display_name="U", role=role, org_unit=unit, is_active=True,
                token_version=1, password_hash="x", created_at=datetime(2026, 1, 1, tzinfo=UTC))


def test_unit_scope_covers_the_subtree_and_not_lookalike_paths() -> None:
    scope = DataScope(ScopeKind.UNIT, unit_path="1/4/")
    assert scope.allows(None, "1/4/")
    assert scope.allows(3, "1/4/9/")
    assert not scope.allows(3, "1/41/")  # a sibling whose id starts with the same digit
    assert not scope.allows(3, "1/")


def test_own_scope_is_the_owner_only() -> None:
    scope = DataScope(ScopeKind.OWN, user_id=7)
    assert scope.allows(7, "1/4/")
    assert not scope.allows(8, "1/4/")
    assert not scope.allows(None, "1/4/")


@pytest.mark.parametrize(("role", "kind"), [
    (Role.ACCOUNT_MANAGER, ScopeKind.OWN), (Role.STORE_MANAGER, ScopeKind.UNIT), (Role.SERVICE_AGENT, ScopeKind.UNIT),
    (Role.HQ_KEY_ACCOUNT, ScopeKind.ALL), (Role.ANALYST, ScopeKind.ALL), (Role.ADMIN, ScopeKind.ALL),
])
def test_each_role_has_the_specs_scope(role: Role, kind: ScopeKind) -> None:
    scope = Principal(user=_user(role)).scope
    assert scope.kind is kind
    if kind is ScopeKind.OWN:
        assert scope.user_id == 7
    if kind is ScopeKind.UNIT:
        assert scope.unit_path == "1/4/"


def test_read_only_roles_cannot_write_and_only_admins_manage_users() -> None:
    assert Permission.CUSTOMERS_WRITE not in ROLE_PERMISSIONS[Role.ANALYST]
    assert Permission.CUSTOMERS_WRITE not in ROLE_PERMISSIONS[Role.SERVICE_AGENT]
    assert Permission.CUSTOMERS_REASSIGN not in ROLE_PERMISSIONS[Role.ACCOUNT_MANAGER]
    managers = [r for r, perms in ROLE_PERMISSIONS.items() if Permission.USERS_MANAGE in perms]
    assert managers == [Role.ADMIN]


def test_api_key_principal_gets_only_its_scopes() -> None:
    machine = Principal(api_key_id=1, api_key_name="erp", api_scopes=frozenset({"customers:read", "bogus"}))
    assert machine.permissions == frozenset({Permission.CUSTOMERS_READ})
    assert machine.scope.kind is ScopeKind.ALL
    assert machine.id is None
    with pytest.raises(Forbidden):
        machine.person()


def test_login_delay_grows_and_is_capped() -> None:
    assert all(block_after(n) is None for n in range(FREE_ATTEMPTS))
    delays = [block_after(n) for n in range(FREE_ATTEMPTS, FREE_ATTEMPTS + 4)]
    assert delays == [timedelta(seconds=s) for s in (2, 4, 8, 16)]
    assert block_after(FREE_ATTEMPTS + 40) == MAX_BLOCK


@pytest.mark.parametrize(("password", "ok"), [
    ("short1", False), ("onlyletterslong", False), ("12345678901234", False), ("keyhold-demo", True),
    ("correct horse 9", True),
])
def test_password_rules(password: str, ok: bool) -> None:
    assert (password_problem(password) is None) is ok
