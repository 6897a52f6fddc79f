"""The real RQ worker (`flask jobs worker`) against Redis DB 2: a national-scale audit and a large
import as jobs; the process running each is killed with SIGKILL mid-way: nothing half-written,
the import reported failed, the audit (safe to try again) run again to the end."""
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

from procedures.db import db as _db
from procedures.models import AuditRun, ImportBatch, Job, Procedure, Unit

pytestmark = [pytest.mark.slow, pytest.mark.multiprocess]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REDIS_URL = "redis://127.0.0.1:6379/2"  # this project's tests use Redis DB 2 only


def redis_or_skip():
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisError:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("Redis is not running on 127.0.0.1:6379 but REQUIRE_SERVICES=1")
        pytest.skip("Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")


@pytest.fixture
def worker(app, db, tmp_path):
    """A `flask jobs worker` process on a queue of this test's own; the app submits to it."""
    redis_or_skip()
    queue = f"test-jobs-{uuid.uuid4().hex[:8]}"
    saved = {k: app.config.get(k) for k in ("JOBS_BACKEND", "JOBS_REDIS_URL", "JOBS_QUEUE")}
    app.config.update(JOBS_BACKEND="rq", JOBS_REDIS_URL=REDIS_URL, JOBS_QUEUE=queue)
    env = {**os.environ, "FLASK_APP": "wsgi", "PYTHONPATH": ROOT,
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "JOBS_REDIS_URL": REDIS_URL,
           "JOBS_QUEUE": queue, "SEARCH_INDEX_DIR": str(tmp_path / "worker-index"),
           "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 — closed below
    process = subprocess.Popen([sys.executable, "-m", "flask", "jobs", "worker"], cwd=ROOT,
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)
    log.close()
    with app.app_context():
        from jobs.backends import queue as rq_queue

        rq_queue().delete(delete_jobs=True)
    app.config.update(saved)


def job_row(job_id) -> Job:
    _db.session.expire_all()
    return _db.session.get(Job, job_id)


def wait_for(job_id, predicate, seconds=600):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = job_row(job_id)
        if predicate(job):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} stuck: {job.state} {job.progress_done}/{job.progress_total}")


def kill_runner(job) -> int:
    """SIGKILL the process running the job (the worker's work horse)."""
    pid = int(job.worker.rsplit(":", 1)[1])
    os.kill(pid, signal.SIGKILL)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        time.sleep(0.05)
    return pid


def wait_until_writing(job_id, at_least=1, seconds=600):
    """Return once the job is in its write: on PostgreSQL its heartbeat shows rows written; on
    SQLite (where the heartbeat waits for the writer) the database's write lock is held twice
    in a row, 0.3 s apart, so the kill lands mid-write on a fast machine as on a slow one."""
    if _db.engine.dialect.name == "postgresql":
        wait_for(job_id, lambda j: j.progress_done >= at_least and not j.finished, seconds)
        return
    path = _db.engine.url.database
    deadline = time.monotonic() + seconds
    held = 0
    while time.monotonic() < deadline:
        probe = sqlite3.connect(path, timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
            held = 0
        except sqlite3.OperationalError:  # database is locked: a writer holds it
            held += 1
            if held == 2:
                return
        finally:
            probe.close()
        time.sleep(0.3 if held else 0.05)
    raise AssertionError(f"job {job_id} never started writing")


def count(model) -> int:
    _db.session.expire_all()
    return _db.session.scalar(_db.select(_db.func.count()).select_from(model))


def national_dataset(monkeypatch):
    """The real 3,355 provinces and communes, fewer procedures per commune than the benchmark."""
    from bench import national_dataset as dataset

    for name, value in (("COMMUNE_PROCEDURES", 6), ("PROVINCE_PROCEDURES", 40),
                        ("CENTRAL_PROCEDURES", 10)):
        monkeypatch.setattr(dataset, name, value)
    return dataset.generate()


def test_national_audit_as_a_job_duplicate_refused_killed_and_run_again(
        app, worker, monkeypatch, make_user, token_for):
    counts = national_dataset(monkeypatch)
    assert counts["units"] > 3300
    client = app.test_client()
    headers = {**token_for(make_user("auditor", "kiem-soat")), "Prefer": "respond-async"}
    response = client.post("/api/v1/audits", json={"as_of": "2026-02-16"}, headers=headers)
    assert response.status_code == 202, response.get_json()
    job_id = response.get_json()["id"]
    job = wait_for(job_id, lambda j: j.state == "running")
    # A second national audit while this one runs: refused by the database's lock key.
    second = client.post("/api/v1/audits", json={}, headers=headers)
    assert second.status_code == 409 and second.get_json()["job_id"] == job_id
    wait_until_writing(job_id)  # into the run: results of the first chunks written, not committed
    kill_runner(job_row(job_id))
    assert count(AuditRun) == 0  # nothing of the killed run is in the database
    from jobs.runner import sweep

    changed = sweep()  # what the worker's own sweep does every 30 s
    assert [j.id for j in changed] == [job_id] and changed[0].state == "queued"
    job = wait_for(job_id, lambda j: j.finished)
    assert job.state == "done" and job.attempts == 2, (job.error_code, job.error)
    assert job.progress_done == job.progress_total == count(Unit)
    assert job.result["units_count"] == count(Unit) and count(AuditRun) == 1
    polled = client.get(f"/api/v1/jobs/{job_id}", headers=headers).get_json()
    assert polled["state"] == "done" and polled["result_url"].endswith(
        f"/audits/{job.result['run_id']}")


def test_large_import_as_a_job_killed_mid_way_writes_nothing_and_fails(
        app, worker, make_user, token_for, tmp_path):
    from bench.import_bench import generate

    path = tmp_path / "so-noi-vu-2027.xlsx"
    generate(str(path), n_procedures=1500, n_units=10)
    client = app.test_client()
    headers = {**token_for(make_user("admin", "quan-tri")), "Prefer": "respond-async"}

    def send():
        response = client.post("/api/v1/imports", headers=headers, data={
            "file": (io.BytesIO(path.read_bytes()), path.name)},
            content_type="multipart/form-data")
        assert response.status_code == 202, response.get_json()
        return response.get_json()["id"]

    job_id = send()
    wait_for(job_id, lambda j: j.state == "running")
    wait_until_writing(job_id, at_least=300)  # PostgreSQL: the heartbeat shows the writing
    kill_runner(job_row(job_id))
    from jobs.runner import sweep

    assert [j.state for j in sweep()] == ["failed"]  # an import is not tried again by itself
    job = job_row(job_id)
    assert job.error_code == "worker_lost" and "không có gì được ghi dở" in job.error
    assert count(Procedure) == 0 and count(ImportBatch) == 0
    page = client.get(f"/api/v1/jobs/{job_id}", headers=headers).get_json()
    assert page["state"] == "failed" and page["error"]["code"] == "worker_lost"

    job_id = send()  # sent again, it runs to the end on the same worker
    job = wait_for(job_id, lambda j: j.finished)
    assert job.state == "done" and job.result["outcome"] == "imported", job.error
    assert job.progress_done == job.progress_total > 1500
    assert count(Procedure) == 1500 and count(ImportBatch) == 1
