"""The ready ward really is ready: no finding, every check passed."""
from procedures.audit.runner import evaluate_unit
from tests.audit.builders import TODAY, UNIT, build_ready_ward


def test_ready_ward_has_no_finding(db):
    build_ready_ward()
    outcome = evaluate_unit(UNIT, TODAY)
    assert [f.message for f in outcome.fails] == []
    assert outcome.ready and outcome.score == 1 and outcome.applicable > 30
