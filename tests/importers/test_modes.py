"""Atomic by default, partial on request, dry run, idempotence, batches recorded."""
from sqlalchemy import select

from procedures import services
from procedures.models import Revision
from tests.importers import helpers


def test_import_then_the_same_file_again_changes_nothing(do_import, tmp_path):
    path = helpers.write_xlsx(tmp_path / "same.xlsx")
    first = do_import(path)
    assert first["outcome"] == "imported" and first["valid"]
    sheets = first["stats"]["sheets"]
    assert sheets["procedures"]["created"] == 2 and sheets["channels"]["rows"] == 3
    assert first["stats"]["totals"]["created"] == 14
    after = helpers.counts()
    assert after["revisions"] == 14 and after["search_changes"] == 4  # 2 procedures, 2 assignments
    second = do_import(path)
    assert second["stats"]["totals"]["unchanged"] == 14 and second["stats"]["totals"]["created"] == 0
    assert helpers.counts() == after
    batches = helpers.batches()
    assert [b.outcome for b in batches] == ["imported", "imported"]
    assert batches[0].sha256 == batches[1].sha256 and batches[0].file_format == "xlsx"


def test_a_changed_row_is_updated_with_one_revision(do_import, loaded):
    data = helpers.records()
    data["procedures"][0]["name"] = "Đăng ký khai sinh cho trẻ em"
    report = do_import(data=data)
    assert report["stats"]["sheets"]["procedures"] == {
        "title": "Thủ tục", "rows": 2, "updated": 1, "unchanged": 1}
    revisions = helpers.counts()["revisions"] - loaded["revisions"]
    assert revisions == 1
    revision = services.paginate(select(Revision).order_by(Revision.id.desc()), 1, 1).items[0]
    assert revision.changes["name"] == ["Đăng ký khai sinh", "Đăng ký khai sinh cho trẻ em"]
    assert revision.actor == "system"


def test_atomic_refusal_writes_nothing_but_records_the_batch(do_import):
    data = helpers.records()
    data["dossier_items"][2]["name"] = None
    report = do_import(data=data)
    assert report["outcome"] == "refused"
    assert helpers.counts() == helpers.empty_counts()
    batch = helpers.batches()[-1]
    assert batch.outcome == "refused" and batch.dry_run is False and batch.filename == "upload.xlsx"
    assert batch.counts["errors"] == 1 and batch.report["issues"][0]["code"] == "required"
    assert batch.report["batch_id"] == batch.id and len(batch.sha256) == 64


def test_partial_commits_each_valid_procedure_with_its_parts(do_import):
    data = helpers.records()
    data["channels"][1]["kind"] = "fax"  # breaks procedure 1.001193 (and its assignment)
    report = do_import(data=data, partial=True)
    assert report["outcome"] == "partial" and not report["valid"]
    codes = {i["code"] for i in report["issues"]}
    assert codes == {"invalid_choice", "reference_has_errors"}
    dependent = helpers.one(report, "reference_has_errors")
    assert (dependent["sheet"], dependent["row"]) == ("Phân công thực hiện", 2)
    assert services.procedures.find(("1.001193",)) is None
    other = services.procedures.get("2.000815")
    assert len(other.channels) == 1 and len(other.steps) == 1 and len(other.dossier_items) == 1
    counts = helpers.counts()
    assert counts["procedures"] == 1 and counts["assignments"] == 1 and counts["units"] == 3
    assert counts["process_steps"] == 0
    assert report["stats"]["sheets"]["procedures"]["failed"] == 1
    assert helpers.batches()[-1].outcome == "partial"


def test_dry_run_reports_what_would_change_and_writes_nothing(do_import, loaded):
    data = helpers.records()
    data["procedures"][1]["name"] = "Chứng thực bản sao"
    data["units"].append({"code": "22924", "name": "Xã Tiến Thành", "kind": "commune",
                          "level": "commune", "parent_code": "68"})
    report = do_import(data=data, dry_run=True)
    assert report["outcome"] == "dry_run" and report["valid"]
    totals = report["stats"]["totals"]
    assert (totals["created"], totals["updated"], totals["unchanged"]) == (1, 1, 13)
    assert helpers.counts() == loaded
    assert helpers.batches()[-1].dry_run is True


def test_part_rows_alone_replace_that_part_and_keep_the_others(do_import, loaded):
    data = {"steps": [{"procedure_code": "1.001193", "position": 1, "description": "Nộp tờ khai"}]}
    report = do_import(data=data)
    assert report["outcome"] == "imported", report["issues"]
    assert report["stats"]["sheets"]["procedures"]["updated"] == 1
    proc = services.procedures.get("1.001193")
    assert [s.description for s in proc.steps] == ["Nộp tờ khai"]
    assert len(proc.channels) == 2 and len(proc.dossier_items) == 2


def test_process_steps_alone_create_the_assignment(do_import, loaded):
    data = {"process_steps": [{"unit_code": "22921", "procedure_code": "1.001193", "position": 1,
                               "task": "Tiếp nhận", "officer_name": "Trần Văn Minh"}]}
    report = do_import(data=data)
    assert report["outcome"] == "imported", report["issues"]
    assignment = services.assignments.get("22921", "1.001193")
    assert assignment.process_steps[0].officer.full_name == "Trần Văn Minh"


def test_the_change_list_of_a_new_procedure_sums_up_each_part(do_import, db):
    # A created record's channels, steps and dossier get one line each in the workbook's
    # words (they were once shown as Python dicts under the field's code).
    report = do_import(dry_run=True)
    change = next(c for c in report["changes"]
                  if c["sheet_id"] == "procedures" and c["key"] == "1.001193")
    assert change["action"] == "created"
    labels = {f["label"]: f["after"] for f in change["fields"]}
    assert labels["Tên thủ tục"] == "Đăng ký khai sinh"
    assert labels["Cách thức"] == "2 dòng: Trực tiếp; Trực tuyến"
    assert labels["Bước"].endswith(" dòng") and labels["Giấy tờ"].startswith("2 dòng: ")
    assert not any("{" in f["after"] for f in change["fields"])
    assert "channels" not in labels and "steps" not in labels


def test_a_created_records_change_list_is_the_general_comparison_against_nothing(loaded):
    # field_changes() takes a short path for created records (an import lists 2,000 of them);
    # it must list what comparing against a record with every field empty lists.
    from importers.changes import field_changes

    for kind, service in (("procedures", services.procedures), ("units", services.units),
                          ("assignments", services.assignments), ("officers", services.officers)):
        for record in db_records(service):
            after = service.serialize(record)
            empty = dict.fromkeys(after)  # the general path: every field compared with None
            assert field_changes(kind, None, after) == field_changes(kind, empty, after), kind
            assert field_changes(kind, None, after)


def db_records(service):
    from procedures.db import db

    return db.session.scalars(select(service.model)).all()
