"""Coverage by province catalogue: what a unit must implement is what its province published for
its level, minus what it records as "không phát sinh" (docs/audit-rules.md, Coverage)."""
import json

import pytest

from procedures import services
from procedures.audit.runner import evaluate_unit, run_audit
from procedures.services.province_catalogue import catalogue_report, get_province
from tests.audit.builders import TODAY
from tests.factories import make_decision, make_field, make_legal_document, procedure_data

HANOI, LAM_DONG = "01", "68"
BA_DINH, MUI_NE, PHU_QUY = "00004", "22918", "23272"  # wards of Hà Nội and Lâm Đồng, a special zone
HANOI_DECISION, LAM_DONG_DECISION = "3450/QĐ-UBND", "1867/QĐ-UBND"
SHARED = {"1.001193": "Đăng ký khai sinh", "1.004884": "Đăng ký lại khai sinh"}
# Procedures only Lâm Đồng publishes (fishing: the coast of the former Bình Thuận).
COASTAL = {"1.003764": "Cấp văn bản chấp thuận cho tàu cá khai thác thủy sản",
           "1.004359": "Xác nhận nguồn gốc thủy sản khai thác trong nước",
           "2.001824": "Đăng ký tàu cá dưới 12 mét"}


def import_units(runner, *province):
    args = ["registry", "import-units"] + (["--province", province[0]] if province else [])
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def reference_records():
    make_field()
    make_field("thuy-san", "Thủy sản")
    make_legal_document(effective_on="2016-01-01")
    make_decision()
    make_decision(HANOI_DECISION, kind="internal_process", issuer="Chủ tịch UBND thành phố Hà Nội",
                  title="Công bố danh mục TTHC và phê duyệt quy trình nội bộ lĩnh vực hộ tịch",
                  signed_on="2025-07-01")
    make_decision(LAM_DONG_DECISION, issuer="Chủ tịch UBND tỉnh Lâm Đồng",
                  title="Công bố danh mục TTHC được chuẩn hóa cấp xã", signed_on="2025-07-10")


def procedures():
    for code, name in SHARED.items():
        services.procedures.create(procedure_data(code, name))
    for code, name in COASTAL.items():
        services.procedures.create(procedure_data(code, name, field_code="thuy-san"))


def publish(province, decision, codes, level="commune"):
    for position, code in enumerate(codes, start=1):
        services.catalogue_entries.create({"province_code": province, "level": level,
                                           "position": position, "procedure_code": code,
                                           "decision_number": decision})


def run_results(run):
    from sqlalchemy import select

    from procedures.db import db as _db
    from procedures.models import AuditUnitResult
    return _db.session.scalars(select(AuditUnitResult).where(AuditUnitResult.run_id == run.id))


def missing(unit_code, as_of=TODAY):
    outcome = evaluate_unit(unit_code, as_of)
    return sorted(f.procedure_code for f in outcome.fails if f.rule.id == "unit.coverage.missing"), \
        outcome.coverage


@pytest.fixture
def two_provinces(runner, db):
    import_units(runner, HANOI)
    import_units(runner, LAM_DONG)
    reference_records()
    procedures()
    publish(HANOI, HANOI_DECISION, SHARED)
    publish(LAM_DONG, LAM_DONG_DECISION, [*SHARED, *COASTAL])


def test_a_hanoi_ward_is_not_asked_for_what_lam_dong_published(two_provinces):
    codes, coverage = missing(BA_DINH)
    assert codes == sorted(SHARED)
    assert coverage == {"source": "catalogue", "province": HANOI, "required": 2, "not_arising": 0}
    codes, coverage = missing(MUI_NE)
    assert codes == sorted([*SHARED, *COASTAL])
    assert coverage["province"] == LAM_DONG and coverage["required"] == 5


def test_a_special_zone_gets_its_provinces_commune_catalogue_not_everything(two_provinces):
    services.procedures.create(procedure_data("2.000635", "Cấp bản sao trích lục hộ tịch"))
    codes, coverage = missing(PHU_QUY)
    assert codes == sorted([*SHARED, *COASTAL])  # not 2.000635: Lâm Đồng did not publish it
    assert coverage["source"] == "catalogue"


def test_a_catalogue_line_counts_from_its_decisions_effect(two_provinces):
    # As of June 2025 neither province had published: the national rule applies, and says so.
    codes, coverage = missing(BA_DINH, as_of=TODAY.replace(year=2025, month=6, day=20))
    assert codes == sorted([*SHARED, *COASTAL])
    assert coverage == {"source": "national", "province": HANOI, "required": 5, "not_arising": 0}


def test_not_arising_removes_a_requirement_and_says_who_and_why(two_provinces, client, make_user,
                                                                 login):
    editor = make_user("unit_editor", "phu-quy", PHU_QUY)
    with services.acting_as(services.Actor.of_user(editor)):
        services.not_arising.create({"unit_code": PHU_QUY, "procedure_code": "1.003764",
                                     "reason": "Đặc khu không có cảng cá tiếp nhận tàu khai thác"})
    codes, coverage = missing(PHU_QUY)
    assert "1.003764" not in codes and coverage["not_arising"] == 1
    assert coverage["required"] == 4
    record = services.not_arising.get(PHU_QUY, "1.003764")
    assert record.recorded_by == "phu-quy" and record.recorded_at is not None
    # Another unit of the same province still must.
    assert "1.003764" in missing(MUI_NE)[0]


def test_without_any_catalogue_the_national_rule_is_reported(runner, db):
    import_units(runner, HANOI)
    reference_records()
    procedures()
    codes, coverage = missing(BA_DINH)
    assert codes == sorted([*SHARED, *COASTAL])
    assert coverage["source"] == "national"


def test_a_procedure_of_two_levels_is_required_and_accepted_at_both(two_provinces):
    """A national list says "cấp tỉnh, cấp xã": the province lists it at both levels; a ward that
    implements it is not told the procedure is of another level."""
    services.procedures.create(procedure_data(
        "1.010812", "Hỗ trợ người lao động nghỉ việc không hưởng lương", level="province",
        owner_unit_code=LAM_DONG))
    publish(LAM_DONG, LAM_DONG_DECISION, ["1.010812"], level="province")
    services.catalogue_entries.create({"province_code": LAM_DONG, "level": "commune",
                                       "procedure_code": "1.010812",
                                       "decision_number": LAM_DONG_DECISION})
    assert "1.010812" in missing(MUI_NE)[0]
    assert "1.010812" in missing(LAM_DONG)[0]
    services.assignments.create({"unit_code": MUI_NE, "procedure_code": "1.010812"})
    outcome = evaluate_unit(MUI_NE, TODAY)
    rules = {f.rule.id for f in outcome.fails if f.procedure_code == "1.010812"}
    assert "assignment.procedure.level_mismatch" not in rules
    assert "unit.coverage.missing" not in rules
    # Hà Nội did not list it at commune level: there it is of another level.
    services.assignments.create({"unit_code": BA_DINH, "procedure_code": "1.010812"})
    rules = {f.rule.id for f in evaluate_unit(BA_DINH, TODAY).fails
             if f.procedure_code == "1.010812"}
    assert "assignment.procedure.level_mismatch" in rules


def test_the_catalogue_finds_a_procedure_no_unit_of_its_level_implements(two_provinces):
    province = get_province(LAM_DONG)
    report = catalogue_report(province, "commune", TODAY)
    assert {line["entry"].procedure.code for line in report["findings"]} == {*SHARED, *COASTAL}
    wards = ("22918", "22924", "22945")  # Mũi Né, Phú Thủy, Phan Thiết
    for ward in wards:
        services.assignments.create({"unit_code": ward, "procedure_code": "1.001193"})
    services.not_arising.create({"unit_code": MUI_NE, "procedure_code": "1.004359",
                                 "reason": "Phường không có cảng cá"})
    report = catalogue_report(province, "commune", TODAY)
    gaps = {line["entry"].procedure.code for line in report["findings"]}
    assert gaps == {"1.004884", "1.003764", "1.004359", "2.001824"}
    line = next(x for x in report["lines"] if x["entry"].procedure.code == "1.001193")
    assert line["implementing"] == 3 and line["units"] == 124


def test_a_national_run_stores_what_coverage_was_judged_on(two_provinces):
    run = run_audit()
    # the two provinces, Hà Nội's 126 wards and communes, Lâm Đồng's 124
    assert run.summary["coverage"] == {"catalogue": 2 + 126 + 124, "national": 0}
    results = {r.unit.code: r.coverage for r in run_results(run)}
    assert results[BA_DINH] == {"source": "catalogue", "province": HANOI, "required": 2,
                                "not_arising": 0}


@pytest.mark.slow
def test_all_34_provinces_and_two_catalogues_give_no_cross_province_finding(runner, db):
    """The issue's case: every province loaded, Hà Nội and Lâm Đồng publish."""
    import_units(runner)
    reference_records()
    procedures()
    publish(HANOI, HANOI_DECISION, SHARED)
    publish(LAM_DONG, LAM_DONG_DECISION, [*SHARED, *COASTAL])
    run = run_audit()
    from sqlalchemy import select

    from procedures.db import db as _db
    from procedures.models import Finding, Unit
    rows = _db.session.execute(select(Unit.code, Unit.parent_id, Finding.procedure_code).join(
        Finding, Finding.unit_id == Unit.id).where(Finding.run_id == run.id,
                                                   Finding.rule_id == "unit.coverage.missing"))
    hanoi_id = services.units.get(HANOI).id
    in_hanoi = {code for unit, parent, code in rows if parent == hanoi_id}
    assert in_hanoi == set(SHARED)
    assert run.summary["coverage"] == {"catalogue": 2 + 126 + 124, "national": 3355 - 252}
