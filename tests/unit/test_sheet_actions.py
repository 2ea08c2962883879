"""What a caller may do to a score sheet (`available_actions`): every action from every status for each kind of
caller, and the use cases' own check (`require_action`) agrees with it and says why not."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from domain.errors import Conflict, Forbidden
from domain.organisation.model import OrgUnit, OrgUnitKind, Principal, Role, User, UserRef
from domain.scoring.model import (
    CustomerRef,
    Quarter,
    ScoreSheet,
    SheetAction,
    SheetStatus,
    available_actions,
    require_action,
)

AT = datetime(2026, 4, 1, tzinfo=UTC)
UNIT = OrgUnit(1, "HQ", "总部", OrgUnitKind.HEADQUARTERS, None, "1/")


def person(user_id: int, role: Role) -> Principal:
    return Principal(user=User(user_id, f"u{user_id}", f"User {user_id}", role, UNIT, True, "x", 0, AT))


AM, SM, HQ, ANALYST, AGENT = (person(8, Role.ACCOUNT_MANAGER), person(5, Role.STORE_MANAGER),
                              person(6, Role.HQ_KEY_ACCOUNT), person(9, Role.ANALYST), person(10, Role.SERVICE_AGENT))
MACHINE_READER = Principal(api_key_id=1, api_key_name="bi", api_scopes=frozenset({"customers:read"}))


def sheet(status: SheetStatus, filled_by: int | None = None) -> ScoreSheet:
    filler = UserRef(filled_by, f"u{filled_by}", "Filler") if filled_by is not None else None
    return ScoreSheet(1, CustomerRef(3, "C003", "金陵饭店", "hotel", None), Quarter(2026, 1), 1, status, {}, {}, {},
                      None, AT, 1, AT, filled_by=filler)


EDIT_SUBMIT = [SheetAction.EDIT, SheetAction.SUBMIT]
REVIEW = [SheetAction.APPROVE, SheetAction.RETURN]


@pytest.mark.parametrize(("the_sheet", "caller", "expected"), [
    # Drafts and returned sheets: anyone who writes customers edits and submits; nobody reviews them.
    (sheet(SheetStatus.DRAFT), AM, EDIT_SUBMIT),
    (sheet(SheetStatus.DRAFT), SM, EDIT_SUBMIT),
    (sheet(SheetStatus.RETURNED, filled_by=8), AM, EDIT_SUBMIT),
    (sheet(SheetStatus.RETURNED, filled_by=8), SM, EDIT_SUBMIT),
    (sheet(SheetStatus.DRAFT), ANALYST, []),
    (sheet(SheetStatus.DRAFT), AGENT, []),
    (sheet(SheetStatus.DRAFT), MACHINE_READER, []),
    # Submitted: a reviewer who did not fill it approves or returns; nobody edits it.
    (sheet(SheetStatus.SUBMITTED, filled_by=8), SM, REVIEW),
    (sheet(SheetStatus.SUBMITTED, filled_by=8), HQ, REVIEW),
    (sheet(SheetStatus.SUBMITTED, filled_by=5), SM, []),
    (sheet(SheetStatus.SUBMITTED, filled_by=8), AM, []),
    (sheet(SheetStatus.SUBMITTED, filled_by=8), ANALYST, []),
    # Approved: done for everyone.
    (sheet(SheetStatus.APPROVED, filled_by=8), SM, []),
    (sheet(SheetStatus.APPROVED, filled_by=8), AM, []),
])
def test_available_actions(the_sheet: ScoreSheet, caller: Principal, expected: list[SheetAction]) -> None:
    assert available_actions(the_sheet, caller) == expected


CALLERS = [AM, SM, HQ, ANALYST, AGENT, MACHINE_READER]
SHEETS = [sheet(SheetStatus.DRAFT), sheet(SheetStatus.RETURNED, filled_by=8), sheet(SheetStatus.SUBMITTED, filled_by=8),
          sheet(SheetStatus.SUBMITTED, filled_by=5), sheet(SheetStatus.APPROVED, filled_by=8)]


@pytest.mark.parametrize("action", list(SheetAction))
@pytest.mark.parametrize("the_sheet", SHEETS)
@pytest.mark.parametrize("caller", CALLERS)
def test_the_use_cases_check_is_the_same_rule(caller: Principal, the_sheet: ScoreSheet, action: SheetAction) -> None:
    """An action the sheet offers passes the use case's check; any other is refused (so the SPA never shows a
    button the server refuses, nor hides one it allows)."""
    if action in available_actions(the_sheet, caller):
        require_action(the_sheet, caller, action)
    else:
        with pytest.raises((Forbidden, Conflict)):
            require_action(the_sheet, caller, action)


@pytest.mark.parametrize(("the_sheet", "caller", "action", "error", "message"), [
    (sheet(SheetStatus.DRAFT), ANALYST, SheetAction.EDIT, Forbidden, "may not do this (customers:write)"),
    (sheet(SheetStatus.SUBMITTED, filled_by=8), AM, SheetAction.SUBMIT, Conflict, "A submitted sheet cannot"),
    (sheet(SheetStatus.APPROVED, filled_by=8), SM, SheetAction.EDIT, Conflict, "A approved sheet cannot be changed"),
    (sheet(SheetStatus.SUBMITTED, filled_by=8), AM, SheetAction.APPROVE, Forbidden, "(score_sheets:review)"),
    (sheet(SheetStatus.SUBMITTED, filled_by=5), SM, SheetAction.RETURN, Forbidden, "someone else reviews it"),
    (sheet(SheetStatus.APPROVED, filled_by=5), SM, SheetAction.APPROVE, Forbidden, "someone else reviews it"),
    (sheet(SheetStatus.DRAFT), SM, SheetAction.APPROVE, Conflict, "this one is draft"),
])
def test_a_refusal_says_why(the_sheet: ScoreSheet, caller: Principal, action: SheetAction,
                            error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        require_action(the_sheet, caller, action)
