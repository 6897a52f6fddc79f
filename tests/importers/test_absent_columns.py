"""A column left out of a sheet leaves its values as they are; only an empty cell in a present
column clears one. The preview says which columns were absent."""
import csv
import io
import zipfile

from openpyxl import load_workbook

from importers.spec import SHEETS_BY_ID
from procedures import services
from tests.importers import helpers


def drop_columns(path, sheet_title, labels):
    """Delete columns (by header label, with or without the '*') from one sheet of a workbook."""
    wb = load_workbook(path)
    ws = wb[sheet_title]
    for col in sorted((c.column for c in ws[1] if str(c.value).rstrip(" *") in labels),
                      reverse=True):
        ws.delete_cols(col)
    wb.save(path)
    return path


def officer(name="Nguyễn Thị Lan"):
    return next(o for o in services.officers.all() if o.full_name == name)


def test_an_older_template_without_some_columns_keeps_their_values(do_import, loaded, tmp_path):
    data = helpers.records()
    data["officers"][0].update(phone="0252 3832 256", email="lan.nt@phanthiet.gov.vn")
    assert do_import(data=data)["outcome"] == "imported"
    data["officers"][0]["position_title"] = "Công chức Tư pháp – Hộ tịch"  # one real change
    path = helpers.write_xlsx(tmp_path / "old.xlsx", data)
    drop_columns(path, "Cán bộ", {"Điện thoại", "Thư điện tử"})
    report = do_import(path)
    assert report["outcome"] == "imported", report["issues"]
    lan = officer()
    assert lan.phone == "0252 3832 256" and lan.email == "lan.nt@phanthiet.gov.vn"
    assert lan.position_title == "Công chức Tư pháp – Hộ tịch"
    absent = helpers.one(report, "absent_column")
    assert absent["severity"] == "warning" and absent["sheet_id"] == "officers"
    assert "Điện thoại" in absent["message"] and "giữ nguyên" in absent["message"]


def test_an_empty_cell_in_a_present_column_still_clears(do_import, tmp_path):
    data = helpers.records()
    data["officers"][0].update(phone="0252 3832 256")
    assert do_import(data=data)["outcome"] == "imported"
    data["officers"][0]["phone"] = None
    assert do_import(data=data)["outcome"] == "imported"
    assert officer().phone is None


def test_a_re_import_without_a_column_changes_nothing(do_import, loaded, tmp_path):
    path = helpers.write_xlsx(tmp_path / "same.xlsx")
    drop_columns(path, "Thủ tục", {"Đối tượng thực hiện", "Cơ quan thực hiện", "Kết quả thực hiện"})
    drop_columns(path, "Cách thức thực hiện", {"Phí, lệ phí", "Ghi chú thời hạn"})
    report = do_import(path)
    totals = report["stats"]["totals"]
    assert report["outcome"] == "imported", report["issues"]
    assert totals["updated"] == 0 and totals["created"] == 0, report["stats"]
    assert helpers.counts() == loaded
    procedure = services.procedures.get("1.001193")
    assert procedure.subjects == "Công dân Việt Nam" and procedure.result == "Giấy khai sinh"
    channel = next(c for c in procedure.channels if c.kind == "in_person")
    assert channel.time_note == "Trong ngày"


def test_a_csv_of_a_few_columns_updates_only_those(do_import, loaded, tmp_path):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["unit_code", "full_name", "phone"])
    writer.writerow(["22918", "Nguyễn Thị Lan", "0912 345 678"])
    path = tmp_path / "officers.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("officers.csv", out.getvalue().encode("utf-8-sig"))
    report = do_import(path)
    assert report["outcome"] == "imported", report["issues"]
    lan = officer()
    assert lan.phone == "0912 345 678"
    assert lan.department == "Tư pháp – Hộ tịch" and lan.has_signing_account
    assert report["stats"]["totals"]["updated"] == 1


def test_the_preview_page_lists_the_absent_columns(admin, loaded, tmp_path):
    path = helpers.write_xlsx(tmp_path / "old.xlsx")
    drop_columns(path, "Cán bộ", {"Phòng, bộ phận"})
    response = admin.post("/imports", data={"file": (io.BytesIO(path.read_bytes()), "old.xlsx"),
                                            "dry_run": "1"},
                          content_type="multipart/form-data", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Cột không có trong tệp" in page and "Phòng, bộ phận" in page
    assert SHEETS_BY_ID["officers"].title in page
