"""Background jobs: a job's state, progress and result (the 202 answers point here)."""
from flask import jsonify, request, url_for
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from app.api.common import PageArgs, envelope
from jobs.runner import live_progress
from procedures.schemas.outputs import AwareDateTime
from procedures.services import jobs as store

bp = Blueprint("api_jobs", __name__, description="Các việc chạy nền (nhập tệp, kiểm soát, …)")
ERROR_REF = {"description": "Lỗi theo dạng chung {status, code, message, errors}."}
PREFER = {"in": "header", "name": "Prefer", "required": False,
          "schema": {"type": "string", "enum": ["respond-async"]},
          "description": "`respond-async`: trả 202 ngay với đường dẫn của việc "
                         "(GET /api/v1/jobs/{id}); không có: chờ việc chạy xong như trước."}


class ProgressOut(Schema):
    done = fields.Integer()
    total = fields.Integer(allow_none=True)
    label = fields.String(allow_none=True)


class JobErrorOut(Schema):
    code = fields.String()
    message = fields.String()


class JobOut(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "import, import_commit, audit, "
                                                  "search_rebuild, report_export, notify"})
    state = fields.String(metadata={"description": "queued, running, done, failed"})
    progress = fields.Nested(ProgressOut)
    result = fields.Dict(allow_none=True)
    error = fields.Nested(JobErrorOut, allow_none=True)
    attempts = fields.Integer()
    created_at = AwareDateTime()
    started_at = AwareDateTime(allow_none=True)
    finished_at = AwareDateTime(allow_none=True)
    url = fields.String()
    result_url = fields.String(allow_none=True)


class JobPage(Schema):
    items = fields.List(fields.Nested(JobOut))
    total, page, per_page, pages = (fields.Integer() for _ in range(4))


def wants_async() -> bool:
    """Prefer: respond-async (RFC 7240)."""
    return "respond-async" in (request.headers.get("Prefer") or "").lower()


def result_url(job) -> str | None:
    result = job.result or {}
    if job.state != "done":
        return None
    if job.kind in ("import", "import_commit") and result.get("batch_id"):
        return url_for("api_imports.get_import", batch_id=result["batch_id"])
    if job.kind == "audit" and result.get("run_id"):
        return url_for("api_audits.get_run", run_id=result["run_id"])
    if job.kind == "report_export":
        return url_for("web.job_download", job_id=job.id)
    return None


def job_document(job) -> dict:
    done, total, label = live_progress(job)
    return {"id": job.id, "kind": job.kind, "state": job.state,
            "progress": {"done": done, "total": total, "label": label},
            "result": job.result, "attempts": job.attempts,
            "error": {"code": job.error_code, "message": job.error}
            if job.state == "failed" else None,
            "created_at": job.created_at, "started_at": job.started_at,
            "finished_at": job.finished_at,
            "url": url_for("api_jobs.get_job", job_id=job.id), "result_url": result_url(job)}


def accepted(job):
    """202 Accepted with the job and its URL in Location."""
    response = jsonify(JobOut().dump(job_document(job)))
    response.status_code = 202
    response.headers["Location"] = url_for("api_jobs.get_job", job_id=job.id)
    return response


@bp.route("/jobs")
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, JobPage)
@bp.doc(security=[{"bearerAuth": []}])
def list_jobs(page, per_page):
    """Jobs, newest first (an editor sees theirs and their unit's)."""
    result = envelope(store.list_jobs(page, per_page))
    result["items"] = [job_document(j) for j in result["items"]]
    return result


@bp.route("/jobs/<int(max=2147483647):job_id>")
@bp.response(200, JobOut)
@bp.alt_response(404, **ERROR_REF)
@bp.doc(security=[{"bearerAuth": []}])
def get_job(job_id):
    """One job: state (queued, running, done, failed), progress, result or error."""
    return job_document(store.get_job(job_id))
