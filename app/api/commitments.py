"""Heads' commitments and annual tasks: records, how each target stands, the overdue list."""
from flask import request
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema, validate

from app.api.writes import expected_version, json_body
from app.http import download
from procedures import services
from procedures.audit import accountability
from procedures.schemas.fields import Int
from procedures.schemas.outputs import CommitmentOut, TargetStatusOut

bp = Blueprint("api_commitments", __name__,
               description="Cam kết của người đứng đầu, nhiệm vụ được giao và tình trạng chỉ tiêu")
SECURED = {"security": [{"bearerAuth": []}]}
BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "$ref": "#/components/schemas/CommitmentIn"}}}}, **SECURED}
ERROR_REF = {"description": "Lỗi theo dạng chung {status, code, message, errors}."}


class YearArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    year = Int(load_default=None, validate=validate.Range(min=2000, max=2100,
                                                          error="Năm không hợp lệ."))


@bp.route("/commitments")
@bp.arguments(YearArgs, location="query", as_kwargs=True)
@bp.response(200, CommitmentOut(many=True))
def list_commitments(year):
    """Every unit's commitments and tasks (the reform office)."""
    return services.commitments.listing(year)


@bp.route("/commitments/overdue")
@bp.arguments(YearArgs, location="query", as_kwargs=True)
@bp.response(200, TargetStatusOut(many=True))
def overdue(year):
    """Targets overdue (or regressed after their due date) across units (the reform office)."""
    return accountability.overdue(year)


@bp.route("/commitments", methods=["POST"])
@bp.doc(**BODY)
@bp.response(201, CommitmentOut)
def create_commitment():
    """Record a head's commitment or a unit's tasks of the year (admins)."""
    services.authorize_write()
    return services.commitments.create(json_body())


@bp.route("/units/<code>/commitments")
@bp.arguments(YearArgs, location="query", as_kwargs=True)
@bp.response(200, TargetStatusOut(many=True))
@bp.alt_response(404, **ERROR_REF)
def unit_commitments(code, year):
    """Every target of the unit's commitments and tasks with its latest state (its editors too)."""
    return accountability.unit_statuses(code, year)[1]


@bp.route("/units/<code>/commitments/<int(min=2000,max=2100):year>/report.xlsx")
@bp.response(200, description="Báo cáo cuối năm (XLSX).")
@bp.alt_response(404, **ERROR_REF)
def unit_report(code, year):
    """The year-end report of a unit: targets, state, evidence runs (XLSX)."""
    unit, items = accountability.unit_statuses(code, year)
    return download(accountability.report_xlsx(unit, year, items),
                    f"cam-ket-{unit.code}-{year}.xlsx")


@bp.route("/units/<code>/commitments/<int(min=2000,max=2100):year>/<kind>")
@bp.response(200, CommitmentOut)
@bp.alt_response(404, **ERROR_REF)
def get_commitment(code, year, kind):
    """One commitment (kind commitment) or the unit's tasks (kind task) of a year."""
    unit = services.units.get(code)
    services.commitments.authorize_read(unit)  # rights first: never tell what another unit has
    return services.commitments.get(unit.code, year, kind)


@bp.route("/units/<code>/commitments/<int(min=2000,max=2100):year>/<kind>",
          methods=["PUT", "PATCH"])
@bp.doc(**BODY)
@bp.response(200, CommitmentOut)
def edit_commitment(code, year, kind):
    """Replace (PUT) or change (PATCH) a commitment; targets are replaced as a whole (admins)."""
    services.authorize_write()
    data = json_body()
    version = expected_version(data)
    return services.commitments.update((code, year, kind), data,
                                       partial=request.method == "PATCH",
                                       expected_version=version)


@bp.route("/units/<code>/commitments/<int(min=2000,max=2100):year>/<kind>", methods=["DELETE"])
@bp.doc(**SECURED)
@bp.response(204)
def delete_commitment(code, year, kind):
    """Delete a commitment with its targets and their evaluations (admins)."""
    services.authorize_write()
    services.commitments.delete(code, year, kind)


@bp.route("/units/<code>/inventory")
@bp.response(200, description="Danh mục thủ tục của đơn vị: quyết định công bố, thực hiện hay "
             "không phát sinh, quy trình nội bộ, mức trực tuyến, tình trạng.")
@bp.alt_response(404, **ERROR_REF)
def unit_inventory(code):
    """The unit's inventory (its editors and the office)."""
    from procedures.audit.inventory import rows_for_export
    from procedures.audit.inventory import unit_inventory as inventory

    unit, source, rows = inventory(code)
    return {"unit": {"code": unit.code, "name": unit.name}, "source": source,
            "items": [{**item, "state_code": r.state}
                      for item, r in zip(rows_for_export(rows), rows)]}
