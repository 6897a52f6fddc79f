"""Two processes import the same workbook at the same time into one database."""
import json
import os
import subprocess
import sys

from sqlalchemy import func, select

from bench.import_bench import generate
from procedures.models import Procedure, Revision

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_concurrent_imports_of_one_file_create_each_record_once(app, db, tmp_path):
    book = tmp_path / "chung.xlsx"
    generate(str(book), n_procedures=40, n_units=2)
    env = {**os.environ, "FLASK_APP": "wsgi", "PYTHONPATH": ROOT,
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SEARCH_INDEX_DIR": str(tmp_path / "index")}
    runs = [subprocess.Popen(
        [sys.executable, "-m", "flask", "registry", "import", str(book),
         "--report", str(tmp_path / f"r{i}.json")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    reports = [json.loads((tmp_path / f"r{i}.json").read_text(encoding="utf-8")) for i in range(2)]
    assert [r["outcome"] for r in reports] == ["imported", "imported"]
    totals = [r["stats"]["totals"] for r in reports]
    records = totals[0]["created"] + totals[0]["unchanged"] + totals[0]["updated"]
    assert all(t["created"] + t["unchanged"] + t["updated"] == records for t in totals)
    # Every record is created by exactly one of the two imports, the other finds it unchanged.
    assert totals[0]["created"] + totals[1]["created"] == records
    assert db.session.scalar(select(func.count()).select_from(Procedure)) == 40
    creates = db.session.scalar(select(func.count()).select_from(Revision).where(
        Revision.entity == "procedure", Revision.action == "create"))
    assert creates == 40
