"""CLI commands through runner.invoke."""
import json

from sqlalchemy import func, select

from importers.seed.admin_units import iter_unit_records
from procedures.models import Unit


def test_import_units_one_province(runner, db):
    result = runner.invoke(args=["registry", "import-units", "--province", "68"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    province = db.session.scalars(select(Unit).where(Unit.code == "68")).one()
    assert province.name == "Tỉnh Lâm Đồng" and province.kind == "province"
    wards = db.session.scalar(select(func.count()).select_from(Unit).where(Unit.parent_id == province.id))
    assert counts["created"] == wards + 1
    assert wards > 100
    mui_ne = db.session.scalars(select(Unit).where(Unit.code == "22918")).one()
    assert mui_ne.name == "Phường Mũi Né" and mui_ne.level == "commune" and mui_ne.kind == "ward"
    again = json.loads(runner.invoke(args=["registry", "import-units", "--province", "68"]).output)
    assert again["unchanged"] == wards + 1 and (again["created"], again["updated"]) == (0, 0)


def test_import_units_unknown_province_exits_1(runner, db):
    result = runner.invoke(args=["registry", "import-units", "--province", "99"])
    assert result.exit_code == 1
    assert "province_not_found" in result.output
    assert db.session.scalar(select(func.count()).select_from(Unit)) == 0


def test_all_units_follow_the_two_tier_structure():
    records = list(iter_unit_records())
    provinces = [r for r in records if r["kind"] == "province"]
    communes = [r for r in records if r["level"] == "commune"]
    assert len(provinces) == 34 and len(communes) == 3321
    kinds = {k: sum(1 for r in communes if r["kind"] == k) for k in ("ward", "commune", "special_zone")}
    assert kinds == {"ward": 687, "commune": 2621, "special_zone": 13}
    assert {r["parent_code"] for r in communes} == {p["code"] for p in provinces}
