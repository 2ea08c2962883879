"""The SPA's form checks against the server's validation: each file in validation_cases/ is the one list of cases
(a request body, and whether it is valid or which field is refused) that this test runs through the server's
validation (the request schema, then the domain's rules) and the SPA's vitest runs through its TypeScript check
(frontend/src/lib/validationCases.ts names those tests). A case that fails on one side means the copies drifted."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from api.schemas.common import field_name
from api.schemas.loyalty import LoyaltySettingsRead, LoyaltySettingsUpdate
from api.schemas.scoring import ScoreModelCreate
from api.schemas.sla import CalendarWrite, PolicyWrite
from api.schemas.tiering import CategoryRulesWrite, TierSettingsUpdate
from domain.errors import FieldError, RuleViolation
from domain.loyalty.model import LoyaltySettings
from domain.scoring.model import model_problems
from domain.tiering.model import rule_problems

CASES = Path(__file__).parent / "validation_cases"


def _calendar(body: CalendarWrite) -> list[FieldError]:
    return body.to_domain().problems()


def _policy(body: PolicyWrite) -> list[FieldError]:
    return body.to_domain().problems()


def _tier_settings(body: TierSettingsUpdate) -> list[FieldError]:
    return body.to_domain().problems()


def _loyalty_settings(body: LoyaltySettingsUpdate) -> list[FieldError]:
    return body.to_domain().problems()


def _category_rules(body: CategoryRulesWrite) -> list[FieldError]:
    return rule_problems(body.to_domain())


def _score_model(body: ScoreModelCreate) -> list[FieldError]:
    return model_problems(body.to_domain())


def _with_segment_rules(raw: dict[str, Any]) -> dict[str, Any]:
    defaults = LoyaltySettingsRead.of(LoyaltySettings()).model_dump(mode="json")
    return {**raw, "segment_rules": defaults["segment_rules"]}


Rules = Callable[[Any], list[FieldError]]
Complete = Callable[[dict[str, Any]], dict[str, Any]]
# Each file's request schema, the domain rules the use case applies to it, and how the body is completed.
SERVER: dict[str, tuple[type[BaseModel], Rules, Complete]] = {
    "sla_calendar": (CalendarWrite, _calendar, dict),
    "sla_policy": (PolicyWrite, _policy, dict),
    "tier_settings": (TierSettingsUpdate, _tier_settings, dict),
    "loyalty_settings": (LoyaltySettingsUpdate, _loyalty_settings, _with_segment_rules),
    "category_rules": (CategoryRulesWrite, _category_rules, dict),
    "score_model": (ScoreModelCreate, _score_model, dict),
}


def server_fields(name: str, raw: dict[str, Any]) -> list[str]:
    """The fields the server's 422 would name for the body (none: it is accepted)."""
    schema, rules, complete = SERVER[name]
    try:
        body = schema.model_validate_json(json.dumps(complete(raw)))
    except ValidationError as exc:
        return [field_name(tuple(e["loc"])) for e in exc.errors()]
    try:
        return [e.field for e in rules(body)]
    except RuleViolation as exc:
        return [e.field for e in exc.errors]


def within(field: str, expected: str) -> bool:
    return field == expected or field.startswith(f"{expected}.")


def _cases() -> list[Any]:
    found = []
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            found.append(pytest.param(path.stem, case, id=f"{path.stem}: {case['case']}"))
    return found


def test_every_file_has_a_server_check() -> None:
    assert {p.stem for p in CASES.glob("*.json")} == set(SERVER)


@pytest.mark.parametrize(("name", "case"), _cases())
def test_the_server_decides_each_case_as_recorded(name: str, case: dict[str, Any]) -> None:
    fields = server_fields(name, case["input"])
    if case.get("valid"):
        assert fields == []
    else:
        assert fields, "the server accepts it"
        assert all(within(f, case["field"]) for f in fields), fields
