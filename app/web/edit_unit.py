"""A unit's one-stop desk, officers and assignments (internal process) edited by its editors."""
from flask import flash, redirect, render_template, request, url_for

from app.web.blueprint import bp
from app.web.formdata import form_errors, parse_rows, rows_for_display, text
from procedures import enums, services
from procedures.audit.process_time import running_totals
from procedures.errors import Conflict, Forbidden, ValidationFailed

OFFICER_TEXT = ("full_name", "position_title", "department", "phone", "email")
OFFICER_FLAGS = ("has_signing_account", "is_desk_officer", "active", "public")
DESK_FIELDS = ("desk_name", "desk_address", "desk_phone", "desk_hours")
STEP_FIELDS = ("position", "task", "department", "position_title", "officer_name",
               "duration", "duration_unit", "channel_kind")


def _unit_for_edit(code):
    """The unit whose officers and internal processes the acting user may edit."""
    unit = services.units.get(code)
    services.officers.authorize_new(unit)
    return unit


def _save(save, rerender, success_message, target):
    try:
        save()
    except ValidationFailed as exc:
        flash("Dữ liệu chưa hợp lệ: xem thông báo ở từng ô bên dưới.", "error")
        return rerender(form_errors(exc.errors), 422)
    except (Conflict, Forbidden) as exc:
        flash(exc.message, "error")
        return rerender(form_errors(exc.errors), exc.status)
    flash(success_message, "info")
    return redirect(target)


# --- the unit's one-stop desk ---------------------------------------------------------------
@bp.route("/units/<code>/edit", methods=["GET", "POST"])
def edit_unit(code):
    """The unit's one-stop desk: name, address, phone, hours (what the citizen's page shows)."""
    unit = services.units.get(code)
    services.units.authorize_edit(unit)
    revisions = services.history("unit", unit.code)
    if request.method == "GET":
        data = {name: getattr(unit, name) for name in DESK_FIELDS}
        return render_template("edit/unit.html", unit=unit, data=data, errors={},
                               revisions=revisions)
    data = {name: text(request.form, name) for name in DESK_FIELDS}

    def rerender(errors, status):
        return render_template("edit/unit.html", unit=unit, data=data, errors=errors,
                               revisions=revisions), status

    save = lambda: services.units.update((unit.code,), data, partial=True)  # noqa: E731
    return _save(save, rerender, "Đã lưu bộ phận một cửa.", url_for("web.unit", code=unit.code))


# --- officers -----------------------------------------------------------------------------
def _officer_form(form, unit_code):
    data = {name: text(form, name) for name in OFFICER_TEXT}
    data.update({flag: bool(form.get(flag)) for flag in OFFICER_FLAGS})
    data["unit_code"] = unit_code
    return data


@bp.route("/units/<code>/officers/new", methods=["GET", "POST"])
@bp.route("/units/<code>/officers/<path:name>/edit", methods=["GET", "POST"])
def edit_officer(code, name=None):
    """Add or edit an officer of a unit."""
    unit = _unit_for_edit(code)
    record = services.officers.get(unit.code, name) if name else None
    if request.method == "GET":
        # A new officer can start ticked as the audit asks ("Sửa" of a missing desk officer).
        data = services.officers.serialize(record) if record else {
            "active": True, **{flag: True for flag in ("is_desk_officer", "has_signing_account")
                               if request.args.get(flag)}}
        revisions = services.history("officer", f"{unit.code} / {record.full_name}") if record else []
        return render_template("edit/officer.html", unit=unit, data=data, errors={},
                               creating=record is None, revisions=revisions)
    data = _officer_form(request.form, unit.code)

    def rerender(errors, status):
        return render_template("edit/officer.html", unit=unit, data=data, errors=errors,
                               creating=record is None, revisions=[]), status

    if record is None:
        save = lambda: services.officers.create(data)  # noqa: E731
    else:
        save = lambda: services.officers.update((unit.code, record.full_name), data)  # noqa: E731
    return _save(save, rerender, "Đã lưu cán bộ.", url_for("web.unit", code=unit.code))


@bp.route("/units/<code>/officers/<path:name>/delete", methods=["GET", "POST"])
def delete_officer(code, name):
    """Remove an officer named in no process step (GET: the confirmation page)."""
    unit = _unit_for_edit(code)
    record = services.officers.get(unit.code, name)
    if request.method == "GET":
        return render_template(
            "edit/confirm_delete.html", unit=unit, title=f"Xóa cán bộ {record.full_name}?",
            text=f"Cán bộ {record.full_name} sẽ bị xóa khỏi danh sách cán bộ của {unit.name}. "
                 "Nếu cán bộ chỉ chuyển công tác hoặc nghỉ, hãy bỏ dấu \"Đang công tác\" thay "
                 "vì xóa (lịch sử thay đổi vẫn giữ).",
            action=url_for("web.delete_officer", code=unit.code, name=record.full_name),
            button="Xóa cán bộ",
            back=url_for("web.edit_officer", code=unit.code, name=record.full_name))
    try:
        services.officers.delete(unit.code, record.full_name)
    except Conflict as exc:
        flash(exc.message, "error")
        return redirect(url_for("web.edit_officer", code=unit.code, name=record.full_name))
    flash("Đã xóa cán bộ.", "info")
    return redirect(url_for("web.unit", code=unit.code))


# --- assignments ------------------------------------------------------------------------
def _assignment_form(form, unit_code, procedure_code):
    return {
        "unit_code": unit_code, "procedure_code": procedure_code,
        "desk_name": text(form, "desk_name"), "desk_address": text(form, "desk_address"),
        "decision_number": text(form, "decision_number"),
        "process_steps": [
            # An unticked "at the desk" box means "not said": the service recognises the desk's
            # names itself.
            {**row, "at_desk": row["at_desk"] or None}
            for row in parse_rows(form, "process_steps", STEP_FIELDS,
                                  ("is_return_step", "at_desk"),
                                  ("task", "department", "officer_name", "duration"))],
    }


def _render_assignment(unit, procedure, data, errors, status=200, version=None, creating=False,
                       extra_row=False, start_from=None):
    steps = data.get("process_steps") or []
    rows = rows_for_display(steps, 2 if extra_row else 1)
    officers = [o.full_name for o in unit.officers if o.active]
    revisions = [] if creating else services.history(
        "assignment", f"{unit.code} / {procedure.code}")
    sources = services.assignments.process_sources(unit, procedure)
    return render_template(
        "edit/assignment.html", unit=unit, procedure=procedure, data=data, rows=rows,
        errors=errors, version=version, creating=creating, officers=officers, enums=enums,
        totals=running_totals(procedure, steps), revisions=revisions, sources=sources,
        start_from=start_from,
    ), status


@bp.route("/units/<code>/assignments/new", methods=["GET", "POST"])
def new_assignment(code):
    """Record that the unit implements a procedure (then edit its internal process)."""
    unit = _unit_for_edit(code)
    candidates = services.assignments.candidates(unit)
    if request.method == "POST":
        procedure_code = (request.form.get("procedure_code") or "").strip()
        try:
            services.assignments.create({"unit_code": unit.code, "procedure_code": procedure_code})
        except (ValidationFailed, Conflict) as exc:
            flash(exc.message, "error")
            return render_template("edit/assignment_new.html", unit=unit,
                                   errors=form_errors(exc.errors), candidates=candidates,
                                   procedure_code=procedure_code), exc.status
        flash("Đã thêm thủ tục; hãy khai báo quy trình nội bộ (có thể bắt đầu từ trình tự của "
              "thủ tục hoặc quy trình của đơn vị khác).", "info")
        return redirect(url_for("web.edit_assignment", code=unit.code, procedure_code=procedure_code))
    return render_template("edit/assignment_new.html", unit=unit, errors={}, candidates=candidates,
                           procedure_code=(request.args.get("procedure_code") or "").strip())


@bp.route("/units/<code>/assignments/<procedure_code>/edit", methods=["GET", "POST"])
def edit_assignment(code, procedure_code):
    """Edit the internal process of a procedure in a unit, with the running total of days."""
    unit = _unit_for_edit(code)
    record = services.assignments.get(unit.code, procedure_code)
    procedure = record.procedure
    if request.method == "GET":
        data = services.assignments.serialize(record)
        start_from = request.args.get("start_from") or None
        if start_from:
            steps = services.assignments.starting_steps(unit, procedure, start_from)
            if steps is None:
                flash("Không tìm thấy quy trình để bắt đầu từ đó.", "error")
            else:
                data["process_steps"] = steps
                flash("Đã điền các bước từ quy trình đã chọn: hãy sửa cho đúng đơn vị mình rồi "
                      "bấm Lưu (chưa lưu gì).", "info")
        return _render_assignment(unit, procedure, data, {}, version=record.version,
                                  start_from=start_from)
    data = _assignment_form(request.form, unit.code, procedure.code)
    version = request.form.get("version")
    if request.form.get("add_row"):
        return _render_assignment(unit, procedure, data, {}, version=version, extra_row=True)

    def rerender(errors, status):
        return _render_assignment(unit, procedure, data, errors, status, version)

    save = lambda: services.assignments.update(  # noqa: E731
        (unit.code, procedure.code), data, expected_version=version)
    return _save(save, rerender, "Đã lưu quy trình nội bộ.", url_for("web.unit", code=unit.code))


@bp.route("/units/<code>/assignments/<procedure_code>/delete", methods=["GET", "POST"])
def delete_assignment(code, procedure_code):
    """Stop implementing a procedure in the unit (GET: the confirmation page)."""
    unit = _unit_for_edit(code)
    record = services.assignments.get(unit.code, procedure_code)
    procedure = record.procedure
    if request.method == "GET":
        steps = len(record.process_steps)
        return render_template(
            "edit/confirm_delete.html", unit=unit,
            title=f"Gỡ thủ tục {procedure.code} khỏi {unit.name}?",
            text=f"Thủ tục \"{procedure.name}\" sẽ không còn trong danh sách thủ tục đơn vị thực "
                 f"hiện, và quy trình nội bộ của đơn vị cho thủ tục này ({steps} bước"
                 f"{', quyết định ' + record.decision.number if record.decision else ''}) bị xóa "
                 "theo. Người dân sẽ không thấy đơn vị là nơi tiếp nhận thủ tục này.",
            action=url_for("web.delete_assignment", code=unit.code,
                           procedure_code=procedure.code),
            button="Gỡ thủ tục khỏi đơn vị",
            back=url_for("web.edit_assignment", code=unit.code, procedure_code=procedure.code))
    services.assignments.delete(unit.code, procedure.code)
    flash("Đã gỡ thủ tục khỏi đơn vị.", "info")
    return redirect(url_for("web.unit", code=unit.code))
