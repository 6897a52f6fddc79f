"""Upload page: send a workbook, read the report, download the annotated copy; batch history."""
import io

from flask import current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from app.errors import handle_http_exception
from app.http import download, page_arg
from app.web.blueprint import bp
from app.web.jobs import to_job_page
from importers.annotate import annotate
from importers.batches import has_stored_upload, receive_upload, stored_upload
from importers.pipeline import ImportOptions
from importers.report import CODE_TITLES, group_issues
from importers.sources import size_text
from importers.spec import SHEETS
from importers.template import write_workbook
from importers.uploads import clean_filename
from jobs import submit
from procedures import policy
from procedures.errors import ServiceError
from procedures.services import current_actor
from procedures.services import imports as batches

SHOWN_PER_GROUP = 200


def _options(**kwargs) -> ImportOptions:
    return ImportOptions.from_config(current_app.config, current_app.instance_path, **kwargs)


def _form(error=None, status=200, values=None):
    limit = size_text(current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    recent = batches.list_batches(1, 10).items
    return render_template("imports/upload.html", error=error, limit=limit,
                           editor_unit=policy.default_scope_code(current_actor()), recent=recent,
                           values=values or {}), status


@bp.route("/imports", methods=["GET"])
def imports_form():
    """The upload form."""
    batches.authorize_upload()
    return _form()


@bp.route("/imports", methods=["POST"])
def imports_upload():
    """Receive a file, import it (or only check it), show the report."""
    batches.authorize_upload()
    upload, form = request.files.get("file"), request.form  # may raise 413: see too_large
    values = {"unit": (form.get("unit") or "").strip(), "dry_run": bool(form.get("dry_run")),
              "partial": bool(form.get("partial"))}
    if upload is None or not upload.filename:
        return _form("Hãy chọn một tệp để tải lên (.xlsx, .csv, .zip hoặc .json).", 400, values)
    filename = clean_filename(upload.filename)
    file_id = receive_upload(upload, filename)
    try:
        job = submit("import", {"file_id": file_id, "filename": filename,
                                "dry_run": values["dry_run"], "partial": values["partial"],
                                "unit_code": values["unit"] or None},
                     unit_code=values["unit"] or policy.default_scope_code(current_actor()))
    except ServiceError as exc:
        return _form(exc.message, exc.status, values)
    return to_job_page(job)


def too_large_message() -> str:
    limit = size_text(current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    return (f"Tệp tải lên vượt quá dung lượng cho phép ({limit}). Hãy chia tệp thành nhiều "
            "tệp nhỏ hơn (ví dụ theo lĩnh vực) rồi tải lên lần lượt.")


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc):
    """413 on the upload page: the form again, with the limit (raised while parsing the body)."""
    if request.endpoint != "web.imports_upload":
        return handle_http_exception(exc)
    try:
        batches.authorize_upload()
    except ServiceError:
        return handle_http_exception(exc)
    return _form(too_large_message(), 413)


@bp.route("/imports/<int(max=2147483647):batch_id>")
def imports_result(batch_id):
    """One batch: verdict, counts per sheet, issues grouped by kind (worst first)."""
    batch = batches.get_batch(batch_id)
    report = batch.report or {}
    return render_template(
        "imports/result.html", batch=batch, report=report, titles=CODE_TITLES,
        sheet_titles={sheet.id: sheet.title for sheet in SHEETS},
        groups=group_issues(report.get("issues") or []), shown=SHOWN_PER_GROUP,
        can_annotate=bool(report.get("issues")) and has_stored_upload(batch),
        can_commit=batch.dry_run and report.get("valid") and policy.allowed(
            current_actor(), "create", "import_batch"),
    )


@bp.route("/imports/<int(max=2147483647):batch_id>/commit", methods=["POST"])
def imports_commit(batch_id):
    """After a clean dry run: import the same stored file for real."""
    batch = batches.get_batch(batch_id)
    batches.authorize_upload()
    if not has_stored_upload(batch):
        flash("Không còn lưu tệp của lượt kiểm tra này (tệp cũ đã được xóa theo thời hạn lưu); "
              "hãy tải tệp lên lại.", "error")
        return redirect(url_for("web.imports_result", batch_id=batch.id))
    try:
        job = submit("import_commit", {"batch_id": batch.id}, unit_code=batch.unit_code)
    except ServiceError as exc:
        flash(exc.message, "error")
        return redirect(url_for("web.imports_result", batch_id=batch.id))
    return to_job_page(job)


@bp.route("/imports/<int(max=2147483647):batch_id>/annotated.xlsx")
def imports_annotated(batch_id):
    """The uploaded file with its faulty cells highlighted and a "Lỗi" column."""
    batch = batches.get_batch(batch_id)
    options = _options()
    buffer = io.BytesIO()
    with stored_upload(batch) as path:
        annotated = path is not None and annotate(path, batch.file_format, batch.report, buffer,
                                                  options.limits)
    if path is None:
        flash("Không còn lưu tệp của lượt nhập này (đã xóa theo thời hạn lưu), nên không tạo được "
              "bản đánh dấu lỗi; danh sách lỗi vẫn ở bên dưới.", "error")
        return redirect(url_for("web.imports_result", batch_id=batch.id))
    if not annotated:
        flash("Không tạo được bản đánh dấu lỗi cho tệp này: tệp không đọc được như một bảng tính "
              "hoặc tệp CSV UTF-8 (xem lỗi đầu tiên bên dưới). Hãy sửa theo danh sách lỗi rồi tải "
              "lên lại.", "error")
        return redirect(url_for("web.imports_result", batch_id=batch.id))
    return download(buffer.getvalue(), f"danh-dau-loi-{batch.id}.xlsx")


@bp.route("/imports/<int(max=2147483647):batch_id>/report.json")
def imports_report_json(batch_id):
    """The batch's full report as JSON."""
    return current_app.json.response(batches.get_batch(batch_id).report or {})


@bp.route("/imports/template.xlsx")
def imports_template():
    """The empty workbook: instructions, one sheet per record kind, dropdowns, examples."""
    buffer = io.BytesIO()
    write_workbook(buffer)
    return download(buffer.getvalue(), "mau-nhap-du-lieu-tthc.xlsx")


@bp.route("/imports/history")
def imports_history():
    """Every batch, newest first (an editor sees their unit's)."""
    return render_template("imports/history.html", page=batches.list_batches(page_arg(), 50))
