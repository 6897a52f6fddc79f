"""Each assignment and unit rule: a minimal change that trips it, and a record that passes it."""
from datetime import timedelta

import pytest

from procedures import services
from procedures.audit.findings import MISSING
from tests.audit.builders import (
    CODE,
    TODAY,
    UNIT,
    assign,
    build_ready_ward,
    change_procedure,
    findings,
    process_steps,
    ready_procedure,
)


def _officer(name="Trần Văn Bình", **values):
    services.officers.upsert({"unit_code": UNIT, "full_name": name, **values})


def _time(value, unit="working_day"):
    change_procedure(channels=[{"kind": "in_person", "processing_time": value, "time_unit": unit,
                                "is_free": True}])


CASES = [
    ("assignment.procedure.abolished", lambda: change_procedure(status="abolished"), None),
    ("assignment.procedure.level_mismatch", lambda: change_procedure(level="province"), None),
    ("assignment.process.missing", lambda: assign(steps=[]), None),
    ("assignment.process.department_missing",
     lambda: assign(steps=process_steps(0.75, first={"department": None, "officer_name": None,
                                                    "position_title": "Công chức một cửa"})),
     None),
    ("assignment.process.position_missing",
     lambda: assign(steps=process_steps(0.75, first={"position_title": None})), None),
    ("assignment.process.first_step_not_desk",
     lambda: assign(steps=process_steps(0.75, first={"department": "Tư pháp – Hộ tịch",
                                                    "officer_name": None})),
     lambda: assign(steps=process_steps(0.75, first={"department": "BỘ PHẬN MỘT CỬA PHƯỜNG",
                                                    "officer_name": None}))),
    ("assignment.process.duration_exceeds", lambda: assign(steps=process_steps(3, 1)),
     lambda: (_time(4), assign(steps=process_steps(1.5, 2.25)))),
    ("assignment.process.duration_short", lambda: (_time(5), assign(steps=process_steps(4))),
     lambda: (_time(5), assign(steps=process_steps(4.75)))),
    ("assignment.process.return_step_timed",
     lambda: assign(steps=process_steps(0.5, 0.25)[:-1] + [
         dict(process_steps(0.5, 0.25)[-1], duration_days=0.5)]), None),
    ("assignment.process.duration_missing",
     lambda: assign(steps=process_steps(None, 0.75)), None),
    ("assignment.officer.missing",
     lambda: assign(steps=process_steps(0.75, first={"officer_name": None})), None),
    ("assignment.officer.inactive",
     lambda: (_officer(active=False), assign(steps=process_steps(0.75)[:1] + [
         dict(process_steps(0.75)[1], officer_name="Trần Văn Bình")])),
     lambda: (_officer(), assign(steps=process_steps(0.75)[:1] + [
         dict(process_steps(0.75)[1], officer_name="Trần Văn Bình")]))),
    ("assignment.process_decision.missing", lambda: assign(decision_number=None), None),
    ("assignment.process_decision.wrong_kind", lambda: assign(decision_number="2228/QĐ-UBND"),
     None),
    ("assignment.process_decision.not_in_force", lambda: services.decisions.update(
        ("2229/QĐ-UBND",), {"effective_on": (TODAY + timedelta(days=3)).isoformat()},
        partial=True), None),
    ("assignment.process.signer_without_signature",
     lambda: (_officer(), assign(steps=process_steps(0.5, 0.25)[:-2] + [
         dict(process_steps(0.5, 0.25)[-2], officer_name="Trần Văn Bình"),
         process_steps(0.5, 0.25)[-1]])),
     lambda: (_officer(has_signing_account=True), assign(steps=process_steps(0.5, 0.25)[:-2] + [
         dict(process_steps(0.5, 0.25)[-2], officer_name="Trần Văn Bình"),
         process_steps(0.5, 0.25)[-1]]))),
    ("unit.level.district_abolished", lambda: services.units.update(
        (UNIT,), {"kind": "district", "level": "district"}, partial=True), None),
    ("unit.desk.missing", lambda: services.units.update((UNIT,), {"desk_name": None},
                                                       partial=True), None),
    ("unit.desk_officer.missing", lambda: (
        _officer("Nguyễn Thị Lan", department="Tư pháp", is_desk_officer=False,
                 has_signing_account=True),
        assign(steps=process_steps(0.75, first={"officer_name": None})), _officer()),
     # Not said: the desk's name marks the officer as working there when saved.
     lambda: (_officer("Nguyễn Thị Lan", department="Bộ phận một cửa",
                       has_signing_account=True))),
    ("unit.signing_officer.missing",
     lambda: _officer("Nguyễn Thị Lan", department="Bộ phận Một cửa", is_desk_officer=True,
                      has_signing_account=False), None),
    ("unit.coverage.missing", lambda: change_procedure("1.000894", level="commune"),
     lambda: (services.procedures.create(ready_procedure(code="1.000894", name="Đăng ký kết hôn",
                                                         level="province")))),
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
    assert "Phường Mũi Né" in fail.message


def test_abolished_procedure_is_checked_no_further(db):
    build_ready_ward()
    assign(steps=[])
    change_procedure(status="abolished", subjects=None)
    assert set(findings()) == {"assignment.procedure.abolished"}


def test_district_procedure_at_a_ward_mentions_the_reform(db):
    build_ready_ward()
    change_procedure(level="district")
    assert "01/7/2025" in findings()["assignment.procedure.level_mismatch"][0].message


def test_steps_are_named_by_position_and_block(db):
    build_ready_ward()
    steps = process_steps(0.75) + [dict(process_steps(0.75)[1], channel_kind="online",
                                        department=None)]
    assign(steps=steps)
    fail = findings()["assignment.process.department_missing"][0]
    assert fail.record_key == f"{UNIT}/{CODE}/online/2" and "khối trực tuyến" in fail.message


def test_department_uses_the_city_desk_and_owns_its_procedures(db):
    build_ready_ward()
    services.units.create({"code": "593", "name": "Thành phố Phan Thiết", "kind": "district",
                           "level": "district", "desk_name": "Bộ phận Một cửa thành phố"})
    services.units.create({"code": "593.TP", "name": "Phòng Tư pháp", "kind": "department",
                           "level": "district", "parent_code": "593"})
    services.officers.create({"unit_code": "593.TP", "full_name": "Lê Văn An",
                              "has_signing_account": True})
    services.procedures.create(ready_procedure(code="2.000635", name="Cấp bản sao trích lục",
                                               level="district", owner_unit_code="593.TP"))
    found = findings("593.TP")
    assert "unit.desk.missing" not in found and "unit.desk_officer.missing" not in found
    assert [f.procedure_code for f in found["unit.coverage.missing"]] == ["2.000635"]
    assert "unit.coverage.missing" not in findings("593")
