"""flask jobs …: run a worker (RQ on Redis), list and show jobs, fail the ones whose worker died."""
import json
import sys
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from app.cli.common import Progress, fail
from jobs import backends, submit
from jobs.runner import sweep
from procedures.errors import ServiceError
from procedures.services import Actor, acting_as
from procedures.services import jobs as store

jobs_cli = AppGroup("jobs", help="Các việc chạy nền: nhập tệp, kiểm soát, chỉ mục, báo cáo, thư.")
SWEEP_SECONDS = 30


class JobProgress:
    """A job's progress as a bar on stderr (from `threshold` steps)."""

    def __init__(self, label, threshold):
        self.progress, self.step_fn = Progress(label, threshold), None

    def start(self, total, label=None):
        self.progress.close()
        self.step_fn = self.progress(total) if total else None

    def step(self, n=1):
        if self.step_fn is not None:
            self.step_fn(n)

    def close(self):
        self.progress.close()


def _sweeper(app, stop):
    """Every SWEEP_SECONDS: fail (or queue again) the jobs whose worker died."""
    with app.app_context():
        while not stop.wait(SWEEP_SECONDS):
            try:
                sweep()
            except Exception:  # noqa: BLE001 — the database may be briefly away; try again
                current_app.logger.exception("job sweep failed")
            finally:
                store.release_session()


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Chạy hết các việc đang chờ rồi dừng.")
@click.option("--simple", is_flag=True,
              help="Chạy việc ngay trong tiến trình này (không tách tiến trình con cho mỗi việc).")
def worker_command(burst, simple):
    """Run an RQ worker on JOBS_REDIS_URL (queue JOBS_QUEUE); run several for more throughput."""
    from redis.exceptions import RedisError
    from rq import SimpleWorker, Worker

    if not current_app.config.get("JOBS_REDIS_URL"):
        raise click.UsageError("Chưa cấu hình JOBS_REDIS_URL (ví dụ redis://127.0.0.1:6379/1).")
    app = current_app._get_current_object()
    sweep()
    stop = threading.Event()
    threading.Thread(target=_sweeper, args=(app, stop), daemon=True).start()
    connection = backends.redis_connection()
    worker_class = SimpleWorker if simple else Worker
    try:
        worker = worker_class([backends.queue(connection)], connection=connection)
        worker.work(burst=burst, with_scheduler=False)
    except RedisError as exc:
        click.echo(f"Không kết nối được Redis ({exc}); thử lại khi Redis chạy.", err=True)
        sys.exit(1)
    finally:
        stop.set()


@jobs_cli.command("sweep")
def sweep_command():
    """Report failed (or queue again) the jobs whose worker died (cron, or after a crash)."""
    changed = sweep()
    for job in changed:
        click.echo(f"Việc số {job.id} ({job.kind}): {store.STATE_LABELS[job.state]}")
    click.echo(f"{len(changed)} việc không còn tiến trình chạy.")


@jobs_cli.command("requeue")
def requeue_command():
    """Hand every queued job to the queue again (after Redis was lost with its contents)."""
    queued = store.queued_jobs()
    for job in queued:
        backends.dispatch(job.id, job.backend or backends.configured())
    click.echo(f"Đã đưa lại {len(queued)} việc vào hàng đợi.")


@jobs_cli.command("notify")
@click.option("--digest", is_flag=True, help="Kèm bản tin hằng ngày (chạy một lần mỗi ngày).")
def notify_command(digest):
    """Send the pending notification mails now, in the foreground (cron: daily with --digest)."""
    try:
        with acting_as(Actor("cli", trusted=True)):
            job = submit("notify", {"digest": digest}, wait=True)
    except ServiceError as exc:
        fail(exc)
    counts = job.result
    click.echo(f"Đã gửi {counts['sent']} thư, lỗi {counts['failed']}, không gửi "
               f"{counts['not_sent']} (chưa cấu hình máy chủ thư hoặc chưa có địa chỉ).")


@jobs_cli.command("list")
@click.option("--kind", default=None)
def list_command(kind):
    """The newest jobs."""
    with acting_as(Actor("cli", trusted=True)):
        page = store.list_jobs(1, 50, kind)
    for job in page.items:
        progress = f"{job.progress_done}/{job.progress_total}" if job.progress_total else ""
        click.echo(f"{job.id}\t{job.kind}\t{job.state}\t{progress}\t{job.actor or ''}\t"
                   f"{job.created_at:%Y-%m-%d %H:%M:%S}\t{job.error_code or ''}")


@jobs_cli.command("show")
@click.argument("job_id", type=int)
def show_command(job_id):
    """One job as JSON."""
    try:
        with acting_as(Actor("cli", trusted=True)):
            job = store.get_job(job_id)
    except ServiceError as exc:
        fail(exc)
    click.echo(json.dumps(job_document(job), ensure_ascii=False, indent=2))


def job_document(job) -> dict:
    return {"id": job.id, "kind": job.kind, "state": job.state,
            "progress": {"done": job.progress_done, "total": job.progress_total,
                         "label": job.progress_label},
            "result": job.result, "error": {"code": job.error_code, "message": job.error}
            if job.state == "failed" else None, "attempts": job.attempts,
            "created_at": job.created_at.isoformat() if job.created_at else None,
            "finished_at": job.finished_at.isoformat() if job.finished_at else None}
