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
