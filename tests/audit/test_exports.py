"""CSV and XLSX exports read back, with formula-looking text neutralised."""
import csv
import io

import pytest
from openpyxl import load_workbook

from procedures import services
from procedures.audit import exports, results
from procedures.audit.runner import run_audit
from tests.audit.builders import TODAY, UNIT, build_ready_ward, change_procedure

EVIL = "=HYPERLINK(\"http://x\",\"bấm\")"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_get_an_apostrophe(text):
    assert exports.neutralise(text) == "'" + text


def test_plain_text_and_numbers_are_untouched():
    assert exports.neutralise("Phường Mũi Né") == "Phường Mũi Né"
    assert exports.neutralise(-3) == -3


@pytest.fixture
def audited(db):
    build_ready_ward()
    services.units.update((UNIT,), {"name": EVIL}, partial=True)
    change_procedure(subjects=None, name="-Đăng ký khai sinh")
    run_audit(as_of=TODAY)
    unit, result = results.require_latest_result(UNIT)
    return exports.finding_rows(results.findings_of(result), unit.name)


def _read_csv(body: bytes):
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_findings_csv_reads_back(audited):
    table = _read_csv(exports.to_csv(exports.FINDING_COLUMNS, audited))
    assert table[0][:3] == ["Đơn vị", "Mức độ", "Mã quy tắc"]
    assert {row[2] for row in table[1:]} == {"procedure.subjects.missing"}
    assert all(row[0] == "'" + EVIL for row in table[1:])
    assert not any(cell.startswith(exports.FORMULA_STARTS) for row in table for cell in row)


def test_findings_xlsx_reads_back_without_formulas(audited):
    book = load_workbook(io.BytesIO(exports.to_xlsx(exports.FINDING_COLUMNS, audited)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Đơn vị" and rows[1][0] == "'" + EVIL
    cells = [c for row in book.active.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert "Thủ tục 1.001193 “-Đăng ký khai sinh” chưa có đối tượng thực hiện." in rows[1]


def test_league_csv_and_xlsx(audited):
    rows = exports.league_rows(results.league())
    table = _read_csv(exports.to_csv(exports.LEAGUE_COLUMNS, rows))
    assert table[1][:2] == [UNIT, "'" + EVIL] and table[1][4] == "Không"
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(exports.LEAGUE_COLUMNS, rows))).active
    assert sheet["B2"].value == "'" + EVIL and sheet["F2"].data_type == "n"
