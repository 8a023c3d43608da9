"""The API fuzzed from its own OpenAPI document (schemathesis): requests
made from the documented parameters, well-formed and not, on SQLite and
PostgreSQL. Every answer must be no server error, with a documented status,
content type and headers, and a JSON body of the documented schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from commandcenter.intake.app import BASE, create_app
from commandcenter.services.intake.api import KeySource

if TYPE_CHECKING:
    from schemathesis import Case

    from commandcenter.services.container import Services

pytestmark = pytest.mark.slow

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


OPERATIONS = [
    f"GET {BASE}/services.{{fmt}}",
    f"GET {BASE}/services/{{service_code}}.{{fmt}}",
    f"POST {BASE}/requests.{{fmt}}",
    f"GET {BASE}/requests.{{fmt}}",
    f"GET {BASE}/requests/{{service_request_id}}.{{fmt}}",
    f"GET {BASE}/tokens/{{token}}.{{fmt}}",
]


@pytest.mark.parametrize("label", OPERATIONS)
def test_every_answer_is_documented_and_none_is_a_server_error(
    label: str, services: Services
) -> None:
    app = create_app(services, per_minute=1_000_000)
    schema = schemathesis.openapi.from_asgi(f"{BASE}/openapi.json", app)
    labels = {op.ok().label for op in schema.get_all_operations()}
    assert labels == set(OPERATIONS)  # every route is fuzzed
    operation = schema.find_operation_by_label(label)
    assert operation is not None
    key = services.api_keys.add("fuzz", KeySource.GRID_WORKER, "gridworker")

    @given(case=operation.as_strategy())
    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    def fuzz(case: Case) -> None:
        body = case.body
        # half the posts carry a good key, so the fuzz gets past the door
        if isinstance(body, dict) and len(str(body.get("api_key", "x"))) % 2 == 0:
            body["api_key"] = key
        case.call_and_validate(checks=CHECKS)

    fuzz()
