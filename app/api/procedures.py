"""Procedures and units: read endpoints."""
from flask_smorest import Blueprint

from app import pagecache
from app.api.common import ProcedureArgs, UnitArgs, envelope
from app.http import moved_unit
from procedures import services
from procedures.schemas.outputs import ProcedureOut, ProcedureSummaryOut, UnitDetailOut, UnitOut, page_schema

ERROR_REF = {"description": "Lỗi theo dạng chung {status, code, message, errors}."}
bp = Blueprint("api_procedures", __name__, description="Thủ tục hành chính và đơn vị")


@bp.route("/procedures")
@pagecache.cached("api_procedures", anonymous_only=False)
@bp.arguments(ProcedureArgs, location="query", as_kwargs=True)
@bp.response(200, page_schema(ProcedureSummaryOut, "ProcedurePage"))
def list_procedures(page, per_page, q, field, level, status, online_level, unit, decision):
    """List procedures, filtered by field, level, status, online level, implementing unit or
    publishing decision (what it published, amended, abolished or listed in a catalogue)."""
    stmt = services.search_procedures(q=q, field_code=field, level=level, status=status,
                                      unit_code=unit, online_level=online_level,
                                      decision=decision)
    return envelope(services.paginate(stmt, page, per_page))


@bp.route("/procedures/<code>")
@bp.response(200, ProcedureOut)
def get_procedure(code):
    """One procedure with its decision, legal basis, channels, steps and dossier."""
    return services.procedures.get(code)


@bp.route("/units")
@bp.arguments(UnitArgs, location="query", as_kwargs=True)
@bp.response(200, page_schema(UnitOut, "UnitPage"))
def list_units(page, per_page, q, level, kind, parent):
    """List units (provinces, departments, wards, communes…)."""
    stmt = services.search_units(q=q, level=level, kind=kind, parent_code=parent)
    return envelope(services.paginate(stmt, page, per_page, max_per_page=500))


@bp.route("/units/<code>")
@bp.response(200, UnitDetailOut)
@bp.alt_response(301, description="Mã cũ của một đơn vị (đã đổi mã hoặc sáp nhập): Location là "
                 "địa chỉ theo mã hiện tại.")
@bp.alt_response(404, **ERROR_REF)
def get_unit(code):
    """One unit with its desk, officers and the procedures it implements."""
    unit = services.units.get(code)
    moved = moved_unit(unit, code)
    if moved is not None:
        return moved
    services.units.load_details(unit)
    return unit
