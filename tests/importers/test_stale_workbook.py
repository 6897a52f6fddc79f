"""A stale workbook must not undo later edits; the preview lists every change, before → after."""
import io
import re

from openpyxl import load_workbook

from importers.spec import SHEETS_BY_ID
from procedures import services
from tests.audit.builders import CODE, UNIT, assign, build_ready_ward, change_procedure


def _column(ws, sheet_id, field):
    label = SHEETS_BY_ID[sheet_id].column(field).label
    headers = [c.value.rstrip(" *") if c.value else c.value for c in ws[1]]
    return headers.index(label)


def _row(ws, sheet_id, **key):
    for row in ws.iter_rows(min_row=2):
        if all(row[_column(ws, sheet_id, k)].value == v for k, v in key.items()):
            return row
    raise AssertionError(key)


def _ward_missing_its_decision():
    """The ready ward, its internal process not yet approved by a decision, subjects blank."""
    build_ready_ward()
    assign(decision_number=None)
    change_procedure(subjects=None, owner_unit_code=UNIT)  # content kept by the ward


def _upload(client, book, **form):
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post("/imports", data={"file": (io.BytesIO(buffer.getvalue()),
                                                      "can-sua-22918.xlsx"), **form},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _editor(make_user, login):
    return login(make_user("unit_editor", "mui-ne", UNIT))


def test_the_fix_workbook_carries_each_record_version(db, make_user, login):
    _ward_missing_its_decision()
    client = _editor(make_user, login)
    book = load_workbook(io.BytesIO(client.get(f"/audit/units/{UNIT}/fix.xlsx").data))
    ws = book[SHEETS_BY_ID["assignments"].title]
    row = _row(ws, "assignments", unit_code=UNIT, procedure_code=CODE)
    version = services.assignments.get(UNIT, CODE).version
    assert row[_column(ws, "assignments", "version")].value == version
    ws = book[SHEETS_BY_ID["procedures"].title]
    row = _row(ws, "procedures", code=CODE)
    assert row[_column(ws, "procedures", "version")].value == services.procedures.get(CODE).version


def test_a_stale_workbook_does_not_blank_a_decision_entered_on_the_web(db, make_user, login):
    _ward_missing_its_decision()
    client = _editor(make_user, login)
    book = load_workbook(io.BytesIO(client.get(f"/audit/units/{UNIT}/fix.xlsx").data))
    # Meanwhile the process is approved on the web form.
    record = services.assignments.get(UNIT, CODE)
    form = {"version": record.version, "decision_number": "2229/QĐ-UBND"}
    for i, step in enumerate(services.assignments.serialize(record)["process_steps"]):
        for name, value in step.items():
            if value not in (None, False):
                form[f"process_steps-{i}-{name}"] = "1" if value is True else value
    saved = client.post(f"/units/{UNIT}/assignments/{CODE}/edit", data=form)
    assert saved.status_code == 302
    assert services.assignments.get(UNIT, CODE).decision.number == "2229/QĐ-UBND"
    # The old workbook, its subjects cell filled, uploaded afterwards.
    ws = book[SHEETS_BY_ID["procedures"].title]
    _row(ws, "procedures", code=CODE)[_column(ws, "procedures", "subjects")].value = "Công dân"
    html = _upload(client, book, unit=UNIT)
    assert "Bản ghi đã được sửa sau khi tải bảng tính" in html
    assert "Tệp bị từ chối" in html and "phiên bản trong tệp" in html
    db.session.expire_all()
    assert services.assignments.get(UNIT, CODE).decision.number == "2229/QĐ-UBND"
    assert services.procedures.get(CODE).subjects is None  # an atomic import wrote nothing


def test_a_partial_import_writes_the_fresh_rows_and_refuses_the_stale_one(db, make_user, login):
    _ward_missing_its_decision()
    client = _editor(make_user, login)
    book = load_workbook(io.BytesIO(client.get(f"/audit/units/{UNIT}/fix.xlsx").data))
    services.assignments.update((UNIT, CODE), {"decision_number": "2229/QĐ-UBND"}, partial=True)
    ws = book[SHEETS_BY_ID["procedures"].title]
    _row(ws, "procedures", code=CODE)[_column(ws, "procedures", "subjects")].value = "Công dân"
    html = _upload(client, book, unit=UNIT, partial="1")
    assert "Bản ghi đã được sửa sau khi tải bảng tính" in html
    db.session.expire_all()
    assert services.assignments.get(UNIT, CODE).decision.number == "2229/QĐ-UBND"
    assert services.procedures.get(CODE).subjects == "Công dân"


def test_the_preview_lists_every_field_that_will_change(db, make_user, login):
    _ward_missing_its_decision()
    client = _editor(make_user, login)
    book = load_workbook(io.BytesIO(client.get(f"/audit/units/{UNIT}/fix.xlsx").data))
    ws = book[SHEETS_BY_ID["procedures"].title]
    _row(ws, "procedures", code=CODE)[_column(ws, "procedures", "subjects")].value = "Công dân"
    ws = book[SHEETS_BY_ID["assignments"].title]
    row = _row(ws, "assignments", unit_code=UNIT, procedure_code=CODE)
    row[_column(ws, "assignments", "decision_number")].value = "2229/QĐ-UBND"
    ws = book[SHEETS_BY_ID["process_steps"].title]
    row = _row(ws, "process_steps", unit_code=UNIT, procedure_code=CODE, position=2)
    row[_column(ws, "process_steps", "department")].value = "Văn phòng – Thống kê"
    html = _upload(client, book, unit=UNIT, dry_run="1")
    assert "Những thay đổi sẽ ghi nếu xác nhận (2 bản ghi)" in html
    changes = re.sub(r"\s+", " ", html[html.index('id="changes"'):])
    assert "Thủ tục <strong>1.001193</strong> — cập nhật 1 thông tin" in changes
    assert "<td>Đối tượng thực hiện</td><td class=\"before\">(trống)</td>" in changes
    assert "<td class=\"after\">Công dân</td>" in changes
    assert "Phân công thực hiện <strong>22918 / 1.001193</strong> — cập nhật 2 thông tin" in changes
    assert ("<td>Quyết định phê duyệt quy trình nội bộ</td><td class=\"before\">(trống)</td>"
            "<td class=\"after\">2229/QĐ-UBND</td>") in changes
    assert ("<td>Bước quy trình nội bộ 2 — Bộ phận thực hiện</td><td class=\"before\">Tư pháp – "
            "Hộ tịch</td><td class=\"after\">Văn phòng – Thống kê</td>") in changes
    assert "cập nhật 2" in html  # the counts stay
    db.session.expire_all()
    assert services.procedures.get(CODE).subjects is None  # a dry run writes nothing
