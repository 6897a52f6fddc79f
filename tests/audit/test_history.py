"""Every run is kept: history per unit, league table with the change since the previous run."""
from decimal import Decimal

from procedures import services
from procedures.audit import results
from procedures.audit.runner import run_audit
from tests.audit.builders import TODAY, UNIT, build_ready_ward, change_procedure


def _second_unit():
    services.units.create({"code": "22924", "name": "Phường Phú Hài", "kind": "ward",
                           "level": "commune"})


def test_league_shows_change_since_the_previous_run_with_the_unit(db):
    build_ready_ward()
    _second_unit()
    run_audit(as_of=TODAY)
    change_procedure(subjects=None)
    run_audit(UNIT, as_of=TODAY)  # only this unit: the other keeps its first result
    rows = {r.code: r for r in results.league()}
    ward = rows[UNIT]
    assert ward.blockers == 1 and ward.previous["blockers"] == 0 and ward.blockers_change == 1
    assert ward.score_change < 0 and not ward.ready
    other = rows["22924"]
    assert other.previous is None and other.score_change is None and other.run_id == 1
    change_procedure(subjects="Công dân Việt Nam")
    run_audit(as_of=TODAY)
    ward = {r.code: r for r in results.league()}[UNIT]
    assert ward.ready and ward.blockers_change == -1 and ward.previous["blockers"] == 1
    assert ward.score_change == (Decimal(ward.score) - Decimal(ward.previous["score"])) * 100


def test_league_filters_and_order(db):
    build_ready_ward()
    _second_unit()
    services.units.create({"code": "593", "name": "Thành phố Phan Thiết", "kind": "district",
                           "level": "district"})
    run_audit(as_of=TODAY)
    assert [r.code for r in results.league()][0] == UNIT  # best score first
    assert {r.code for r in results.league(level="commune")} == {UNIT, "22924"}
    assert [r.code for r in results.league(kind="district")] == ["593"]
    assert [r.code for r in results.league(ready=True)] == [UNIT]


def test_history_is_oldest_first(db):
    build_ready_ward()
    for _ in range(3):
        run_audit(as_of=TODAY)
    unit = services.units.get(UNIT)
    assert [run.id for run, _ in results.history(unit)] == [1, 2, 3]
    assert results.latest_result(unit).run_id == 3
