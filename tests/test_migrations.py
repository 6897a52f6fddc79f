"""Migrations build the schema from nothing, and match the models exactly."""
import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from app import create_app
from procedures.db import db

PG_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture
def empty_database_url(tmp_path):
    """A database with nothing in it: a new SQLite file, or a new PostgreSQL database."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"registry_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_builds_schema_matching_models(empty_database_url, tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "SEARCH_INDEX_DIR": str(tmp_path / "ix")})
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"units", "procedures", "channels", "steps", "dossier_items", "officers",
                "assignments", "process_steps", "revisions", "users", "audit_runs",
                "findings", "import_batches", "search_changes"} <= tables
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    db.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_step_times_and_desks_survive_the_upgrade(empty_database_url, tmp_path):
    """duration_days becomes duration in working days; the desk's names mark steps and officers."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "SEARCH_INDEX_DIR": str(tmp_path / "ix")})
    now = "2025-01-01 00:00:00"
    with app.app_context():
        upgrade(revision="b099976aadb5")
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO units (id, code, name, kind, level, created_at, updated_at) "
                f"VALUES (1, '22918', 'Phường Mũi Né', 'ward', 'commune', '{now}', '{now}')"))
            conn.execute(text(
                "INSERT INTO fields (id, code, name, created_at, updated_at) "
                f"VALUES (1, 'ho-tich', 'Hộ tịch', '{now}', '{now}')"))
            conn.execute(text(
                "INSERT INTO procedures (id, code, name, field_id, level, no_result_template, "
                "no_requirements, no_forms, status, version, created_at, updated_at) VALUES "
                f"(1, '1.001193', 'Đăng ký khai sinh', 1, 'commune', false, false, false, "
                f"'active', 1, '{now}', '{now}')"))
            conn.execute(text(
                "INSERT INTO assignments (id, unit_id, procedure_id, version, created_at, "
                f"updated_at) VALUES (1, 1, 1, 1, '{now}', '{now}')"))
            conn.execute(text(
                "INSERT INTO process_steps (id, assignment_id, position, task, department, "
                "duration_days, is_return_step) VALUES "
                "(1, 1, 1, 'Tiếp nhận', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG phường Mũi Né', 0.25, "
                "false), (2, 1, 2, 'Xử lý', 'Tư pháp – Hộ tịch', 1.5, false)"))
            conn.execute(text(
                "INSERT INTO officers (id, unit_id, full_name, department, has_signing_account, "
                "is_desk_officer, active, public, created_at, updated_at) VALUES "
                "(1, 1, 'Nguyễn Thị Lan', 'Bộ phận Tiếp nhận và Trả kết quả', false, false, true, "
                f"false, '{now}', '{now}')"))
        upgrade()
        with db.engine.connect() as conn:
            steps = conn.execute(text("SELECT duration, duration_unit, at_desk FROM process_steps "
                                      "ORDER BY id")).all()
            desk = conn.execute(text("SELECT is_desk_officer FROM officers")).scalar()
        assert [(float(d), u, bool(a)) for d, u, a in steps] == [
            (0.25, "working_day", True), (1.5, "working_day", False)]
        assert bool(desk)
        downgrade(revision="b099976aadb5")
        with db.engine.connect() as conn:
            days = conn.execute(text("SELECT duration_days FROM process_steps ORDER BY id")).all()
        assert [float(d) for (d,) in days] == [0.25, 1.5]
        downgrade(revision="base")
        db.engine.dispose()
