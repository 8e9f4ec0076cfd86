"""Schemathesis generates requests from the API's OpenAPI schema, valid ones and invalid ones, for every
operation, and sends them to the app itself (its WSGI application, in the test's database): none gives a
server error, and every documented response conforms to the schema. Bounded (a few examples per operation and
mode, derandomised) so that it runs in well under a minute on SQLite once the demo data is loaded.

The operations are walked in SHARDS tests (every SHARDS-th operation each), so that the workers share them; the
finance demo data is committed once per worker (tests/conftest.py), not loaded per test."""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

EXAMPLES = 8
SHARDS = 4


@pytest.fixture
def app_schema(finance_demo):
    # As Django's test client does: a request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_generated_request_gives_a_server_error_or_breaks_the_schema(app_schema, shard):
    # The CIO's token reaches every endpoint, the finance ones included, with the demo's figures.
    token = Token.objects.get_or_create(user=get_user_model().objects.get(username="cio"))[0].key
    operations = [result.ok() for result in app_schema.get_all_operations()]
    assert len(operations) >= 14
    mine = operations[shard::SHARDS]
    calls = 0
    for operation in mine:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                nonlocal calls
                # Real records are reached through the demo partnership; the rest of the request is generated.
                if "partnership" in (case.path_parameters or {}):
                    case.path_parameters["partnership"] = "shared-digital"
                case.call_and_validate(
                    headers={"Authorization": f"Token {token}"},
                    checks=[not_a_server_error, response_schema_conformance],
                )
                calls += 1

            try:
                check()
            except Unsatisfiable:
                # No invalid request can be made of an operation that takes no parameters.
                if mode is GenerationMode.POSITIVE:
                    raise
    assert calls > len(mine) * 4
