"""Background jobs through the pages, the API and the CLI: the in-process backends (a thread of
the web process, or the request itself), duplicates refused by the database, a dead worker
reported, Redis down refused with a message. The real RQ worker: tests/test_jobs_worker.py."""
import io
import os
import re
import socket
import time

import pytest

from procedures.db import db as _db
from procedures.models import Job
from procedures.models.base import utcnow
from tests.audit.builders import TODAY, UNIT, build_ready_ward
from tests.importers import helpers


@pytest.fixture
def auditor(app, db, make_user, token_for):
    user = make_user("auditor", "kiem-soat")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = token_for(user)["Authorization"]
    assert client.post("/login", data={"username": "kiem-soat",
                                       "password": "mat-khau-123"}).status_code == 302
    return client


@pytest.fixture
def backend(app):
    """Switch the job backend for one test: backend("thread")."""
    saved = {k: app.config.get(k) for k in ("JOBS_BACKEND", "JOBS_REDIS_URL")}

    def set_(name, redis_url=None):
        app.config["JOBS_BACKEND"], app.config["JOBS_REDIS_URL"] = name, redis_url
    yield set_
    from jobs.backends import join_threads

    with app.app_context():
        join_threads(30)
    app.config.update(saved)


def follow(client, url, seconds=60):
    """Reload a job's page as its meta refresh does, until it leads to the result."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get(url)
        if response.status_code == 302:
            return response.headers["Location"]
        html = response.get_data(as_text=True)
        assert response.status_code == 200, html
        assert 'http-equiv="refresh"' in html and "<script>" not in html
        assert 'src="/static/jobs.js"' in html and "Trang này tự làm mới" in html
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def held_lock(key, worker=None, **values):
    """A job row holding a lock key, as if a worker ran it now."""
    job = Job(kind="audit", state="running", lock_key=key, params={}, actor="kiem-soat",
              worker=worker or f"{socket.gethostname()}:{os.getpid()}", started_at=utcnow(),
              heartbeat_at=utcnow(), attempts=1, max_attempts=1, **values)
    _db.session.add(job)
    _db.session.commit()
    return job.id


def test_audit_from_the_page_runs_in_a_thread_and_the_page_follows_it(auditor, backend):
    backend("thread")
    build_ready_ward()
    response = auditor.post("/audit/run", data={"as_of": TODAY.isoformat()})
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    assert follow(auditor, response.headers["Location"]) == "/audit"
    job = _db.session.scalars(_db.select(Job)).one()
    _db.session.refresh(job)
    assert (job.kind, job.state, job.lock_key) == ("audit", "done", None)
    assert job.progress_total == 1 and job.result["units_count"] == 1
    # The finished job's page shows the result without following.
    html = auditor.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Đã xong" in html and "Đã kiểm soát 1 đơn vị" in html and "http-equiv" not in html
    data = auditor.get(f"/jobs/{job.id}.json").get_json()
    assert data["state"] == "done" and data["result_url"] == "/audit"


def test_a_second_national_audit_is_refused_while_one_runs(auditor):
    build_ready_ward()
    running = held_lock("audit:all")
    response = auditor.post("/audit/run", data={})
    assert response.headers["Location"] == f"/jobs/{running}?follow=1"
    page = auditor.get(f"/jobs/{running}").get_data(as_text=True)
    assert "Đang chạy" in page
    response = auditor.post("/api/v1/audits", json={})
    body = response.get_json()
    assert response.status_code == 409 and body["code"] == "job_running"
    assert body["job_id"] == running
    # A single unit's audit is another scope: it runs.
    assert auditor.post("/api/v1/audits", json={"unit_code": UNIT}).status_code == 201
    assert _db.session.scalar(_db.select(_db.func.count()).select_from(Job)) == 2


def test_a_job_whose_worker_died_is_reported_failed_and_frees_its_lock(auditor):
    build_ready_ward()
    dead = held_lock("audit:all", worker=f"{socket.gethostname()}:{2 ** 22 + 7}")
    page = auditor.get(f"/jobs/{dead}").get_data(as_text=True)
    assert "Thất bại" in page and "dừng đột ngột" in page and "worker_lost" in page
    response = auditor.post("/api/v1/audits", json={"as_of": TODAY.isoformat()})
    assert response.status_code == 201


def test_a_stale_heartbeat_from_another_machine_frees_the_lock(auditor):
    from datetime import timedelta

    build_ready_ward()
    stale = held_lock("audit:all", worker="web-2.so-noi-vu:4242")
    job = _db.session.get(Job, stale)
    job.heartbeat_at = utcnow() - timedelta(minutes=10)
    _db.session.commit()
    assert auditor.post("/api/v1/audits", json={}).status_code == 201
    _db.session.refresh(job)
    assert job.state == "failed" and job.error_code == "worker_lost"


def test_api_answers_202_with_the_job_url_when_asked(auditor):
    build_ready_ward()
    response = auditor.post("/api/v1/audits", json={"as_of": TODAY.isoformat()},
                            headers={"Prefer": "respond-async"})
    assert response.status_code == 202
    job = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/jobs/{job['id']}")
    polled = auditor.get(f"/api/v1/jobs/{job['id']}").get_json()
    assert polled["state"] == "done" and polled["kind"] == "audit"
    assert polled["progress"] == {"done": 1, "total": 1, "label": "đơn vị đã kiểm soát"}
    run = auditor.get(polled["result_url"]).get_json()
    assert run["id"] == polled["result"]["run_id"] and run["units_count"] == 1


def test_api_import_202_then_the_batch(app, db, make_user, token_for):
    client = app.test_client()
    headers = {**token_for(make_user("admin", "quan-tri")), "Prefer": "respond-async"}
    response = client.post("/api/v1/imports", headers=headers, data={
        "file": (io.BytesIO(helpers.xlsx_bytes()), "ho-tich.xlsx"), "dry_run": "true"},
        content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    job = client.get(response.headers["Location"], headers=headers).get_json()
    assert job["state"] == "done" and job["result"]["outcome"] == "dry_run"
    batch = client.get(job["result_url"], headers=headers).get_json()
    assert batch["dry_run"] and batch["counts"]["created"] == 14
    assert helpers.counts() == helpers.empty_counts()


def test_job_pages_are_for_who_asked_and_the_office(app, auditor, make_user, login):
    build_ready_ward()
    response = auditor.post("/api/v1/audits", json={"unit_code": UNIT},
                            headers={"Prefer": "respond-async"})
    job_id = response.get_json()["id"]
    anonymous = app.test_client()
    assert anonymous.get(f"/api/v1/jobs/{job_id}").status_code == 401
    assert anonymous.get(f"/jobs/{job_id}").status_code == 302  # the login form
    from tests.factories import make_unit

    make_unit(code="26734", name="Phường Bến Thành", kind="commune", level="commune")
    other = login(make_user("unit_editor", "bien-tap", unit_code="26734"))
    assert other.get(f"/jobs/{job_id}").status_code == 403
    assert auditor.get("/api/v1/jobs").get_json()["total"] == 1


def test_redis_down_refuses_with_a_message_and_pages_keep_working(auditor, backend):
    backend("rq", "redis://127.0.0.1:1/2")
    build_ready_ward()
    response = auditor.post("/audit/run", data={}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Hàng đợi công việc (Redis) tạm thời không hoạt động" in html
    response = auditor.post("/api/v1/audits", json={}, headers={"Prefer": "respond-async"})
    assert response.status_code == 503 and response.get_json()["code"] == "queue_unavailable"
    job = _db.session.scalars(_db.select(Job)).first()
    assert job.state == "failed" and job.lock_key is None
    assert auditor.get("/audit").status_code == 200
    assert auditor.get("/?q=khai+sinh").status_code == 200


def test_cli_audit_runs_as_a_job_and_refuses_a_duplicate(runner, db):
    build_ready_ward()
    result = runner.invoke(args=["audit", "run", "--as-of", TODAY.isoformat()])
    assert "Lần kiểm soát" in result.output
    job = _db.session.scalars(_db.select(Job)).one()
    assert job.state == "done" and job.actor == "cli"
    held_lock("audit:all")
    result = runner.invoke(args=["audit", "run"])
    assert result.exit_code == 1 and "job_running" in result.output
    listing = runner.invoke(args=["jobs", "list"]).output
    assert re.search(r"audit\tdone\t1/1", listing) and "audit\trunning" in listing


def test_index_rebuild_runs_as_a_job_on_this_node_for_admins(app, db, make_user, login, backend):
    from procedures import services
    from tests.factories import make_catalogue, procedure_data

    backend("rq", "redis://127.0.0.1:1/2")  # even with a broker: this node's own index
    make_catalogue()
    services.procedures.create(procedure_data())
    admin = login(make_user("admin", "quan-tri"))
    assert "Chỉ mục đang có" in admin.get("/admin/search-index").get_data(as_text=True)
    response = admin.post("/admin/search-index/rebuild")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job_id = int(re.search(r"/jobs/(\d+)", response.headers["Location"]).group(1))
    from jobs.backends import join_threads

    join_threads(60)
    job = _db.session.get(Job, job_id)
    _db.session.refresh(job)
    assert (job.state, job.backend, job.result) == ("done", "thread", {"documents": 1})
    page = admin.get("/admin/search-index").get_data(as_text=True)
    assert f"việc số {job_id}" in page and "Đã xong" in page
    editor_client = app.test_client()
    make_user("unit_editor", "mui-ne", unit_code="22918")
    editor_client.post("/login", data={"username": "mui-ne", "password": "mat-khau-123"})
    assert editor_client.post("/admin/search-index/rebuild").status_code == 403
    assert editor_client.get("/admin/search-index").status_code == 403


def test_league_export_as_a_job_then_its_download(auditor, app, make_user, login):
    from openpyxl import load_workbook

    build_ready_ward()
    auditor.post("/audit/run", data={"as_of": TODAY.isoformat()})
    response = auditor.post("/audit/league/export", data={"fmt": "xlsx", "level": "commune"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/download")
    download = auditor.get(response.headers["Location"])
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.data)).active
    assert any("22918" in str(c.value) for row in sheet.iter_rows() for c in row)
    from tests.factories import make_unit

    make_unit(code="26734", name="Phường Bến Thành")
    editor = login(make_user("unit_editor", "bien-tap", unit_code="26734"))
    assert editor.post("/audit/league/export", data={"fmt": "csv"}).status_code == 403
    assert editor.get(response.headers["Location"]).status_code == 403


def test_a_province_audit_covers_the_units_below_it(auditor):
    from procedures import services
    from tests.factories import make_unit

    make_unit(code="68", name="Tỉnh Lâm Đồng", kind="province", level="province")
    build_ready_ward()
    services.units.update((UNIT,), {"parent_code": "68"}, partial=True)
    make_unit(code="26734", name="Phường Bến Thành")  # elsewhere: not in the run
    response = auditor.post("/api/v1/audits", json={"unit_code": "68", "below": True,
                                                     "as_of": TODAY.isoformat()},
                            headers={"Prefer": "respond-async"})
    job = auditor.get(response.headers["Location"]).get_json()
    assert job["state"] == "done" and job["progress"]["total"] == 2
    run = auditor.get(job["result_url"]).get_json()
    assert run["units_count"] == 2 and run["scope"] == "68+"
    # A province run and the national run are different scopes; the same province twice is not.
    held_lock("audit:68+")
    again = auditor.post("/api/v1/audits", json={"unit_code": "68", "below": True})
    assert again.status_code == 409 and again.get_json()["code"] == "job_running"
    assert auditor.post("/api/v1/audits", json={"unit_code": "68"}).status_code == 201
