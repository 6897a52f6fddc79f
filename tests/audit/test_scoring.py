"""Readiness, score arithmetic, component shares, and how a run is stored."""
from decimal import Decimal

from sqlalchemy import func, select

from procedures import services
from procedures.audit.evaluate import UnitOutcome
from procedures.audit.runner import evaluate_unit, run_audit
from procedures.models import AuditUnitResult, Finding
from tests.audit.builders import (
    TODAY,
    UNIT,
    assign,
    build_ready_ward,
    change_procedure,
    process_steps,
    ready_procedure,
)


def test_score_is_passed_over_applicable_and_warnings_do_not_block(db):
    build_ready_ward()
    before = evaluate_unit(UNIT, TODAY)
    change_procedure(no_requirements=False, no_result_template=False)  # 2 warnings, 2 more checks
    after = evaluate_unit(UNIT, TODAY)
    assert after.applicable == before.applicable + 2
    assert (after.passed, after.blockers, after.warnings) == (before.applicable, 0, 2)
    assert after.ready
    assert after.score == (Decimal(after.passed) / after.applicable).quantize(Decimal("0.0001"))


def test_one_blocker_makes_the_unit_not_ready():
    outcome = UnitOutcome(unit=None, applicable=0, fails=[], components={})
    assert outcome.ready and outcome.score == 1


def test_procedure_findings_count_against_each_implementing_unit(db):
    build_ready_ward()
    services.units.create({"code": "22921", "name": "Phường Hàm Tiến", "kind": "ward",
                           "level": "commune", "desk_name": "Bộ phận Một cửa"})
    services.officers.create({"unit_code": "22921", "full_name": "Phạm Thu",
                              "is_desk_officer": True, "has_signing_account": True})
    assign(unit="22921", steps=[dict(s, officer_name="Phạm Thu") if s.get("officer_name") else s
                                for s in process_steps(0.5, 0.25)])
    change_procedure(subjects=None)
    run = run_audit(as_of=TODAY)
    per_unit = dict(db.session.execute(
        select(Finding.unit_id, func.count()).where(Finding.rule_id == "procedure.subjects.missing")
        .group_by(Finding.unit_id)).all())
    assert sorted(per_unit.values()) == [1, 1]
    assert run.summary["blockers_by_rule"] == {"procedure.subjects.missing": 2}
    assert run.units_count == 2 and run.ready_count == 0


def test_components_are_shares_of_assigned_procedures(db):
    build_ready_ward()
    services.procedures.create(ready_procedure(code="1.000894", name="Đăng ký kết hôn",
                                               channels=[{"kind": "in_person",
                                                          "processing_time": 1,
                                                          "fee_text": "Theo nghị quyết HĐND"}]))
    assign("1.000894")
    components = evaluate_unit(UNIT, TODAY).components
    assert components["fees"] == {"complete": 1, "total": 2, "share": 0.5}
    assert components["steps"] == {"complete": 2, "total": 2, "share": 1.0}


def test_run_stores_results_and_findings_in_one_commit(db):
    build_ready_ward()
    change_procedure(subjects=None, no_requirements=False)
    run = run_audit(as_of=TODAY, triggered_by="kiểm thử")
    result = db.session.scalars(select(AuditUnitResult)).one()
    assert (result.ready, result.blockers, result.warnings) == (False, 1, 1)
    assert result.checks_applicable - result.checks_passed == 2
    assert run.summary["audit_date"] == TODAY.isoformat() and run.triggered_by == "kiểm thử"
    rows = db.session.scalars(select(Finding).order_by(Finding.rule_id)).all()
    assert [(f.rule_id, f.record_type, f.record_key, f.field) for f in rows] == [
        ("procedure.requirements.unspecified", "procedure", "1.001193", "requirements"),
        ("procedure.subjects.missing", "procedure", "1.001193", "subjects"),
    ]
