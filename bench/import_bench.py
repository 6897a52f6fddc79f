"""Import benchmark: a 5,000-procedure workbook, imported into a temporary SQLite database.

    .venv/bin/python bench/import_bench.py [--procedures 5000] [--units 20] [--keep DIR]
        [--modes] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/scratch]
        [--copy-url postgresql://postgres@127.0.0.1:5432/scratch]

Prints and writes bench/results/import.json: the time, CPU time and peak memory (RSS) of, in one
run on the same workbook: reading it with python-calamine (the reader the import uses; the
floor the goal is measured against, best of three), reading it with openpyxl in read-only mode
(the former reader), an in-memory floor (calamine read + every row as a dict, keyed), PostgreSQL
COPY of the same rows into plain text tables (with --copy-url; the client's CPU and the wall
time), importing it (best of three, each into a new database, as the calamine read; every
run's CPU is kept too), and importing it again (every record unchanged). Each measurement runs
in its own subprocess; the import times cover run_import only (not the app start), without the
search index's after-commit catch-up unless --with-search-sync is given.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

FLOOR = """
import json, resource, sys, time
import openpyxl
start, cpu = time.perf_counter(), time.process_time()
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
wb.close()
print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                  "rows": rows,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CALAMINE = """
import json, resource, sys, time
from python_calamine import CalamineWorkbook
start, cpu = time.perf_counter(), time.process_time()
wb = CalamineWorkbook.from_path(sys.argv[1])
rows = sum(1 for name in wb.sheet_names for _ in wb.get_sheet_by_name(name).iter_rows())
wb.close()
print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                  "rows": rows,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# The simplest import one could write: calamine rows → dicts by header, the first column as key.
IN_MEMORY = """
import json, resource, sys, time
from python_calamine import CalamineWorkbook
start, cpu = time.perf_counter(), time.process_time()
wb = CalamineWorkbook.from_path(sys.argv[1])
store, rows = {}, 0
for name in wb.sheet_names:
    it = wb.get_sheet_by_name(name).iter_rows()
    header = [str(h).strip() for h in next(it)]
    table = store.setdefault(name, {})
    for i, values in enumerate(it):
        record = {h: (v.strip() if isinstance(v, str) else v) for h, v in zip(header, values) if v != ""}
        table[(values[0], i)] = record
        rows += 1
wb.close()
print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                  "rows": rows,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# PostgreSQL COPY of the same rows (calamine read included) into one text table per sheet.
COPY = """
import json, resource, sys, time
import psycopg
from python_calamine import CalamineWorkbook
start, cpu = time.perf_counter(), time.process_time()
wb = CalamineWorkbook.from_path(sys.argv[1])
rows = 0
with psycopg.connect(sys.argv[2]) as conn:
    for n, name in enumerate(wb.sheet_names):
        it = wb.get_sheet_by_name(name).iter_rows()
        width = len(next(it))
        table = f"bench_copy_{n}"
        conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute(f"CREATE TABLE {table} (" + ", ".join(f"c{i} text" for i in range(width)) + ")")
        with conn.cursor().copy(f"COPY {table} FROM STDIN") as copy:
            for values in it:
                copy.write_row([None if v == "" else str(v) for v in values])
                rows += 1
    conn.commit()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    for n in range(len(wb.sheet_names)):
        conn.execute(f"DROP TABLE IF EXISTS bench_copy_{n}")
wb.close()
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "rows": rows,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

IMPORT = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from app import create_app
from procedures.db import db
from importers import ImportOptions, run_import
url, fresh = sys.argv[2], sys.argv[5] == "fresh"
folder = sys.argv[6]
app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": folder + "/index",
                  "SEARCH_SYNC_ON_COMMIT": sys.argv[4] == "sync"})
with app.app_context():
    if fresh:
        db.drop_all()
    db.create_all()
    start, cpu = time.perf_counter(), time.process_time()
    mode = sys.argv[7] if len(sys.argv) > 7 else "atomic"
    report, batch = run_import(sys.argv[1], ImportOptions(
        filename="bench.xlsx", dry_run=mode == "dry_run", partial=mode == "partial"))
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "outcome": report["outcome"],
                  "totals": report["stats"]["totals"],
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def generate(path, n_procedures=5000, n_units=20):
    """Write the benchmark workbook with openpyxl's write-only mode; returns the row count."""
    from openpyxl import Workbook

    from importers.spec import SHEETS_BY_ID

    wb = Workbook(write_only=True)
    sheets = {}

    def sheet(sheet_id):
        if sheet_id not in sheets:
            spec = SHEETS_BY_ID[sheet_id]
            ws = wb.create_sheet(spec.title)
            ws.append([c.label for c in spec.columns])
            sheets[sheet_id] = (ws, [c.field for c in spec.columns])
        return sheets[sheet_id]

    def add(sheet_id, **values):
        ws, fields = sheet(sheet_id)
        ws.append([values.get(f) for f in fields])

    rows = 0
    add("units", code="68", name="Lâm Đồng", kind="Tỉnh/thành phố", level="Cấp tỉnh")
    units = [f"{22900 + i}" for i in range(n_units)]
    for code in units:
        add("units", code=code, name=f"Phường số {code}", kind="Phường", level="Cấp xã",
            parent_code="68", desk_name=f"Bộ phận Một cửa phường {code}")
        for k in range(5):
            add("officers", unit_code=code, full_name=f"Cán bộ {k} phường {code}",
                position_title="Công chức", department="Văn phòng", has_signing_account="Có")
        rows += 6
    for f in range(20):
        add("fields", code=f"linh-vuc-{f}", name=f"Lĩnh vực {f}")
    for d in range(50):
        add("decisions", number=f"{100 + d}/QĐ-UBND", kind="Ban hành mới",
            title=f"Công bố danh mục thủ tục hành chính số {d}", signed_on="01/07/2025")
    for d in range(100):
        add("legal_documents", number=f"{10 + d}/2024/NĐ-CP", doc_type="Nghị định",
            title=f"Nghị định số {d} quy định chi tiết")
    rows += 171
    for i in range(n_procedures):
        code = f"1.{100000 + i:06d}"
        add("procedures", code=code, name=f"Thủ tục hành chính số {i} về đăng ký", level="Cấp xã",
            field_code=f"linh-vuc-{i % 20}", owner_unit_code=units[i % n_units],
            subjects="Công dân Việt Nam", implementing_agency="UBND cấp xã",
            result="Giấy chứng nhận", no_requirements="Có",
            online_level="Dịch vụ công trực tuyến toàn trình", decisions=f"{100 + i % 50}/QĐ-UBND",
            legal_bases=f"{10 + i % 100}/2024/NĐ-CP; {10 + (i + 1) % 100}/2024/NĐ-CP")
        for kind in ("Trực tiếp", "Trực tuyến", "Qua dịch vụ bưu chính công ích"):
            add("channels", procedure_code=code, kind=kind, processing_time=5,
                time_unit="ngày làm việc", fee_text="Lệ phí: 20.000 đồng", fee_amount=20000)
        for p in range(1, 6):
            add("steps", procedure_code=code, position=p, description=f"Bước {p}: xử lý hồ sơ")
        for p in range(1, 7):
            add("dossier_items", procedure_code=code, position=p, name=f"Giấy tờ số {p}",
                originals=1, copies=p % 2)
        unit = units[i % n_units]
        add("assignments", unit_code=unit, procedure_code=code,
            decision_number=f"{100 + i % 50}/QĐ-UBND")
        for p in range(1, 5):
            add("process_steps", unit_code=unit, procedure_code=code, position=p,
                task=f"Xử lý bước {p}", department="Văn phòng", position_title="Công chức",
                officer_name=f"Cán bộ {p} phường {unit}", duration=1.25)
        rows += 1 + 3 + 5 + 6 + 1 + 4
    wb.save(path)
    return rows


def measure(script, *args):
    """Run a measurement in a subprocess; its own JSON line, plus RUSAGE_CHILDREN for the record."""
    output = subprocess.run([sys.executable, "-c", script, *args], check=True,
                            capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["children_max_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--keep", default=None, help="folder to keep the workbook and database in")
    parser.add_argument("--with-search-sync", action="store_true",
                        help="let the search index catch up after the commit (SEARCH_SYNC_ON_COMMIT)")
    parser.add_argument("--modes", action="store_true",
                        help="also time a dry run and a --partial import, each into a new database")
    parser.add_argument("--copy-url", default=None,
                        help="a scratch PostgreSQL database (psycopg URL) for the COPY row; "
                             "tables bench_copy_* are created and dropped there")
    parser.add_argument("--database-url", default=None,
                        help="import into this database instead of a new SQLite file; its tables "
                             "are DROPPED and created again (e.g. a scratch PostgreSQL database)")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="import-bench-")
    os.makedirs(folder, exist_ok=True)
    book, database = os.path.join(folder, "bench.xlsx"), os.path.join(folder, "bench.sqlite3")
    if os.path.exists(database):
        os.remove(database)
    start = time.perf_counter()
    rows = generate(book, args.procedures, args.units)
    generated = time.perf_counter() - start
    floor = min((measure(CALAMINE, book) for _ in range(3)), key=lambda r: r["cpu_seconds"])
    openpyxl_read = min((measure(FLOOR, book) for _ in range(2)), key=lambda r: r["cpu_seconds"])
    in_memory = min((measure(IN_MEMORY, book) for _ in range(2)), key=lambda r: r["cpu_seconds"])
    copy = measure(COPY, book, args.copy_url) if args.copy_url else None
    sync = "sync" if args.with_search_sync else "nosync"
    url = args.database_url or "sqlite:///" + database
    # Best of three, each into a new database, as the calamine read (the floor) is: the same
    # statistic on both sides of the ratio, on a machine whose speed varies from run to run.
    runs = []
    for _ in range(3):
        if not args.database_url and os.path.exists(database):
            os.remove(database)
        runs.append(measure(IMPORT, book, url, ROOT, sync, "fresh", folder))
    first = dict(min(runs, key=lambda r: r["cpu_seconds"]))
    first["runs_cpu_seconds"] = [round(r["cpu_seconds"], 3) for r in runs]
    again = measure(IMPORT, book, url, ROOT, sync, "keep", folder)
    modes = {}
    if args.modes:
        for mode in ("dry_run", "partial"):
            if not args.database_url and os.path.exists(database):
                os.remove(database)
            modes[mode] = measure(IMPORT, book, url, ROOT, sync, "fresh", folder, mode)
    result = {
        "command": "python bench/import_bench.py" + (
            f" --procedures {args.procedures}" if args.procedures != 5000 else "") + (
            " --with-search-sync" if args.with_search_sync else "") + (
            " --modes" if args.modes else "") + (
            " --copy-url …" if args.copy_url else "") + (
            " --database-url …" if args.database_url else ""),
        "database": (args.database_url or "sqlite").split(":")[0].split("+")[0],
        "search_sync_on_commit": args.with_search_sync,
        "procedures": args.procedures, "units": args.units, "data_rows": rows,
        "file_mb": round(os.path.getsize(book) / 1024 / 1024, 2),
        "generate_seconds": round(generated, 2),
        "read_floor": floor, "openpyxl_read": openpyxl_read, "in_memory_floor": in_memory,
        **({"postgresql_copy": copy} if copy else {}),
        "import": first, "reimport_unchanged": again,
        **({"modes_into_empty_database": modes} if modes else {}),
        # CPU ratios: the machine is shared, CPU time moves less than wall time.
        "ratios_cpu": {
            "import_vs_calamine_read": round(first["cpu_seconds"] / floor["cpu_seconds"], 2),
            "reimport_vs_calamine_read": round(again["cpu_seconds"] / floor["cpu_seconds"], 2),
            "openpyxl_read_vs_calamine_read": round(
                openpyxl_read["cpu_seconds"] / floor["cpu_seconds"], 2),
            "in_memory_vs_calamine_read": round(in_memory["cpu_seconds"] / floor["cpu_seconds"], 2),
            **({"postgresql_copy_vs_calamine_read": round(
                copy["cpu_seconds"] / floor["cpu_seconds"], 2),
                "import_vs_postgresql_copy_wall": round(first["seconds"] / copy["seconds"], 2)}
               if copy else {}),
        },
        "import_vs_floor": round(first["cpu_seconds"] / floor["cpu_seconds"], 2),
        "targets": {"import_vs_floor_max": 8, "peak_rss_mb_max": 300},
    }
    result["meets_targets"] = (result["import_vs_floor"] <= 8 and first["max_rss_mb"] <= 300)
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    name = "import.json" if not args.database_url else "import-postgresql.json"
    with open(os.path.join(ROOT, "bench", "results", name), "w") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
