"""Each indicator on hand-computed cases (tests/accountability/helpers.py describes the ward)."""
from datetime import date
from decimal import Decimal

from procedures.audit.runner import evaluate_unit, run_audit
from procedures.indicators import share
from tests.accountability.helpers import UNIT, assign, build_ward

AS_OF = date(2025, 6, 2)


def totals(unit=UNIT, as_of=AS_OF):
    return evaluate_unit(unit, as_of).indicators["total"]


def test_coverage_is_over_the_units_catalogue(db):
    build_ward()
    assert totals()["coverage"] == [3, 4]


def test_index_1_3_is_over_the_catalogue_not_over_what_the_unit_assigned(db):
    """Two of four catalogue procedures are complete and implemented; the third lacks its
    subjects (component e), the fourth is complete but the ward never took it on."""
    build_ward()
    assert totals()["i1_3"] == [2, 4]
    assign("1.004873")  # taking on the complete one raises 1.3
    assert totals()["i1_3"] == [3, 4]


def test_a_unit_assigning_only_part_of_its_catalogue_falls_on_1_3(db):
    build_ward(assign_all=True)
    full = share(totals()["i1_3"])
    from procedures import services

    services.assignments.delete(UNIT, "1.001193")
    services.assignments.delete(UNIT, "1.004884")
    partial = share(totals()["i1_3"])
    assert (full, partial) == (Decimal("0.75"), Decimal("0.25"))


def test_process_counts_an_approved_internal_process_in_force(db):
    build_ward()
    assert totals()["process"] == [2, 4]
    # Before the approving decision was signed (10/1/2025) no process is in force.
    assert totals(as_of=date(2025, 1, 9))["process"] == [0, 4]


def test_1_1_counts_decisions_on_the_real_calendar(db):
    """12/QĐ-UBND was signed on Thursday 23/1/2025 for a basis in force on 1/2/2025: Monday to
    Friday gives six working days in between, but Tết Ất Tỵ (25/1–2/2) leaves one: late.
    5/QĐ-UBND, signed 2/1/2025, is on time."""
    build_ward()
    assert totals()["i1_1"] == [1, 2]


def test_1_2_counts_decisions_posted_within_five_working_days(db):
    build_ward()
    assert totals()["i1_2"] == [2, 2]
    from procedures import services

    services.decisions.update(("5/QĐ-UBND",), {"published_on": "2025-01-15"}, partial=True)
    assert totals()["i1_2"] == [1, 2]


def test_3_1_online_share_and_consistency(db):
    """Online (full/partial level with an online channel): 1.001193 and 1.004873 of four.
    Consistency over the three that claim an online level: 1.004884 has no online channel."""
    build_ward()
    t = totals()
    assert t["i3_1"] == [2, 4]
    assert t["online_consistency"] == [2, 3]


def test_indicators_are_stored_with_the_run_and_per_field(db):
    build_ward()
    run = run_audit(UNIT, as_of=AS_OF)
    from procedures.db import db as _db
    from procedures.models import AuditUnitResult, Field

    result = _db.session.query(AuditUnitResult).filter_by(run_id=run.id).one()
    field_id = str(_db.session.query(Field).filter_by(code="ho-tich").one().id)
    assert result.indicators["total"]["i1_3"] == [2, 4]
    assert result.indicators["fields"][field_id]["coverage"] == [3, 4]


def test_the_inventory_follows_the_province_catalogue_and_not_arising(db):
    from procedures import services
    from procedures.audit.inventory import unit_inventory

    build_ward()
    for code in ("1.001193", "1.004873"):
        services.catalogue_entries.create({"province_code": "68", "level": "commune",
                                           "procedure_code": code,
                                           "decision_number": "12/QĐ-UBND"})
    services.not_arising.create({"unit_code": UNIT, "procedure_code": "1.004873",
                                 "reason": "Địa bàn không phát sinh việc xác nhận này"})
    _, source, rows = unit_inventory(UNIT)
    assert source == "catalogue"
    assert {r.procedure.code: (r.state, r.decision.number) for r in rows} == {
        "1.001193": ("implements", "12/QĐ-UBND"), "1.004873": ("not_arising", "12/QĐ-UBND")}
