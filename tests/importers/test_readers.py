"""Readers: headers in either language and any order, typed cells, formulas, CSV and JSON."""
import datetime
import re
import zipfile

import openpyxl
import pytest

from tests.importers import helpers


def write_sheets(path, sheets):
    """A plain workbook: {title: [header row, rows…]} (no template styling)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_english_headers_any_order_spaces_case_and_nfd(do_import, tmp_path):
    nfd_name = "Te\u0302n \u0111o\u031bn vi\u0323"  # "Tên đơn vị" decomposed
    path = write_sheets(tmp_path / "u.xlsx", {
        "units": [
            ["LEVEL", "  kind ", nfd_name.upper(), "Mã   đơn vị *", "Ghi chú riêng"],
            ["Cấp tỉnh", "Tỉnh/thành phố", "Lâm Đồng", 68.0, "không đọc cột này"],
            [None, None, None, None, None],
            ["commune", "ward", "Phường Mũi Né", "22918", None],
        ],
    })
    report = do_import(path)
    assert report["outcome"] == "imported", report["issues"]
    warning = helpers.one(report, "unknown_column")
    assert (warning["sheet"], warning["row"], warning["column"], warning["cell"]) == (
        "units", 1, "Ghi chú riêng", "E1")
    assert warning["severity"] == "warning"
    assert report["stats"]["sheets"]["units"]["rows"] == 2  # the blank row is skipped
    assert helpers.counts()["units"] == 2


def test_float_codes_datetimes_and_formulas_read_as_cached_values(do_import, loaded, tmp_path):
    path = write_sheets(tmp_path / "f.xlsx", {
        "Quyết định công bố": [
            ["Số quyết định", "Loại quyết định", "Trích yếu", "Ngày ký"],
            ["15/QĐ-UBND", "Sửa đổi, bổ sung", "Sửa đổi thủ tục", datetime.datetime(2025, 3, 1)],
        ],
        "Trình tự thực hiện": [
            ["Mã thủ tục", "Bước", "Nội dung bước"],
            [2.000815, "=1+2", "=CONCATENATE(\"Nhận\",\" kết quả\")"],
            [2.000815, 1, "Nộp hồ sơ"],
        ],
    })
    _add_cached_values(path, "xl/worksheets/sheet2.xml", {"B2": ("n", "3"),
                                                          "C2": ("str", "Nhận kết quả")})
    report = do_import(path)
    assert report["outcome"] == "imported", report["issues"]
    from procedures import services

    steps = services.procedures.serialize(services.procedures.get("2.000815"))["steps"]
    assert steps == [{"position": 1, "description": "Nộp hồ sơ"},
                     {"position": 3, "description": "Nhận kết quả"}]
    decision = services.decisions.get("15/QĐ-UBND")
    assert decision.signed_on == datetime.date(2025, 3, 1) and decision.kind == "amended"


def _add_cached_values(path, member, values):
    """Give formula cells the cached value Excel would store (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    xml = files[member].decode()
    for ref, (kind, value) in values.items():
        xml = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                     rf'<c r="{ref}"\1 t="{kind}"><f>\2</f><v>{value}</v>', xml)
        xml = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f></c>',
                     rf'<c r="{ref}"\1 t="{kind}"><f>\2</f><v>{value}</v></c>', xml)
    files[member] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)


def test_csv_zip_with_and_without_bom_and_semicolons(do_import, tmp_path):
    path = tmp_path / "data.zip"
    data = helpers.records()
    with zipfile.ZipFile(path, "w") as archive:
        for i, (sheet_id, rows) in enumerate(data.items()):
            text = helpers.csv_text(sheet_id, rows, delimiter=";" if i % 2 else ",")
            archive.writestr(f"du-lieu/{sheet_id}.csv", text.encode("utf-8-sig" if i % 3 else "utf-8"))
        archive.writestr("ghi-chu.txt", "không phải dữ liệu")
    report = do_import(path)
    assert report["outcome"] == "imported", report["issues"]
    assert helpers.one(report, "unknown_sheet")["sheet"] == "ghi-chu.txt"
    assert helpers.counts()["channels"] == 3 and helpers.counts()["process_steps"] == 2


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
def test_csv_in_a_windows_code_page_is_refused(do_import, tmp_path, encoding):
    path = tmp_path / "units.csv"
    text = "code,name,kind,level\n68,Lâm Đô\u0300ng,province,province\n"  # how cp1258 spells ồ
    if encoding == "cp1252":
        text = "code,name,kind,level\n68,Café Lâm,province,province\n"
    path.write_bytes(text.encode(encoding))
    report = do_import(path)
    issue = helpers.one(report, "bad_encoding")
    assert issue["severity"] == "error" and "UTF-8" in issue["message"]
    assert report["outcome"] == "refused" and helpers.counts() == helpers.empty_counts()


def test_utf16_csv_is_refused(do_import, tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes("code\tname\n68\tLâm Đồng\n".encode("utf-16"))
    assert helpers.one(do_import(path), "bad_encoding")["message"].startswith("Tệp")


def test_json_in_the_api_shape(do_import, tmp_path):
    report = do_import(helpers.write_json(tmp_path / "data.json"))
    assert report["outcome"] == "imported", report["issues"]
    assert helpers.counts()["dossier_items"] == 3


def test_json_errors_point_at_the_json_path(do_import, tmp_path):
    data = helpers.records()
    data["channels"][1]["processing_time"] = -1
    report = do_import(helpers.write_json(tmp_path / "data.json", data))
    issue = helpers.one(report, "invalid_format")
    assert (issue["sheet_id"], issue["field"], issue["path"]) == (
        "channels", "processing_time", "procedures[0].channels[1]")


@pytest.mark.parametrize("name, body, words", [
    ("data.xlsx", b'{"units": []}', "JSON"),
    ("data.csv", helpers.xlsx_bytes(), "ZIP"),
    ("data.json", b"{not json", "JSON"),
    ("data.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
    ("data.pdf", b"%PDF-1.4", ".pdf"),
    ("data.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "mật khẩu"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused(do_import, tmp_path, name, body, words):
    path = tmp_path / name
    path.write_bytes(body)
    report = do_import(path)
    issue = helpers.one(report, "wrong_file_type")
    assert words in issue["message"]
    assert report["outcome"] == "refused" and helpers.counts() == helpers.empty_counts()


def test_a_zip_renamed_xlsx_without_a_workbook_is_refused(do_import, tmp_path):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "bảng tính" in helpers.one(do_import(path), "wrong_file_type")["message"]


def test_zip_bomb_is_refused_before_it_is_expanded(do_import, limits, tmp_path):
    limits(IMPORT_MAX_UNCOMPRESSED_MB=1)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("units.csv", "w") as member:
            member.write(b"code,name\n")
            for _ in range(3):
                member.write(b"0" * (1024 * 1024))
    assert path.stat().st_size < 20_000
    report = do_import(path)
    issue = helpers.one(report, "too_large")
    assert "giải nén" in issue["message"] and report["outcome"] == "refused"


def test_row_limit_is_counted_while_streaming(do_import, limits, tmp_path):
    limits(IMPORT_MAX_ROWS=5)
    data = helpers.records()
    report = do_import(data=data)
    assert "dòng" in helpers.one(report, "too_large")["message"]
    assert helpers.counts() == helpers.empty_counts()


def test_a_lone_csv_is_recognised_by_its_vietnamese_headers(do_import, tmp_path):
    path = tmp_path / "danh-sach don vi.csv"
    path.write_text("Mã đơn vị;Tên đơn vị;Loại đơn vị;Cấp\n68;Lâm Đồng;Tỉnh/thành phố;Cấp tỉnh\n"
                    "22918;Phường Mũi Né;Phường;Cấp xã\n", encoding="utf-8")
    report = do_import(path)
    assert report["outcome"] == "imported", report["issues"]
    assert report["stats"]["sheets"]["units"] == {"title": "danh-sach don vi", "rows": 2,
                                                  "created": 2}


def test_annotated_copy_of_csv_and_json_uploads(do_import, tmp_path):
    from importers.annotate import annotate

    data = helpers.records()
    data["steps"][1]["position"] = "hai"
    for path in (helpers.zip_csv(tmp_path / "d.zip", data),
                 helpers.write_json(tmp_path / "d.json", data)):
        report = do_import(path)
        issue = helpers.one(report, "invalid_format")
        target = tmp_path / f"{path.stem}-{report['format']}.xlsx"
        assert annotate(str(path), report["format"], report, str(target))
        sheet = "steps" if report["format"] == "zip" else "Trình tự thực hiện"
        ws = openpyxl.load_workbook(target)[sheet]
        cell = ws[issue["cell"]] if report["format"] == "zip" else ws["B3"]
        assert cell.value == "hai" and "số nguyên" in cell.comment.text


def test_cell_values_people_type():
    from importers.spec import SHEETS_BY_ID
    from importers.values import make_converter

    def convert(sheet, field, value):
        return make_converter(SHEETS_BY_ID[sheet].column(field))(value)

    assert convert("channels", "fee_amount", "20.000") == 20000
    assert convert("channels", "fee_amount", 20000.0) == 20000
    assert convert("channels", "processing_time", 0.25) == "0.25"
    assert convert("procedures", "code", 1.00119) == "1.001190"
    assert convert("units", "code", 22918.0) == "22918"
    assert convert("decisions", "signed_on", "1/7/2025") == "2025-07-01"
    assert convert("decisions", "signed_on", datetime.datetime(2025, 7, 1)) == "2025-07-01"
    assert convert("channels", "is_free", "x") is True and convert("channels", "is_free", "KHÔNG") is False
    assert convert("channels", "kind", " trực  TUYẾN ") == "online"
    assert convert("procedures", "legal_bases", "60/2014/QH13;\n 23/2015/NĐ-CP ; ") == [
        "60/2014/QH13", "23/2015/NĐ-CP"]
