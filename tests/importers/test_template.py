"""The template workbook: sheets, Vietnamese headers, dropdowns, examples, highlights."""
import io

import openpyxl

from importers.spec import SHEETS
from importers.template import write_workbook
from tests.importers import helpers


def test_template_command_writes_every_sheet_with_dropdowns(runner, tmp_path):
    path = tmp_path / "mau.xlsx"
    result = runner.invoke(args=["registry", "template", str(path)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Hướng dẫn" and wb.sheetnames[-1] == "Danh mục"
    assert [s.title for s in SHEETS] == wb.sheetnames[1:-1]
    procedures = wb["Thủ tục"]
    headers = [c.value for c in procedures[1]]
    assert headers[:3] == ["Mã thủ tục *", "Mã địa phương", "Tên thủ tục *"]
    assert procedures["A2"].value == "1.001193"  # the example row
    assert procedures["C2"].value.startswith("(Ví dụ)")
    level_col = openpyxl.utils.get_column_letter(headers.index("Cấp thực hiện *") + 1)
    ranges = {str(dv.sqref): dv.formula1 for dv in procedures.data_validations.dataValidation}
    assert f"{level_col}2:{level_col}20000" in ranges
    assert ranges[f"{level_col}2:{level_col}20000"].startswith("'Danh mục'!")
    channel_dvs = {str(dv.sqref) for dv in wb["Cách thức thực hiện"].data_validations.dataValidation}
    assert {"B2:B20000", "D2:D20000", "H2:H20000"} <= channel_dvs  # kind, time unit, free
    lists = [c.value for c in wb["Danh mục"]["B"]]
    assert "Cấp xã" in lists
    assert wb["Trình tự thực hiện"]["A1"].value == "Mã thủ tục *"  # child sheets carry the key


def test_untouched_template_is_refused_as_empty(do_import, tmp_path):
    path = tmp_path / "mau.xlsx"
    write_workbook(str(path))
    report = do_import(path)
    assert report["outcome"] == "refused"
    assert {i["code"] for i in report["issues"]} == {"example_row", "empty_file"}
    assert helpers.counts() == helpers.empty_counts()


def test_highlights_fill_the_cell_add_a_comment_and_a_error_column():
    data = helpers.records()
    body = helpers.xlsx_bytes(data, {("channels", 1, "processing_time"): "Sai thời hạn",
                                     ("steps", 0, None): "Lỗi cả dòng"})
    wb = openpyxl.load_workbook(io.BytesIO(body))
    ws = wb["Cách thức thực hiện"]
    cell = ws["C3"]
    assert cell.comment.text == "Sai thời hạn" and cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(1, ws.max_column).value == "Lỗi"
    assert "Sai thời hạn" in ws.cell(3, ws.max_column).value
    steps = wb["Trình tự thực hiện"]
    assert steps.cell(2, steps.max_column).value == "Lỗi cả dòng"
    units = wb["Đơn vị"]
    assert units.cell(1, units.max_column).value == "Lỗi" and units.cell(2, units.max_column).value is None
    plain = openpyxl.load_workbook(io.BytesIO(helpers.xlsx_bytes(data)))["Đơn vị"]
    assert plain.cell(1, plain.max_column).value != "Lỗi"


def test_the_format_document_lists_every_column_and_code():
    import pathlib

    from importers.report import CODE_ORDER

    text = (pathlib.Path(__file__).parents[2] / "docs" / "import-format.md").read_text("utf-8")
    for sheet in SHEETS:
        assert f"`{sheet.id}`" in text and sheet.title in text
        for column in sheet.columns:
            assert f"| {column.label} | `{column.field}` |" in text, (sheet.id, column.field)
    for code in CODE_ORDER:
        assert f"`{code}`" in text
