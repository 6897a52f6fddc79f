"""JSON API under /api/v1, documented at /api/v1/openapi.json."""
from app.api import (
    audits,
    catalogue,
    commitments,
    imports,
    jobs,
    procedures,
    province_catalogue,
    search,
    writes,
)
from procedures.schemas import inputs

INPUT_SCHEMAS = ("UnitIn", "FieldIn", "DecisionIn", "LegalDocumentIn", "ProcedureIn", "OfficerIn",
                 "AssignmentIn", "CatalogueEntryIn", "NotArisingIn", "CommitmentIn")


def register_api(api):
    """Register the API blueprints by name, the input schemas and the token scheme."""
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer",
                       "description": "Mã truy cập tạo bằng `flask users token USERNAME`."})
    for name in INPUT_SCHEMAS:
        api.spec.components.schema(name, schema=getattr(inputs, name))
    api.register_blueprint(procedures.bp, url_prefix="/api/v1")
    api.register_blueprint(catalogue.bp, url_prefix="/api/v1")
    api.register_blueprint(writes.bp, url_prefix="/api/v1")
    api.register_blueprint(search.bp, url_prefix="/api/v1")
    api.register_blueprint(audits.bp, url_prefix="/api/v1")
    api.register_blueprint(imports.bp, url_prefix="/api/v1")
    api.register_blueprint(jobs.bp, url_prefix="/api/v1")
    api.register_blueprint(province_catalogue.bp, url_prefix="/api/v1")
    api.register_blueprint(commitments.bp, url_prefix="/api/v1")
