"""Province catalogue pages (what each province published per level, and the catalogue's
findings; admins add and remove lines) and the unit's "không phát sinh" forms."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for

from app.web.blueprint import bp
from app.web.formdata import form_errors, text
from procedures import services
from procedures.errors import Conflict, ValidationFailed
from procedures.schemas.inputs import CATALOGUE_LEVELS
from procedures.services import province_catalogue as catalogue


def _as_of() -> date:
    try:
        return date.fromisoformat(request.args.get("as_of") or "")
    except ValueError:
        return date.today()


def _level():
    level = request.args.get("level")
    return level if level in CATALOGUE_LEVELS else None


@bp.route("/provinces")
def provinces():
    """Every province and how many lines of its catalogue the registry holds."""
    return render_template("catalogue/provinces.html", rows=catalogue.provinces())


def _render(province, data=None, errors=None, status=200):
    level, as_of = _level(), _as_of()
    report = catalogue.catalogue_report(province, level, as_of)
    return render_template(
        "catalogue/province.html", province=province, report=report, level=level, as_of=as_of,
        levels=CATALOGUE_LEVELS, editable=catalogue.can_publish(), data=data or {},
        errors=errors or {}), status


@bp.route("/provinces/<code>/catalogue")
def province_catalogue(code):
    """A province's catalogue grouped by level and field, with the catalogue's findings."""
    return _render(catalogue.get_province(code))


@bp.route("/provinces/<code>/catalogue", methods=["POST"])
def add_catalogue_entry(code):
    """Add or change a line of the province's catalogue (admins)."""
    province = catalogue.get_province(code)
    data = {"province_code": province.code, "level": text(request.form, "level"),
            "procedure_code": text(request.form, "procedure_code"),
            "decision_number": text(request.form, "decision_number"),
            "position": text(request.form, "position"), "note": text(request.form, "note")}
    try:
        services.catalogue_entries.upsert(data)
    except (ValidationFailed, Conflict) as exc:
        flash("Dữ liệu chưa hợp lệ: xem thông báo bên dưới.", "error")
        return _render(province, data, form_errors(exc.errors), exc.status)
    flash(f"Đã ghi thủ tục {data['procedure_code']} vào danh mục của {province.name}.", "info")
    return redirect(url_for("web.province_catalogue", code=province.code, level=data["level"]))


@bp.route("/provinces/<code>/catalogue/<level>/<procedure_code>/delete", methods=["POST"])
def delete_catalogue_entry(code, level, procedure_code):
    """Remove a line of the province's catalogue (admins)."""
    services.catalogue_entries.delete(code, level, procedure_code)
    flash(f"Đã bỏ thủ tục {procedure_code} khỏi danh mục.", "info")
    return redirect(url_for("web.province_catalogue", code=code, level=level))


@bp.route("/units/<code>/not-arising", methods=["POST"])
def add_not_arising(code):
    """Record that a procedure does not arise in the unit, and why (the unit's editor, admins)."""
    unit = services.units.get(code)
    data = {"unit_code": unit.code, "procedure_code": text(request.form, "procedure_code"),
            "reason": text(request.form, "reason")}
    try:
        services.not_arising.upsert(data)
    except ValidationFailed as exc:
        messages = "; ".join(m for e in exc.errors for m in e["messages"])
        flash(f"Chưa ghi được: {messages}", "error")
        return redirect(url_for("web.audit_unit", code=unit.code) + "#not-arising"), 303
    flash(f"Đã ghi nhận thủ tục {data['procedure_code']} không phát sinh ở {unit.name}.", "info")
    return redirect(url_for("web.audit_unit", code=unit.code) + "#not-arising")


@bp.route("/units/<code>/not-arising/<procedure_code>/delete", methods=["POST"])
def delete_not_arising(code, procedure_code):
    """Withdraw a not-arising record (the procedure is required again)."""
    services.not_arising.delete(code, procedure_code)
    flash(f"Đã bỏ ghi nhận không phát sinh của thủ tục {procedure_code}.", "info")
    return redirect(url_for("web.audit_unit", code=code) + "#not-arising")


def _matrix(code):
    from procedures.audit.matrix import province_matrix

    return province_matrix(code, request.args.get("field") or None, _level())


@bp.route("/provinces/<code>/matrix")
def province_matrix(code):
    """The province's units × its catalogue: one cell kind each, counts per unit and procedure
    (the reform office)."""
    from procedures.audit.matrix import KIND_LABELS, KIND_MARKS, KINDS

    matrix = _matrix(code)
    return render_template("catalogue/matrix.html", m=matrix, kinds=KINDS, labels=KIND_LABELS,
                           marks=KIND_MARKS, levels=CATALOGUE_LEVELS, level=_level(),
                           field=request.args.get("field") or "")


@bp.route("/provinces/<code>/matrix.xlsx")
def province_matrix_xlsx(code):
    from app.http import download
    from procedures.audit.exports import to_xlsx
    from procedures.audit.matrix import export_rows

    matrix = _matrix(code)
    columns, rows = export_rows(matrix)
    return download(to_xlsx(columns, rows, f"Ma trận {matrix.province.code}"[:31]),
                    f"ma-tran-{matrix.province.code}.xlsx")
