"""Schemathesis over openapi.yaml: every operation, fed what its schema allows and what it forbids, answers
a documented status with a body and headers that match the spec, and never a 5xx.

Schemathesis generates the cases (positive and negative, a bounded number per operation); they are sent
through httpx to the ASGI app on the test's own connection, so everything the fuzzer writes is rolled back
with the test. Its ASGI client runs the app on another event loop, which the rolled-back connection cannot
follow, hence the split. Callers rotate: an administrator (so authorisation hides no crash), an account
manager (a scoped role: its 403s and 404s must be documented too) and, on the ERP batches, an API key.
A few ids the database really has are put into some path parameters, so the fuzzer gets past the 404.

KEYHOLD_FUZZ_EXAMPLES (per operation and mode, default 20) and KEYHOLD_FUZZ_SEED widen or vary a run.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
OPERATIONS: list[APIOperation] = [result.ok() for result in SCHEMA.get_all_operations()]
EXAMPLES = int(os.environ.get("KEYHOLD_FUZZ_EXAMPLES", "20"))
SEED = int(os.environ.get("KEYHOLD_FUZZ_SEED", "19"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
MACHINE_OPERATIONS = {"/api/v1/customers/batch", "/api/v1/orders/batch"}


def _cases(operation: APIOperation, mode: GenerationMode) -> list[Any]:
    """A fixed number of cases, drawn with a fixed seed so a failure reproduces."""
    found: list[Any] = []

    @seed(SEED)
    @settings(max_examples=EXAMPLES, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(operation.as_strategy(generation_mode=mode))
    def collect(case: Any) -> None:
        found.append(case)

    with contextlib.suppress(Unsatisfiable):  # nothing to break: no parameters, no body
        collect()
    return found


def _request(case: Any, headers: dict[str, str]) -> tuple[requests.PreparedRequest, dict[str, Any]]:
    """The request exactly as schemathesis would send it (requests' encoding of odd query values), to replay
    through httpx."""
    kwargs = case.as_transport_kwargs(base_url="http://keyhold.test")
    kwargs["headers"] = {k: v for k, v in kwargs["headers"].items()
                         if k.lower() not in ("authorization", "x-api-key")} | headers
    kwargs.pop("timeout", None)
    kwargs.pop("allow_redirects", None)
    return requests.Request(**kwargs).prepare(), kwargs


@pytest.fixture
async def known_ids(client: httpx.AsyncClient, auth: Any, users: dict[str, Any], erp_key: Any,
                    connection: AsyncConnection) -> dict[str, int]:
    """Ids that exist, one of each kind a path names (a customer of am_zhang's with a contact, an order, a
    complaint and a score sheet), for some path parameters; the rest stay random and mostly 404."""
    headers = await erp_key("customers:write", "orders:write")
    made = await client.post("/api/v1/customers/batch", headers=headers, json={"customers": [
        {"external_id": "F-1", "name": "模糊测试酒店", "customer_type": "hotel", "owner_username": "am_zhang"}]})
    customer_id = made.json()["results"][0]["id"]
    ordered = await client.post("/api/v1/orders/batch", headers=headers, json={"orders": [
        {"external_id": "F-SO-1", "customer_external_id": "F-1", "ordered_at": "2026-11-02T10:00:00+08:00",
         "status": "delivered", "total_amount": "100.00",
         "lines": [{"sku": "A", "product_name": "速冻水饺", "quantity": "10", "unit_price": "10"}]}]})
    contact = await client.post(f"/api/v1/customers/{customer_id}/contacts", headers=auth("am_zhang"),
                                json={"name": "王经理", "decision_role": "purchaser"})
    complaint = await client.post("/api/v1/complaints", headers=auth("cs"), json={
        "customer_id": customer_id, "severity": "major", "channel": "phone", "summary": "破损",
        "received_at": "2026-11-23T09:00:00+08:00"})
    sheet = await client.post(f"/api/v1/customers/{customer_id}/score-sheets", headers=auth("am_zhang"),
                              json={"period": "2026Q4"})
    for seeded in (made, ordered, contact, complaint, sheet):
        assert seeded.status_code in (200, 201), seeded.text
    ids = {"customer_id": customer_id, "order_id": ordered.json()["results"][0]["id"],
           "contact_id": contact.json()["id"], "complaint_id": complaint.json()["id"], "sheet_id": sheet.json()["id"],
           "user_id": users["am_li"].id}
    for name, table in (("calendar_id", "business_calendars"), ("policy_id", "sla_policies"),
                        ("model_id", "score_models"), ("key_id", "api_keys")):
        ids[name] = (await connection.execute(text(f"SELECT min(id) FROM {table}"))).scalar_one()  # noqa: S608
    return ids


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
async def test_operation_answers_as_documented(operation: APIOperation, client: httpx.AsyncClient, auth: Any,
                                               erp_key: Any, known_ids: dict[str, int]) -> None:
    callers = [auth("admin"), auth("admin"), auth("am_zhang")]
    if operation.path in MACHINE_OPERATIONS:
        callers = [await erp_key("customers:write", "orders:write")]
    failures = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        for i, case in enumerate(_cases(operation, mode)):
            if i % 2 == 0:
                for name in case.path_parameters or {}:
                    if name in known_ids:
                        case.path_parameters[name] = known_ids[name]
            prepared, kwargs = _request(case, callers[i % len(callers)])
            response = await client.request(prepared.method or "GET", prepared.url or "",
                                            headers=dict(prepared.headers), content=prepared.body)
            try:
                case.validate_response(response, checks=CHECKS, headers=kwargs["headers"], transport_kwargs=kwargs)
            except FailureGroup as exc:  # every failure of the operation, not just the first
                failures.append(str(exc))
    assert not failures, f"{len(failures)} failing case(s):\n\n" + "\n\n".join(failures[:5])
