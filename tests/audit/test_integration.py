"""The integration package: valid against its JSON Schema, refused for a unit that is not ready."""
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from procedures.audit.integration import NotReady, build_package
from procedures.errors import NotFound
from tests.audit.builders import CODE, TODAY, UNIT, build_ready_ward, change_procedure

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" /
                     "integration-package.schema.json").read_text(encoding="utf-8"))


def validate(package):
    Draft202012Validator.check_schema(SCHEMA)
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(package), key=str)
    assert [e.message for e in errors] == []


def test_package_of_a_ready_unit_follows_the_schema(db):
    build_ready_ward()
    package = build_package(UNIT, TODAY)
    validate(json.loads(json.dumps(package)))
    proc = package["procedures"][0]
    assert proc["code"] == CODE and proc["decision"]["number"] == "2228/QĐ-UBND"
    assert proc["legal_bases"][0]["number"] == "60/2014/QH13"
    assert [s["officer_name"] for s in proc["process_steps"]][0] == "Nguyễn Thị Lan"
    assert proc["process_steps"][1]["duration_days"] == 0.5
    assert proc["desk"]["name"] == "Bộ phận Một cửa phường Mũi Né"
    assert package["officers"][0]["has_signing_account"] is True


def test_schema_rejects_what_the_audit_would_block(db):
    build_ready_ward()
    package = json.loads(json.dumps(build_package(UNIT, TODAY)))
    package["procedures"][0]["channels"][0]["is_free"] = False
    package["procedures"][0]["channels"][0]["fee_amount"] = None
    assert list(Draft202012Validator(SCHEMA).iter_errors(package))


def test_unit_with_blockers_is_refused_with_them(db):
    build_ready_ward()
    change_procedure(subjects=None)
    with pytest.raises(NotReady) as refused:
        build_package(UNIT, TODAY)
    body = refused.value.to_dict()
    assert body["status"] == 409 and body["code"] == "unit_not_ready"
    assert [e["rule_id"] for e in body["errors"]] == ["procedure.subjects.missing"]


def test_unknown_unit_is_404(db):
    with pytest.raises(NotFound):
        build_package("nope", TODAY)
