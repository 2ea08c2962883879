"""FieldErrors, the one way a use case gathers field errors: its own checks and a rule function's list, all
reported at once."""

from __future__ import annotations

import pytest

from domain.errors import FieldError, FieldErrors, RuleViolation


def test_collects_its_own_and_a_rule_functions_errors_in_order_and_raises_them_together() -> None:
    errors = FieldErrors()
    assert not errors
    errors.raise_if_any()  # nothing collected: no error
    errors.add("name", "a unit needs a name")
    errors.extend([FieldError("lines.0.quantity", "must be positive")])
    assert errors
    with pytest.raises(RuleViolation) as raised:
        errors.raise_if_any()
    assert raised.value.errors == [FieldError("name", "a unit needs a name"),
                                   FieldError("lines.0.quantity", "must be positive")]


def test_starts_from_a_rule_functions_list() -> None:
    errors = FieldErrors([FieldError("warn_percent", "between 1 and 99")])
    errors.add("calendar_id", "no such calendar")
    assert [e.field for e in errors.errors] == ["warn_percent", "calendar_id"]
