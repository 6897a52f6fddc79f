"""Submit and perform jobs: the lock key, the acting user, progress, heartbeat, the outcome."""
import logging
import os
import threading
import time

from sqlalchemy.exc import OperationalError

from jobs import backends
from jobs.kinds import KINDS
from procedures import context
from procedures.errors import ServiceError
from procedures.services import acting_as, current_actor
from procedures.services import jobs as store

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 2.0
_live: dict[int, tuple] = {}  # job id → (done, total, label) of the jobs this process runs


def submit(kind: str, params: dict | None = None, *, wait: bool = False, unit_code=None,
           listener=None):
    """Check the caller may, record the job (JobRunning when a duplicate runs), hand it to the
    backend. Returns the job row.

    wait: run it here and now whatever the backend (the command line, the API without
    `Prefer: respond-async`); a ServiceError it raises is recorded and raised again, as before
    jobs existed. listener: start(total, label) and step(n) of a progress bar (with wait)."""
    spec = KINDS[kind]
    params = dict(params or {})
    spec.authorize(params)
    backend = "sync" if wait else backends.configured()
    if spec.in_process and backend == "rq":
        backend = "thread"  # this node's own resource (its search index)
    actor = current_actor()
    params["_actor"] = {"trusted": actor.trusted, "scope_unit_id": actor.scope_unit_id}
    job = store.create_job(kind, params, spec.lock_key(params), unit_code,
                           spec.max_attempts, backend)
    if wait:
        perform(job.id, listener, reraise=True)
    else:
        backends.dispatch(job.id, backend)
    job = store.load(job.id)
    store.refresh(job)
    return job


def live_progress(job) -> tuple:
    """(done, total, label): this process's live figures for a job it runs, else the row's."""
    return _live.get(job.id) or (job.progress_done, job.progress_total, job.progress_label)


class JobContext:
    """What a running job reports: progress (shown live in this process, written to the row by
    the heartbeat), the total, a label."""

    def __init__(self, job, listener=None):
        self.job_id = job.id
        self.params = job.params or {}
        self.listener = listener
        self.done, self.total, self.label = 0, None, None
        self._publish()

    def _publish(self):
        _live[self.job_id] = (self.done, self.total, self.label)

    def start(self, total, label=None):
        self.done, self.total = 0, total
        if label is not None:
            self.label = label
        self._publish()
        if self.listener is not None:
            self.listener.start(total, self.label)

    def step(self, n=1):
        self.done += n
        self._publish()
        if self.listener is not None:
            self.listener.step(n)

    def steps_for(self, label):
        """An importer's progress option: called with the number of records, returns step()."""
        def progress(total):
            self.start(total, label)
            return self.step
        return progress


class Heartbeat(threading.Thread):
    """Writes the job's progress and heartbeat every few seconds from its own connection."""

    def __init__(self, job_id, app_context):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id, self.app_context = job_id, app_context
        self.stopped = threading.Event()

    def run(self):
        if self.app_context is None:
            return
        with self.app_context():
            last = None
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                figures = _live.get(self.job_id)
                if figures and figures != last:
                    if store.report_progress(self.job_id, *figures):
                        last = figures
                else:
                    store.heartbeat(self.job_id)

    def stop(self):
        self.stopped.set()
        if self.is_alive():
            self.join(timeout=HEARTBEAT_SECONDS * 2)


def _after_fork():
    """In a process forked from the one that opened the database connections (an RQ worker's
    work horse), leave the parent's connections alone and open new ones."""
    if os.getpid() != _pid[0]:
        from procedures.db import db

        db.engine.dispose(close=False)
        _pid[0] = os.getpid()


_pid = [os.getpid()]


def perform(job_id: int, listener=None, reraise=False) -> None:
    """Run a queued job (any backend calls this): claim it, act as who asked, record the end."""
    _after_fork()
    job = store.claim(job_id)
    if job is None:
        return  # another worker took it, or it was refused meanwhile
    spec = KINDS[job.kind]
    ctx = JobContext(job, listener)
    beat = Heartbeat(job.id, context.resources().get("app_context"))
    beat.start()
    try:
        with acting_as(store.actor_of(job)):
            result = spec.run(ctx, job.params or {})
    except ServiceError as exc:
        detail = [m for e in exc.errors for m in e.get("messages", [])]
        store.fail(job_id, exc.code, detail[0] if len(detail) == 1 else exc.message,
                   {"errors": exc.errors} if exc.errors else None)
        if reraise:
            raise
    except OperationalError as exc:
        log.warning("job %s: database error %s", job_id, exc)
        if job.attempts < job.max_attempts:
            store.requeue(job_id)
            _retry_later(job_id)
        else:
            store.fail(job_id, "database_error", "Cơ sở dữ liệu tạm thời không trả lời; không có "
                       "gì được ghi dở. Hãy chạy lại sau ít phút.")
    except Exception:  # noqa: BLE001 — any other fault: reported, never half-written
        log.exception("job %s (%s) failed", job_id, job.kind)
        store.fail(job_id, "internal_error", "Việc này gặp lỗi ngoài dự kiến; không có gì được "
                   "ghi dở. Quản trị viên xem nhật ký máy chủ.")
        if reraise:
            raise
    else:
        store.finish(job_id, result or {}, ctx.done, ctx.total, ctx.label)
    finally:
        beat.stop()
        _live.pop(job_id, None)


def _retry_later(job_id):
    time.sleep(1)
    job = store.load(job_id)
    backends.dispatch(job_id, job.backend or backends.configured())


def sweep() -> list:
    """Fail (or queue again) the jobs whose worker died; hand the queued-again ones on."""
    changed = store.sweep_stale()
    for job in changed:
        if job.state == "queued":
            backends.dispatch(job.id, job.backend or backends.configured())
    return changed
