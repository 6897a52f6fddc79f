"""Write endpoints: procedures, officers, assignments, units and the catalogue, with a token."""
from flask import request
from flask_smorest import Blueprint

from procedures import services
from procedures.errors import ServiceError, ValidationFailed
from procedures.schemas.outputs import (
    AssignmentOut,
    DecisionOut,
    FieldOut,
    LegalDocumentOut,
    OfficerOut,
    ProcedureOut,
    UnitOut,
)

bp = Blueprint("api_writes", __name__, description="Ghi dữ liệu (cần mã truy cập API)")


@bp.before_request
def _writers_only():
    """Who is asking comes first (401/403 before the body is read): the policy decides."""
    services.authorize_write()


def _body(schema_name):
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}},
        "security": [{"bearerAuth": []}]}


def json_body() -> dict:
    """The request's JSON object, or a 400 that says why."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError("Nội dung gửi lên phải là một đối tượng JSON (Content-Type: "
                           "application/json).", code="invalid_json", status=400)
    return data


def expected_version(data: dict):
    """The version the client last read (If-Match header or "version" in the body)."""
    raw = request.headers.get("If-Match", "").strip('" ') or data.pop("version", None)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationFailed([{"field": "version", "messages": ["Phiên bản phải là số nguyên."]}])


# --- procedures -------------------------------------------------------------------------
@bp.route("/procedures", methods=["POST"])
@bp.doc(**_body("ProcedureIn"))
@bp.response(201, ProcedureOut)
def create_procedure():
    """Create a procedure with its channels, steps, dossier and legal bases."""
    return services.procedures.create(json_body())


def _edit_procedure(code, partial):
    data = json_body()
    version = expected_version(data)
    return services.procedures.update((code,), data, partial=partial, expected_version=version)


@bp.route("/procedures/<code>", methods=["PUT"])
@bp.doc(**_body("ProcedureIn"))
@bp.response(200, ProcedureOut)
def replace_procedure(code):
    """Replace a procedure; its nested parts are replaced as a whole."""
    return _edit_procedure(code, partial=False)


@bp.route("/procedures/<code>", methods=["PATCH"])
@bp.doc(**_body("ProcedureIn"))
@bp.response(200, ProcedureOut)
def patch_procedure(code):
    """Change some fields of a procedure; absent fields keep their values."""
    return _edit_procedure(code, partial=True)


@bp.route("/procedures/<code>", methods=["DELETE"])
@bp.doc(security=[{"bearerAuth": []}])
@bp.response(204)
def delete_procedure(code):
    """Delete a procedure that no unit implements (abolish it otherwise)."""
    services.procedures.delete(code)


# --- officers and assignments (records of one unit) -------------------------------------
def _create_in_unit(service):
    return service.create(json_body())


def _edit_in_unit(service, unit_code, key, partial):
    data = json_body()
    version = expected_version(data)
    return service.update((unit_code, key), data, partial=partial, expected_version=version)


def _delete_in_unit(service, unit_code, key):
    service.delete(unit_code, key)


@bp.route("/officers", methods=["POST"])
@bp.doc(**_body("OfficerIn"))
@bp.response(201, OfficerOut)
def create_officer():
    """Add an officer to a unit."""
    return _create_in_unit(services.officers)


@bp.route("/units/<unit_code>/officers/<full_name>", methods=["PUT", "PATCH"])
@bp.doc(**_body("OfficerIn"))
@bp.response(200, OfficerOut)
def edit_officer(unit_code, full_name):
    """Replace (PUT) or change (PATCH) an officer of a unit."""
    partial = request.method == "PATCH"
    return _edit_in_unit(services.officers, unit_code, full_name, partial)


@bp.route("/units/<unit_code>/officers/<full_name>", methods=["DELETE"])
@bp.doc(security=[{"bearerAuth": []}])
@bp.response(204)
def delete_officer(unit_code, full_name):
    """Remove an officer who is named in no process step."""
    _delete_in_unit(services.officers, unit_code, full_name)


@bp.route("/assignments", methods=["POST"])
@bp.doc(**_body("AssignmentIn"))
@bp.response(201, AssignmentOut)
def create_assignment():
    """Record that a unit implements a procedure, with its internal process."""
    return _create_in_unit(services.assignments)


@bp.route("/units/<unit_code>/assignments/<procedure_code>", methods=["PUT", "PATCH"])
@bp.doc(**_body("AssignmentIn"))
@bp.response(200, AssignmentOut)
def edit_assignment(unit_code, procedure_code):
    """Replace (PUT) or change (PATCH) an assignment; process steps are replaced as a whole."""
    partial = request.method == "PATCH"
    return _edit_in_unit(services.assignments, unit_code, procedure_code, partial)


@bp.route("/units/<unit_code>/assignments/<procedure_code>", methods=["DELETE"])
@bp.doc(security=[{"bearerAuth": []}])
@bp.response(204)
def delete_assignment(unit_code, procedure_code):
    """Remove an assignment and its internal process."""
    _delete_in_unit(services.assignments, unit_code, procedure_code)


# --- units and the shared catalogue ------------------------------------------------------
@bp.route("/units", methods=["POST"])
@bp.doc(**_body("UnitIn"))
@bp.response(201, UnitOut)
def create_unit():
    """Create a unit (admins)."""
    return services.units.create(json_body())


@bp.route("/units/<code>", methods=["PATCH"])
@bp.doc(**_body("UnitIn"))
@bp.response(200, UnitOut)
def patch_unit(code):
    """Change a unit (editors: their own unit's name and one-stop desk only)."""
    return services.units.update((code,), json_body(), partial=True)


@bp.route("/units/<code>", methods=["DELETE"])
@bp.doc(security=[{"bearerAuth": []}])
@bp.response(204)
def delete_unit(code):
    """Delete a unit with nothing attached (admins)."""
    services.units.delete(code)


def _catalogue_routes(path, service, out_schema, key_name, schema_name, converter="string"):
    """POST creates, PUT/PATCH/DELETE change existing ones (the policy: editors add, admins
    change)."""

    def create():
        return service.create(json_body())

    def edit(partial, **kwargs):
        return service.update((kwargs[key_name],), json_body(), partial=partial)

    def replace(**kwargs):
        return edit(False, **kwargs)

    def patch(**kwargs):
        return edit(True, **kwargs)

    def delete(**kwargs):
        service.delete(kwargs[key_name])

    name = path.strip("/").replace("-", "_")
    for func, verb in ((create, "create"), (replace, "replace"), (patch, "patch"),
                       (delete, "delete")):
        func.__name__ = f"{verb}_{name}"
        func.__doc__ = f"{verb.capitalize()} {name.replace('_', ' ')} (shared catalogue)."
    bp.route(path, methods=["POST"])(bp.doc(**_body(schema_name))(
        bp.response(201, out_schema)(create)))
    # The same URL converter as the read route, so a key either matches both or neither.
    item = f"{path}/<{converter}:{key_name}>"
    bp.route(item, methods=["PUT"])(bp.doc(**_body(schema_name))(
        bp.response(200, out_schema)(replace)))
    bp.route(item, methods=["PATCH"])(bp.doc(**_body(schema_name))(
        bp.response(200, out_schema)(patch)))
    bp.route(item, methods=["DELETE"])(bp.doc(security=[{"bearerAuth": []}])(
        bp.response(204)(delete)))


_catalogue_routes("/fields", services.fields, FieldOut, "code", "FieldIn")
_catalogue_routes("/decisions", services.decisions, DecisionOut, "number", "DecisionIn", "path")
_catalogue_routes("/legal-documents", services.legal_documents, LegalDocumentOut, "number",
                  "LegalDocumentIn", "path")
