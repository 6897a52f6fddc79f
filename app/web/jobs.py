"""A background job's page: state, progress and the result, refreshed without JavaScript (meta
refresh) and, where scripts run, by static/jobs.js polling the job's JSON."""
from flask import abort, current_app, redirect, render_template, request, url_for

from app.http import download, page_arg
from app.web.blueprint import bp
from jobs.runner import live_progress
from procedures.services import imports as batches
from procedures.services import jobs as store

REFRESH_SECONDS = 2


def result_url(job) -> str | None:
    """Where a finished job's result is shown."""
    result = job.result or {}
    if job.state != "done":
        return None
    if job.kind in ("import", "import_commit") and result.get("batch_id"):
        return url_for("web.imports_result", batch_id=result["batch_id"])
    if job.kind == "audit":
        code = (job.params or {}).get("unit_code")
        return url_for("web.audit_unit", code=code) if code else url_for("web.audit_league")
    if job.kind == "report_export" and result.get("file_id"):
        return url_for("web.job_download", job_id=job.id)
    if job.kind == "notify":
        return url_for("web.notifications_log")
    return None


def job_view(job) -> dict:
    """What the page and its JSON show."""
    done, total, label = live_progress(job)
    percent = int(100 * done / total) if total else None
    return {
        "id": job.id, "kind": job.kind, "kind_label": store.KIND_LABELS.get(job.kind, job.kind),
        "state": job.state, "state_label": store.STATE_LABELS.get(job.state, job.state),
        "finished": job.finished, "done": done, "total": total, "label": label or "",
        "percent": min(percent, 100) if percent is not None else None,
        "error": job.error, "error_code": job.error_code, "result": job.result or {},
        "result_url": result_url(job),
        "created_at": job.created_at, "started_at": job.started_at,
        "finished_at": job.finished_at, "actor": job.actor, "attempts": job.attempts,
    }


def to_job_page(job):
    """After submitting: the result at once when the job already ended (the sync backend, or a
    quick thread), else the job's page, which follows to the result when done."""
    if job.state == "done" and result_url(job):
        return redirect(result_url(job))
    return redirect(url_for("web.job_page", job_id=job.id, follow=1))


@bp.route("/jobs/<int(max=2147483647):job_id>")
def job_page(job_id):
    """One job: state, progress (rows read, units audited), result or error."""
    job = store.get_job(job_id)
    view = job_view(job)
    follow = request.args.get("follow") == "1"
    if follow and view["result_url"]:
        return redirect(view["result_url"])
    return render_template("jobs/job.html", job=job, view=view, follow=follow,
                           refresh=None if job.finished else REFRESH_SECONDS)


@bp.route("/jobs/<int(max=2147483647):job_id>.json")
def job_json(job_id):
    """The job's state and progress for static/jobs.js."""
    view = job_view(store.get_job(job_id))
    for key in ("created_at", "started_at", "finished_at"):
        view[key] = view[key].isoformat() if view[key] else None
    return current_app.json.response(view)


@bp.route("/jobs/<int(max=2147483647):job_id>/download")
def job_download(job_id):
    """The file an export job made."""
    job = store.get_job(job_id)
    result = job.result or {}
    body = batches.file_content(result["file_id"]) if result.get("file_id") else None
    if job.state != "done" or body is None:
        abort(404)
    return download(body, result.get("filename") or f"viec-{job.id}")


@bp.route("/jobs")
def jobs_list():
    """Recent jobs the user may see, newest first."""
    page = store.list_jobs(page_arg(), 50, request.args.get("kind") or None)
    return render_template("jobs/list.html", page=page, views=[job_view(j) for j in page.items])
