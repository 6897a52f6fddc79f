"""A corpus of bad files sent to POST /api/v1/imports: each refused clearly, bounded, nothing written."""
import io
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from tests.importers import helpers

MB = 1024 * 1024


@pytest.fixture
def token(make_user, token_for):
    return token_for(make_user("admin", "quan-tri"))


def send(client, token, name, content):
    response = client.post("/api/v1/imports", headers=token, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(content), name)})
    assert response.status_code < 500, response.get_data(as_text=True)
    return response


def issue_codes(body):
    return {issue["code"] for issue in body.get("issues", [])}


def workbook_bytes(fill):
    wb = Workbook()
    fill(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def csv_units(text, encoding):
    return ("code,name,kind,level\n" + text).encode(encoding)


# "Phường Đức Long" as Windows-1258 writes it: ư and ơ precomposed, the tone as a combining mark.
CP1258_NAME = "Ph\u01b0\u01a1\u0300ng \u0110\u01b0\u0301c Long"


CORPUS = {
    # name: (file name, bytes, expected issue code)
    "cp1258 csv": ("units.csv", csv_units(f"22918,{CP1258_NAME},ward,commune\n", "cp1258"),
                   "bad_encoding"),
    "utf-16 csv": ("units.csv", csv_units("22918,Phường Mũi Né,ward,commune\n", "utf-16"),
                   "bad_encoding"),
    "json renamed xlsx": ("du-lieu.xlsx", b'{"units": []}', "wrong_file_type"),
    "xlsx renamed csv": ("units.csv", helpers.xlsx_bytes(), "wrong_file_type"),
    "pdf renamed xlsx": ("du-lieu.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "wrong_file_type"),
    "truncated zip": ("du-lieu.zip", helpers.xlsx_bytes()[:300], "wrong_file_type"),
    "not json": ("du-lieu.json", b"{units: [", "wrong_file_type"),
    "json nested 100,000 deep": ("sau.json", b'{"units": ' + b"[" * 100_000 + b"]" * 100_000
                                 + b"}", "too_deep"),
    "json nested 60 deep in a cell": ("sau.json", b'{"units": [{"code": "22918", "name": '
                                      + b"[" * 60 + b"]" * 60 + b"}]}", "too_deep"),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_malformed_files_are_refused_and_nothing_is_written(client, token, case):
    name, content, code = CORPUS[case]
    response = send(client, token, name, content)
    body = response.get_json()
    assert response.status_code == 422 and body["outcome"] == "refused", body
    assert code in issue_codes(body), body["issues"]
    assert all(issue["message"] for issue in body["issues"])
    assert helpers.counts() == helpers.empty_counts()


def test_zip_bomb_is_refused_before_it_is_expanded(client, token):
    bomb = zip_bytes({"units.csv": b"0" * (250 * MB)})  # about 250 KB compressed
    tracemalloc.start()
    response = send(client, token, "bom.zip", bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert response.status_code == 422 and "too_large" in issue_codes(response.get_json())
    assert peak < 50 * MB
    assert helpers.counts() == helpers.empty_counts()


def test_a_million_empty_rows_is_read_in_bounded_memory(client, token, app):
    content = b"code,name,kind,level\n" + b",,,\n" * 1_000_000
    tracemalloc.start()
    response = send(client, token, "units.csv", content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    body = response.get_json()
    assert response.status_code in (200, 422), body
    assert body["stats"]["totals"]["created"] == 0
    assert peak < 120 * MB, f"peak {peak / MB:.0f} MB"
    assert helpers.counts() == helpers.empty_counts()


def test_formulas_and_external_links_are_never_evaluated(client, token):
    def fill(wb):
        ws = wb.active
        ws.title = "Đơn vị"
        ws.append(["Mã đơn vị *", "Tên đơn vị *", "Loại đơn vị *", "Cấp *"])
        ws.append(["22918", "=HYPERLINK(\"http://evil.example\",\"x\")", "ward", "commune"])
        ws.append(["22919", "='[other.xlsx]Sheet1'!A1", "ward", "commune"])
        ws.append(["22920", "=WEBSERVICE(\"http://evil.example\")", "ward", "commune"])

    response = send(client, token, "cong-thuc.xlsx", workbook_bytes(fill))
    body = response.get_json()
    # openpyxl wrote no cached values: the cells read as blank, so the names are missing.
    assert response.status_code == 422 and body["outcome"] == "refused"
    assert helpers.counts() == helpers.empty_counts()


def test_wrong_types_in_every_column_are_reported_per_cell(client, token):
    data = helpers.records()
    data["procedures"][0].update({"level": 7, "online_level": "nhanh", "no_requirements": "có lẽ",
                                  "last_verified_on": "hôm qua"})
    data["channels"][0].update({"processing_time": "nhanh", "fee_amount": "hai chục",
                                "is_free": "maybe"})
    data["dossier_items"][0].update({"originals": -1, "copies": "ba", "position": 0})
    response = send(client, token, "kieu-sai.xlsx", helpers.xlsx_bytes(data))
    body = response.get_json()
    assert response.status_code == 422
    cells = {(issue["sheet"], issue["column"]) for issue in body["issues"]}
    assert len(cells) >= 8, cells
    assert helpers.counts() == helpers.empty_counts()


def test_duplicate_keys_are_refused(client, token):
    data = helpers.records()
    data["procedures"].append(dict(data["procedures"][0]))
    response = send(client, token, "trung.xlsx", helpers.xlsx_bytes(data))
    assert response.status_code == 422 and "duplicate_key" in issue_codes(response.get_json())
    assert helpers.counts() == helpers.empty_counts()


# --- xlsx files that the native reader (calamine) must not expand blindly (issue 17) ---------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
    '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
    'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
    'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
         'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
         'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
             'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships"><sheets><sheet name="Đơn vị" sheetId="1" '
             'r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship '
    'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
UNIT_ROWS = [["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Cấp"],
             ["22918", "Phường Mũi Né", "Phường", "Cấp xã"]]


def raw_xlsx(sheet_cells, filler_bytes=0, filler=None):
    """An xlsx written by hand: one sheet 'Đơn vị' of shared-string cells {ref: text}, and a
    shared-strings table padded with `filler_bytes` of unused strings (as a generator can)."""
    strings = list(dict.fromkeys(sheet_cells.values()))
    rows = {}
    for ref, text in sheet_cells.items():
        rows.setdefault(int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), []).append(
            f'<c r="{ref}" t="s"><v>{strings.index(text)}</v></c>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
             'org/spreadsheetml/2006/main"><sheetData>' + "".join(
                 f'<row r="{n}">{"".join(cells)}</row>' for n, cells in sorted(rows.items()))
             + "</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("xl/workbook.xml", _WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
                           ("xl/worksheets/sheet1.xml", sheet)):
            archive.writestr(name, body)
        with archive.open("xl/sharedStrings.xml", "w") as member:
            member.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                         b'openxmlformats.org/spreadsheetml/2006/main">')
            for text in strings:
                member.write(f"<si><t>{text}</t></si>".encode())
            piece = filler or b"".join(b"<si><t>x%d</t></si>" % i for i in range(10_000))
            for _ in range(filler_bytes // len(piece)):
                member.write(piece)
            member.write(b"</sst>")
    return buffer.getvalue()


def unit_cells(rows=UNIT_ROWS):
    return {f"{'ABCD'[c]}{r + 1}": text for r, row in enumerate(rows) for c, text in enumerate(row)}


def test_a_huge_shared_strings_table_in_a_small_xlsx_is_refused_unexpanded(client, token):
    content = raw_xlsx(unit_cells(), 150 * MB, filler=b"<si><t>Ph\xc6\xb0\xe1\xbb\x9dng</t></si>" * 4096)
    assert len(content) < 2 * MB
    tracemalloc.start()
    response = send(client, token, "chuoi-lon.xlsx", content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    body = response.get_json()
    assert response.status_code == 422 and "too_large" in issue_codes(body), body
    assert "chuỗi dùng chung" in " ".join(i["message"] for i in body["issues"])
    assert peak < 30 * MB
    assert helpers.counts() == helpers.empty_counts()


_IMPORT_IN_A_CHILD = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
from app import create_app
from procedures.db import db
from importers import ImportOptions, run_import
app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///" + sys.argv[2] + "/db.sqlite3",
                  "SEARCH_INDEX_DIR": sys.argv[2] + "/index", "SEARCH_SYNC_ON_COMMIT": False})
with app.app_context():
    db.create_all()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report, _ = run_import(sys.argv[3], ImportOptions(filename="chuoi.xlsx"))
print(json.dumps({"outcome": report["outcome"], "created": report["stats"]["totals"]["created"],
                  "before_mb": before / 1024,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.slow
def test_a_20_mb_shared_strings_table_is_read_in_bounded_memory(tmp_path):
    """1.2 million unused shared strings (20 MB, about 2.5 MB zipped: within the upload limit):
    openpyxl made a Python string of each (about 150 MB more here, 1.3 GB and 3 minutes in the
    probe's full run); the native reader keeps them in Rust and reads only the cells used."""
    import json
    import pathlib
    import subprocess
    import sys

    path = tmp_path / "chuoi.xlsx"
    path.write_bytes(raw_xlsx(unit_cells(), 20 * MB))
    assert path.stat().st_size < 5 * MB
    root = str(pathlib.Path(__file__).parents[1])
    output = subprocess.run([sys.executable, "-c", _IMPORT_IN_A_CHILD, root, str(tmp_path),
                             str(path)], check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    assert result["outcome"] == "imported" and result["created"] == 1, result
    assert result["peak_mb"] - result["before_mb"] < 90, result


def test_a_cell_longer_than_excel_holds_is_reported_at_its_cell_not_cut(client, token):
    long_name = "Phường Mũi Né " + "rất dài " * 130_000  # about 1 MB
    rows = [UNIT_ROWS[0], ["22918", long_name, "Phường", "Cấp xã"],
            ["22919", "Phường Phú Thủy", "Phường", "Cấp xã"]]
    response = send(client, token, "o-dai.xlsx", raw_xlsx(unit_cells(rows)))
    body = response.get_json()
    assert response.status_code == 422 and body["outcome"] == "refused", body
    issue = next(i for i in body["issues"] if i["code"] == "invalid_format")
    assert (issue["sheet"], issue["row"], issue["cell"], issue["field"]) == (
        "Đơn vị", 2, "B2", "name")
    assert "32.767" in issue["message"] and len(issue["value"]) < 200
    assert helpers.counts() == helpers.empty_counts()


def test_hidden_sheets_and_rows_are_imported_and_reported(client, token):
    def fill(wb):
        ws = wb.active
        ws.title = "Đơn vị"
        for row in (UNIT_ROWS[0], ["68", "Lâm Đồng", "Tỉnh/thành phố", "Cấp tỉnh"],
                    ["22918", "Phường Mũi Né", "Phường", "Cấp xã"],
                    ["22919", "Phường Phú Thủy", "Phường", "Cấp xã"],
                    ["22920", "Phường Phan Thiết", "Phường", "Cấp xã"]):
            ws.append(row)
        for row_no in (3, 4):  # filtered away in Excel
            ws.row_dimensions[row_no].hidden = True
        fields = wb.create_sheet("Lĩnh vực")
        fields.append(["Mã lĩnh vực", "Tên lĩnh vực"])
        fields.append(["ho-tich", "Hộ tịch"])
        fields.sheet_state = "hidden"

    response = send(client, token, "an.xlsx", workbook_bytes(fill))
    body = response.get_json()
    assert response.status_code == 200 and body["outcome"] == "imported", body
    rows = next(i for i in body["issues"] if i["code"] == "hidden_rows")
    assert rows["severity"] == "warning" and rows["sheet"] == "Đơn vị" and rows["row"] == 3
    assert "2 dòng" in rows["message"] and "3–4" in rows["message"]
    sheet = next(i for i in body["issues"] if i["code"] == "hidden_sheet")
    assert sheet["severity"] == "warning" and sheet["sheet"] == "Lĩnh vực"
    counts = helpers.counts()
    assert counts["units"] == 4 and counts["fields"] == 1


def test_a_stray_cell_far_away_does_not_build_a_grid_of_every_cell(client, token, app):
    from importers.sources import Limits
    from importers.xlsxscan import scan_sheet

    cells = unit_cells()
    cells["XFD50000"] = "x"  # 16,384 columns × 50,000 rows: a dense grid of 800 million cells
    content = raw_xlsx(cells)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        scan = scan_sheet(archive, "xl/worksheets/sheet1.xml")
    assert (scan.max_row, scan.max_col) == (50_000, 16_383)
    assert scan.max_row * (scan.max_col + 1) > Limits().max_cells  # read without the grid
    # The same path on a grid small enough to be safe if the scan ever regressed.
    cells.pop("XFD50000")
    cells["AZ3000"] = "x"
    app.config["IMPORT_MAX_CELLS"] = 10_000
    try:
        response = send(client, token, "o-xa.xlsx", raw_xlsx(cells))
    finally:
        app.config.pop("IMPORT_MAX_CELLS")
    body = response.get_json()
    assert response.status_code == 200 and body["outcome"] == "imported", body
    assert helpers.counts()["units"] == 1


def test_rows_past_the_limit_are_refused_before_they_are_read(client, token):
    cells = unit_cells()
    cells["A1048576"] = "x"
    response = send(client, token, "dong-xa.xlsx", raw_xlsx(cells))
    body = response.get_json()
    assert response.status_code == 422 and "too_large" in issue_codes(body), body
    assert "1.048.576" in " ".join(i["message"] for i in body["issues"])
    assert helpers.counts() == helpers.empty_counts()


def test_excel_error_cells_read_as_their_text(client, token):
    content = raw_xlsx(unit_cells())
    source = zipfile.ZipFile(io.BytesIO(content))
    files = {name: source.read(name) for name in source.namelist()}
    files["xl/worksheets/sheet1.xml"] = files["xl/worksheets/sheet1.xml"].replace(
        b'<c r="B2" t="s"><v>5</v></c>', b'<c r="B2" t="e"><f>#REF!A1</f><v>#REF!</v></c>')
    report = send(client, token, "loi.xlsx", zip_bytes(files)).get_json()
    from procedures import services

    # Whatever later checks make of it, the cell is not blank: it is the text Excel shows.
    if report["outcome"] == "imported":
        assert services.units.find(("22918",)).name == "#REF!"
    else:
        assert any(i["value"] == "#REF!" for i in report["issues"]), report["issues"]


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_the_sheet_scan_reads_rows_written_with_or_without_a_prefix(prefix):
    """Excel and openpyxl write <row r="5">; some generators write <x:row>, or leave r out."""
    from importers.xlsxscan import scan_sheet

    p = prefix
    xml = (f'<{p}worksheet xmlns{":x" if p else ""}="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main"><{p}sheetData>'
           f'<{p}row r="1"><{p}c r="A1"><{p}v>1</{p}v></{p}c></{p}row>'
           f'<{p}row r="3" hidden="1"><{p}c r="B3" t="e"><{p}v>#N/A</{p}v></{p}c></{p}row>'
           f'<{p}row><{p}c r="AB4"><{p}v>2</{p}v></{p}c></{p}row>'
           f'<{p}row r="7" spans="1:2" hidden="true"/>'
           f'</{p}sheetData></{p}worksheet>')
    with zipfile.ZipFile(io.BytesIO(zip_bytes({"xl/worksheets/sheet1.xml": xml}))) as archive:
        scan = scan_sheet(archive, "xl/worksheets/sheet1.xml")
    assert (scan.rows, scan.max_row, scan.max_col) == (4, 7, 27)
    assert scan.hidden_rows == [3, 7]
    assert scan.errors == {3: [(1, "#N/A")]}


def test_the_sheet_scan_counts_cell_references_only():
    """A reference-like value of another attribute (`ar="ZZ999999"`) widens nothing; a cell
    reference after a tab or a line break does."""
    from importers.xlsxscan import scan_sheet

    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData><row r="1"><c r="A1" foo:bar="ZZ999999"><v>1</v></c>'
           '<c\tr="C1"><v>2</v></c></row>'
           '<row r="2"><c\nr="AD2"><v>3</v></c><c r="B2"><v>r="XFD1048576"</v></c></row>'
           '</sheetData></worksheet>')
    with zipfile.ZipFile(io.BytesIO(zip_bytes({"xl/worksheets/sheet1.xml": xml}))) as archive:
        scan = scan_sheet(archive, "xl/worksheets/sheet1.xml")
    assert (scan.rows, scan.max_row, scan.max_col) == (2, 2, 29)


@pytest.mark.parametrize("xml, expected", [
    # <rowBreaks> starts like a row; a row whose number is not its first attribute
    ('<row r="1"><c r="A1"/></row><rowBreaks count="1"/><row r="9"/>', (2, 9, [])),
    ('<row spans="1:2" r="5" hidden="1"><c r="AB5"/></row><row r="7"/>', (2, 7, [5])),
    ('<row r="12" hidden="true"/>', (1, 12, [12])),
    ('', (0, 0, [])),
])
def test_the_sheet_scan_counts_rows_only(xml, expected):
    from importers.xlsxscan import scan_sheet

    body = f'<worksheet><sheetData>{xml}</sheetData></worksheet>'
    with zipfile.ZipFile(io.BytesIO(zip_bytes({"xl/worksheets/sheet1.xml": body}))) as archive:
        scan = scan_sheet(archive, "xl/worksheets/sheet1.xml")
    assert (scan.rows, scan.max_row, scan.hidden_rows) == expected
