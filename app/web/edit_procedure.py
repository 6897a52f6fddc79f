"""Create and edit a procedure with its channels, steps, dossier and legal bases."""
from flask import current_app, flash, redirect, render_template, request, url_for

from app.web.blueprint import bp
from app.web.formdata import form_errors, lines, parse_rows, rows_for_display, text
from procedures import enums, policy, services
from procedures.errors import Conflict, Forbidden, ValidationFailed

PLAIN = ("code", "local_code", "name", "field_code", "level", "procedure_type", "owner_unit_code",
         "subjects", "implementing_agency", "competent_authority", "coordinating_agencies",
         "result", "result_template", "requirements", "online_level", "status", "keywords",
         "description", "last_verified_on", "replaced_by_code")
FLAGS = ("no_result_template", "no_requirements", "no_forms")
# part: (fields, booleans, fields whose emptiness makes the row blank)
PARTS = {
    "channels": (("kind", "processing_time", "time_unit", "time_note", "fee_text", "fee_amount",
                  "description", "online_url"), ("is_free",), ("kind", "processing_time", "fee_text")),
    "steps": (("position", "description"), (), ("description",)),
    "dossier_items": (("case_name", "position", "name", "form_name", "form_url", "form_file",
                       "originals", "copies"), ("required",), ("case_name", "name", "form_name")),
    "cases": (("position", "name", "processing_time", "time_unit", "sets", "description"), (),
              ("name",)),
    "fees": (("position", "kind", "case_name", "channel_kind", "amount", "per", "from_quantity",
              "cap", "cap_per", "exemption", "note"), (), ("amount", "exemption", "note")),
}


def parse_procedure_form(form) -> dict:
    """The procedure record an edit form describes."""
    data = {name: text(form, name) for name in PLAIN}
    data.update({flag: bool(form.get(flag)) for flag in FLAGS})
    data["decisions"] = lines(form, "decisions")
    data["legal_bases"] = lines(form, "legal_bases")
    for part, (fields, booleans, content) in PARTS.items():
        data[part] = parse_rows(form, part, fields, booleans, content)
    return data


def render_form(data, errors=None, status=200, creating=False, version=None, extra_row=None):
    blanks = {part: 1 + (1 if part == extra_row else 0) for part in PARTS}
    blanks["channels"] = 0 if len(data.get("channels") or []) >= 3 else blanks["channels"]
    rows = {part: rows_for_display(data.get(part) or [], blanks[part]) for part in PARTS}
    fields = services.fields.all()
    return render_template(
        "edit/procedure.html", data=data, rows=rows, errors=errors or {}, creating=creating,
        version=version, fields=fields, enums=enums,
    ), status


def _save(save, data, creating, version):
    try:
        record = save()
    except ValidationFailed as exc:
        flash("Dữ liệu chưa hợp lệ: xem thông báo ở từng ô bên dưới.", "error")
        return render_form(data, form_errors(exc.errors), 422, creating, version)
    except (Conflict, Forbidden) as exc:
        flash(exc.message, "error")
        return render_form(data, form_errors(exc.errors), exc.status, creating, version)
    flash("Đã lưu thủ tục.", "info")
    return redirect(url_for("web.procedure", code=record.code))


@bp.route("/procedures/new", methods=["GET", "POST"])
def new_procedure():
    """Create a procedure (admins, or editors for a procedure their unit keeps)."""
    services.procedures.authorize_create()
    if request.method == "GET":
        owner = policy.default_scope_code(services.current_actor())
        return render_form({"owner_unit_code": owner, "status": "active"}, creating=True)
    data = parse_procedure_form(request.form)
    if request.form.get("add_row") in PARTS:
        return render_form(data, creating=True, extra_row=request.form["add_row"])
    return _save(lambda: services.procedures.create(data), data, True, None)


@bp.route("/procedures/<code>/edit", methods=["GET", "POST"])
def edit_procedure(code):
    """Edit a procedure; a form saved after someone else's change is refused."""
    record = services.procedures.get(code)
    services.procedures.authorize_edit(record)
    if request.method == "GET":
        return render_form(services.procedures.serialize(record), version=record.version)
    data = parse_procedure_form(request.form)
    data["code"] = record.code
    version = request.form.get("version")
    if request.form.get("add_row") in PARTS:
        return render_form(data, version=version, extra_row=request.form["add_row"])
    return _save(lambda: services.procedures.update((code,), data, expected_version=version),
                 data, False, version)


# -- form files (mẫu đơn, tờ khai) kept with a procedure ---------------------------------------

def _form_limit() -> int:
    return int(current_app.config.get("FORM_MAX_MB") or 10) * 1024 * 1024


def render_forms(record, errors=None, status=200):
    return render_template(
        "edit/procedure_forms.html", p=record, errors=errors or {},
        choices=services.procedures.form_choices(record),
        stored=services.procedures.stored_forms(record),
        types=", ".join(s.lstrip(".").upper() for s in services.procedures.FORM_TYPES),
        limit=services.form_size_text(_form_limit()), size_text=services.form_size_text), status


@bp.route("/procedures/<code>/forms", methods=["GET", "POST"])
def procedure_forms(code):
    """Upload a dossier item's form file (PDF, Word, Excel, ODT), for the procedure's editors."""
    record = services.procedures.get(code)
    services.procedures.authorize_edit(record)
    if request.method == "GET":
        return render_forms(record)
    upload = request.files.get("form_file")  # a body over MAX_CONTENT_LENGTH raises 413
    if upload is None or not upload.filename:
        return render_forms(record, {"form_file": ["Hãy chọn tệp mẫu đơn, tờ khai để tải lên."]},
                            422)
    content = upload.stream.read(_form_limit() + 1)
    try:
        stored = services.procedures.store_form(code, upload.filename, content,
                                                item_id=request.form.get("item") or None,
                                                max_bytes=_form_limit())
    except ValidationFailed as exc:
        flash("Chưa lưu được tệp mẫu: xem thông báo bên dưới.", "error")
        return render_forms(record, form_errors(exc.errors), 422)
    flash(f"Đã lưu tệp mẫu {stored.name}.", "info")
    return redirect(url_for("web.procedure_forms", code=record.code))


@bp.route("/procedures/<code>/forms/remove", methods=["GET", "POST"])
def remove_procedure_form(code):
    """Remove a stored form file, after a confirmation page."""
    record = services.procedures.get(code)
    services.procedures.authorize_edit(record)
    name = request.values.get("name") or ""
    stored = services.procedures.form_file(code, name)
    if request.method == "GET":
        return render_template(
            "edit/confirm_remove_form.html", p=record, name=stored.name,
            named=[label for _, label, file in services.procedures.form_choices(record)
                   if file == stored.name])
    services.procedures.remove_form(code, stored.name)
    flash(f"Đã gỡ tệp mẫu {stored.name}.", "info")
    return redirect(url_for("web.procedure_forms", code=record.code))
