"""Each procedure rule: a minimal change that trips it, and a record that passes it."""
from datetime import timedelta

import pytest
from sqlalchemy import update

from procedures import services
from procedures.audit.findings import MISSING
from procedures.audit.runner import evaluate_unit
from procedures.db import db
from procedures.models import Decision, Procedure
from tests.audit.builders import SIGNED, TODAY, build_ready_ward, change_procedure, findings

IN_PERSON_FEE = [{"kind": "in_person", "processing_time": 1, "fee_amount": 8000}]


def _sql(model, where, **values):
    """Data the services refuse (bulk-loaded or legacy rows) written straight to the table."""
    db.session.execute(update(model).where(where).values(**values))
    db.session.commit()


def _channels(**values):
    change_procedure(channels=[{"kind": "in_person", "processing_time": 1, **values}])


def _replacing(effective_on):
    services.legal_documents.upsert({"number": "175/2024/NĐ-CP", "doc_type": "decree",
                                     "title": "Nghị định thay thế", "effective_on": effective_on})
    services.legal_documents.update(("60/2014/QH13",), {"replaced_by": "175/2024/NĐ-CP"},
                                    partial=True)


def _basis_effective(days_after_signing):
    services.legal_documents.update(("60/2014/QH13",), {
        "effective_on": (SIGNED + timedelta(days=days_after_signing)).isoformat()}, partial=True)


def _decision(**values):
    services.decisions.update(("2228/QĐ-UBND",), values, partial=True)


CASES = [
    ("procedure.name.missing", lambda: _sql(Procedure, Procedure.code == "1.001193", name=""),
     None),
    ("procedure.steps.missing", lambda: change_procedure(steps=[]), None),
    ("procedure.channels.missing", lambda: change_procedure(channels=[]), None),
    ("procedure.dossier.missing", lambda: change_procedure(dossier_items=[]), None),
    ("procedure.processing_time.missing",
     lambda: _channels(processing_time=None, is_free=True), None),
    ("procedure.subjects.missing", lambda: change_procedure(subjects=None), None),
    ("procedure.implementing_agency.missing",
     lambda: change_procedure(implementing_agency=None), None),
    ("procedure.result.missing", lambda: change_procedure(result=None), None),
    ("procedure.legal_basis.missing", lambda: change_procedure(legal_bases=[]), None),
    ("procedure.fee.unspecified", lambda: _channels(processing_time=1),
     lambda: change_procedure(channels=IN_PERSON_FEE)),
    ("procedure.fee.amount_missing",
     lambda: _channels(processing_time=1, fee_text="Mức thu do HĐND tỉnh quy định"),
     lambda: change_procedure(channels=IN_PERSON_FEE)),
    ("procedure.forms.unspecified", lambda: change_procedure(no_forms=False, dossier_items=[
        {"position": 1, "name": "Giấy chứng sinh", "originals": 1}]),
     lambda: change_procedure(no_forms=True, dossier_items=[
         {"position": 1, "name": "Giấy chứng sinh", "originals": 1}])),
    ("procedure.result_template.unspecified",
     lambda: change_procedure(no_result_template=False, result_template=None),
     lambda: change_procedure(no_result_template=False, result_template="Mẫu giấy khai sinh")),
    ("procedure.requirements.unspecified",
     lambda: change_procedure(no_requirements=False, requirements=None),
     lambda: change_procedure(no_requirements=False, requirements="Đăng ký trong 60 ngày")),
    ("procedure.decision.missing", lambda: change_procedure(decisions=[]), None),
    ("decision.number.malformed", lambda: _sql(Decision, Decision.number == "2228/QĐ-UBND",
                                                  number="2228/QD-UBND"), None),
    ("decision.not_in_force",
     lambda: _decision(effective_on=(TODAY + timedelta(days=10)).isoformat()), None),
    ("procedure.level.district_abolished", lambda: change_procedure(level="district"), None),
    ("legal_document.replaced", lambda: _replacing("2025-01-01"),
     lambda: _replacing((TODAY + timedelta(days=30)).isoformat())),
    ("legal_document.not_in_force", lambda: services.legal_documents.update(
        ("60/2014/QH13",), {"effective_on": (TODAY + timedelta(days=10)).isoformat()},
        partial=True), None),
    ("legal_document.expired", lambda: services.legal_documents.update(
        ("60/2014/QH13",), {"expired_on": (TODAY - timedelta(days=1)).isoformat()},
        partial=True), None),
    ("decision.signed_late", lambda: _basis_effective(3), lambda: _basis_effective(14)),
    ("decision.publication.missing", lambda: _decision(published_on=None), None),
    ("decision.publication.late",
     lambda: _decision(published_on=(SIGNED + timedelta(days=10)).isoformat()), None),
    ("procedure.verification.stale", lambda: change_procedure(
        last_verified_on=(TODAY - timedelta(days=400)).isoformat()), None),
]


@pytest.mark.parametrize("rule_id,trip,keep", CASES, ids=[c[0] for c in CASES])
def test_rule_trips_and_passes(db, rule_id, trip, keep):
    build_ready_ward()
    (keep or (lambda: None))()
    assert rule_id not in findings()
    trip()
    found = findings()
    assert rule_id in found, sorted(found)
    fail = found[rule_id][0]
    assert MISSING not in fail.message and MISSING not in fail.hint
    if fail.rule.applies_to == "procedure":
        assert "1.001193" in fail.message


def test_never_verified_is_stale(db):
    build_ready_ward()
    change_procedure(last_verified_on=None)
    assert "chưa từng" in findings()["procedure.verification.stale"][0].message


def test_replacement_is_named_in_the_hint(db):
    build_ready_ward()
    _replacing("2025-01-01")
    fail = findings()["legal_document.replaced"][0]
    assert fail.record_key == "60/2014/QH13" and "175/2024/NĐ-CP" in fail.hint


def test_free_channel_leaves_fee_rules_out_of_the_score(db):
    build_ready_ward()
    free = evaluate_unit("22918", TODAY).applicable
    change_procedure(channels=[{"kind": "in_person", "processing_time": 1, "fee_amount": 8000},
                               {"kind": "online", "processing_time": 1, "fee_amount": 4000}])
    assert evaluate_unit("22918", TODAY).applicable == free + 2
