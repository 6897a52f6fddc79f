"""Upload page: send a workbook, read the report, download the annotated copy; batch history."""
import io

from flask import Response, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from app.auth import require
from app.errors import handle_http_exception
from app.web.blueprint import bp
from importers.annotate import annotate
from importers.batches import get_batch, list_batches, stored_upload
from importers.pipeline import ImportOptions
from importers.report import CODE_TITLES, group_issues
from importers.sources import size_text
from importers.template import write_workbook
from importers.uploads import import_upload, reimport_batch
from procedures.errors import Forbidden
from procedures.services import Actor

UPLOADERS = ("admin", "unit_editor")
READERS = ("admin", "auditor", "unit_editor")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_PER_GROUP = 200


def _download(body: bytes, filename: str, mimetype=XLSX) -> Response:
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _options(user, **kwargs) -> ImportOptions:
    return ImportOptions.from_config(current_app.config, current_app.instance_path,
                                     actor=Actor(user.username, user.id),
                                     editor=user.role == "unit_editor", **kwargs)


def _editor_unit(user):
    """The unit an editor's uploads are scoped to (None for admins)."""
    return user.unit.code if user.role == "unit_editor" and user.unit else None


def _visible_batch(batch_id):
    user = require(*READERS)
    batch = get_batch(batch_id)
    if user.role == "unit_editor" and batch.user_id != user.id and (
            batch.unit_code is None or batch.unit_code != _editor_unit(user)):
        raise Forbidden("Bạn chỉ xem được các lượt nhập dữ liệu của đơn vị mình.")
    return user, batch


def _form(user, error=None, status=200, values=None):
    limit = size_text(current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    recent = list_batches(1, 10, unit_code=_editor_unit(user)).items
    return render_template("imports/upload.html", error=error, limit=limit,
                           editor_unit=_editor_unit(user), recent=recent,
                           values=values or {}), status


@bp.route("/imports", methods=["GET"])
@login_required
def imports_form():
    """The upload form."""
    return _form(require(*UPLOADERS))


@bp.route("/imports", methods=["POST"])
@login_required
def imports_upload():
    """Receive a file, import it (or only check it), show the report."""
    user = require(*UPLOADERS)
    upload, form = request.files.get("file"), request.form  # may raise 413: see too_large
    values = {"unit": (form.get("unit") or "").strip(), "dry_run": bool(form.get("dry_run")),
              "partial": bool(form.get("partial"))}
    if upload is None or not upload.filename:
        return _form(user, "Hãy chọn một tệp để tải lên (.xlsx, .csv, .zip hoặc .json).", 400,
                     values)
    unit = _editor_unit(user) or values["unit"] or None
    options = _options(user, dry_run=values["dry_run"], partial=values["partial"],
                       unit_code=unit)
    _, batch = import_upload(upload, options)
    return redirect(url_for("web.imports_result", batch_id=batch.id))


def too_large_message() -> str:
    limit = size_text(current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    return (f"Tệp tải lên vượt quá dung lượng cho phép ({limit}). Hãy chia tệp thành nhiều "
            "tệp nhỏ hơn (ví dụ theo lĩnh vực) rồi tải lên lần lượt.")


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc):
    """413 on the upload page: the form again, with the limit (raised while parsing the body)."""
    if request.endpoint != "web.imports_upload" or not current_user.is_authenticated:
        return handle_http_exception(exc)
    return _form(current_user, too_large_message(), 413)


@bp.route("/imports/<int(max=2147483647):batch_id>")
@login_required
def imports_result(batch_id):
    """One batch: verdict, counts per sheet, issues grouped by kind (worst first)."""
    user, batch = _visible_batch(batch_id)
    report = batch.report or {}
    storage = ImportOptions.from_config(current_app.config, current_app.instance_path).storage_dir
    return render_template(
        "imports/result.html", batch=batch, report=report, titles=CODE_TITLES,
        groups=group_issues(report.get("issues") or []), shown=SHOWN_PER_GROUP,
        can_annotate=bool(report.get("issues")) and stored_upload(batch, storage) is not None,
        can_commit=batch.dry_run and report.get("valid") and user.role in UPLOADERS,
    )


@bp.route("/imports/<int(max=2147483647):batch_id>/commit", methods=["POST"])
@login_required
def imports_commit(batch_id):
    """After a clean dry run: import the same stored file for real."""
    _, batch = _visible_batch(batch_id)
    user = require(*UPLOADERS)
    _, new_batch = reimport_batch(batch, _options(user))
    if new_batch is None:
        raise Forbidden("Không còn lưu tệp của lượt kiểm tra này; hãy tải tệp lên lại.")
    return redirect(url_for("web.imports_result", batch_id=new_batch.id))


@bp.route("/imports/<int(max=2147483647):batch_id>/annotated.xlsx")
@login_required
def imports_annotated(batch_id):
    """The uploaded file with its faulty cells highlighted and a "Lỗi" column."""
    _, batch = _visible_batch(batch_id)
    options = ImportOptions.from_config(current_app.config, current_app.instance_path)
    path = stored_upload(batch, options.storage_dir)
    buffer = io.BytesIO()
    if path is None or not annotate(path, batch.file_format, batch.report, buffer,
                                    options.limits):
        raise Forbidden("Không tạo được bản đánh dấu lỗi cho tệp này (tệp không đọc được hoặc "
                        "không còn được lưu).")
    return _download(buffer.getvalue(), f"danh-dau-loi-{batch.id}.xlsx")


@bp.route("/imports/<int(max=2147483647):batch_id>/report.json")
@login_required
def imports_report_json(batch_id):
    """The batch's full report as JSON."""
    _, batch = _visible_batch(batch_id)
    return current_app.json.response(batch.report or {})


@bp.route("/imports/template.xlsx")
def imports_template():
    """The empty workbook: instructions, one sheet per record kind, dropdowns, examples."""
    buffer = io.BytesIO()
    write_workbook(buffer)
    return _download(buffer.getvalue(), "mau-nhap-du-lieu-tthc.xlsx")


@bp.route("/imports/history")
@login_required
def imports_history():
    """Every batch, newest first (an editor sees their unit's)."""
    user = require(*READERS)
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    return render_template("imports/history.html",
                           page=list_batches(page, 50, unit_code=_editor_unit(user)))
