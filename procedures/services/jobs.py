"""Background jobs as records: create (refusing a duplicate in the database), claim, report
progress, finish, fail; find the jobs whose worker died; who may see a job.

The row is the truth whatever the queue backend: every node's pages read it. Progress and the
heartbeat are written on a connection of their own, outside the job's transaction (an import or
an audit writes in one transaction that must not be committed half-way); on SQLite, which has
one writer at a time, those writes are skipped while the job holds the write lock.
"""
import os
import socket
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from procedures import policy
from procedures.context import setting
from procedures.db import db
from procedures.errors import Conflict, NotFound, ServiceError
from procedures.models import Job
from procedures.models.base import as_utc, utcnow
from procedures.policy import Actor
from procedures.services.base import paginate
from procedures.services.uow import current_actor, unit_of_work

KIND_LABELS = {
    "import": "Nhập dữ liệu từ tệp",
    "import_commit": "Ghi vào sổ đăng ký sau khi kiểm tra",
    "audit": "Kiểm soát mức độ đầy đủ",
    "search_rebuild": "Xây dựng lại chỉ mục tìm kiếm",
    "report_export": "Xuất báo cáo",
    "notify": "Gửi thông báo",
}
STATE_LABELS = {"queued": "Đang chờ", "running": "Đang chạy", "done": "Đã xong",
                "failed": "Thất bại"}
STALE_SECONDS = 90


class JobRunning(Conflict):
    """The same job is already queued or running (the database's lock key refused it)."""

    code = "job_running"

    def __init__(self, job_id):
        super().__init__(f"Việc này đang được thực hiện (việc số {job_id}); hãy chờ việc đó xong "
                         "rồi chạy lại nếu cần.")
        self.job_id = job_id

    def to_dict(self):
        return {**super().to_dict(), "job_id": self.job_id}


class QueueUnavailable(ServiceError):
    status = 503
    code = "queue_unavailable"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def create_job(kind, params=None, lock_key=None, unit_code=None, max_attempts=1, backend=None):
    """Record a queued job in its own commit; JobRunning when its lock key is held."""
    actor = current_actor()
    for attempt in (1, 2):
        try:
            with unit_of_work():
                job = Job(kind=kind, state="queued", params=params or {}, lock_key=lock_key,
                          user_id=actor.user_id, actor=actor.label[:255], unit_code=unit_code,
                          max_attempts=max_attempts, backend=backend, created_at=utcnow())
                db.session.add(job)
                db.session.flush()
            return job
        except (Conflict, IntegrityError):  # unit_of_work turns IntegrityError into Conflict
            db.session.rollback()
            holder = db.session.scalar(select(Job).where(Job.lock_key == lock_key)) \
                if lock_key else None
            if holder is None:
                if attempt == 1 and lock_key:
                    continue  # it finished in between
                raise
            if attempt == 1 and holder.id in {j.id for j in sweep_stale(ids=[holder.id])}:
                continue
            raise JobRunning(holder.id) from None


def claim(job_id: int, worker: str | None = None) -> Job | None:
    """Mark a queued job running for this worker; None when another worker has it (or it ended)."""
    now = utcnow()
    with unit_of_work():
        done = db.session.execute(
            update(Job).where(Job.id == job_id, Job.state == "queued").values(
                state="running", started_at=now, heartbeat_at=now, finished_at=None,
                worker=(worker or worker_name())[:255], attempts=Job.attempts + 1,
                progress_done=0))
    if not done.rowcount:
        return None
    job = db.session.get(Job, job_id)
    db.session.refresh(job)
    return job


def _side_write(job_id, **values) -> bool:
    """Write progress or the heartbeat on a connection of its own, committed at once."""
    engine = db.engine
    try:
        with engine.connect() as conn:
            sqlite = engine.dialect.name == "sqlite"
            if sqlite:
                conn.exec_driver_sql("PRAGMA busy_timeout = 0")
            try:
                conn.execute(update(Job).where(Job.id == job_id, Job.state == "running")
                             .values(heartbeat_at=utcnow(), **values))
                conn.commit()
            finally:
                if sqlite:
                    conn.rollback()
                    conn.exec_driver_sql("PRAGMA busy_timeout = 5000")
        return True
    except OperationalError:  # SQLite: the job's own transaction holds the write lock
        return False


def report_progress(job_id, done, total=None, label=None) -> bool:
    values = {"progress_done": int(done)}
    if total is not None:
        values["progress_total"] = int(total)
    if label is not None:
        values["progress_label"] = label[:120]
    return _side_write(job_id, **values)


def heartbeat(job_id) -> bool:
    return _side_write(job_id)


def _end(job_id, state, **values) -> None:
    db.session.rollback()
    with unit_of_work():
        db.session.execute(update(Job).where(Job.id == job_id).values(
            state=state, finished_at=utcnow(), lock_key=None, **values))


def finish(job_id, result: dict, done=None, total=None, label=None) -> None:
    extra = {} if done is None else {"progress_done": done, "progress_total": total,
                                     "progress_label": (label or "")[:120] or None}
    _end(job_id, "done", result=result, error=None, error_code=None, **extra)


def fail(job_id, code: str, message: str, result=None) -> None:
    _end(job_id, "failed", error_code=code[:64], error=message, result=result)


def requeue(job_id) -> None:
    """Back to the queue for another attempt (its lock is kept)."""
    with unit_of_work():
        db.session.execute(update(Job).where(Job.id == job_id).values(
            state="queued", worker=None, started_at=None, heartbeat_at=None))


def _worker_alive(worker: str | None, heartbeat_at, now, stale_seconds) -> bool:
    host, _, pid = (worker or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    beat = as_utc(heartbeat_at)
    return beat is not None and now - beat < timedelta(seconds=stale_seconds)


def sweep_stale(ids=None, now=None) -> list[Job]:
    """Jobs reported running whose worker is gone (its process is dead on this machine, or no
    heartbeat for JOBS_STALE_SECONDS from another): failed, or queued again when another attempt
    is allowed. Their transactions died with them, so nothing of theirs is in the database.
    Returns the jobs changed (those queued again must be handed to a queue by the caller)."""
    now = now or utcnow()
    stale_seconds = int(setting("JOBS_STALE_SECONDS", STALE_SECONDS) or STALE_SECONDS)
    stmt = select(Job).where(Job.state == "running")
    if ids is not None:
        stmt = stmt.where(Job.id.in_(ids))
    changed = []
    for job in db.session.scalars(stmt).all():
        if _worker_alive(job.worker, job.heartbeat_at, now, stale_seconds):
            continue
        if job.attempts < job.max_attempts:
            requeue(job.id)
        else:
            fail(job.id, "worker_lost", "Tiến trình chạy việc này đã dừng đột ngột (máy chủ khởi "
                 "động lại hoặc hết bộ nhớ); không có gì được ghi dở. Hãy chạy lại.")
        changed.append(job)
    for job in changed:
        db.session.refresh(job)
    return changed


def queued_jobs(older_than_seconds=0) -> list[Job]:
    """Queued jobs (to hand to the queue again after it was down)."""
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    return [j for j in db.session.scalars(select(Job).where(Job.state == "queued")
                                          .order_by(Job.id)).all()
            if as_utc(j.created_at) <= cutoff]


def refresh(job) -> None:
    """Read the row again (another connection or thread may have changed it)."""
    db.session.refresh(job)


def load(job_id) -> Job:
    """A job without an access check (the runner)."""
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound(f"Không tìm thấy việc số {job_id}.", code="job_not_found")
    return job


def get_job(job_id) -> Job:
    """One job, if the acting user may see it (the office; who started it; the unit's editors).
    A job reported running whose worker died is reported failed here."""
    job = load(job_id)
    policy.authorize(current_actor(), "read", "job", unit_code=job.unit_code,
                     owner_id=job.user_id)
    if job.state == "running" and sweep_stale(ids=[job.id]):
        db.session.refresh(job)
    return job


def list_jobs(page=1, per_page=20, kind=None):
    """The jobs the acting user may see, newest first."""
    actor = current_actor()
    policy.authorize(actor, "read", "jobs")
    stmt = select(Job).order_by(Job.id.desc())
    if kind:
        stmt = stmt.where(Job.kind == kind)
    scope = policy.read_scope(actor)
    if not scope.everything:
        stmt = stmt.where(or_(Job.unit_code.in_(sorted(scope.codes)),
                              Job.user_id == actor.user_id))
    return paginate(stmt, page, per_page)


def running_job(lock_key) -> Job | None:
    """The job holding a lock key now, if any."""
    return db.session.scalar(select(Job).where(Job.lock_key == lock_key))


def actor_of(job) -> Actor:
    """Who the job acts for: the account that asked (as it is now: a deactivated account can
    no longer act), or the system when the command line asked."""
    from procedures.models import User

    info = (job.params or {}).get("_actor") or {}
    if job.user_id is not None:
        user = db.session.get(User, job.user_id)
        if user is None or not user.active:
            raise policy.Unauthorized("Tài khoản yêu cầu việc này không còn hoạt động.")
        actor = Actor.of_user(user, job.actor)
    else:
        actor = Actor(job.actor or "system", trusted=bool(info.get("trusted")))
    return actor.narrowed_to(info.get("scope_unit_id"))


def release_session() -> None:
    """End this thread's database session (a long-lived loop between rounds)."""
    db.session.remove()


def authorize_rebuild() -> None:
    """Raise unless the acting user may rebuild this node's search index (admins)."""
    policy.authorize(current_actor(), "rebuild", "search_index")


def latest(kind) -> Job | None:
    """The newest job of a kind (the pages that start one show it)."""
    return db.session.scalar(select(Job).where(Job.kind == kind).order_by(Job.id.desc()))
