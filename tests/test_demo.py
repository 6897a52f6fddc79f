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
    assert len(lines) == 7 and all("tạo mới    0  cập nhật    0" in line for line in lines)
    assert count(db, Revision) == revisions
