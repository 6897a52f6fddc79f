"""flask audit run / integration-export through runner.invoke: exit codes and outputs."""
import csv
import io
import json

from openpyxl import load_workbook

from app.cli import audit as cli_audit
from procedures import services
from tests.audit.builders import UNIT, build_ready_ward, change_procedure


def test_ready_unit_exits_0(runner):
    build_ready_ward()
    result = runner.invoke(args=["audit", "run", "--unit", UNIT])
    assert result.exit_code == 0, result.output
    assert "1/1 đơn vị đủ điều kiện" in result.stderr


def test_unit_with_a_blocker_exits_1_and_lists_it(runner):
    build_ready_ward()
    change_procedure(subjects=None)
    result = runner.invoke(args=["audit", "run", "--unit", UNIT])
    assert result.exit_code == 1
    assert "procedure.subjects.missing" in result.stdout


def test_json_csv_and_xlsx_of_a_full_run(runner, tmp_path):
    build_ready_ward()
    services.units.create({"code": "22924", "name": "Phường Phú Hài", "kind": "ward",
                           "level": "commune"})
    result = runner.invoke(args=["audit", "run", "--format", "json"])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["ready_count"] == 1 and body["units_count"] == 2
    assert {r["unit"]["code"]: r["ready"] for r in body["results"]} == {UNIT: True,
                                                                       "22924": False}
    target = tmp_path / "league.csv"
    assert runner.invoke(args=["audit", "run", "--format", "csv", "--output",
                               str(target)]).exit_code == 1
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Mã đơn vị" and {r[0] for r in rows[1:]} == {UNIT, "22924"}
    target = tmp_path / "findings.xlsx"
    runner.invoke(args=["audit", "run", "--unit", "22924", "--format", "xlsx", "--output",
                        str(target)])
    sheet = load_workbook(target).active
    assert "unit.desk.missing" in [c.value for c in sheet["C"]]


def test_xlsx_needs_an_output_file(runner):
    result = runner.invoke(args=["audit", "run", "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.output


def test_unknown_unit_exits_1_with_the_error(runner):
    result = runner.invoke(args=["audit", "run", "--unit", "nope"])
    assert result.exit_code == 1
    assert json.loads(result.stderr)["code"] == "unit_not_found"


def test_progress_bar_goes_to_stderr(runner, monkeypatch):
    build_ready_ward()
    monkeypatch.setattr(cli_audit, "PROGRESS_FROM", 1)
    result = runner.invoke(args=["audit", "run"])
    assert result.exit_code == 0 and "Kiểm soát đơn vị" in result.stderr
    assert "Kiểm soát đơn vị" not in result.stdout


def test_integration_export(runner, tmp_path):
    build_ready_ward()
    target = tmp_path / "package.json"
    result = runner.invoke(args=["audit", "integration-export", "--unit", UNIT, "--output",
                                 str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["unit"]["code"] == UNIT
    change_procedure(subjects=None)
    refused = tmp_path / "refused.json"
    result = runner.invoke(args=["audit", "integration-export", "--unit", UNIT, "--output",
                                 str(refused)])
    assert result.exit_code == 1 and not refused.exists()
    body = json.loads(result.stderr)
    assert body["code"] == "unit_not_ready"
    assert body["errors"][0]["rule_id"] == "procedure.subjects.missing"
