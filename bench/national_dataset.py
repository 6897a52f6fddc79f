"""A national-scale dataset for the audit benchmark, bulk-inserted with SQLAlchemy Core.

The real 34 provinces and 3,321 commune-level units (vietnam-provinces), about 2,000 catalogue
procedures, about 120 assignments per commune with about 5 process steps each, about 10 officers
per unit, and a small share of realistic gaps so the audit has findings to store. Each province
publishes its catalogue (one decision per province): about 120 commune-level lines (each province
leaves out a couple of the 122 commune procedures) and its 1,500 province-level lines; one commune
in twenty records one procedure as not arising.

    .venv/bin/python bench/national_dataset.py sqlite:////tmp/bench_audit.sqlite3
"""
import os
import random
import sys
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import insert, text

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from importers.seed.admin_units import iter_unit_records  # noqa: E402
from procedures.db import db  # noqa: E402
from procedures.models import (  # noqa: E402
    Assignment,
    CatalogueEntry,
    Channel,
    Decision,
    DossierItem,
    Field,
    LegalDocument,
    NotArising,
    Officer,
    Procedure,
    ProcessStep,
    Step,
    Unit,
    procedure_decisions,
    procedure_legal_bases,
)

COMMUNE_PROCEDURES, PROVINCE_PROCEDURES, CENTRAL_PROCEDURES = 122, 1500, 378
OFFICERS_PER_UNIT, BATCH, UNITS_PER_ROUND = 10, 20000, 200
TIMES = [0, 1, 3, 5, 7, 10, 15]
NOW = datetime(2026, 1, 5, tzinfo=UTC)
STAMP = {"created_at": NOW, "updated_at": NOW}
FIELDS = ["Hộ tịch", "Chứng thực", "Cư trú", "Đất đai", "Xây dựng", "Bảo trợ xã hội",
          "Hộ kinh doanh", "Giáo dục", "Y tế", "Môi trường", "Lao động", "Người có công"]
ACTIONS = ["Đăng ký", "Cấp", "Cấp lại", "Gia hạn", "Điều chỉnh", "Xác nhận", "Thu hồi", "Công nhận"]


def put(table, rows):
    """Core executemany in batches (no ORM objects, no query per row)."""
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start:start + BATCH])


def split_days(total, parts):
    """Split a statutory time into quarter-day step durations that add up exactly."""
    quarters = int(total * 4)
    cuts = sorted(random.sample(range(1, quarters), parts - 1)) if quarters >= parts else []
    bounds = [0] + cuts + [quarters]
    if len(bounds) != parts + 1:
        return [Decimal(quarters) / 4] + [Decimal(0)] * (parts - 1)
    return [Decimal(b - a) / 4 for a, b in zip(bounds, bounds[1:])]


def catalogue():
    """Fields, legal documents, decisions and procedures with their parts."""
    put(Field.__table__, [{"id": i + 1, "code": f"f{i + 1}", "name": n, **STAMP}
                          for i, n in enumerate(FIELDS)])
    docs = [{"id": i, "number": f"{i}/20{10 + i % 15}/NĐ-CP", "doc_type": "decree",
             "title": f"Nghị định số {i}", "effective_on": date(2010 + i % 15, 1, 1),
             "expired_on": None, "replaced_by_id": None, **STAMP} for i in range(1, 201)]
    docs[151]["replaced_by_id"] = 150  # one replaced basis, one expired: realistic gaps
    docs[150]["expired_on"] = date(2024, 12, 31)
    put(LegalDocument.__table__, docs)
    put(Decision.__table__, [{"id": i, "number": f"{1000 + i}/QĐ-UBND",
                              "kind": "internal_process" if i > 100 else "standardised",
                              "title": "Công bố thủ tục hành chính", "signed_on": date(2025, 8, 4),
                              "effective_on": date(2025, 8, 4), "published_on": date(2025, 8, 6),
                              **STAMP} for i in range(1, 135)])
    levels = (["commune"] * COMMUNE_PROCEDURES + ["province"] * PROVINCE_PROCEDURES
              + ["central"] * CENTRAL_PROCEDURES)
    procs, channels, steps, dossier, bases, published, times = [], [], [], [], [], [], {}
    for pid, level in enumerate(levels, start=1):
        times[pid] = time = random.choice(TIMES)
        # Gaps on catalogue procedures, and one commune-level warning every commune inherits.
        gap = random.random() if level != "commune" else 1.0
        procs.append({
            "id": pid, "code": f"{1 + pid // 1000000}.{pid:06d}", "level": level,
            "name": f"{random.choice(ACTIONS)} thủ tục {pid}", "field_id": pid % len(FIELDS) + 1,
            "subjects": None if gap < 0.01 else "Tổ chức, cá nhân",
            "implementing_agency": "Ủy ban nhân dân", "result": "Văn bản chấp thuận",
            "no_result_template": True, "no_requirements": True, "no_forms": pid % 2 == 0,
            "status": "active", "last_verified_on": date(2026, 3, 1), "version": 1,
            "online_level": "partial", **STAMP})
        for kind in ("in_person", "online"):
            free = pid % 3 != 0
            channels.append({"procedure_id": pid, "kind": kind, "processing_time": time,
                             "time_unit": "working_day", "is_free": free,
                             "fee_amount": None if free or 0.01 <= gap < 0.02 else 20000,
                             "fee_text": None if free else "Lệ phí theo nghị quyết HĐND tỉnh"})
        steps += [{"procedure_id": pid, "position": i, "description": f"Bước {i}"}
                  for i in range(1, 6)]
        dossier += [{"procedure_id": pid, "position": i, "name": f"Giấy tờ {i}",
                     "form_name": "Mẫu tờ khai" if i == 1 and pid != 7 else None,
                     "originals": 1, "copies": 0, "required": True} for i in range(1, 5)]
        cited = 100 if level == "commune" else 200  # 151 expired, 152 replaced: not commune
        bases += [{"procedure_id": pid, "legal_document_id": d}
                  for d in {pid % cited + 1, (pid * 7) % cited + 1}]
        published.append({"procedure_id": pid, "decision_id": pid % 100 + 1})
    for table, rows in ((Procedure.__table__, procs), (Channel.__table__, channels),
                        (Step.__table__, steps), (DossierItem.__table__, dossier),
                        (procedure_legal_bases, bases), (procedure_decisions, published)):
        put(table, rows)
    return {pid: times[pid] for pid, level in enumerate(levels, start=1) if level == "commune"}


def units_and_officers():
    """The real units, each with its officers (desk officer, leader with a signing account…)."""
    records = list(iter_unit_records())
    ids = {r["code"]: i for i, r in enumerate(records, start=1)}
    put(Unit.__table__, [{
        "id": ids[r["code"]], "code": r["code"], "name": r["name"], "kind": r["kind"],
        "level": r["level"], "parent_id": ids.get(r.get("parent_code")),
        "desk_name": None if i % 97 == 0 else f"Bộ phận Một cửa {r['name']}", **STAMP,
    } for i, r in enumerate(records)])
    officers = []
    for code, uid in ids.items():
        for k in range(OFFICERS_PER_UNIT):
            officers.append({
                "id": (uid - 1) * OFFICERS_PER_UNIT + k + 1, "unit_id": uid,
                "full_name": f"Cán bộ {k + 1} đơn vị {code}",
                "department": "Bộ phận Một cửa" if k < 2 else "Văn phòng",
                "position_title": "Chủ tịch" if k == 2 else "Công chức",
                "is_desk_officer": k < 2, "has_signing_account": k == 2 and uid % 211 != 0,
                "active": k != 9, "public": False, **STAMP})
    put(Officer.__table__, officers)
    return [(uid, r) for r in records if r["level"] == "commune" for uid in [ids[r["code"]]]]


def assignments(communes, commune_times):
    """About 120 assignments per commune, ~5 process steps each, a few with gaps."""
    aid = sid = 0
    pids = sorted(commune_times)
    for start in range(0, len(communes), UNITS_PER_ROUND):
        rows, steps = [], []
        for uid, _record in communes[start:start + UNITS_PER_ROUND]:
            desk, clerk, leader = [(uid - 1) * OFFICERS_PER_UNIT + k for k in (1, 4, 3)]
            skipped = set(random.sample(pids, 2)) if uid % 50 == 0 else set()
            for pid in pids:
                if pid in skipped:
                    continue
                aid += 1
                rows.append({"id": aid, "unit_id": uid, "procedure_id": pid, "version": 1,
                             "decision_id": 101 + uid % 34, **STAMP})
                if random.random() < 0.002:
                    continue  # no internal process
                days = split_days(commune_times[pid] + (1 if random.random() < 0.003 else 0), 4)
                plan = [("Bộ phận Một cửa", desk), ("Văn phòng", clerk), ("Văn phòng", clerk),
                        ("Lãnh đạo UBND", leader), ("Bộ phận Một cửa", desk)]
                for position, (department, officer) in enumerate(plan, start=1):
                    sid += 1
                    steps.append({"id": sid, "assignment_id": aid, "position": position,
                                  "task": f"Bước {position}", "department": department,
                                  "position_title": "Công chức", "officer_id": officer,
                                  "duration": days[position - 1] if position < 5 else 0,
                                  "duration_unit": "working_day",
                                  "at_desk": department == "Bộ phận Một cửa",
                                  "is_return_step": position == 5, "channel_kind": None})
        put(Assignment.__table__, rows)
        put(ProcessStep.__table__, steps)
    return aid, sid


def province_catalogues(communes):
    """Each province's published catalogue and a few not-arising records; returns the counts."""
    provinces = [r for r in iter_unit_records() if r["kind"] == "province"]
    ids = {r["code"]: i for i, r in enumerate(iter_unit_records(), start=1)}
    commune_ids = [p["id"] for p in db.session.execute(
        text("SELECT id FROM procedures WHERE level = 'commune' ORDER BY id")).mappings()]
    province_ids = [p["id"] for p in db.session.execute(
        text("SELECT id FROM procedures WHERE level = 'province' ORDER BY id")).mappings()]
    decisions, entries = [], []
    for n, province in enumerate(provinces):
        decision_id = 201 + n
        decisions.append({"id": decision_id, "number": f"{2200 + n}/QĐ-UBND", "kind": "standardised",
                          "title": f"Công bố danh mục TTHC {province['name']}",
                          "signed_on": date(2025, 7, 15), "effective_on": date(2025, 7, 15),
                          "published_on": date(2025, 7, 16), **STAMP})
        left_out = set(random.sample(commune_ids, 2))
        entries += [{"province_id": ids[province["code"]], "level": "commune", "position": i,
                     "procedure_id": pid, "decision_id": decision_id, **STAMP}
                    for i, pid in enumerate((p for p in commune_ids if p not in left_out), 1)]
        entries += [{"province_id": ids[province["code"]], "level": "province", "position": i,
                     "procedure_id": pid, "decision_id": decision_id, **STAMP}
                    for i, pid in enumerate(province_ids, 1)]
    put(Decision.__table__, decisions)
    put(CatalogueEntry.__table__, entries)
    arising = [{"unit_id": uid, "procedure_id": commune_ids[uid % len(commune_ids)],
                "reason": "Địa bàn không phát sinh hồ sơ", "recorded_by": "bench",
                "recorded_at": NOW, **STAMP} for uid, _record in communes if uid % 20 == 0]
    put(NotArising.__table__, arising)
    return {"catalogue_entries": len(entries), "not_arising": len(arising)}


def reset_sequences():
    """PostgreSQL: move the id sequences past the explicit ids."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("fields", "legal_documents", "decisions", "procedures", "units", "officers",
                  "assignments", "process_steps", "channels", "steps", "dossier_items",
                  "catalogue_entries", "not_arising"):
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))


def drop_everything():
    """Drop every table; on SQLite with foreign keys off (units reference their own table)."""
    with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        db.metadata.drop_all(conn)
        conn.commit()
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def generate(seed=20250701) -> dict:
    """Drop and rebuild the schema, then fill it; returns the row counts. Commits once."""
    random.seed(seed)
    db.session.remove()
    drop_everything()
    db.create_all()
    commune_times = catalogue()
    communes = units_and_officers()
    assignment_count, step_count = assignments(communes, commune_times)
    catalogues = province_catalogues(communes)
    reset_sequences()
    db.session.commit()
    with db.engine.connect() as conn:  # planner statistics, as after any bulk load
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return {"units": len(communes) + 34, "procedures": len(commune_times) + PROVINCE_PROCEDURES
            + CENTRAL_PROCEDURES, "assignments": assignment_count, "process_steps": step_count,
            **catalogues}


def make_app(url):
    """A bare Flask app bound to the database: the benchmark needs only the domain package."""
    from flask import Flask

    from procedures.db import install_sqlite_pragmas

    app = Flask("audit_bench")
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix):]
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    install_sqlite_pragmas()
    db.init_app(app)
    return app


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "sqlite:////tmp/bench_audit.sqlite3"
    with make_app(target).app_context():
        print(generate())
