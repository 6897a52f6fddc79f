"""The unit register on real codes: an upsert that keeps desks, renumbered units that keep their
officers, former codes that still find a unit, and the demo beside the real units."""
import json
import unicodedata

import pytest
from sqlalchemy import func, select

from importers.seed.admin_units import iter_unit_records
from procedures import services
from procedures.errors import Conflict, Forbidden, NotFound
from procedures.models import Assignment, Officer, Revision, Unit, UnitCodeChange
from procedures.services.unit_register import sync_official_units
from procedures.unit_names import official_name
from tests.factories import make_decision, make_field, make_legal_document, procedure_data

# What vietnam-provinces 2025.10.1 (before the statistics office's codes) had where 2026.9.0
# differs, for the wards these tests follow: Hà Nội's Văn Miếu - Quốc Tử Giám was 196 and
# 226 was Kim Liên (now 229); in Cao Bằng three communes' codes went round.
HANOI_2025 = {"00196": "Phường Văn Miếu - Quốc Tử Giám", "00226": "Phường Kim Liên"}
HANOI_2026 = {"00226": "Phường Văn Miếu - Quốc Tử Giám", "00229": "Phường Kim Liên"}
CAO_BANG_2025 = {"01537": "Xã Vinh Quý", "01558": "Xã Lý Quốc", "01561": "Xã Hạ Lang"}
CAO_BANG_2026 = {"01537": "Xã Lý Quốc", "01558": "Xã Hạ Lang", "01561": "Xã Vinh Quý"}
KIM_LIEN_DESK = {"desk_name": "Trung tâm Phục vụ hành chính công phường Kim Liên",
                 "desk_address": "Số 2 Đào Duy Anh, phường Kim Liên, thành phố Hà Nội",
                 "desk_phone": "024 3852 1234",
                 "desk_hours": "Sáng 8h00–12h00, chiều 13h30–17h00, thứ Hai đến thứ Sáu"}


def count(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def unit(db, code):
    return db.session.scalars(select(Unit).where(Unit.code == code)).one_or_none()


def as_in_2025(province, now, then):
    """The province's records as the older list had them: ``now`` codes replaced by ``then``."""
    records = [r for r in iter_unit_records(province) if r["code"] not in now]
    parent = records[0]["code"]
    kinds = {"Phường": "ward", "Xã": "commune"}
    return records + [{"code": code, "name": name, "kind": kinds[name.split()[0]],
                       "level": "commune", "parent_code": parent} for code, name in then.items()]


def load_2025(records):
    with services.acting_as(services.Actor("import-units", trusted=True)):
        return sync_official_units(records, source="vietnam-provinces 2025.10.1")


def import_units(runner, *province):
    args = ["registry", "import-units"] + (["--province", province[0]] if province else [])
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def make_catalogue():
    """The field, legal basis and decision procedure_data() cites (no unit of its own)."""
    make_field()
    make_legal_document()
    make_decision()


def staff(code, full_name, procedure_code=None):
    """An officer of the unit, and an assignment of a procedure whose step names them."""
    services.officers.create({"unit_code": code, "full_name": full_name,
                              "position_title": "Công chức Tư pháp – Hộ tịch",
                              "has_signing_account": True, "active": True})
    if procedure_code:
        services.assignments.create({
            "unit_code": code, "procedure_code": procedure_code,
            "process_steps": [{"position": 1, "task": "Tiếp nhận hồ sơ", "department": "Bộ phận Một cửa",
                               "position_title": "Công chức", "officer_name": full_name,
                               "duration_days": 0.5}]})


# --- names ----------------------------------------------------------------------------------
@pytest.mark.parametrize("given, stored", [
    ("Xã Thanh Thuỷ", "Xã Thanh Thủy"),
    ("Phường Hoà Bình", "Phường Hòa Bình"),
    ("Xã Vinh Quý", "Xã Vinh Quý"),  # qu: the mark stays on y
    ("Xã Hoàng Hoa Thám", "Xã Hoàng Hoa Thám"),
    ("Xã  Bắc Đông Quan", "Xã Bắc Đông Quan"),
    ("xã Bắc Sơn", "Xã Bắc Sơn"),
    ("Xã Cư M’gar", "Xã Cư M'gar"),
    ("Xã Chân Mây – Lăng Cô", "Xã Chân Mây - Lăng Cô"),
    ("Phường Huế", "Phường Huế"),
    (unicodedata.normalize("NFD", "Phường Phú Thuỷ"), "Phường Phú Thủy"),
])
def test_names_take_one_form(given, stored):
    assert official_name(given) == stored
    assert unicodedata.is_normalized("NFC", official_name(given))


def test_the_list_is_the_statistics_office_codes_in_one_name_form():
    records = {r["code"]: r for r in iter_unit_records()}
    assert len(records) == 34 + 3321
    assert records["68"]["name"] == "Tỉnh Lâm Đồng" and records["01"]["name"] == "Thành phố Hà Nội"
    assert records["00226"]["name"] == "Phường Văn Miếu - Quốc Tử Giám"
    assert records["00229"]["name"] == "Phường Kim Liên"
    assert {code: records[code]["name"] for code in CAO_BANG_2026} == CAO_BANG_2026
    assert records["00928"]["name"] == "Xã Thanh Thủy" and records["22924"]["name"] == "Phường Phú Thủy"
    assert all(r["name"] == official_name(r["name"]) for r in records.values())


# --- an upsert that keeps what the list does not carry -----------------------------------------
def test_import_units_again_keeps_desks_and_changes_nothing(runner, db):
    first = import_units(runner, "68")
    assert first["created"] == 125 and first["moved"] == 0
    desk = {"desk_name": "Trung tâm Phục vụ hành chính công phường Mũi Né",
            "desk_address": "Số 1 Huỳnh Thúc Kháng, phường Mũi Né, tỉnh Lâm Đồng",
            "desk_phone": "0252 3847 101", "desk_hours": "Sáng 7h00–11h30, chiều 13h30–17h00"}
    services.units.update(("22918",), desk, partial=True)
    revisions = count(db, Revision)
    for _ in range(2):
        again = import_units(runner, "68")
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 125)
    assert count(db, Revision) == revisions
    mui_ne = unit(db, "22918")
    assert {k: getattr(mui_ne, k) for k in desk} == desk
    assert mui_ne.name == "Phường Mũi Né" and mui_ne.parent.code == "68"


def test_a_new_name_form_updates_the_name_and_keeps_the_desk(db):
    records = list(iter_unit_records("25"))
    old = [{**r, "name": "Xã Thanh Thuỷ"} if r["code"] == "08674" else r for r in records]
    old[0] = {**old[0], "name": "Phú Thọ"}
    load_2025(old)
    services.units.update(("08674",), {"desk_name": "Bộ phận Một cửa xã Thanh Thủy"}, partial=True)
    with services.acting_as(services.Actor("import-units", trusted=True)):
        result = sync_official_units(records, source="vietnam-provinces 2026.9.0")
    assert (result["updated"], result["moved"]) == (2, 0)
    commune = unit(db, "08674")
    assert (commune.name, commune.desk_name) == ("Xã Thanh Thủy", "Bộ phận Một cửa xã Thanh Thủy")
    assert unit(db, "25").name == "Tỉnh Phú Thọ"


# --- renumbered units keep their id, officers and assignments ---------------------------------
def test_renumbered_wards_keep_their_officers_and_former_codes_find_them(runner, client, db):
    load_2025(as_in_2025("01", HANOI_2026, HANOI_2025))
    assert unit(db, "00226").name == "Phường Kim Liên"
    services.units.update(("00226",), KIM_LIEN_DESK, partial=True)
    make_catalogue()
    services.procedures.create(procedure_data())
    staff("00226", "Nguyễn Thị Thu Hà", procedure_data()["code"])
    staff("00196", "Trần Văn Minh")
    kim_lien, van_mieu = unit(db, "00226"), unit(db, "00196")
    ids = (kim_lien.id, van_mieu.id)

    result = import_units(runner, "01")

    assert result["moved"] == 2
    assert result["code_changes"] == [["00196", "00226"], ["00226", "00229"]]
    db.session.expire_all()
    kim_lien, van_mieu = db.session.get(Unit, ids[0]), db.session.get(Unit, ids[1])
    assert (kim_lien.code, kim_lien.name) == ("00229", "Phường Kim Liên")
    assert (van_mieu.code, van_mieu.name) == ("00226", "Phường Văn Miếu - Quốc Tử Giám")
    assert {k: getattr(kim_lien, k) for k in KIM_LIEN_DESK} == KIM_LIEN_DESK
    assert [o.full_name for o in kim_lien.officers] == ["Nguyễn Thị Thu Hà"]
    assert [o.full_name for o in van_mieu.officers] == ["Trần Văn Minh"]
    assignment = db.session.scalars(select(Assignment)).one()
    assert assignment.unit_id == kim_lien.id
    assert assignment.process_steps[0].officer.unit_id == kim_lien.id
    change = db.session.scalars(select(UnitCodeChange).where(UnitCodeChange.old_code == "00226")).one()
    assert (change.unit_id, change.new_code, change.reason) == (kim_lien.id, "00229", "renumbered")
    assert change.source.startswith("vietnam-provinces 2026.9.0") and change.changed_on.year == 2026
    # A current code wins over a former one; a former code no unit has now finds the unit.
    assert services.units.get("00226").id == van_mieu.id
    assert services.units.get("00196").id == van_mieu.id
    assert services.officers.get("00196", "Trần Văn Minh").unit_id == van_mieu.id
    response = client.get("/api/v1/units/00196")
    assert response.status_code == 301 and response.headers["Location"].endswith("/api/v1/units/00226")
    assert client.get("/api/v1/units/00196", follow_redirects=True).get_json()["code"] == "00226"
    former = client.get("/api/v1/units/00229").get_json()["former_codes"]
    assert former == [{"code": "00226", "reason": "renumbered", "changed_on": "2026-09-20",
                       "source": "vietnam-provinces 2026.9.0 (danh mục ngày 2026-09-20)"}]
    page = client.get("/units/00196")
    assert page.status_code == 301 and page.headers["Location"].endswith("/units/00226")
    shown = client.get("/units/00229").get_data(as_text=True)
    assert "mã cũ: 00226 (đổi mã ngày 20/09/2026, vietnam-provinces 2026.9.0" in shown
    revisions = count(db, Revision)
    again = import_units(runner, "01")
    assert (again["moved"], again["created"], again["updated"]) == (0, 0, 0)
    assert count(db, Revision) == revisions


def test_codes_that_go_round_move_together(db):
    load_2025(as_in_2025("04", CAO_BANG_2026, CAO_BANG_2025))
    for code, name in CAO_BANG_2025.items():
        staff(code, f"Hoàng Văn {name.split()[-1]}")
    ids = {name: unit(db, code).id for code, name in CAO_BANG_2025.items()}
    with services.acting_as(services.Actor("import-units", trusted=True)):
        result = sync_official_units(iter_unit_records("04"), source="vietnam-provinces 2026.9.0")
    assert result["code_changes"] == [["01537", "01561"], ["01558", "01537"], ["01561", "01558"]]
    db.session.expire_all()
    for code, name in CAO_BANG_2026.items():
        moved = unit(db, code)
        assert (moved.id, moved.name) == (ids[name], name)
        assert [o.full_name for o in moved.officers] == [f"Hoàng Văn {name.split()[-1]}"]


def test_a_code_taken_by_a_unit_the_list_no_longer_has_writes_nothing(runner, db):
    records = as_in_2025("01", HANOI_2026, {**HANOI_2025, "00226": "Phường Kim Liên Cũ"})
    load_2025(records)
    result = runner.invoke(args=["registry", "import-units", "--province", "01"])
    assert result.exit_code == 1
    assert "already_exists" in result.output and "Phường Kim Liên Cũ" in result.output
    db.session.expire_all()
    assert unit(db, "00196").name == "Phường Văn Miếu - Quốc Tử Giám"
    assert unit(db, "00229") is None and count(db, UnitCodeChange) == 0


def test_an_import_file_citing_a_former_code_writes_to_the_unit(app, db, tmp_path):
    from importers import ImportOptions, run_import

    load_2025(as_in_2025("01", HANOI_2026, HANOI_2025))
    make_catalogue()
    services.procedures.create(procedure_data())
    staff("00196", "Trần Văn Minh", procedure_data()["code"])
    import_units_as_system("01")
    step = {"position": 1, "task": "Tiếp nhận, kiểm tra hồ sơ", "department": "Bộ phận Một cửa",
            "position_title": "Công chức Văn phòng – Thống kê", "officer_name": "Lê Thị Hồng Nhung",
            "duration_days": 0.5}
    path = tmp_path / "van-mieu.json"
    path.write_text(json.dumps({
        "officers": [{"unit_code": "00196", "full_name": "Lê Thị Hồng Nhung",
                      "position_title": "Công chức Văn phòng – Thống kê", "is_desk_officer": True}],
        "assignments": [{"unit_code": "00196", "procedure_code": "1.001193", "process_steps": [step]}],
    }, ensure_ascii=False), encoding="utf-8")
    options = ImportOptions.from_config(app.config, app.instance_path, filename=path.name)
    report, _ = run_import(str(path), options)
    assert report["outcome"] == "imported", report["issues"]
    van_mieu = unit(db, "00226")
    assert sorted(o.full_name for o in van_mieu.officers) == ["Lê Thị Hồng Nhung", "Trần Văn Minh"]
    assignment = db.session.scalars(select(Assignment)).one()
    assert assignment.unit_id == van_mieu.id
    assert assignment.process_steps[0].officer.full_name == "Lê Thị Hồng Nhung"


def import_units_as_system(province):
    from importers.seed.admin_units import import_units as run

    return run(province)


# --- manual code changes ----------------------------------------------------------------------
def test_change_unit_code_command_keeps_officers(runner, db, make_user):
    import_units_as_system("68")
    staff("22918", "Phạm Thị Mỹ Duyên")
    editor = make_user("unit_editor", "mui-ne", "22918")
    result = runner.invoke(args=["registry", "change-unit-code", "22918", "22919", "--date",
                                 "2027-01-01", "--source", "Nghị quyết số 01/NQ-UBTVQH16"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    moved = unit(db, "22919")
    assert [o.full_name for o in moved.officers] == ["Phạm Thị Mỹ Duyên"]
    assert db.session.get(type(editor), editor.id).unit_id == moved.id
    assert services.units.get("22918").id == moved.id
    revision = db.session.scalars(select(Revision).where(Revision.record_key == "22919")).one()
    assert revision.changes == {"code": ["22918", "22919"]}
    with pytest.raises(NotFound):
        services.units.delete("22918")  # a former code finds the unit, but never deletes it
    taken = runner.invoke(args=["registry", "change-unit-code", "22919", "22924"])
    assert taken.exit_code == 1 and "already_exists" in taken.output


def test_an_editor_cannot_change_a_code(db, make_user):
    import_units_as_system("68")
    editor = make_user("unit_editor", "mui-ne", "22918")
    with services.acting_as(services.Actor.of_user(editor)), pytest.raises(Forbidden):
        services.units.change_code("22918", "22919")
    with pytest.raises(Conflict):
        services.units.create({"code": "22918", "name": "Phường Mũi Né", "kind": "ward",
                               "level": "commune", "parent_code": "68"})


# --- the demo beside the real units ---------------------------------------------------------
def test_the_demo_and_real_provinces_live_side_by_side(runner, db, demo):
    demo_units = {u.code: services.units.serialize(u) for u in services.units.all()}
    assert all(code.startswith("DEMO-") for code in demo_units)
    import_units(runner, "68")
    import_units(runner, "01")
    db.session.expire_all()
    after = {u.code: services.units.serialize(u) for u in services.units.all()}
    assert {code: after[code] for code in demo_units} == demo_units
    assert after["22918"]["name"] == "Phường Mũi Né" and after["22918"]["parent_code"] == "68"
    assert after["DEMO-22918"]["parent_code"] == "DEMO-593"
    assert len(after) == len(demo_units) + 125 + 127
    revisions = count(db, Revision)
    second = runner.invoke(args=["registry", "demo"])
    assert second.exit_code == 0
    assert all("tạo mới    0  cập nhật    0" in line for line in second.output.splitlines() if line)
    assert count(db, Revision) == revisions
    assert count(db, Officer, Officer.unit_id == unit(db, "22918").id) == 0


# --- merging units ----------------------------------------------------------------------------
LEGACY = [  # the 2018 units of a registry kept since then (real codes of that time)
    {"code": "60", "name": "Tỉnh Bình Thuận", "kind": "province", "level": "province"},
    {"code": "593", "name": "Thành phố Phan Thiết", "kind": "district", "level": "district",
     "parent_code": "60"},
    {"code": "22915", "name": "Phường Mũi Né", "kind": "ward", "level": "commune", "parent_code": "593",
     "desk_name": "Bộ phận Tiếp nhận và Trả kết quả phường Mũi Né"},
    {"code": "22918", "name": "Phường Hàm Tiến", "kind": "ward", "level": "commune",
     "parent_code": "593"},
]


def test_merged_wards_bring_their_officers_and_work(runner, db, make_user):
    for record in LEGACY:
        services.units.create(record)
    make_catalogue()
    services.procedures.create(procedure_data())
    staff("22915", "Võ Thị Kim Oanh", "1.001193")
    staff("22918", "Đặng Quốc Bảo")
    editor = make_user("unit_editor", "mui-ne-cu", "22915")
    import_units(runner, "68")  # 22918 is now Phường Mũi Né of Tỉnh Lâm Đồng (Hàm Tiến's code)
    assert (unit(db, "22918").name, unit(db, "22918").parent.code) == ("Phường Mũi Né", "68")
    result = runner.invoke(args=["registry", "merge-units", "22915", "--into", "22918", "--date",
                                 "2025-07-01", "--source", "Nghị quyết của UBTVQH về sắp xếp đơn vị "
                                 "hành chính cấp xã tỉnh Lâm Đồng năm 2025"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    mui_ne = unit(db, "22918")
    assert unit(db, "22915") is None
    assert sorted(o.full_name for o in mui_ne.officers) == ["Võ Thị Kim Oanh", "Đặng Quốc Bảo"]
    assert db.session.scalars(select(Assignment)).one().unit_id == mui_ne.id
    assert db.session.get(type(editor), editor.id).unit_id == mui_ne.id
    assert services.units.get("22915").id == mui_ne.id
    change = db.session.scalars(select(UnitCodeChange).where(UnitCodeChange.old_code == "22915")).one()
    assert (change.unit_id, change.reason, str(change.changed_on)) == (mui_ne.id, "merged", "2025-07-01")
    assert services.officers.get("22915", "Võ Thị Kim Oanh").unit_id == mui_ne.id
    # An old workbook's row for the absorbed ward never overwrites the ward that absorbed it.
    outcome, recreated = services.units.upsert(LEGACY[2])
    assert outcome == "created" and recreated.id != mui_ne.id
    db.session.expire_all()
    assert (unit(db, "22918").name, unit(db, "22918").parent.code) == ("Phường Mũi Né", "68")


def test_a_merge_that_would_duplicate_records_writes_nothing(runner, db):
    for record in LEGACY:
        services.units.create(record)
    staff("22915", "Nguyễn Văn Hùng")
    staff("22918", "Nguyễn Văn Hùng")
    result = runner.invoke(args=["registry", "merge-units", "22915", "--into", "22918"])
    assert result.exit_code == 1 and "merge_conflict" in result.output
    assert "Nguyễn Văn Hùng" in result.output
    assert unit(db, "22915") is not None and count(db, UnitCodeChange) == 0
    upward = runner.invoke(args=["registry", "merge-units", "593", "--into", "22918"])
    assert upward.exit_code == 1 and "merge_cycle" in upward.output
