"""Schemathesis against /api/v1/openapi.json: no 500s, every response matches the document.

The operations are driven with Hypothesis directly (schemathesis' pytest plugin does not run on
pytest 9), a bounded number of cases per operation.
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from procedures import services
from tests.factories import make_catalogue, procedure_data

MAX_EXAMPLES = 25


@pytest.fixture
def api_schema(app, db):
    make_catalogue()
    services.procedures.create(procedure_data())
    services.officers.create({"unit_code": "22918", "full_name": "Lê Văn Cường"})
    services.assignments.create({"unit_code": "22918", "procedure_code": "1.001193"})
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def test_every_operation_conforms_to_the_document(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 20
    failures = []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate()

        try:
            run()
        except Exception as exc:  # noqa: BLE001 — collect every operation's failure
            failures.append(f"{operation.label}: {exc}"[:2000])
    assert not failures, "\n\n".join(failures)
