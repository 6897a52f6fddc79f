"""Template → filled → imported → exported → imported again: nothing changes."""
import openpyxl

from importers.template import records_from_database
from tests.importers import helpers


def test_round_trip_through_export(runner, tmp_path, do_import):
    filled = helpers.write_xlsx(tmp_path / "filled.xlsx")
    assert do_import(filled)["outcome"] == "imported"
    after = helpers.counts()
    exported = tmp_path / "export.xlsx"
    result = runner.invoke(args=["registry", "export", str(exported)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(exported)
    assert wb["Thủ tục"]["E2"].value == "Cấp xã"  # labels, not codes, in the workbook
    report = do_import(exported)
    assert report["outcome"] == "imported" and report["stats"]["totals"]["unchanged"] == 14
    assert report["stats"]["totals"]["created"] == report["stats"]["totals"]["updated"] == 0
    assert helpers.counts() == after  # no new Revision or SearchChange rows


def test_unit_export_holds_the_unit_and_what_it_cites(runner, tmp_path, loaded, do_import):
    records = records_from_database("22918")
    assert [u["code"] for u in records["units"]] == ["22918"]
    assert [p["code"] for p in records["procedures"]] == ["1.001193"]
    assert [d["number"] for d in records["legal_documents"]] == ["60/2014/QH13"]
    assert len(records["channels"]) == 2 and len(records["process_steps"]) == 2
    path = tmp_path / "unit.xlsx"
    assert runner.invoke(args=["registry", "export", str(path), "--unit", "22918"]).exit_code == 0
    report = do_import(path, unit_code="22918")
    assert report["outcome"] == "imported" and report["stats"]["totals"]["unchanged"] == 7


def test_csv_and_json_read_the_same_as_xlsx(tmp_path, do_import, loaded):
    for path in (helpers.zip_csv(tmp_path / "d.zip"), helpers.write_json(tmp_path / "d.json")):
        report = do_import(path)
        assert report["stats"]["totals"]["unchanged"] == 14, (path, report["issues"])
    assert helpers.counts() == loaded
