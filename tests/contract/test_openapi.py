"""openapi.yaml is generated from the app and checked in; the SPA's types come from it."""

from __future__ import annotations

from typing import Any

import yaml

from api.cli import OPENAPI_FILE, openapi_yaml


def test_checked_in_spec_matches_the_app() -> None:
    assert OPENAPI_FILE.read_text() == openapi_yaml(), "openapi.yaml drifted: run `make openapi` and commit it"


def test_every_error_response_is_problem_json_and_every_operation_is_named() -> None:
    spec: dict[str, Any] = yaml.safe_load(openapi_yaml())
    operation_ids = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            operation_ids.append(operation["operationId"])
            assert operation.get("description") or operation.get("summary"), (method, path)
            for status, response in operation["responses"].items():
                if str(status).startswith(("4", "5")):
                    if "$ref" in response:  # a shared response of components/responses
                        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
                    assert list(response["content"]) == ["application/problem+json"], (method, path, status)
            # Any operation may meet an unavailable database; any with a body, a body over the cap.
            assert "503" in operation["responses"], (method, path)
            assert ("413" in operation["responses"]) == ("requestBody" in operation), (method, path)
    assert len(operation_ids) == len(set(operation_ids))
    assert "HTTPValidationError" not in spec["components"]["schemas"]
