"""The demo dataset: realistic counts, the seeded gaps, idempotent loading."""
from sqlalchemy import func, select

from procedures.models import (
    Assignment,
    Decision,
    Field,
    LegalDocument,
    Officer,
    Procedure,
    ProcessStep,
    Revision,
    Unit,
)


def count(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_loads_the_seed_case(db, demo):
    assert demo["procedures"]["created"] >= 40
    wards = count(db, Unit, Unit.kind == "ward")
    communes = count(db, Unit, Unit.kind == "commune")
    assert (wards, communes) == (14, 4)
    assert count(db, Unit, Unit.kind == "department") >= 5
    assert count(db, Field) >= 6
    fields_used = db.session.scalar(select(func.count(func.distinct(Procedure.field_id))))
    assert fields_used >= 6
    assert count(db, Officer) > 40 and count(db, Assignment) > 300
    assert count(db, ProcessStep) > 1000
    city = db.session.scalars(select(Unit).where(Unit.code == "DEMO-593")).one()
    assert city.name == "Thành phố Phan Thiết"
    mui_ne = db.session.scalars(select(Unit).where(Unit.code == "DEMO-22918")).one()
    assert mui_ne.parent_id == city.id
    # The realistic gaps are there for the audit to find:
    # the decision typed "QD" is stored with Đ
    assert count(db, Decision, Decision.number == "2105/QĐ-UBND") == 1
    assert count(db, Decision, Decision.number.like("%/QD-%")) == 0
    # a building permit still cites the replaced decree
    permit = db.session.scalars(select(Procedure).where(Procedure.code == "1.013225")).one()
    assert "15/2021/NĐ-CP" in {d.number for d in permit.legal_bases}
    replaced = db.session.scalars(
        select(LegalDocument).where(LegalDocument.number == "15/2021/NĐ-CP")).one()
    assert replaced.replaced_by.number == "175/2024/NĐ-CP"
    # a fee "set by the provincial council" with no amount
    household = db.session.scalars(select(Procedure).where(Procedure.code == "1.001612")).one()
    assert any(c.fee_amount is None and not c.is_free for c in household.channels)


def test_demo_command_twice_changes_nothing(runner, db):
    result = runner.invoke(args=["registry", "demo"])
    assert result.exit_code == 0, result.output
    assert "procedures" in result.output and "tạo mới" in result.output
    revisions = count(db, Revision)
    second = runner.invoke(args=["registry", "demo"])
    assert second.exit_code == 0
    lines = [line for line in second.output.splitlines() if line.strip()]
    assert len(lines) == 9 and all("tạo mới    0  cập nhật    0" in line for line in lines)
    assert count(db, Revision) == revisions


def test_demo_documents_are_dated_as_published_and_the_city_audited_as_of_2018(db, demo):
    enterprise = db.session.scalars(
        select(LegalDocument).where(LegalDocument.number == "01/2021/NĐ-CP")).one()
    assert enterprise.replaced_by.number == "168/2025/NĐ-CP"
    assert str(enterprise.replaced_by.issued_on) == "2025-06-30"
    assert str(enterprise.replaced_by.effective_on) == "2025-07-01"
    index = db.session.scalars(
        select(LegalDocument).where(LegalDocument.number == "766/QĐ-TTg")).one()
    assert str(index.issued_on) == "2022-06-23"
    # The 2018 city audited as of its own time, and as of today (the same load: it is slow).
    from datetime import date

    from importers.seed.demo_data.units import LOCAL_UNITS, UNITS
    from procedures.audit.runner import evaluate_unit

    def rules(code, as_of):
        return {f.rule.id for f in evaluate_unit(code, as_of).fails}

    district = [u["code"] for u in UNITS if u["level"] == "district"]
    assert len(district) == 8  # the city and its seven departments
    for code in [u["code"] for u in UNITS]:
        assert not {"unit.level.district_abolished", "procedure.level.district_abolished"} & rules(
            code, date(2018, 2, 27))
    complete_ward = LOCAL_UNITS[0][0]
    assert evaluate_unit(complete_ward, date(2025, 6, 30)).ready
    assert evaluate_unit(complete_ward, date(2026, 12, 1)).ready
    for code in district:
        assert "unit.level.district_abolished" in rules(code, date(2026, 12, 1))
