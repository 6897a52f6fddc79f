"""Step times in days, hours or minutes; older workbooks with "Thời gian (ngày)" still import."""
from decimal import Decimal

import openpyxl

from procedures import services
from tests.importers import helpers


def _old_template(path):
    """The workbook as the template was before: "Thời gian (ngày)", no unit, no desk column."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Quy trình nội bộ"]
    headers = [c.value for c in ws[1]]
    for title in ("Tại bộ phận một cửa", "Đơn vị thời gian bước"):
        ws.delete_cols(headers.index(title) + 1)
        headers = [c.value for c in ws[1]]
    ws.cell(1, headers.index("Thời gian") + 1).value = "Thời gian (ngày)"
    wb.save(path)
    return path


def test_an_older_workbook_imports_its_days(do_import, tmp_path):
    data = helpers.records()
    data["process_steps"][0]["department"] = "Trung tâm Phục vụ hành chính công phường Mũi Né"
    path = _old_template(helpers.write_xlsx(tmp_path / "cu.xlsx", data))
    report = do_import(path)
    assert report["outcome"] == "imported", report["issues"]
    assert not [i for i in report["issues"] if i["code"] == "unknown_column"]
    first = services.assignments.get("22918", "1.001193").process_steps[0]
    assert (first.duration, first.duration_unit, first.at_desk) == (
        Decimal("0.25"), "working_day", True)
    again = do_import(path)
    assert again["stats"]["totals"]["created"] == 0 and again["stats"]["totals"]["updated"] == 0


def test_minutes_and_hours_import_and_are_checked(do_import):
    data = helpers.records()
    data["process_steps"][0].update(duration=30, duration_unit="phút")
    data["process_steps"][1].update(duration=0)
    assert do_import(data=data)["outcome"] == "imported"
    first = services.assignments.get("22918", "1.001193").process_steps[0]
    assert (first.duration, first.duration_unit) == (Decimal("30"), "minute")
    data["process_steps"][0].update(duration="2,5", duration_unit="minute")
    report = do_import(data=data)
    assert report["outcome"] == "refused"
    issue = next(i for i in report["issues"] if i["field"] == "duration")
    assert issue["sheet"] == "Quy trình nội bộ" and "số nguyên" in issue["message"]
