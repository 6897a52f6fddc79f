"""Each target state, judged from the stored results of real audit runs."""
from datetime import date

from sqlalchemy import select

from procedures import services
from procedures.audit.runner import run_audit
from procedures.db import db as _db
from procedures.models import TargetEvaluation
from tests.accountability.helpers import UNIT, build_ward

HEAD = {"head_name": "Nguyễn Văn Hùng", "head_position": "Chủ tịch UBND phường Mũi Né"}


def commit(*targets, year=2025, kind="commitment"):
    return services.commitments.create({
        "unit_code": UNIT, "year": year, "kind": kind, **HEAD, "signed_on": f"{year}-01-15",
        "document_number": "15/QĐ-UBND",
        "targets": [{"position": i, **t} for i, t in enumerate(targets, start=1)]})


def states(run):
    rows = _db.session.scalars(select(TargetEvaluation).where(TargetEvaluation.run_id == run.id)
                               .order_by(TargetEvaluation.position)).all()
    return [(r.state, r.value) for r in rows]


PROCESS_BY_JUNE = {"title": "100 % thủ tục có quy trình nội bộ được phê duyệt trước 30/6",
                   "indicator": "process", "threshold": 100, "due_on": "2025-06-30"}
POSTED = {"title": "Công khai đúng hạn 100 % quyết định công bố", "indicator": "i1_2",
          "threshold": 100, "due_on": "2025-12-31"}
NO_BLOCKER = {"title": "Không còn lỗi chặn trước 30/9", "finding": "blocker", "max_findings": 0,
              "due_on": "2025-09-30"}
COVERAGE = {"title": "Nhận thực hiện đủ danh mục", "indicator": "coverage", "threshold": 100,
            "due_on": "2025-12-31"}


def test_met_on_track_at_risk_and_overdue(db):
    build_ward()
    commit(PROCESS_BY_JUNE, POSTED, NO_BLOCKER)
    early = run_audit(as_of=date(2025, 3, 3))
    assert [s for s, _ in states(early)] == ["on_track", "met", "on_track"]
    near = run_audit(as_of=date(2025, 6, 2))  # 28 days before 30/6
    assert [s for s, _ in states(near)][0] == "at_risk"
    late = run_audit(as_of=date(2025, 7, 15))
    assert [s for s, _ in states(late)] == ["overdue", "met", "on_track"]
    assert states(late)[0][1] == 50  # 2 of 4 catalogue procedures, in percent


def test_regressed_when_met_before_and_not_now(db):
    build_ward()
    commit(POSTED)
    assert states(run_audit(as_of=date(2025, 3, 3))) == [("met", 100)]
    services.decisions.update(("5/QĐ-UBND",), {"published_on": "2025-01-20"}, partial=True)
    assert states(run_audit(as_of=date(2025, 4, 1))) == [("regressed", 50)]


def test_at_risk_when_worse_than_the_previous_run(db):
    build_ward()
    commit(COVERAGE)
    assert states(run_audit(as_of=date(2025, 3, 3))) == [("on_track", 75)]
    services.assignments.delete(UNIT, "1.004884")
    assert states(run_audit(as_of=date(2025, 3, 10))) == [("at_risk", 50)]


def test_a_finding_kind_target_counts_that_rules_findings(db):
    build_ward()
    commit({"title": "Đủ thành phần hồ sơ đối tượng thực hiện", "finding":
            "procedure.subjects.missing", "due_on": "2025-09-30"})
    assert states(run_audit(as_of=date(2025, 3, 3))) == [("on_track", 1)]
    services.procedures.update(("2.000635",), {"subjects": "Công dân Việt Nam"}, partial=True)
    assert states(run_audit(as_of=date(2025, 3, 4))) == [("met", 0)]


def test_targets_of_other_years_and_units_are_not_judged(db):
    build_ward()
    commit(COVERAGE, year=2024)
    run = run_audit("22921", as_of=date(2025, 3, 3))
    assert states(run) == [] and run.summary["targets_evaluated"] == 0
