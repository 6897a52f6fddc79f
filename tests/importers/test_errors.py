"""Every kind of mistake comes back at its sheet, row and column; nothing is written."""
import openpyxl

from tests.importers import helpers


def refused(do_import, data, before=None, **options):
    """Import data; assert it was refused and that no table changed."""
    before = before or helpers.counts()
    report = do_import(data=data, **options)
    assert report["outcome"] == "refused" and not report["valid"]
    assert helpers.counts() == before
    return report


def where(issue):
    return issue["sheet"], issue["row"], issue["column"], issue["field"], issue["code"]


def test_required_value_missing(do_import):
    data = helpers.records()
    data["procedures"][1]["name"] = None
    issue = helpers.one(refused(do_import, data), "required")
    assert where(issue) == ("Thủ tục", 3, "Tên thủ tục *", "name", "required")
    assert issue["cell"] == "C3" and issue["message"] == "Trường này là bắt buộc."


def test_error_in_a_part_maps_to_its_own_row(do_import):
    data = helpers.records()
    data["channels"][1]["processing_time"] = 0.3  # channels.1.processing_time of 1.001193
    issue = helpers.one(refused(do_import, data), "invalid_format")
    assert where(issue) == ("Cách thức thực hiện", 3, "Thời hạn giải quyết", "processing_time",
                            "invalid_format")
    assert issue["cell"] == "C3" and issue["value"] == "0.3" and "1/4" in issue["message"]


def test_value_outside_the_dropdown(do_import):
    data = helpers.records()
    data["procedures"][0]["level"] = "Cấp phường"
    issue = helpers.one(refused(do_import, data), "invalid_choice")
    assert where(issue) == ("Thủ tục", 2, "Cấp thực hiện *", "level", "invalid_choice")
    assert "Cấp xã" in issue["message"] and issue["value"] == "Cấp phường"


def test_step_of_an_unknown_procedure(do_import):
    data = helpers.records()
    data["steps"][2]["procedure_code"] = "1.999999"
    issue = helpers.one(refused(do_import, data), "unknown_reference")
    assert where(issue) == ("Trình tự thực hiện", 4, "Mã thủ tục *", "procedure_code",
                            "unknown_reference")
    assert "1.999999" in issue["message"]


def test_assignment_to_an_unknown_unit_and_unknown_decision(do_import):
    data = helpers.records()
    data["assignments"][1]["unit_code"] = "99999"
    data["procedures"][0]["decisions"] = ["2228/QĐ-UBND", "77/QĐ-UBND"]
    report = refused(do_import, data)
    found = {(i["sheet"], i["row"], i["field"]) for i in helpers.issues(report, "unknown_reference")}
    assert ("Phân công thực hiện", 3, "unit_code") in found
    assert ("Thủ tục", 2, "decisions") in found


def test_process_step_naming_an_officer_of_another_unit(do_import):
    data = helpers.records()
    data["process_steps"][1]["officer_name"] = "Trần Văn Minh"  # works at 22921
    issue = helpers.one(refused(do_import, data), "unknown_reference")
    assert where(issue) == ("Quy trình nội bộ", 3, "Cán bộ thực hiện", "officer_name",
                            "unknown_reference")
    assert "22921" in issue["message"] and "22918" in issue["message"]


def test_duplicate_keys_inside_the_file(do_import):
    data = helpers.records()
    data["units"].append(dict(data["units"][1], name="Phường Mũi Né (trùng)"))
    data["steps"].append({"procedure_code": "1.001193", "position": 2, "description": "Lặp"})
    report = refused(do_import, data)
    issues = {(i["sheet"], i["row"], i["field"]) for i in helpers.issues(report, "duplicate_key")}
    assert issues == {("Đơn vị", 5, "code"), ("Trình tự thực hiện", 5, "position")}
    unit = next(i for i in report["issues"] if i["sheet"] == "Đơn vị")
    assert "dòng 3" in unit["message"]


def test_rows_outside_the_uploaders_unit(do_import, loaded):
    data = helpers.records()
    data["units"][2]["desk_name"] = "Đổi nơi tiếp nhận"  # 22921 is not under 22918
    report = refused(do_import, data, before=loaded, unit_code="22918")
    found = {(i["sheet"], i["row"], i["field"]) for i in helpers.issues(report, "out_of_scope")}
    assert found == {("Đơn vị", 2, "code"), ("Đơn vị", 4, "code"), ("Cán bộ", 3, "unit_code"),
                     ("Phân công thực hiện", 3, "unit_code")}


def test_changing_a_procedure_kept_by_another_unit(do_import, loaded):
    data = {k: v for k, v in helpers.records().items() if k in ("procedures", "channels")}
    report = do_import(data=data, unit_code="22921")
    assert report["outcome"] == "imported"  # listed unchanged: allowed
    data["procedures"][0]["name"] = "Đăng ký khai sinh (sửa)"
    report = refused(do_import, data, before=loaded, unit_code="22921")
    issue = helpers.one(report, "out_of_scope")
    assert (issue["sheet"], issue["row"]) == ("Thủ tục", 2) and "22918" in issue["message"]
    data["procedures"][1]["name"] = "Chứng thực (không có đơn vị quản lý: được sửa)"
    data["procedures"][0]["name"] = "Đăng ký khai sinh"
    assert do_import(data=data, unit_code="22921")["outcome"] == "imported"


def test_missing_required_column_is_reported_once(do_import, tmp_path):
    path = helpers.write_xlsx(tmp_path / "u.xlsx", {"units": helpers.records()["units"]})
    wb = openpyxl.load_workbook(path)
    wb["Đơn vị"].delete_cols(4)  # Cấp *
    wb.save(path)
    report = do_import(path)
    assert report["outcome"] == "refused" and helpers.counts()["units"] == 0
    issue = helpers.one(report, "missing_column")
    assert (issue["sheet"], issue["column"], issue["field"]) == ("Đơn vị", "Cấp", "level")
    assert not helpers.issues(report, "required")


def test_schema_rule_across_fields(do_import):
    data = helpers.records()
    data["legal_documents"][0]["replaced_by"] = "60/2014/QH13"
    data["channels"][0]["fee_amount"] = 5000  # is_free is set
    report = refused(do_import, data)
    found = {(i["sheet"], i["row"], i["field"]) for i in helpers.issues(report, "invalid_format")}
    assert found == {("Văn bản căn cứ", 2, "replaced_by"), ("Cách thức thực hiện", 2, "fee_amount")}


def test_every_error_is_reported_at_once(do_import):
    data = helpers.records()
    data["units"][1]["kind"] = "thôn"
    data["fields"][0]["code"] = "Hộ Tịch"
    data["dossier_items"][2]["copies"] = -1
    data["process_steps"][0]["duration"] = "nửa ngày"
    report = refused(do_import, data)
    sheets = {i["sheet_id"] for i in report["issues"] if i["severity"] == "error"}
    assert {"units", "fields", "dossier_items", "process_steps"} <= sheets


def test_a_unit_editor_may_not_change_shared_catalogue_records(do_import, loaded, make_user):
    editor = make_user("unit_editor", "mui-ne", "22918")
    data = {"decisions": helpers.records()["decisions"]}
    assert do_import(data=data, as_user=editor)["outcome"] == "imported"
    data["decisions"][0]["title"] = "Tiêu đề khác"
    data["decisions"].append({"number": "3/QĐ-UBND", "kind": "new", "title": "Mới"})
    report = refused(do_import, data, before=loaded, as_user=editor)
    issue = helpers.one(report, "out_of_scope")
    assert (issue["sheet"], issue["row"]) == ("Quyết định công bố", 2)
    assert "quản trị" in issue["message"]
    assert do_import(data=data, unit_code="22918")["outcome"] == "imported"  # an admin may


def test_a_list_where_a_json_upload_needs_one_code_is_refused_not_a_crash(do_import, tmp_path):
    # Codes that order the records (a unit's parent, a replacing document) and the keys of
    # parts (a channel's kind, a step's position) given as lists: errors at their fields.
    data = helpers.records()
    data["units"][1]["parent_code"] = ["68", "22921"]
    data["legal_documents"][0]["replaced_by"] = ["23/2015/NĐ-CP"]
    data["channels"][0]["kind"] = ["in_person"]
    data["steps"][0]["position"] = [1, 2]
    before = helpers.counts()
    report = do_import(path=helpers.write_json(tmp_path / "upload.json", data))
    assert report["outcome"] == "refused" and helpers.counts() == before
    fields = {issue.get("field") for issue in report["issues"]}
    assert {"parent_code", "replaced_by", "kind", "position"} <= fields, report["issues"]
