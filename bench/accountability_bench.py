"""Benchmark the accountability loop after a national audit: the league table of indicators
with its province and field roll-ups, and the province league (one province's units).

    .venv/bin/python bench/accountability_bench.py --sqlite /tmp/bench_account.sqlite3 \
        --output bench/results/accountability.json
    .venv/bin/python bench/accountability_bench.py \
        --postgresql postgresql://postgres@127.0.0.1:5432/bench_account

The database is rebuilt with bench/national_dataset.py (3,321 communes, ~120 procedures each);
never point it at a database you keep. Prints milliseconds; writes JSON.
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, date, datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from national_dataset import generate, make_app  # noqa: E402

from procedures.audit import results  # noqa: E402
from procedures.audit.runner import run_audit  # noqa: E402
from procedures.db import db  # noqa: E402

REPEAT = 5


def timed_ms(fn, repeat=REPEAT):
    times, value = [], None
    for _ in range(repeat):
        db.session.expire_all()
        start = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - start) * 1000)
    return {"median": round(statistics.median(times), 1), "max": round(max(times), 1),
            "runs": repeat}, value


def bench(url, name, reuse=False):
    out = {"database": name}
    with make_app(url).app_context():
        if not reuse:  # --reuse: the dataset and its national run are there already
            start = time.perf_counter()
            out["dataset"] = generate()
            out["generated_in_s"] = round(time.perf_counter() - start, 1)
            start = time.perf_counter()
            run = run_audit(as_of=date(2026, 1, 5))
            out["national_audit_s"] = round(time.perf_counter() - start, 1)
            out["units_audited"] = run.units_count
        rows = []

        def league():
            rows[:] = results.league()
            return rows

        out["league_all_ms"], _ = timed_ms(league)
        out["rollup_province_ms"], groups = timed_ms(lambda: results.rollup(rows))
        out["rollup_field_ms"], fields = timed_ms(lambda: results.rollup(rows, by="field"))
        out["provinces"], out["fields"] = len(groups), len(fields)
        biggest = max(groups, key=lambda g: g["units"])
        out["province_league"] = {"province": biggest["code"], "units": biggest["units"]}
        out["province_league_ms"], province_rows = timed_ms(
            lambda: results.league(province=biggest["code"], sort="i1_3"))
        out["province_league_rows"] = len(province_rows)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite")
    parser.add_argument("--postgresql")
    parser.add_argument("--output", default="bench/results/accountability.json")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the dataset and run of a previous invocation (times only)")
    args = parser.parse_args()
    report = {"when": datetime.now(UTC).isoformat(timespec="seconds"),
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "load_average_at_start": list(os.getloadavg())},
              "results": []}
    if args.sqlite:
        report["results"].append(bench(f"sqlite:///{args.sqlite}", "sqlite", args.reuse))
    if args.postgresql:
        report["results"].append(bench(args.postgresql, "postgresql", args.reuse))
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)
    print(f"written {args.output}")


if __name__ == "__main__":
    main()
