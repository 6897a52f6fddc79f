"""Where a job runs: here and now (sync), a thread of this process (thread), or an RQ worker
reached through Redis (rq). RQ: the simplest well-kept queue on the Redis we already run for
the login limiter; a job is one function call with the job's id, everything else is in the row.
"""
import logging
import threading

from procedures import context
from procedures.services import jobs as store

log = logging.getLogger(__name__)
BACKENDS = ("sync", "thread", "rq")
UNAVAILABLE = ("Hàng đợi công việc (Redis) tạm thời không hoạt động nên chưa nhận được việc "
               "này; dữ liệu không bị ảnh hưởng. Hãy thử lại sau ít phút hoặc báo quản trị viên.")


def configured() -> str:
    """JOBS_BACKEND, else rq when JOBS_REDIS_URL is set, else thread."""
    name = (context.setting("JOBS_BACKEND") or "").strip().lower()
    if name in BACKENDS:
        return name
    return "rq" if context.setting("JOBS_REDIS_URL") else "thread"


def dispatch(job_id: int, backend: str) -> None:
    if backend == "sync":
        from jobs.runner import perform

        perform(job_id)
    elif backend == "thread":
        start_thread(job_id)
    elif backend == "rq":
        enqueue(job_id)
    else:
        raise ValueError(backend)


def start_thread(job_id: int) -> threading.Thread:
    from jobs.runner import perform

    app_context = context.resources().get("app_context")

    def run():
        with app_context():
            try:
                perform(job_id)
            finally:
                from procedures.db import db

                db.session.remove()

    thread = threading.Thread(target=run, name=f"job-{job_id}", daemon=True)
    thread.start()
    threads = context.resources().setdefault("job_threads", {})
    threads[job_id] = thread
    return thread


def redis_connection():
    from redis import Redis

    return Redis.from_url(context.setting("JOBS_REDIS_URL") or "redis://127.0.0.1:6379/0",
                          socket_connect_timeout=2, socket_timeout=5)


def queue(connection=None):
    from rq import Queue

    return Queue(context.setting("JOBS_QUEUE") or "registry",
                 connection=connection or redis_connection(),
                 default_timeout=int(context.setting("JOBS_TIMEOUT") or 3600))


def enqueue(job_id: int) -> None:
    """Hand the job to RQ; when Redis cannot be reached the job is refused (failed, its lock
    released) with a Vietnamese message, and the caller gets QueueUnavailable (503)."""
    from redis.exceptions import RedisError

    try:
        queue().enqueue("jobs.runner.perform", job_id, description=f"registry job {job_id}",
                        result_ttl=600, failure_ttl=7 * 86400)
    except RedisError as exc:
        log.warning("job %s: Redis unavailable: %s", job_id, exc)
        store.fail(job_id, "queue_unavailable", UNAVAILABLE)
        raise store.QueueUnavailable(UNAVAILABLE) from None


def join_threads(timeout=None) -> None:
    """Wait for this process's job threads (tests, shutdown)."""
    for thread in list(context.resources().get("job_threads", {}).values()):
        thread.join(timeout)
