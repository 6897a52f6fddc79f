"""Benchmark the accountability loop after a national audit: the league table of indicators
with its province and field roll-ups, and the province league (one province's units).

    .venv/bin/python bench/accountability_bench.py --sqlite /tmp/bench_account.sqlite3 \
        --output bench/results/accountability.json
    .venv/bin/python bench/accountability_bench.py \
        --postgresql postgresql://postgres@127.0.0.1:5432/bench_account

The database is rebuilt with bench/national_dataset.py (3,321 communes, ~120 procedures each);
never point it at a database you keep. Prints milliseconds; writes JSON.

    .venv/bin/python bench/accountability_bench.py --matrix-only --sqlite /tmp/bench_matrix.sqlite3
    .venv/bin/python bench/accountability_bench.py --matrix-only \
        --postgresql postgresql://postgres@127.0.0.1:5432/bench_matrix

`--matrix-only` builds a small dataset of its own instead (one province, 124 communes, a published
commune catalogue of 120 procedures, ~95 % implemented, ~2 % không phát sinh) and times the
province matrix page `/provinces/<code>/matrix?level=commune` through the Flask test client,
signed in as an auditor (also the unfiltered page, the API and the XLSX); it adds the key
`province_matrix` to the output file's result of that database and keeps the other keys.
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


def timed_ms(fn, repeat=REPEAT, fresh=True):
    times, value = [], None
    for _ in range(repeat):
        if fresh:  # a request has its own session: nothing to expire
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


MATRIX_COMMUNES, MATRIX_PROCEDURES = 124, 120


def matrix_dataset() -> dict:
    """One province with 124 communes × a catalogue of 120 commune-level procedures."""
    import random

    from national_dataset import FIELDS, STAMP, drop_everything, put, reset_sequences

    from procedures.models import Assignment, CatalogueEntry, Decision, Field, NotArising, Procedure, Unit

    random.seed(20260117)
    db.session.remove()
    drop_everything()
    db.create_all()
    put(Unit.__table__, [{"id": 1, "code": "DEMO-79", "name": "Thành phố Hồ Chí Minh (demo)",
                          "kind": "province", "level": "province", "parent_id": None, **STAMP}]
        + [{"id": 1 + i, "code": f"DEMO-79-{i:03d}", "name": f"Phường {i} (demo)", "kind": "ward",
            "level": "commune", "parent_id": 1, **STAMP} for i in range(1, MATRIX_COMMUNES + 1)])
    put(Field.__table__, [{"id": i, "code": f"linh-vuc-{i}", "name": name, **STAMP}
                          for i, name in enumerate(FIELDS, start=1)])
    put(Decision.__table__, [{"id": 1, "number": "1010/QĐ-UBND", "kind": "standardised",
                              "title": "Công bố danh mục TTHC cấp xã",
                              "signed_on": date(2025, 7, 1), "effective_on": date(2025, 7, 1),
                              "published_on": date(2025, 7, 2), **STAMP}])
    put(Procedure.__table__, [{
        "id": p, "code": f"1.{p:06d}", "name": f"Thủ tục cấp xã số {p}", "level": "commune",
        "field_id": 1 + p % len(FIELDS), "status": "active", "online_level": "full",
        "version": 1, **STAMP} for p in range(1, MATRIX_PROCEDURES + 1)])
    put(CatalogueEntry.__table__, [{"province_id": 1, "level": "commune", "position": p,
                                    "procedure_id": p, "decision_id": 1, **STAMP}
                                   for p in range(1, MATRIX_PROCEDURES + 1)])
    assigned, skipped = [], []
    for uid in range(2, MATRIX_COMMUNES + 2):
        for pid in range(1, MATRIX_PROCEDURES + 1):
            draw = random.random()
            if draw < 0.95:
                assigned.append({"unit_id": uid, "procedure_id": pid, "version": 1, **STAMP})
            elif draw < 0.97:
                skipped.append({"unit_id": uid, "procedure_id": pid, "recorded_by": "bench",
                                "reason": "Địa bàn không phát sinh hồ sơ", "recorded_at": STAMP[
                                    "created_at"], **STAMP})
    put(Assignment.__table__, assigned)
    put(NotArising.__table__, skipped)
    reset_sequences()
    db.session.commit()
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return {"communes": MATRIX_COMMUNES, "procedures": MATRIX_PROCEDURES,
            "assignments": len(assigned), "not_arising": len(skipped)}


def bench_matrix(url, name) -> dict:
    """The province matrix page, API and XLSX through the Flask test client (auditor)."""
    import tempfile

    from app import create_app
    from procedures.services import accounts

    instance = tempfile.mkdtemp(prefix="bench_matrix_")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "SEARCH_INDEX_DIR": os.path.join(instance, "search_index"),
                      "SEARCH_SYNC_ON_COMMIT": False, "SEARCH_WARM": False,
                      "JOBS_BACKEND": "sync", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                      "WTF_CSRF_ENABLED": False})  # the test client posts no CSRF token
    out = {"database": name}
    with app.app_context():
        start = time.perf_counter()
        out["dataset"] = matrix_dataset()
        out["generated_in_s"] = round(time.perf_counter() - start, 1)
        accounts.create_user("bench-kiem-soat", "mat-khau-bench", "auditor")  # as the system
        db.session.commit()
    client = app.test_client()
    assert client.post("/login", data={"username": "bench-kiem-soat",
                                       "password": "mat-khau-bench"}).status_code == 302
    token = None
    with app.app_context():
        _, token = accounts.create_token("bench-kiem-soat", "bench")
        db.session.commit()

    def get(path, headers=None):
        def call():
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code)
            return response
        return lambda: timed_ms(call, fresh=False)

    base = "/provinces/DEMO-79/matrix"
    get(base + "?level=commune")()  # warm-up: templates compiled, connections open
    out["page_commune_ms"], page = get(base + "?level=commune")()
    out["page_kb"] = round(len(page.data) / 1024)
    out["page_all_ms"], _ = get(base)()
    out["api_ms"], _ = get("/api/v1" + base + "?level=commune",
                           {"Authorization": f"Bearer {token}"})()
    out["xlsx_ms"], _ = get(base + ".xlsx?level=commune")()
    out["goal_page_ms"] = 300
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return out


def merge_matrix(path, entries) -> dict:
    """The output file with `province_matrix` set on each database's result (kept otherwise)."""
    try:
        with open(path, encoding="utf-8") as handle:
            report = json.load(handle)
    except (OSError, ValueError):
        report = {"results": []}
    for entry in entries:
        result = next((r for r in report["results"] if r.get("database") == entry["database"]),
                      None)
        if result is None:
            result = {"database": entry["database"]}
            report["results"].append(result)
        result["province_matrix"] = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "load_average_at_start": list(os.getloadavg()),
            **{k: v for k, v in entry.items() if k != "database"}}
    return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite")
    parser.add_argument("--postgresql")
    parser.add_argument("--output", default="bench/results/accountability.json")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the dataset and run of a previous invocation (times only)")
    parser.add_argument("--matrix-only", action="store_true",
                        help="only the province matrix, on a dataset of its own (see above)")
    args = parser.parse_args()
    if args.matrix_only:
        entries = []
        if args.sqlite:
            entries.append(bench_matrix(f"sqlite:///{args.sqlite}", "sqlite"))
        if args.postgresql:
            entries.append(bench_matrix(args.postgresql, "postgresql"))
        report = merge_matrix(args.output, entries)
        with open(args.output, "w", encoding="utf-8") as handle:
            json.dump(report, handle, ensure_ascii=False, indent=1)
        print(f"written {args.output}")
        return
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
