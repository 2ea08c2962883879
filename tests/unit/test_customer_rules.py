"""Customer archive rules (docs/domain.md section 3), without a database."""

from __future__ import annotations

import pytest

from api.demo.content import uscc_check_char
from domain.customers.model import (
    diff,
    merge_patch,
    phone_problem,
    registration_id_problem,
    validate_contact_fields,
    validate_customer_fields,
)
from domain.errors import RuleViolation


@pytest.mark.parametrize("phone", ["13812345678", "+8613812345678", "021-62345678", "0571 8888 1234",
                                   "021-62345678-801", "+85221234567", "(021)62345678"])
def test_valid_phones(phone: str) -> None:
    assert phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["12ab", "12345", "23812345678", "1381234567", "abc-defg-hijk", ""])
def test_invalid_phones(phone: str) -> None:
    assert phone_problem(phone)


def test_registration_ids() -> None:
    assert registration_id_problem("91310112367813550T") is None
    assert registration_id_problem("12") is not None
    assert registration_id_problem("有限公司营业执照") is not None


def test_merge_patch_replaces_removes_and_keeps() -> None:
    current = {"scale": "中型", "outlet_count": 2, "credit_rating": "AA"}
    merged = merge_patch(current, {"outlet_count": 5, "credit_rating": None, "financial_status": "良好"})
    assert merged == {"scale": "中型", "outlet_count": 5, "financial_status": "良好"}
    assert current == {"scale": "中型", "outlet_count": 2, "credit_rating": "AA"}  # input untouched


def test_diff_keeps_only_changed_keys() -> None:
    before = {"name": "甲", "phone": None, "tags": ["连锁"]}
    after = {"name": "甲", "phone": "13812345678", "tags": ["连锁", "高端"]}
    assert diff(before, after) == (
        {"phone": None, "tags": ["连锁"]}, {"phone": "13812345678", "tags": ["连锁", "高端"]})


def test_customer_field_rules_collect_every_problem() -> None:
    with pytest.raises(RuleViolation) as caught:
        validate_customer_fields({"name": "  ", "phone": "12ab", "registration_id": "x"})
    assert {e.field for e in caught.value.errors} == {"name", "phone", "registration_id"}
    validate_customer_fields({"name": "南京金陵饭店", "phone": "025-84711888"})


def test_contact_field_rules() -> None:
    with pytest.raises(RuleViolation) as caught:
        validate_contact_fields({"name": "", "phone": "nope"})
    assert {e.field for e in caught.value.errors} == {"name", "phone"}


def test_demo_registration_ids_carry_valid_check_characters() -> None:
    from api.demo.content import generate_demo_company

    company = generate_demo_company(customer_count=200)
    codes = [c.registration_id for c in company.customers if c.registration_id and len(c.registration_id) == 18]
    assert codes
    assert all(uscc_check_char(code[:17]) == code[17] for code in codes)
