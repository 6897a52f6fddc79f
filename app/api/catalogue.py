"""Fields, publishing decisions and legal documents: read endpoints."""
from flask_smorest import Blueprint

from app.api.common import PageArgs, envelope
from procedures import services
from procedures.schemas.outputs import DecisionOut, FieldOut, LegalDocumentOut, page_schema

bp = Blueprint("api_catalogue", __name__, description="Lĩnh vực, quyết định công bố, văn bản căn cứ")


@bp.route("/fields")
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, page_schema(FieldOut, "FieldPage"))
def list_fields(page, per_page):
    """List the fields of procedures."""
    return envelope(services.paginate(services.fields.list_query(), page, per_page))


@bp.route("/fields/<code>")
@bp.response(200, FieldOut)
def get_field(code):
    """One field."""
    return services.fields.get(code)


@bp.route("/decisions")
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, page_schema(DecisionOut, "DecisionPage"))
def list_decisions(page, per_page):
    """List publishing decisions, newest first."""
    return envelope(services.paginate(services.decisions.list_query(), page, per_page))


@bp.route("/decisions/<path:number>")
@bp.response(200, DecisionOut)
def get_decision(number):
    """One decision by number (for example 2228/QĐ-UBND)."""
    return services.decisions.get(number)


@bp.route("/legal-documents")
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, page_schema(LegalDocumentOut, "LegalDocumentPage"))
def list_legal_documents(page, per_page):
    """List legal documents cited as legal basis."""
    return envelope(services.paginate(services.legal_documents.list_query(), page, per_page))


@bp.route("/legal-documents/<path:number>")
@bp.response(200, LegalDocumentOut)
def get_legal_document(number):
    """One legal document by number (for example 123/2015/NĐ-CP)."""
    return services.legal_documents.get(number)
