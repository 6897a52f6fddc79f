"""Audit dashboard for the reform office: league table, unit findings, trend, exports, run."""
import json
from datetime import date

from flask import flash, redirect, render_template, request, url_for

from app.http import CSV, XLSX, download, page_arg
from app.web.audit_chart import trend_svg
from app.web.blueprint import bp
from app.web.jobs import to_job_page
from importers.fixbook import build_fix_workbook
from jobs import submit
from procedures import enums, policy, services
from procedures.audit import exports, results
from procedures.audit.integration import NotReady, build_package
from procedures.audit.rules import COMPONENTS, RULES_BY_ID
from procedures.errors import ServiceError
from procedures.indicators import INDICATORS, share
from procedures.schemas.audit import record_path
from procedures.services import current_actor, notifications, province_catalogue
from procedures.services.jobs import JobRunning

PER_PAGE = 100


def _filters(values=None):
    values = request.args if values is None else values
    level = values.get("level") if values.get("level") in enums.LEVELS else None
    kind = values.get("kind") if values.get("kind") in enums.UNIT_KINDS else None
    ready = {"yes": True, "no": False}.get(values.get("ready"))
    province = (values.get("province") or "").strip()[:64] or None
    sort = values.get("sort") if values.get("sort") in results.SORTS else None
    return {"level": level, "kind": kind, "ready": ready, "province": province, "sort": sort}


ARG_NAMES = ("level", "kind", "ready", "province", "sort")


@bp.route("/audit")
def audit_league():
    """League table of units: ready or not, score, blockers, warnings, change since last run."""
    filters = _filters()
    rows = results.league(**filters)
    page = page_arg()
    pager = services.Page(rows[(page - 1) * PER_PAGE: page * PER_PAGE], len(rows), page, PER_PAGE)
    office = results.can_read_runs()
    runs = services.paginate(results.runs_query(), 1, 5).items if office else []
    args = {k: request.args.get(k) for k in ARG_NAMES if request.args.get(k)}
    by = "field" if request.args.get("by") == "field" else "province"
    return render_template("audit/league.html", page=pager, runs=runs, args=args,
                           today=date.today(), office=office,
                           ready_count=sum(1 for r in rows if r.ready), **filters,
                           levels=enums.LEVELS, kinds=enums.UNIT_KINDS,
                           provinces=results.province_choices(), indicators=INDICATORS,
                           rollup=results.rollup(rows, by), by=by, share=share)


@bp.route("/audit/league.<any(csv, xlsx):fmt>")
def audit_league_export(fmt):
    """The league table (with the page's filters) as CSV or XLSX."""
    rows = exports.league_rows(results.league(**_filters()))
    if fmt == "csv":
        return download(exports.to_csv(exports.LEAGUE_COLUMNS, rows), "kiem-soat.csv",
                         CSV)
    return download(exports.to_xlsx(exports.LEAGUE_COLUMNS, rows, "Bảng xếp hạng"),
                     "kiem-soat.xlsx", XLSX)


@bp.route("/audit/league/export", methods=["POST"])
def audit_league_export_job():
    """The league table as a file made in the background (large exports); then its download."""
    fmt = "csv" if request.form.get("fmt") == "csv" else "xlsx"
    filters = {k: v for k, v in _filters(request.form).items() if v is not None}
    try:
        job = submit("report_export", {"fmt": fmt, "filters": filters})
    except ServiceError as exc:
        if exc.status in (401, 403):
            raise
        flash(exc.message, "error")
        return redirect(url_for("web.audit_league"))
    return to_job_page(job)


def _as_of_arg():
    """The form's "as of" date: None for today, False when it is not a date."""
    text = (request.form.get("as_of") or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return False


@bp.route("/audit/run", methods=["POST"])
def audit_run():
    """Run the audit (one unit or all) as of a date and show the result."""
    unit_code = (request.form.get("unit_code") or "").strip() or None
    back = url_for("web.audit_unit", code=unit_code) if unit_code else url_for(
        "web.audit_league")
    as_of = _as_of_arg()
    if as_of is False:
        flash("Ngày kiểm soát không hợp lệ: chọn một ngày (dd/mm/yyyy).", "error")
        return redirect(back)
    try:
        job = submit("audit", {"unit_code": unit_code,
                               "below": bool(unit_code and request.form.get("below")),
                               "as_of": as_of.isoformat() if as_of else None},
                     unit_code=unit_code)
    except JobRunning as exc:
        flash(f"{exc.message} Xem tiến độ: việc số {exc.job_id}.", "error")
        return redirect(url_for("web.job_page", job_id=exc.job_id, follow=1))
    except ServiceError as exc:
        if exc.status in (401, 403, 404):
            raise
        flash(exc.message, "error")
        return redirect(back)
    if job.state == "failed":
        flash(job.error, "error")
        return redirect(back)
    if job.state != "done":
        return redirect(url_for("web.job_page", job_id=job.id, follow=1))
    result = job.result
    flash(f"Đã kiểm soát {result['units_count']} đơn vị tính đến ngày "
          f"{date.fromisoformat(result['as_of']):%d/%m/%Y}: "
          f"{result['ready_count']} đủ điều kiện tích hợp.", "info")
    return redirect(back)


# Where a finding about part of a procedure is fixed on the procedure form (an anchor there).
PROCEDURE_ANCHORS = {"channel": "part-channels", "dossier_item": "part-dossier_items",
                     "decision": "f-decisions", "legal_document": "f-legal_bases"}
PROCEDURE_PARTS = {"steps": "part-steps", "channels": "part-channels",
                   "dossier_items": "part-dossier_items"}
REMOVE_ASSIGNMENT = {"assignment.procedure.abolished", "assignment.procedure.level_mismatch"}
OFFICER_FLAGS = {"unit.desk_officer.missing": "is_desk_officer",
                 "unit.signing_officer.missing": "has_signing_account"}


def fix_href(finding, unit, may_edit_unit, may_edit_procedure):
    """The form that fixes a finding, when the acting user may use it (else None)."""
    kind, code = finding.record_type, finding.procedure_code
    rule = RULES_BY_ID.get(finding.rule_id)
    field = finding.field or (rule.field if rule else None)
    if kind in ("procedure", "channel", "dossier_item", "decision", "legal_document"):
        if not code or not may_edit_procedure(code):
            return None
        anchor = PROCEDURE_ANCHORS.get(kind) or PROCEDURE_PARTS.get(field) or f"f-{field}"
        return url_for("web.edit_procedure", code=code, _anchor=anchor)
    if not may_edit_unit:
        return None
    if finding.rule_id == "unit.coverage.missing":
        return url_for("web.new_assignment", code=unit.code, procedure_code=code)
    if kind in ("assignment", "process_step") and code:
        if finding.rule_id in REMOVE_ASSIGNMENT:
            return url_for("web.delete_assignment", code=unit.code, procedure_code=code)
        if field == "decision_number":
            anchor = "f-decision_number"
        elif kind == "process_step":
            _, _, channel, position = (finding.record_key.split("/", 3) + ["", "", "", ""])[:4]
            anchor = f"step-{'all' if channel in ('*', '') else channel}-{position}"
        else:
            anchor = "process"
        return url_for("web.edit_assignment", code=unit.code, procedure_code=code,
                       _anchor=anchor)
    if kind == "officer":
        flag = OFFICER_FLAGS.get(finding.rule_id)
        return url_for("web.unit", code=unit.code, _anchor="officers") if flag is None else (
            url_for("web.edit_officer", code=unit.code, **{flag: 1}))
    if kind == "unit" and field and field.startswith("desk"):
        return url_for("web.edit_unit", code=unit.code, _anchor=f"f-{field}")
    return None


def fix_links(unit, findings) -> dict:
    """{finding id: (href, text)}: "Sửa" to the form that fixes it, else "Xem" the record."""
    may_edit_unit = services.units.can_edit(unit)
    procedures = {}

    def may_edit_procedure(code):
        if code not in procedures:
            record = services.procedures.find((code,))
            procedures[code] = record is not None and services.procedures.can_edit(record)
        return procedures[code]

    links = {}
    for finding in findings:
        href = fix_href(finding, unit, may_edit_unit, may_edit_procedure)
        links[finding.id] = (href, "Sửa") if href else (record_path(finding), "Xem")
    return links


@bp.route("/audit/units/<code>")
def audit_unit(code):
    """A unit's latest result: findings grouped by rule, components, trend across runs."""
    unit = services.units.get(code)
    result = results.latest_result(unit)
    history = results.history(unit)
    points = [(f"Lần {run.id} · {run.started_at:%d/%m/%Y %H:%M}", r.score, r.blockers)
              for run, r in history]
    findings = results.findings_of(result) if result else []
    not_arising = province_catalogue.not_arising_of(unit)
    previous = history[-2][1] if len(history) > 1 else None
    return render_template(
        "audit/unit.html", unit=unit, result=result, previous=previous, history=history,
        run=history[-1][0] if history else None, today=date.today(),
        groups=results.group_by_rule(findings), chart=trend_svg(points),
        components=COMPONENTS, links=fix_links(unit, findings),
        can_follow=policy.allowed(current_actor(), "follow", "unit"),
        following=notifications.follows(unit), not_arising=not_arising,
        can_record=services.not_arising.can_record(unit))


@bp.route("/audit/units/<code>/findings.<any(csv, xlsx):fmt>")
def audit_unit_export(code, fmt):
    """A unit's latest findings as CSV or XLSX."""
    unit, result = results.require_latest_result(code)
    rows = exports.finding_rows(results.findings_of(result), unit.name)
    name = f"kiem-soat-{unit.code}.{fmt}"
    if fmt == "csv":
        return download(exports.to_csv(exports.FINDING_COLUMNS, rows), name,
                         CSV)
    return download(exports.to_xlsx(exports.FINDING_COLUMNS, rows, unit.code), name, XLSX)


@bp.route("/audit/units/<code>/integration.json")
def audit_integration(code):
    """Download the integration package; a unit that is not ready gets 409 with its blockers."""
    unit = services.units.get(code)
    try:
        package = build_package(code)
    except NotReady as exc:
        return render_template("audit/not_ready.html", unit=unit, error=exc), 409
    body = json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")
    return download(body, f"tich-hop-{unit.code}.json", "application/json")


@bp.route("/audit/units/<code>/fix.xlsx")
def audit_fix_workbook(code):
    """The import template filled with the unit's data, what to fix highlighted and commented."""
    return download(build_fix_workbook(code), f"can-sua-{code}.xlsx", XLSX)
