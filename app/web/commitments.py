"""Heads' commitments and annual tasks: the office's list and overdue targets, a unit's own page,
the form (admins), the year-end report (printable and XLSX)."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for

from app.http import download
from app.web.blueprint import bp
from app.web.formdata import form_errors, parse_rows, rows_for_display, text
from procedures import services
from procedures.audit import accountability
from procedures.errors import Conflict, ValidationFailed
from procedures.indicators import INDICATORS
from procedures.models.commitments import COMMITMENT_KINDS, TARGET_STATES
from procedures.schemas.inputs import FINDING_KINDS

TARGET_FIELDS = ("position", "title", "indicator", "threshold", "finding", "max_findings",
                 "due_on")
FIELDS = ("unit_code", "year", "kind", "head_name", "head_position", "signed_on",
          "document_number", "note")


def _year_arg():
    raw = (request.args.get("year") or "").strip()
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


@bp.route("/commitments")
def commitments():
    """Every unit's commitments and tasks with the state of each target; the overdue list."""
    year = _year_arg()
    records = services.commitments.listing(year)
    items = accountability.statuses(records)
    overdue = [s for s in items if s.state == "overdue" or (
        s.state == "regressed" and s.as_of and s.as_of > s.target.due_on)]
    return render_template("commitments/list.html", records=records, items=items,
                           overdue=overdue, year=year, counts=accountability.state_counts(items),
                           states=TARGET_STATES, kinds=COMMITMENT_KINDS,
                           can_manage=services.commitments.can_manage())


@bp.route("/units/<code>/commitments")
def unit_commitments(code):
    """A unit's commitments and tasks: is its head keeping them? (its editors and the office)"""
    year = _year_arg()
    unit, items = accountability.unit_statuses(code, year)
    years = sorted({s.commitment.year for s in items}, reverse=True)
    return render_template("commitments/unit.html", unit=unit, items=items, year=year,
                           years=years, states=TARGET_STATES, kinds=COMMITMENT_KINDS,
                           counts=accountability.state_counts(items),
                           can_manage=services.commitments.can_manage())


@bp.route("/units/<code>/commitments/<int(min=2000,max=2100):year>/report")
def commitment_report(code, year):
    """The year-end report of a unit, printable (the input of the PAR self-assessment)."""
    unit, items = accountability.unit_statuses(code, year)
    return render_template("commitments/report.html", unit=unit, year=year, items=items,
                           rows=accountability.report_rows(items),
                           columns=accountability.REPORT_COLUMNS, today=date.today(),
                           counts=accountability.state_counts(items), states=TARGET_STATES)


@bp.route("/units/<code>/commitments/<int(min=2000,max=2100):year>/report.xlsx")
def commitment_report_xlsx(code, year):
    unit, items = accountability.unit_statuses(code, year)
    return download(accountability.report_xlsx(unit, year, items),
                    f"cam-ket-{unit.code}-{year}.xlsx")


def _form(form):
    data = {name: text(form, name) for name in FIELDS}
    data["targets"] = parse_rows(form, "targets", TARGET_FIELDS,
                                 content=("title", "indicator", "finding", "due_on"))
    for row in data["targets"]:
        if row.get("max_findings") is None:
            row.pop("max_findings")
    return data


@bp.route("/commitments/new", methods=["GET", "POST"])
@bp.route("/units/<code>/commitments/<int(min=2000,max=2100):year>/<kind>/edit",
          methods=["GET", "POST"])
def edit_commitment(code=None, year=None, kind=None):
    """Record (admins) a head's commitment or a unit's tasks, with their targets."""
    services.commitments.authorize_new()
    record = services.commitments.get(code, year, kind) if code else None
    if request.method == "GET":
        data = services.commitments.serialize(record) if record else {
            "year": date.today().year, "kind": "commitment",
            "unit_code": request.args.get("unit") or None}
        return _render(record, data, {})
    data = _form(request.form)
    try:
        if record is None:
            record = services.commitments.create(data)
            flash(f"Đã ghi nhận {COMMITMENT_KINDS[record.kind].lower()} năm {record.year} của "
                  f"{record.unit.name}.", "info")
        else:
            services.commitments.update((record.unit.code, record.year, record.kind), data)
            flash("Đã lưu. Tình trạng chỉ tiêu được đánh giá lại ở lần kiểm soát sau.", "info")
    except ValidationFailed as exc:
        flash("Dữ liệu chưa hợp lệ: xem thông báo ở từng ô bên dưới.", "error")
        return _render(record, data, form_errors(exc.errors), 422)
    except Conflict as exc:
        flash(exc.message, "error")
        return _render(record, data, form_errors(exc.errors), 409)
    return redirect(url_for("web.unit_commitments", code=record.unit.code, year=record.year))


@bp.route("/units/<code>/commitments/<int(min=2000,max=2100):year>/<kind>/delete",
          methods=["POST"])
def delete_commitment(code, year, kind):
    """Delete a commitment with its targets and their evaluations (admins)."""
    services.commitments.authorize_new()
    services.commitments.delete(code, year, kind)
    flash("Đã xóa.", "info")
    return redirect(url_for("web.commitments"))


def _render(record, data, errors, status=200):
    key = services.commitments.key_text((record.unit.code, record.year, record.kind)) \
        if record else None
    return render_template(
        "commitments/edit.html", record=record, data=data, errors=errors,
        rows=rows_for_display(data.get("targets") or [], 3), kinds=COMMITMENT_KINDS,
        indicators={i.code: i.label for i in INDICATORS}, finding_kinds=FINDING_KINDS,
        revisions=services.history("commitment", key) if record else []), status


@bp.route("/units/<code>/inventory")
def unit_inventory(code):
    """The unit's inventory: its catalogue, under which decision, implemented or not arising."""
    from procedures.audit.inventory import unit_inventory as inventory

    unit, source, rows = inventory(code)
    counts = {state: sum(1 for r in rows if r.state == state)
              for state in ("implements", "not_arising", "missing")}
    return render_template("commitments/inventory.html", unit=unit, source=source, rows=rows,
                           counts=counts)


@bp.route("/units/<code>/inventory.xlsx")
def unit_inventory_xlsx(code):
    from procedures.audit.exports import to_xlsx
    from procedures.audit.inventory import COLUMNS, rows_for_export, unit_inventory

    unit, _, rows = unit_inventory(code)
    return download(to_xlsx(COLUMNS, rows_for_export(rows), f"Danh mục {unit.code}"),
                    f"danh-muc-{unit.code}.xlsx")
