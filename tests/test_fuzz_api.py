"""Schemathesis against /api/v1/openapi.json: no 500s, every response matches the document.

The operations are driven with Hypothesis directly (schemathesis' pytest plugin does not run on
pytest 9), a bounded number of cases per operation.
"""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from procedures import services
from tests.factories import make_catalogue, procedure_data

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 25))  # more locally: FUZZ_EXAMPLES=300


@pytest.fixture
def api_schema(app, db):
    make_catalogue()
    services.procedures.create(procedure_data())
    services.officers.create({"unit_code": "22918", "full_name": "Lê Văn Cường"})
    services.assignments.create({"unit_code": "22918", "procedure_code": "1.001193"})
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.mark.parametrize("as_admin", [False, True], ids=["anonymous", "admin-token"])
def test_every_operation_conforms_to_the_document(api_schema, as_admin, make_user, token_for):
    headers = token_for(make_user("admin", "fuzz-admin")) if as_admin else {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 20
    failures = []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            # Schema-valid data may still be refused with 422 for what a document cannot say
            # (a field code that does not exist, a unit outside the caller's scope).
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            run()
        except Exception as exc:  # noqa: BLE001 — collect every operation's failure
            failures.append(f"{operation.label}: {exc}"[:2000])
    assert not failures, "\n\n".join(failures)
