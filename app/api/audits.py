"""Completeness audit: runs, a unit's latest result and findings, the integration package."""
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema

from app.api.common import PageArgs, envelope
from app.api.jobs import PREFER, JobOut, accepted, wants_async
from jobs import submit
from procedures import services
from procedures.audit import results
from procedures.audit.integration import build_package
from procedures.schemas.audit import RunDetailOut, RunOut, UnitAuditOut
from procedures.schemas.fields import Bool, CodeText, Date
from procedures.schemas.outputs import page_schema

bp = Blueprint("api_audits", __name__, description="Kiểm soát mức độ đầy đủ dữ liệu TTHC")
ERROR_REF = {"description": "Lỗi theo dạng chung {status, code, message, errors}."}


class RunArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    # No format check here: an unknown code is a 404 after the caller's rights are checked.
    unit_code = CodeText(load_default=None,
                         metadata={"description": "Mã đơn vị; bỏ trống để kiểm soát tất cả."})
    below = Bool(load_default=False, metadata={
        "description": "Với unit_code: kiểm soát cả các đơn vị trực thuộc (ví dụ một tỉnh và "
                       "các xã, phường của tỉnh)."})
    as_of = Date(load_default=None, metadata={
        "description": "Kiểm soát dữ liệu tính đến ngày này (YYYY-MM-DD; mặc định hôm nay): "
                       "hiệu lực của quyết định, căn cứ, cấp huyện (không còn từ 01/7/2025), "
                       "lịch ngày làm việc dùng để tính thời hạn."})


@bp.route("/audits")
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, page_schema(RunOut, "AuditRunPage"))
def list_runs(page, per_page):
    """List audit runs, newest first."""
    return envelope(services.paginate(results.runs_query(), page, per_page))


@bp.route("/audits", methods=["POST"])
@bp.arguments(RunArgs, location="json", required=False)
@bp.doc(parameters=[PREFER])
@bp.response(201, RunDetailOut)
@bp.alt_response(202, schema=JobOut, description="Với `Prefer: respond-async`: việc đã nhận; "
                 "theo dõi ở Location (GET /api/v1/jobs/{id}); result.run_id khi xong.")
@bp.alt_response(404, **ERROR_REF)
@bp.alt_response(409, description="Lượt kiểm soát cùng phạm vi đang chạy (code job_running, "
                 "job_id).")
def create_run(args):
    """Run the audit (one unit with unit_code, otherwise every unit) as of a date; store it.
    Two runs of the same scope never run at once (409 job_running)."""
    unit_code = args.get("unit_code")
    params = {"unit_code": unit_code, "below": bool(args.get("below") and unit_code),
              "as_of": args["as_of"].isoformat() if args.get("as_of") else None}
    job = submit("audit", params, wait=not wants_async(), unit_code=unit_code)
    if wants_async():
        return accepted(job)
    return results.run_detail(results.get_run(job.result["run_id"]))


@bp.route("/audits/latest")
@bp.response(200, RunDetailOut)
@bp.alt_response(404, **ERROR_REF)
def latest_run():
    """The newest run with every audited unit's result."""
    return results.run_detail(results.latest_run())


@bp.route("/audits/<int(max=2147483647):run_id>")
@bp.response(200, RunDetailOut)
@bp.alt_response(404, **ERROR_REF)
def get_run(run_id):
    """One run with every audited unit's result."""
    return results.run_detail(results.get_run(run_id))


@bp.route("/units/<code>/audit")
@bp.response(200, UnitAuditOut)
@bp.alt_response(404, **ERROR_REF)
def unit_audit(code):
    """The unit's latest result (readiness, score, components) and its findings."""
    return results.unit_audit(code)


@bp.route("/units/<code>/integration-package")
@bp.response(200, description="Gói tích hợp theo docs/integration-package.schema.json.")
@bp.alt_response(404, **ERROR_REF)
@bp.alt_response(409, description="Đơn vị chưa đủ điều kiện: errors liệt kê các lỗi chặn.")
def integration_package(code):
    """The integration package of a ready unit (audited afresh); 409 with its blockers."""
    return build_package(code)
