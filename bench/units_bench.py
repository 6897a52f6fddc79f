"""Unit register benchmark: `flask registry import-units` for all 34 provinces (3,355 units).

    .venv/bin/python bench/units_bench.py [--database-url postgresql://postgres@127.0.0.1:5432/scratch]
        [--root DIR]

Prints and writes bench/results/units.json (units-postgresql.json with --database-url): the time
and peak memory (RSS) of the first import into an empty database, of a second import (every unit
unchanged, no revision written) and of a third one after the demo data was loaded beside the
real units. Each run is its own subprocess and times import_units() only (not the app start).
The PostgreSQL database given is emptied (its tables are dropped and recreated). --root measures
another checkout of the project (an older commit exported with `git archive`), for comparison.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

RUN = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from sqlalchemy import func, select
from app import create_app
from procedures.db import db
from procedures.models import Revision, Unit
from importers.seed.admin_units import import_units
url, step, folder = sys.argv[2], sys.argv[3], sys.argv[4]
app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": folder + "/index",
                  "SEARCH_SYNC_ON_COMMIT": False})
with app.app_context():
    if step == "first":
        db.drop_all()
        db.create_all()
    if step == "with_demo":
        from importers.seed.demo import load_demo
        load_demo()
    revisions = db.session.scalar(select(func.count()).select_from(Revision))
    start = time.perf_counter()
    counts = import_units()
    seconds = time.perf_counter() - start
    written = db.session.scalar(select(func.count()).select_from(Revision)) - revisions
    units = db.session.scalar(select(func.count()).select_from(Unit))
print(json.dumps({"seconds": round(seconds, 2), "units_in_database": units,
                  "revisions_written": written,
                  "counts": {k: v for k, v in counts.items() if isinstance(v, int)},
                  "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def measure(root, url, step, folder):
    out = subprocess.run([sys.executable, "-c", RUN, root, url, step, folder],
                         capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"{step} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--root", default=ROOT, help="the checkout to measure (default: this one)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="units-bench-")
    url = args.database_url or "sqlite:///" + os.path.join(folder, "units.sqlite3")
    result = {
        "command": "python bench/units_bench.py" + (" --database-url …" if args.database_url else "")
                   + (" --root …" if args.root != ROOT else ""),
        "database": url.split(":")[0].split("+")[0],
        "first_import": measure(args.root, url, "first", folder),
        "second_import": measure(args.root, url, "second", folder),
        "third_import_beside_the_demo": measure(args.root, url, "with_demo", folder),
    }
    result["second_changes_nothing"] = (result["second_import"]["revisions_written"] == 0
                                        and result["second_import"]["counts"].get("updated", 0) == 0)
    if args.root == ROOT:
        os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
        name = "units-postgresql.json" if args.database_url else "units.json"
        with open(os.path.join(ROOT, "bench", "results", name), "w") as f:
            json.dump(result, f, ensure_ascii=False, indent=2)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB",
          file=sys.stderr)


if __name__ == "__main__":
    main()
