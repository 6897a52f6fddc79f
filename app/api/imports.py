"""Imports: upload a workbook (multipart), list batches, read one batch's report."""
from flask import current_app, jsonify, request
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import EXCLUDE, Schema, ValidationError, fields
from werkzeug.exceptions import RequestEntityTooLarge

from app.api.common import PageArgs, envelope
from app.api.jobs import PREFER, JobOut, accepted, wants_async
from app.errors import error_body
from importers.batches import receive_upload
from importers.pipeline import ImportOptions
from importers.sources import size_text
from importers.uploads import clean_filename, import_upload
from jobs import submit
from procedures import policy
from procedures.errors import ValidationFailed
from procedures.schemas.base import flatten_errors
from procedures.schemas.fields import Bool, Text
from procedures.schemas.outputs import AwareDateTime
from procedures.services import current_actor
from procedures.services import imports as batches

bp = Blueprint("api_imports", __name__, description="Nhập dữ liệu từ tệp (XLSX, CSV, JSON)")
STATUS = {"imported": 200, "dry_run": 200, "partial": 200, "refused": 422}


class ImportForm(Schema):
    class Meta:
        unknown = EXCLUDE

    dry_run = Bool(load_default=False, metadata={"description": "Chỉ kiểm tra, không ghi."})
    partial = Bool(load_default=False, metadata={"description": "Ghi từng thủ tục hợp lệ."})
    unit = Text(load_default=None, metadata={"description": "Mã đơn vị: phạm vi tải lên."})


class ImportUpload(ImportForm):
    """The multipart body as documented: the file and the form fields."""

    file = Upload(required=True, metadata={"description": "Tệp .xlsx, .csv, .zip (các tệp CSV) "
                                           "hoặc .json theo mẫu nhập dữ liệu."})


def form_options() -> dict:
    """The form fields of the multipart body (the file is read by webargs)."""
    try:
        return ImportForm().load(request.form.to_dict())
    except ValidationError as exc:
        raise ValidationFailed(flatten_errors(exc.messages)) from None


class BatchOut(Schema):
    id = fields.Integer()
    created_at = AwareDateTime()
    actor = fields.String()
    unit_code = fields.String(allow_none=True)
    filename = fields.String()
    sha256 = fields.String()
    file_format = fields.String()
    dry_run = fields.Boolean()
    partial = fields.Boolean()
    outcome = fields.String()
    counts = fields.Dict()


class BatchDetailOut(BatchOut):
    report = fields.Dict()


class BatchPage(Schema):
    items = fields.List(fields.Nested(BatchOut))
    total, page, per_page, pages = (fields.Integer() for _ in range(4))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc):
    """413 as JSON, naming the limit."""
    limit = size_text(current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    body = error_body(413, message=f"Tệp tải lên vượt quá dung lượng cho phép ({limit}).")
    return jsonify(body), 413


@bp.route("/imports", methods=["POST"])
@bp.arguments(ImportUpload, location="files")
@bp.doc(security=[{"bearerAuth": []}], parameters=[PREFER],
        responses={"422": {"description": "Tệp bị từ chối: báo cáo kèm danh sách lỗi."}})
@bp.response(200, description="Báo cáo nhập dữ liệu: valid, outcome, stats, issues.")
@bp.alt_response(202, schema=JobOut, description="Với `Prefer: respond-async`: việc đã nhận; "
                 "theo dõi ở Location (GET /api/v1/jobs/{id}); result.batch_id khi xong.")
@bp.alt_response(503, description="Hàng đợi công việc không hoạt động (code queue_unavailable).")
def create_import(files):
    """Upload a file; nothing is written unless it is valid (or partial is set)."""
    batches.authorize_upload()
    form = form_options()
    if wants_async():
        filename = clean_filename(files["file"].filename)
        file_id = receive_upload(files["file"], filename)
        return accepted(submit("import", {
            "file_id": file_id, "filename": filename, "dry_run": form["dry_run"],
            "partial": form["partial"], "unit_code": form["unit"]},
            unit_code=form["unit"] or policy.default_scope_code(current_actor())))
    options = ImportOptions.from_config(
        current_app.config, current_app.instance_path, dry_run=form["dry_run"],
        partial=form["partial"], unit_code=form["unit"])
    report, _ = import_upload(files["file"], options)
    status = STATUS[report["outcome"]]
    if status == 422:
        report = {"status": 422, "code": "import_refused",
                  "message": "Tệp bị từ chối: chưa ghi gì vào sổ đăng ký.",
                  "errors": [{"field": ".".join(str(x) for x in (i["sheet_id"], i["row"], i["field"])
                                                if x is not None) or "file",
                              "messages": [i["message"]]}
                             for i in report["issues"] if i["severity"] == "error"][:100],
                  **report}
    return jsonify(report), status


@bp.route("/imports", methods=["GET"])
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, BatchPage)
def list_imports(page, per_page):
    """Import batches, newest first (an editor sees their unit's)."""
    return envelope(batches.list_batches(page, per_page))


@bp.route("/imports/<int(max=2147483647):batch_id>")
@bp.response(200, BatchDetailOut)
def get_import(batch_id):
    """One batch with its full report."""
    return batches.get_batch(batch_id)
