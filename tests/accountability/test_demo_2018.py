"""The founding story replayed as of 2018: the heads' commitments, some kept and some missed."""
from datetime import date

from procedures.audit import accountability
from procedures.audit.runner import run_audit


def states(code, year=2018):
    _, items = accountability.unit_statuses(code, year)
    return {(s.commitment.kind, s.target.position): s.state for s in items}


def test_the_2018_city_keeps_some_commitments_and_misses_others(demo, runner):
    result = runner.invoke(args=["audit", "run", "--as-of", "2018-10-15"])
    assert result.exit_code == 1 and "Đã đánh giá 72 chỉ tiêu cam kết" in result.output, \
        result.output  # 1: not every unit is ready
    mui_ne = states("DEMO-22918")
    assert mui_ne[("commitment", 1)] == "met" and mui_ne[("commitment", 2)] == "met"
    assert states("DEMO-22936")[("commitment", 1)] == "overdue"  # Xuân An: 1.004873 missing
    assert states("DEMO-22969")[("commitment", 1)] == "overdue"  # Tiến Thành: residence
    assert states("DEMO-22954")[("commitment", 2)] == "overdue"  # Hưng Long: no process
    assert states("DEMO-22927")[("commitment", 3)] == "overdue"  # Thanh Hải: nobody receives
    assert states("DEMO-593.TP")[("task", 2)] == "on_track"  # blockers, but due 31/12
    overdue = {(s.commitment.unit.code, s.target.position) for s in accountability.overdue(2018)}
    assert ("DEMO-22936", 1) in overdue and ("DEMO-22918", 1) not in overdue


def test_replayed_as_of_early_march_nothing_is_overdue_yet(demo):
    run_audit(as_of=date(2018, 3, 5))
    assert accountability.overdue(2018) == []
    assert states("DEMO-22927")[("commitment", 3)] == "at_risk"  # due 31/3: under 30 days
