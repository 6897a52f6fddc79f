"""flask registry import / template / export through runner.invoke."""
import json
from datetime import UTC

import openpyxl

from tests.importers import helpers


def test_import_prints_a_summary_and_writes_the_report(runner, tmp_path):
    path = helpers.write_xlsx(tmp_path / "du-lieu.xlsx")
    report_path = tmp_path / "report.json"
    result = runner.invoke(args=["registry", "import", str(path), "--report", str(report_path)])
    assert result.exit_code == 0, result.output
    assert "du-lieu.xlsx: Đã ghi dữ liệu." in result.output and "tạo mới 14" in result.output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["valid"] and report["outcome"] == "imported"
    assert report["stats"]["sheets"]["procedures"]["created"] == 2
    assert helpers.batches()[-1].actor.startswith("cli:")


def test_refused_file_exits_1_and_writes_the_annotated_copy(runner, tmp_path):
    data = helpers.records()
    data["steps"][1]["position"] = "hai"
    path = helpers.write_xlsx(tmp_path / "loi.xlsx", data)
    annotated, report_path = tmp_path / "loi-danh-dau.xlsx", tmp_path / "r.json"
    result = runner.invoke(args=["registry", "import", str(path), "--annotated", str(annotated),
                                 "--report", str(report_path)])
    assert result.exit_code == 1, result.output
    assert "Tệp bị từ chối" in result.output and "[invalid_format] Trình tự thực hiện" in result.output
    assert helpers.counts() == helpers.empty_counts()
    issue = json.loads(report_path.read_text(encoding="utf-8"))["issues"][0]
    assert (issue["sheet"], issue["cell"]) == ("Trình tự thực hiện", "B3")
    ws = openpyxl.load_workbook(annotated)["Trình tự thực hiện"]
    assert ws["B3"].value == "hai" and "số nguyên" in ws["B3"].comment.text
    assert ws["D1"].value == "Lỗi" and "số nguyên" in ws["D3"].value
    assert ws["D2"].value is None


def test_dry_run_and_partial_exit_codes(runner, tmp_path):
    path = helpers.write_xlsx(tmp_path / "ok.xlsx")
    result = runner.invoke(args=["registry", "import", str(path), "--dry-run"])
    assert result.exit_code == 0 and "Chỉ kiểm tra" in result.output
    assert helpers.counts() == helpers.empty_counts()
    data = helpers.records()
    data["steps"][2]["description"] = None  # breaks 2.000815 only
    bad = helpers.write_xlsx(tmp_path / "bad.xlsx", data)
    assert runner.invoke(args=["registry", "import", str(bad), "--dry-run"]).exit_code == 1
    result = runner.invoke(args=["registry", "import", str(bad), "--partial"])
    assert result.exit_code == 2, result.output
    assert helpers.counts()["procedures"] == 1


def test_scoped_import_from_the_cli(runner, tmp_path):
    path = helpers.write_xlsx(tmp_path / "ok.xlsx")
    runner.invoke(args=["registry", "import", str(path)])
    result = runner.invoke(args=["registry", "import", str(path), "--unit", "22921"])
    assert result.exit_code == 1 and "out_of_scope" in result.output


def test_progress_bar_only_for_large_files(capsys):
    from app.cli.common import Progress
    from app.cli.imports import PROGRESS_FROM

    progress = Progress("Kiểm tra và ghi", PROGRESS_FROM)
    assert progress(10) is None
    step = progress(600)
    for _ in range(600):
        step(1)
    progress.close()
    assert "Kiểm tra và ghi" in capsys.readouterr().err


def test_prune_uploads_deletes_old_stored_files_and_keeps_the_batches(app, runner, tmp_path):
    from datetime import datetime, timedelta

    from importers.batches import has_stored_upload as stored
    from procedures.db import db

    path = helpers.write_xlsx(tmp_path / "du-lieu.xlsx")
    for _ in range(2):
        assert runner.invoke(args=["registry", "import", str(path)]).exit_code == 0
    old, new = helpers.batches()
    old.created_at = datetime.now(UTC) - timedelta(days=120)
    db.session.commit()
    assert stored(old) and stored(new)

    result = runner.invoke(args=["registry", "prune-uploads"])  # IMPORT_RETENTION_DAYS = 90
    assert result.exit_code == 0, result.output
    assert "Đã xóa 1 tệp tải lên cũ hơn 90 ngày" in result.output
    assert not stored(old) and stored(new)
    assert [b.id for b in helpers.batches()] == [old.id, new.id]  # history and reports stay

    result = runner.invoke(args=["registry", "prune-uploads", "--older-than", "0"])
    assert "Đã xóa 1 tệp" in result.output and not stored(new)
    result = runner.invoke(args=["registry", "prune-uploads", "--older-than", "-1"])
    assert result.exit_code == 2
