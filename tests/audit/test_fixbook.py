"""Round trip: fix workbook → fill the highlighted cells → import → re-audit → the unit is ready."""
import io

from openpyxl import load_workbook

from importers import ImportOptions, run_import
from importers.fixbook import build_fix_workbook
from importers.spec import ERROR_HEADER, SHEETS
from procedures import services
from procedures.audit.runner import evaluate_unit
from tests.audit.builders import (
    ONLINE_URL,
    TODAY,
    UNIT,
    assign,
    build_ready_ward,
    change_procedure,
    process_steps,
    ready_procedure,
)

FIXES = {  # (sheet id, field) → the value a unit editor types into a highlighted cell
    ("procedures", "subjects"): "Công dân Việt Nam",
    ("units", "desk_name"): "Bộ phận Một cửa phường Mũi Né",
    ("process_steps", "department"): "Tư pháp – Hộ tịch",
    ("channels", "fee_amount"): 8000,
    ("channels", "online_url"): ONLINE_URL,
    ("assignments", "decision_number"): "2229/QĐ-UBND",
}


def _break_the_ward():
    build_ready_ward()
    change_procedure(subjects=None, channels=[
        {"kind": "in_person", "processing_time": 1, "fee_text": "Theo nghị quyết HĐND tỉnh"},
        {"kind": "online", "processing_time": 1, "is_free": True, "online_url": ONLINE_URL}])
    services.units.update((UNIT,), {"desk_name": None}, partial=True)
    steps = process_steps(0.5, 0.25)
    steps[1]["department"] = None
    assign(steps=steps)
    services.procedures.create(ready_procedure(code="1.000894", name="Đăng ký kết hôn"))


def _sheets(book):
    by_title = {sheet.title: sheet for sheet in SHEETS}
    for ws in book.worksheets:
        if ws.title in by_title:
            spec = by_title[ws.title]
            headers = [c.value for c in ws[1]]
            fields = {i: spec.columns[i].field for i in range(len(spec.columns))}
            yield spec.id, ws, fields, headers


def _fill(book) -> set:
    """Type a value into every highlighted cell; return the (sheet, field) pairs seen."""
    seen = set()
    for sheet_id, ws, fields, headers in _sheets(book):
        for row in ws.iter_rows(min_row=2):
            for i, cell in enumerate(row):
                if cell.comment is None or i not in fields:
                    continue
                seen.add((sheet_id, fields[i]))
                cell.value = FIXES[(sheet_id, fields[i])]
                cell.comment = None
            if sheet_id == "assignments" and ERROR_HEADER in headers:
                error = row[headers.index(ERROR_HEADER)]
                if error.value and "chưa được giao" in error.value:
                    seen.add(("assignments", "row"))
                    row[list(fields.values()).index("decision_number")].value = "2229/QĐ-UBND"
                    _add_process(book, row[0].value, row[1].value)
    return seen


def _add_process(book, unit_code, procedure_code):
    """What the editor adds on the internal-process sheet for a newly assigned procedure."""
    ws = next(ws for sid, ws, _, _ in _sheets(book) if sid == "process_steps")
    spec = next(s for s in SHEETS if s.id == "process_steps")
    for step in process_steps(0.5, 0.25):
        values = {"unit_code": unit_code, "procedure_code": procedure_code,
                  **{k: ("Có" if v is True else v) for k, v in step.items()}}
        ws.append([values.get(c.field) for c in spec.columns])


def test_filling_the_highlighted_cells_makes_the_unit_ready(db, tmp_path):
    _break_the_ward()
    before = {f.rule.id for f in evaluate_unit(UNIT, TODAY).fails if f.is_blocker}
    assert before == {"procedure.subjects.missing", "procedure.fee.amount_missing",
                      "unit.desk.missing", "assignment.process.department_missing",
                      "unit.coverage.missing"}
    book = load_workbook(io.BytesIO(build_fix_workbook(UNIT, TODAY)))
    seen = _fill(book)
    assert seen == {("procedures", "subjects"), ("units", "desk_name"),
                    ("process_steps", "department"), ("channels", "fee_amount"),
                    ("assignments", "row")}
    path = tmp_path / "can-sua.xlsx"
    book.save(path)
    report, _ = run_import(str(path), ImportOptions(filename="can-sua.xlsx"))
    assert report["valid"], [i["message"] for i in report["issues"] if i["severity"] == "error"]
    outcome = evaluate_unit(UNIT, TODAY)
    assert [f.message for f in outcome.fails if f.is_blocker] == []
    assert outcome.ready


def test_fix_workbook_download(client):
    _break_the_ward()
    response = client.get(f"/audit/units/{UNIT}/fix.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    commented = [c.comment.text for ws in book.worksheets for row in ws.iter_rows()
                 for c in row if c.comment]
    assert any("chưa có đối tượng thực hiện" in text for text in commented)
    assert client.get("/audit/units/nope/fix.xlsx").status_code == 404
