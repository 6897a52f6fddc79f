"""Benchmark the completeness audit on a national-scale dataset, on SQLite and on PostgreSQL.

    .venv/bin/python bench/audit_bench.py \
        --sqlite /tmp/bench_audit.sqlite3 \
        --postgresql postgresql://postgres@127.0.0.1:5432/bench_audit \
        --output bench/results/audit.json

The PostgreSQL database must exist (createdb bench_audit) and must never be the test database:
the dataset generator drops and recreates every table in it. Targets: full national audit ≤ 60 s on
SQLite (60 s on PostgreSQL with the province catalogues), one unit ≤ 200 ms.

The dataset carries the 34 provinces' catalogues (about 120 commune-level lines and 1,500
province-level lines each) and a few not-arising records, so coverage is judged per province; a
dataset built before the catalogues existed is rebuilt.
"""
import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from national_dataset import generate, make_app  # noqa: E402
from sqlalchemy import func, inspect, select, text  # noqa: E402

from procedures.audit.runner import run_audit  # noqa: E402
from procedures.db import db  # noqa: E402
from procedures.models import Assignment, CatalogueEntry, Finding, NotArising, ProcessStep, Unit  # noqa: E402

FLOOR_SQL = ("SELECT count(*) FROM assignments a WHERE NOT EXISTS "
             "(SELECT 1 FROM process_steps p WHERE p.assignment_id = a.id)")
SAMPLE_UNITS = ("00004", "04924", "16279", "22918", "27559")  # spread over the country


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def heavy_findings_run() -> dict:
    """Audit once with ~400,000 findings to bulk-insert, then restore the data."""
    # No commune-level procedure declares its requirements: a warning each of the 3,321 communes
    # inherits for each of its ~120 procedures.
    flip = "UPDATE procedures SET no_requirements = {} WHERE level = 'commune'"
    db.session.execute(text(flip.format("false")))
    db.session.commit()
    before = count(Finding)
    try:
        seconds, run = timed(run_audit)
    finally:
        db.session.execute(text(flip.format("true")))
        db.session.commit()
    return {"full_audit_s": round(seconds, 2), "findings": count(Finding) - before,
            "warnings": run.summary["warnings"]}


def ensure_dataset(regenerate: bool) -> dict:
    """Build the dataset unless it is already there."""
    tables = inspect(db.engine).get_table_names()
    present = ("process_steps" in tables and "catalogue_entries" in tables and count(Unit) > 3000
               and count(CatalogueEntry) > 0)
    if regenerate or not present:
        db.session.remove()  # end the read above: DROP TABLE would wait for its locks forever
        seconds, counts = timed(generate)
        return {"generated_in_s": round(seconds, 1), **counts}
    return {"generated_in_s": None, "units": count(Unit), "assignments": count(Assignment),
            "process_steps": count(ProcessStep), "catalogue_entries": count(CatalogueEntry),
            "not_arising": count(NotArising)}


def bench(url: str, repeat: int, regenerate: bool) -> dict:
    """Floor query, full audit and one-unit audits on one database."""
    with make_app(url).app_context():
        dataset = ensure_dataset(regenerate)
        for table in ("findings", "audit_unit_results", "audit_runs"):
            db.session.execute(text(f"DELETE FROM {table}"))
        db.session.commit()
        floor = []
        for _ in range(3):
            seconds, missing = timed(lambda: db.session.execute(text(FLOOR_SQL)).scalar())
            floor.append(seconds)
        full = []
        for _ in range(repeat):
            seconds, run = timed(run_audit)
            full.append(seconds)
            summary = {"units": run.units_count, "ready": run.ready_count,
                       "blockers": run.summary["blockers"], "warnings": run.summary["warnings"],
                       "coverage": run.summary.get("coverage")}
        findings_per_run = count(Finding) // repeat
        heavy = heavy_findings_run()
        codes = [c for c in SAMPLE_UNITS if db.session.scalar(
            select(Unit.id).where(Unit.code == c))]
        one = [timed(lambda code=code: run_audit(code))[0] for code in codes for _ in range(3)]
        result = {
            "database": db.engine.dialect.name,
            "server_version": ".".join(map(str, db.engine.dialect.server_version_info or ())),
            "dataset": dataset,
            "floor_query_s": round(min(floor), 3), "assignments_without_process": missing,
            "full_audit_s": [round(s, 2) for s in full],
            "full_audit_findings_per_run": findings_per_run,
            "full_audit_result": summary,
            "heavy_findings_run": heavy,
            "one_unit_ms": {"median": round(statistics.median(one) * 1000, 1),
                            "max": round(max(one) * 1000, 1), "runs": len(one)},
            "peak_rss_mb": peak_rss_mb(),
        }
        db.session.remove()
        db.engine.dispose()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", default="/tmp/bench_audit.sqlite3")
    parser.add_argument("--postgresql", default="postgresql://postgres@127.0.0.1:5432/bench_audit")
    parser.add_argument("--no-postgresql", action="store_true")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--output", default="bench/results/audit-catalogue.json")
    args = parser.parse_args()
    if args.postgresql.rstrip("/").endswith("/test"):
        parser.error("refusing to use the test database: give a database of its own")
    load_at_start = os.getloadavg()  # other jobs on the machine slow every number down
    runs = [bench(f"sqlite:///{args.sqlite}", args.repeat, args.regenerate)]
    if not args.no_postgresql:
        runs.append(bench(args.postgresql, args.repeat, args.regenerate))
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "sqlite": sqlite3.sqlite_version, "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in load_at_start]},
        "targets": {"full_audit_sqlite_s": 60, "full_audit_postgresql_s": 60, "one_unit_ms": 200},
        "results": runs,
    }
    for r in runs:
        print(f"{r['database']:10} floor {r['floor_query_s']:.3f} s · full audit "
              f"{', '.join(f'{s:.1f}' for s in r['full_audit_s'])} s · one unit median "
              f"{r['one_unit_ms']['median']} ms (max {r['one_unit_ms']['max']}) · "
              f"with {r['heavy_findings_run']['findings']} findings "
              f"{r['heavy_findings_run']['full_audit_s']:.1f} s · "
              f"{r['full_audit_result']} · peak RSS {r['peak_rss_mb']} MB")
    os.makedirs(os.path.dirname(args.output) or ".", exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
