"""The record services: CRUD by natural key, references, atomic updates, revisions, change feed."""
import unicodedata
from datetime import date

import pytest
from sqlalchemy import event, func, select

from procedures import services
from procedures.errors import Conflict, NotFound, ValidationFailed
from procedures.models import (
    Channel,
    DossierItem,
    Field,
    LegalDocument,
    ProcessStep,
    Revision,
    SearchChange,
    Step,
    procedure_decisions,
    procedure_legal_bases,
)
from procedures.services import Actor, acting_as, unit_of_work
from procedures.services.base import canonical
from tests.factories import (
    make_catalogue,
    make_decision,
    make_field,
    make_legal_document,
    make_procedure,
    make_unit,
    procedure_data,
)

KEY_CHANGE = ["Không được đổi mã định danh của bản ghi; hãy tạo bản ghi mới."]


@pytest.fixture
def catalogue(db):
    """Unit 22918, field ho-tich, law 60/2014/QH13, decision 2228/QĐ-UBND."""
    make_catalogue()


@pytest.fixture
def procedure(catalogue):
    return make_procedure()


def make_officer(unit_code="22918", full_name="Lê Văn Cường", **extra):
    return services.officers.create({"unit_code": unit_code, "full_name": full_name, **extra})


def make_assignment(**extra):
    return services.assignments.create({"unit_code": "22918", "procedure_code": "1.001193",
                                        **extra})


def count(db, what, *where):
    stmt = select(func.count()).select_from(what)
    for clause in where:
        stmt = stmt.where(clause)
    return db.session.scalar(stmt)


def revisions(db, entity=None):
    stmt = select(Revision).order_by(Revision.id)
    if entity:
        stmt = stmt.where(Revision.entity == entity)
    return db.session.scalars(stmt).all()


def search_changes(db):
    return [(c.procedure_code, c.note) for c in db.session.scalars(
        select(SearchChange).order_by(SearchChange.id))]


def validation_errors(call, *args, **kwargs):
    with pytest.raises(ValidationFailed) as exc:
        call(*args, **kwargs)
    return exc.value.errors


# --- create, get, update, delete for every entity ----------------------------------------------

# entity, service, create data, key, update data (full), a serialized field to check
CASES = [
    ("unit", "units",
     {"code": "22919", "name": "Phường Hàm Tiến", "kind": "ward", "level": "commune",
      "parent_code": "22918"},
     ("22919",),
     {"name": "Phường Hàm Tiến (mới)", "kind": "ward", "level": "commune"},
     {"name": "Phường Hàm Tiến (mới)", "parent_code": None}),
    ("field", "fields", {"code": "cu-tru", "name": "Cư trú"}, ("cu-tru",),
     {"name": "Cư trú (đăng ký)"}, {"name": "Cư trú (đăng ký)"}),
    ("decision", "decisions",
     {"number": "15/2014/QĐ-UBND", "kind": "new", "title": "Công bố", "signed_on": "2014-05-02"},
     ("15/2014/QĐ-UBND",),
     {"kind": "amended", "title": "Công bố sửa đổi"},
     {"kind": "amended", "signed_on": None}),
    ("legal_document", "legal_documents",
     {"number": "123/2015/NĐ-CP", "doc_type": "decree", "title": "Nghị định hộ tịch",
      "replaced_by": "60/2014/QH13"},
     ("123/2015/NĐ-CP",),
     {"doc_type": "decree", "title": "Nghị định 123", "effective_on": "2016-01-01"},
     {"title": "Nghị định 123", "effective_on": "2016-01-01", "replaced_by": None}),
    ("procedure", "procedures", procedure_data(code="1.004222", name="Đăng ký thường trú"),
     ("1.004222",),
     {"name": "Đăng ký thường trú (sửa)", "field_code": "ho-tich", "level": "commune"},
     {"name": "Đăng ký thường trú (sửa)", "channels": [], "decisions": []}),
    ("officer", "officers",
     {"unit_code": "22918", "full_name": "Trần Thị Bích", "phone": "0252 3847 001"},
     ("22918", "Trần Thị Bích"),
     {"position_title": "Công chức tư pháp – hộ tịch", "public": True},
     {"phone": None, "public": True, "position_title": "Công chức tư pháp – hộ tịch"}),
    ("assignment", "assignments",
     {"unit_code": "22918", "procedure_code": "1.001193", "desk_name": "Bộ phận một cửa",
      "process_steps": [{"position": 1, "task": "Tiếp nhận", "duration_days": "0.5"}]},
     ("22918", "1.001193"),
     {"decision_number": "2228/QĐ-UBND"},
     {"desk_name": None, "decision_number": "2228/QĐ-UBND", "process_steps": []}),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize("entity, name, data, key, change, expected", CASES, ids=IDS)
def test_create_get_update_delete(procedure, db, entity, name, data, key, change, expected):
    service = getattr(services, name)
    created = service.create(data)
    assert service.get(*key) is created
    db.session.expire_all()
    assert service.serialize(service.get(*key)) == canonical(
        service.schema, service.validate(data), service.orders)

    service.update(key, change)
    db.session.expire_all()
    stored = service.serialize(service.get(*key))
    assert {k: stored[k] for k in expected} == expected

    service.delete(*key)
    with pytest.raises(NotFound) as exc:
        service.get(*key)
    assert exc.value.code == f"{entity}_not_found" and exc.value.status == 404
    assert [(r.action, r.record_key) for r in revisions(db, entity)][-3:] == [
        ("create", " / ".join(key)), ("update", " / ".join(key)), ("delete", " / ".join(key))]


@pytest.mark.parametrize("entity, name, data, key, change, expected", CASES, ids=IDS)
def test_duplicate_create_is_a_conflict(procedure, db, entity, name, data, key, change, expected):
    service = getattr(services, name)
    service.create(data)
    rows = count(db, service.model)
    with pytest.raises(Conflict) as exc:
        service.create(data)
    assert exc.value.code == "already_exists" and exc.value.status == 409
    assert exc.value.errors == [
        {"field": service.key_fields[-1], "messages": ["Giá trị đã tồn tại."]}]
    assert count(db, service.model) == rows
    assert [r.action for r in revisions(db, entity) if r.record_key == " / ".join(key)] == [
        "create"]


@pytest.mark.parametrize("entity, name, key", [
    ("unit", "units", ("99999",)),
    ("field", "fields", ("dat-dai",)),
    ("decision", "decisions", ("1/QĐ-UBND",)),
    ("legal_document", "legal_documents", ("1/2000/QH10",)),
    ("procedure", "procedures", ("1.999999",)),
    ("officer", "officers", ("22918", "Không Có Ai")),
    ("assignment", "assignments", ("22918", "1.999999")),
])
def test_unknown_key_is_not_found(procedure, entity, name, key):
    service = getattr(services, name)
    for call in (lambda: service.get(*key), lambda: service.delete(*key),
                 lambda: service.update(key, {})):
        with pytest.raises(NotFound) as exc:
            call()
        assert exc.value.code == f"{entity}_not_found" and exc.value.status == 404


def test_get_returns_stored_values_in_input_shape(procedure):
    stored = services.procedures.serialize(services.procedures.get("1.001193"))
    assert stored["decisions"] == ["2228/QĐ-UBND"] and stored["legal_bases"] == ["60/2014/QH13"]
    assert stored["channels"][0] == {
        "kind": "in_person", "processing_time": 0, "time_unit": "working_day",
        "time_note": "Trong ngày", "fee_text": None, "fee_amount": None, "is_free": True,
        "description": None, "online_url": None}
    assert [s["position"] for s in stored["steps"]] == [1, 2, 3]
    assert stored["dossier_items"][1] == {
        "case_name": None, "position": 2, "name": "Giấy chứng sinh", "form_name": None,
        "form_url": None, "form_file": None, "originals": 1, "copies": 0, "required": True}


def test_quarter_day_times_round_trip(catalogue):
    make_procedure(channels=[{"kind": "in_person", "processing_time": "2,25"},
                             {"kind": "online", "processing_time": "0.5"}])
    channels = services.procedures.serialize(services.procedures.get("1.001193"))["channels"]
    assert [c["processing_time"] for c in channels] == [2.25, 0.5]


def test_fee_up_to_the_schema_limit_is_stored(catalogue):
    # The schema accepts fees up to 10**12 đồng, so the column must hold them.
    make_procedure(channels=[{"kind": "in_person", "fee_amount": 5_000_000_000}])
    channels = services.procedures.serialize(services.procedures.get("1.001193"))["channels"]
    assert channels[0]["fee_amount"] == 5_000_000_000


def test_text_is_stored_in_nfc(db):
    make_unit(name=unicodedata.normalize("NFD", " Phường Mũi Né "))
    db.session.expire_all()
    assert services.units.get("22918").name == "Phường Mũi Né"


def test_decision_found_by_number_typed_without_d_stroke(catalogue):
    assert services.decisions.get("2228/QD-UBND").number == "2228/QĐ-UBND"
    assert services.legal_documents.get("60/2014/QH13").number == "60/2014/QH13"


def test_decision_updated_by_number_typed_without_d_stroke(catalogue, db):
    # get() finds "2228/QD-UBND"; update() with the same key must not see a key change.
    services.decisions.update(("2228/QD-UBND",), {"kind": "new", "title": "Công bố mới"})
    db.session.expire_all()
    assert services.decisions.get("2228/QĐ-UBND").title == "Công bố mới"


def test_decision_deleted_by_number_typed_without_d_stroke_is_revised_under_its_number(
        catalogue, db):
    services.decisions.delete("2228/QD-UBND")
    assert revisions(db, "decision")[-1].record_key == "2228/QĐ-UBND"


def test_overlong_decision_number_is_refused_by_validation(catalogue):
    number = "1/QĐ-" + "UBND" * 20  # the column holds 64 characters
    errors = validation_errors(make_decision, number=number)
    assert [e["field"] for e in errors] == ["number"]


# --- references ----------------------------------------------------------------------------------

def test_procedure_unknown_field(catalogue):
    assert validation_errors(make_procedure, field_code="dat-dai") == [
        {"field": "field_code", "messages": ["Không tìm thấy lĩnh vực 'dat-dai'."]}]


def test_procedure_unknown_owner_unit(catalogue):
    assert validation_errors(make_procedure, owner_unit_code="99999") == [
        {"field": "owner_unit_code", "messages": ["Không tìm thấy đơn vị '99999'."]}]


def test_procedure_unknown_decisions_and_legal_bases_are_named_by_position(catalogue, db):
    assert validation_errors(make_procedure, decisions=["9/QĐ-UBND", "2228/QĐ-UBND"]) == [
        {"field": "decisions.0", "messages": ["Không tìm thấy quyết định công bố '9/QĐ-UBND'."]}]
    assert validation_errors(make_procedure, legal_bases=["60/2014/QH13", "123/2015/ND-CP"]) == [
        {"field": "legal_bases.1", "messages": ["Không tìm thấy văn bản căn cứ '123/2015/NĐ-CP'."]}]
    assert count(db, Channel) == 0 and search_changes(db) == []


def test_unit_unknown_parent(db):
    assert validation_errors(make_unit, parent_code="68") == [
        {"field": "parent_code", "messages": ["Không tìm thấy đơn vị cấp trên '68'."]}]


def test_legal_document_unknown_replacement(db):
    assert validation_errors(make_legal_document, replaced_by="1/2000/QH10") == [
        {"field": "replaced_by", "messages": ["Không tìm thấy văn bản thay thế '1/2000/QH10'."]}]


def test_officer_unknown_unit(db):
    assert validation_errors(make_officer, unit_code="99999") == [
        {"field": "unit_code", "messages": ["Không tìm thấy đơn vị '99999'."]}]


def test_assignment_unknown_unit_procedure_and_decision(procedure):
    assert validation_errors(make_assignment, unit_code="99999") == [
        {"field": "unit_code", "messages": ["Không tìm thấy đơn vị '99999'."]}]
    assert validation_errors(make_assignment, procedure_code="1.999999") == [
        {"field": "procedure_code", "messages": ["Không tìm thấy thủ tục '1.999999'."]}]
    assert validation_errors(make_assignment, decision_number="9/QĐ-UBND") == [
        {"field": "decision_number", "messages": ["Không tìm thấy quyết định '9/QĐ-UBND'."]}]


def test_process_step_officer_must_belong_to_the_unit(procedure, db):
    make_unit(code="22915", name="Phường Phú Thủy")
    make_officer(unit_code="22915", full_name="Nguyễn Văn An")
    make_officer(unit_code="22918", full_name="Lê Văn Cường")
    steps = [{"position": 1, "task": "Tiếp nhận", "officer_name": "Nguyễn Văn An"},
             {"position": 2, "task": "Xử lý", "officer_name": "Lê Văn Cường"}]
    assert validation_errors(make_assignment, process_steps=steps) == [
        {"field": "process_steps.0.officer_name",
         "messages": ["Đơn vị 22918 không có cán bộ tên 'Nguyễn Văn An'."]}]
    assert count(db, ProcessStep) == 0

    make_assignment(process_steps=steps[1:])
    stored = services.assignments.serialize(services.assignments.get("22918", "1.001193"))
    assert stored["process_steps"][0]["officer_name"] == "Lê Văn Cường"


def test_unit_cannot_be_its_own_parent_or_ancestor(db):
    make_unit(code="68", name="Tỉnh Lâm Đồng", kind="province", level="province")
    make_unit(code="22918", parent_code="68")
    make_unit(code="22918.1", name="Tổ dân phố 1", kind="agency", parent_code="22918")
    province = {"name": "Tỉnh Lâm Đồng", "kind": "province", "level": "province"}
    loop = [{"field": "parent_code", "messages": ["Đơn vị cấp trên tạo thành vòng lặp."]}]
    assert validation_errors(services.units.update, ("68",), {**province, "parent_code": "68"}) == loop
    assert validation_errors(
        services.units.update, ("68",), {**province, "parent_code": "22918.1"}) == loop
    db.session.expire_all()
    assert services.units.get("68").parent is None


# --- updates -------------------------------------------------------------------------------------

def test_update_replaces_nested_parts_as_a_whole(procedure, db):
    data = procedure_data(
        channels=[{"kind": "postal", "processing_time": 3, "fee_amount": 20000}],
        steps=[{"position": 1, "description": "Gửi hồ sơ qua bưu điện"}],
        dossier_items=[{"position": 1, "name": "Tờ khai"}],
    )
    services.procedures.update(("1.001193",), data)
    db.session.expire_all()
    stored = services.procedures.serialize(services.procedures.get("1.001193"))
    assert [c["kind"] for c in stored["channels"]] == ["postal"]
    assert stored["steps"] == [{"position": 1, "description": "Gửi hồ sơ qua bưu điện"}]
    assert [d["name"] for d in stored["dossier_items"]] == ["Tờ khai"]
    assert (count(db, Channel), count(db, Step), count(db, DossierItem)) == (1, 1, 1)


def test_update_can_reuse_a_channel_kind_and_step_position(procedure, db):
    data = procedure_data(channels=[{"kind": "in_person", "processing_time": 1}],
                          steps=[{"position": 1, "description": "Nộp và nhận kết quả"}])
    services.procedures.update(("1.001193",), data)
    db.session.expire_all()
    stored = services.procedures.serialize(services.procedures.get("1.001193"))
    assert [(c["kind"], c["processing_time"]) for c in stored["channels"]] == [("in_person", 1)]


def test_failing_update_leaves_old_values_and_parts(procedure, db):
    before = services.procedures.serialize(services.procedures.get("1.001193"))
    data = procedure_data(name="Tên mới", channels=[{"kind": "postal"}], steps=[],
                          legal_bases=["60/2014/QH13", "123/2015/NĐ-CP"])
    assert validation_errors(services.procedures.update, ("1.001193",), data) == [
        {"field": "legal_bases.1", "messages": ["Không tìm thấy văn bản căn cứ '123/2015/NĐ-CP'."]}]
    db.session.expire_all()  # no rollback here: the service has already rolled back
    record = services.procedures.get("1.001193")
    assert services.procedures.serialize(record) == before
    assert record.version == 1
    assert (count(db, Channel), count(db, Step), count(db, DossierItem)) == (2, 3, 2)
    assert [r.action for r in revisions(db, "procedure")] == ["create"]


def test_failing_assignment_update_keeps_its_steps(procedure, db):
    make_officer()
    make_assignment(desk_name="Một cửa phường",
                    process_steps=[{"position": 1, "task": "Tiếp nhận",
                                    "officer_name": "Lê Văn Cường"}])
    data = {"unit_code": "22918", "procedure_code": "1.001193", "desk_name": "Khác",
            "process_steps": [{"position": 1, "task": "Xử lý", "officer_name": "Ai Đó"}]}
    assert [e["field"] for e in validation_errors(
        services.assignments.update, ("22918", "1.001193"), data)] == [
        "process_steps.0.officer_name"]
    db.session.expire_all()
    stored = services.assignments.serialize(services.assignments.get("22918", "1.001193"))
    assert stored["desk_name"] == "Một cửa phường"
    assert [(s["task"], s["officer_name"]) for s in stored["process_steps"]] == [
        ("Tiếp nhận", "Lê Văn Cường")]


def test_full_update_clears_absent_fields(procedure, db):
    services.procedures.update(("1.001193",), {"name": "Đăng ký khai sinh", "level": "commune",
                                               "field_code": "ho-tich"})
    db.session.expire_all()
    stored = services.procedures.serialize(services.procedures.get("1.001193"))
    assert stored["subjects"] is None and stored["online_level"] is None
    assert stored["channels"] == [] and stored["decisions"] == [] and stored["steps"] == []


def test_partial_update_keeps_absent_fields(procedure, db):
    before = services.procedures.serialize(services.procedures.get("1.001193"))
    services.procedures.update(("1.001193",), {"subjects": "Người nước ngoài"}, partial=True)
    db.session.expire_all()
    after = services.procedures.serialize(services.procedures.get("1.001193"))
    assert after == {**before, "subjects": "Người nước ngoài"}


def test_partial_update_of_an_officer(db):
    make_unit()
    make_officer(phone="0909 000 111", public=True)
    services.officers.update(("22918", "Lê Văn Cường"), {"is_desk_officer": "có"}, partial=True)
    db.session.expire_all()
    officer = services.officers.get("22918", "Lê Văn Cường")
    assert (officer.phone, officer.public, officer.is_desk_officer) == ("0909 000 111", True, True)


@pytest.mark.parametrize("partial", [False, True])
def test_changing_the_key_in_an_update_is_refused(procedure, db, partial):
    data = procedure_data(code="1.000002") if not partial else {"code": "1.000002"}
    assert validation_errors(services.procedures.update, ("1.001193",), data,
                             partial=partial) == [{"field": "code", "messages": KEY_CHANGE}]
    db.session.expire_all()
    assert services.procedures.get("1.001193").name == "Đăng ký khai sinh"
    with pytest.raises(NotFound):
        services.procedures.get("1.000002")


def test_moving_an_officer_by_update_is_refused(db):
    make_unit()
    make_unit(code="22915", name="Phường Phú Thủy")
    make_officer()
    data = {"unit_code": "22915", "full_name": "Lê Văn Cường"}
    assert validation_errors(services.officers.update, ("22918", "Lê Văn Cường"), data) == [
        {"field": "full_name", "messages": KEY_CHANGE}]
    assert services.officers.get("22918", "Lê Văn Cường").unit.code == "22918"


# --- upsert, revisions, versions -----------------------------------------------------------------

def test_upsert_reports_created_updated_unchanged(db):
    data = {"code": "ho-tich", "name": "Hộ tịch"}
    outcome, field = services.fields.upsert(data)
    assert outcome == "created" and field.name == "Hộ tịch"
    assert services.fields.upsert({**data, "name": "Hộ tịch, chứng thực"})[0] == "updated"
    assert services.fields.upsert({**data, "name": "Hộ tịch, chứng thực"})[0] == "unchanged"
    assert [r.action for r in revisions(db, "field")] == ["create", "update"]


@pytest.mark.parametrize("name, data", [
    ("procedures", procedure_data()),
    ("decisions", {"number": "2228/QD-UBND", "kind": "new", "title": "Công bố thủ tục hành chính",
                   "signed_on": "2024-03-01"}),
    ("units", {"code": "22918", "name": "Phường Mũi Né", "kind": "ward", "level": "commune"}),
])
def test_upsert_of_the_same_record_is_unchanged_and_writes_nothing(procedure, db, name, data):
    before = (count(db, Revision), search_changes(db))
    outcome, _ = getattr(services, name).upsert(data)
    assert outcome == "unchanged"
    assert (count(db, Revision), search_changes(db)) == before
    assert services.procedures.get("1.001193").version == 1


def test_upsert_repeating_a_decision_in_the_list_is_unchanged_the_second_time(catalogue, db):
    # The list names one decision twice (once typed "QD"): it is stored once.
    data = procedure_data(decisions=["2228/QĐ-UBND", "2228/QD-UBND"])
    assert services.procedures.upsert(data)[0] == "created"
    assert services.procedures.upsert(data)[0] == "unchanged"
    assert services.procedures.get("1.001193").version == 1


def test_upsert_of_the_same_assignment_is_unchanged(procedure, db):
    make_officer()
    data = {"unit_code": "22918", "procedure_code": "1.001193", "decision_number": "2228/QD-UBND",
            "process_steps": [
                {"position": 2, "task": "Xử lý", "duration_days": "1,5", "channel_kind": "online"},
                {"position": 1, "task": "Tiếp nhận", "officer_name": "Lê Văn Cường",
                 "duration_days": 0.25}]}
    assert services.assignments.upsert(data)[0] == "created"
    assert services.assignments.upsert(data)[0] == "unchanged"
    assert services.assignments.get("22918", "1.001193").version == 1
    assert [r.action for r in revisions(db, "assignment")] == ["create"]


def test_revisions_record_field_level_changes_and_the_actor(procedure, db):
    with acting_as(Actor("Nguyễn Thị Hoa (import)", trusted=True)):
        services.procedures.update(("1.001193",), {"name": "Đăng ký khai sinh (sửa)"},
                                   partial=True)
    revision = revisions(db, "procedure")[-1]
    assert (revision.entity, revision.record_key, revision.action) == (
        "procedure", "1.001193", "update")
    assert revision.changes == {"name": ["Đăng ký khai sinh", "Đăng ký khai sinh (sửa)"]}
    assert (revision.actor, revision.user_id) == ("Nguyễn Thị Hoa (import)", None)


def test_revisions_of_create_and_delete(db):
    with acting_as(Actor("x", trusted=True)):
        make_field()
        services.fields.delete("ho-tich")
    create, delete = revisions(db, "field")
    assert (create.action, create.actor, create.changes) == (
        "create", "x", {"code": [None, "ho-tich"], "name": [None, "Hộ tịch"]})
    assert (delete.action, delete.actor, delete.changes) == (
        "delete", "x", {"code": ["ho-tich", None], "name": ["Hộ tịch", None]})


def test_changes_outside_acting_as_are_by_the_system(db):
    make_field()
    assert revisions(db, "field")[0].actor == "system"


def test_nested_part_change_is_revised_as_the_whole_list(procedure, db):
    services.procedures.update(("1.001193",), {"steps": [{"position": 1, "description": "Nộp"}]},
                               partial=True)
    changes = revisions(db, "procedure")[-1].changes
    assert list(changes) == ["steps"]
    assert changes["steps"][1] == [{"position": 1, "description": "Nộp"}]
    assert len(changes["steps"][0]) == 3


def test_version_increments_on_real_changes_only(procedure, db):
    update = services.procedures.update
    update(("1.001193",), {"subjects": "Mọi công dân"}, partial=True, expected_version=1)
    assert services.procedures.get("1.001193").version == 2
    update(("1.001193",), {"subjects": "Mọi công dân"}, partial=True, expected_version=2)
    assert services.procedures.get("1.001193").version == 2
    update(("1.001193",), {"subjects": "Công dân"}, partial=True, expected_version="2")
    assert services.procedures.get("1.001193").version == 3
    assert [r.action for r in revisions(db, "procedure")] == ["create", "update", "update"]


def test_stale_version_is_a_conflict(procedure, db):
    services.procedures.update(("1.001193",), {"subjects": "Mọi công dân"}, partial=True)
    with pytest.raises(Conflict) as exc:
        services.procedures.update(("1.001193",), {"subjects": "Công dân"}, partial=True,
                                   expected_version=1)
    assert exc.value.code == "stale_version" and exc.value.status == 409
    db.session.expire_all()
    record = services.procedures.get("1.001193")
    assert (record.subjects, record.version) == ("Mọi công dân", 2)


def test_assignment_version_and_stale_conflict(procedure, db):
    make_assignment()
    services.assignments.update(("22918", "1.001193"), {"desk_name": "Quầy 1"}, partial=True,
                                expected_version=1)
    assert services.assignments.get("22918", "1.001193").version == 2
    with pytest.raises(Conflict) as exc:
        services.assignments.update(("22918", "1.001193"), {"desk_name": "Quầy 2"},
                                    partial=True, expected_version=1)
    assert exc.value.code == "stale_version"


# --- deletes -------------------------------------------------------------------------------------

def in_use(call, *key):
    with pytest.raises(Conflict) as exc:
        call(*key)
    assert exc.value.code == "in_use" and exc.value.status == 409
    return exc.value.message


def test_field_with_procedures_cannot_be_deleted(procedure):
    assert in_use(services.fields.delete, "ho-tich") == (
        "Không thể xóa lĩnh vực ho-tich: còn 1 thủ tục.")
    assert services.fields.get("ho-tich")


def test_unit_with_officers_cannot_be_deleted(db):
    make_unit()
    make_officer()
    assert in_use(services.units.delete, "22918") == "Không thể xóa đơn vị 22918: còn cán bộ."
    assert services.officers.get("22918", "Lê Văn Cường")


def test_unit_with_children_cannot_be_deleted(db):
    make_unit(code="68", name="Tỉnh Lâm Đồng", kind="province", level="province")
    make_unit(parent_code="68")
    assert in_use(services.units.delete, "68") == (
        "Không thể xóa đơn vị 68: còn đơn vị trực thuộc.")


def test_unit_owning_procedures_cannot_be_deleted(catalogue):
    make_procedure(owner_unit_code="22918")
    assert in_use(services.units.delete, "22918") == (
        "Không thể xóa đơn vị 22918: còn thủ tục do đơn vị quản lý.")


def test_procedure_with_assignments_cannot_be_deleted(procedure, db):
    make_assignment()
    assert in_use(services.procedures.delete, "1.001193").startswith(
        "Không thể xóa thủ tục 1.001193: 1 đơn vị đang thực hiện.")
    assert count(db, Channel) == 2


def test_cited_decision_cannot_be_deleted(procedure):
    assert in_use(services.decisions.delete, "2228/QĐ-UBND") == (
        "Không thể xóa quyết định 2228/QĐ-UBND: còn thủ tục hoặc quy trình dẫn chiếu.")


def test_decision_of_an_internal_process_cannot_be_deleted(procedure):
    make_decision(number="99/QĐ-UBND", kind="internal_process")
    make_assignment(decision_number="99/QĐ-UBND")
    in_use(services.decisions.delete, "99/QĐ-UBND")


def test_cited_or_replacing_legal_document_cannot_be_deleted(procedure):
    in_use(services.legal_documents.delete, "60/2014/QH13")
    make_legal_document(number="123/2015/NĐ-CP", doc_type="decree", title="Nghị định")
    make_legal_document(number="158/2005/NĐ-CP", doc_type="decree", title="Nghị định cũ",
                        replaced_by="123/2015/NĐ-CP")
    in_use(services.legal_documents.delete, "123/2015/NĐ-CP")


def test_officer_named_in_a_process_step_cannot_be_deleted(procedure):
    make_officer()
    make_assignment(process_steps=[{"position": 1, "task": "Tiếp nhận",
                                    "officer_name": "Lê Văn Cường"}])
    assert in_use(services.officers.delete, "22918", "Lê Văn Cường").startswith(
        "Không thể xóa cán bộ Lê Văn Cường: còn 1 bước quy trình ghi tên.")


def test_deleting_a_procedure_deletes_its_parts(procedure, db):
    services.procedures.delete("1.001193")
    assert (count(db, Channel), count(db, Step), count(db, DossierItem)) == (0, 0, 0)
    assert count(db, procedure_decisions) == 0 and count(db, procedure_legal_bases) == 0
    services.decisions.delete("2228/QĐ-UBND")  # no longer cited
    assert revisions(db, "procedure")[-1].changes["code"] == ["1.001193", None]


def test_deleting_an_assignment_deletes_its_steps(procedure, db):
    make_assignment(process_steps=[{"position": 1, "task": "Tiếp nhận"}])
    services.assignments.delete("22918", "1.001193")
    assert count(db, ProcessStep) == 0
    services.procedures.delete("1.001193")


# --- the search change feed ------------------------------------------------------------------------

def test_procedure_changes_feed_the_search(procedure, db):
    services.procedures.update(("1.001193",), {"name": "Đăng ký khai sinh mới"}, partial=True)
    services.procedures.update(("1.001193",), {"name": "Đăng ký khai sinh mới"}, partial=True)
    make_assignment()
    services.fields.update(("ho-tich",), {"name": "Hộ tịch, chứng thực"})
    services.assignments.delete("22918", "1.001193")
    services.procedures.delete("1.001193")
    assert search_changes(db) == [
        ("1.001193", "create"), ("1.001193", "update"), ("1.001193", "assignment"),
        ("1.001193", "field"), ("1.001193", "assignment"), ("1.001193", "delete"),
    ]


def test_rolled_back_change_adds_no_search_change(catalogue, db):
    with pytest.raises(RuntimeError):
        with unit_of_work():
            make_procedure()
            assert search_changes(db) == [("1.001193", "create")]
            raise RuntimeError("abort")
    assert search_changes(db) == []
    assert count(db, Channel) == 0
    with pytest.raises(NotFound):
        services.procedures.get("1.001193")


def test_failing_procedure_update_adds_no_search_change(procedure, db):
    with pytest.raises(ValidationFailed):
        services.procedures.update(("1.001193",), procedure_data(field_code="dat-dai"))
    assert search_changes(db) == [("1.001193", "create")]


# --- unit of work ----------------------------------------------------------------------------------

@pytest.fixture
def commits(db):
    session = db.session()
    seen = []

    def count_commit(s):
        seen.append(s)

    event.listen(session, "after_commit", count_commit)
    yield seen
    event.remove(session, "after_commit", count_commit)


def test_nested_units_of_work_commit_once_at_the_outermost_level(db, commits):
    with unit_of_work():
        make_unit()
        with unit_of_work():
            make_field()
            make_legal_document()
        assert commits == []
    assert len(commits) == 1
    db.session.expire_all()
    assert services.fields.get("ho-tich") and services.units.get("22918")


def test_each_service_call_outside_a_unit_of_work_commits(db, commits):
    make_unit()
    make_field()
    assert len(commits) == 2


def test_error_in_a_nested_unit_of_work_rolls_back_everything(db, commits):
    with pytest.raises(Conflict):
        with unit_of_work():
            make_unit()
            with unit_of_work():
                make_field()
            make_field()  # duplicate: the inner service raises
    assert commits == []
    assert count(db, Field) == 0 and count(db, Revision) == 0
    with pytest.raises(NotFound):
        services.units.get("22918")


def test_integrity_error_at_the_outer_level_is_a_conflict(db):
    make_field()
    with pytest.raises(Conflict) as exc:
        with unit_of_work():
            db.session.add(Field(code="ho-tich", name="Trùng"))
            db.session.flush()
    assert exc.value.code == "integrity_error" and exc.value.status == 409
    assert count(db, Field) == 1


def test_unit_of_work_depth_resets_after_an_error(db, commits):
    with pytest.raises(RuntimeError):
        with unit_of_work():
            raise RuntimeError
    make_field()
    assert len(commits) == 1


# --- what is in force ------------------------------------------------------------------------------

def test_current_decision_is_the_newest_in_force(catalogue):
    make_decision(number="1/QĐ-UBND", signed_on="2020-01-01", effective_on="2020-01-15")
    make_decision(number="2/QĐ-UBND", kind="amended", signed_on="2024-03-01",
                  effective_on="2024-04-01")
    make_decision(number="3/QĐ-UBND", kind="internal_process", signed_on="2024-05-01",
                  effective_on="2024-05-01")
    procedure = make_procedure(decisions=["3/QĐ-UBND", "2/QĐ-UBND", "1/QĐ-UBND"])
    current = procedure.current_decision
    assert current(date(2020, 1, 14)) is None
    assert current(date(2020, 1, 15)).number == "1/QĐ-UBND"
    assert current(date(2024, 3, 31)).number == "1/QĐ-UBND"
    assert current(date(2024, 4, 1)).number == "2/QĐ-UBND"
    assert current(date(2024, 6, 1)).number == "2/QĐ-UBND"


def test_current_decision_without_effective_date_counts_from_signing(catalogue):
    # 2228/QĐ-UBND is signed on 2024-03-01 with no effective date: not in force before it exists.
    procedure = make_procedure()
    assert procedure.current_decision(date(2024, 3, 1)).number == "2228/QĐ-UBND"
    assert procedure.current_decision(date(2023, 12, 31)) is None


def test_current_decision_ignores_internal_process_only(catalogue):
    make_decision(number="3/QĐ-UBND", kind="internal_process")
    procedure = make_procedure(decisions=["3/QĐ-UBND"])
    assert procedure.current_decision(date(2025, 1, 1)) is None


def test_legal_document_in_force_between_effect_and_expiry():
    law = LegalDocument(number="1", effective_on=date(2015, 1, 1), expired_on=date(2020, 1, 1))
    assert not law.in_force_on(date(2014, 12, 31))
    assert law.in_force_on(date(2015, 1, 1))
    assert law.in_force_on(date(2019, 12, 31))
    assert not law.in_force_on(date(2020, 1, 1))
    assert LegalDocument(number="2").in_force_on(date(1990, 1, 1))


def test_replaced_legal_document_is_not_in_force(db):
    make_legal_document(number="123/2015/NĐ-CP", doc_type="decree", title="Mới",
                        effective_on="2016-01-01")
    old = make_legal_document(number="158/2005/NĐ-CP", doc_type="decree", title="Cũ",
                              effective_on="2006-04-01", replaced_by="123/2015/NĐ-CP")
    assert not old.in_force_on(date(2017, 1, 1))


def test_replaced_legal_document_is_in_force_until_its_replacement_is(db):
    make_legal_document(number="123/2015/NĐ-CP", doc_type="decree", title="Mới",
                        effective_on="2016-01-01")
    old = make_legal_document(number="158/2005/NĐ-CP", doc_type="decree", title="Cũ",
                              effective_on="2006-04-01", replaced_by="123/2015/NĐ-CP")
    assert old.in_force_on(date(2010, 6, 1))
