"""GET /api/v1/search: the citizen search with facets."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.api.common import PageArgs
from procedures import enums
from procedures.schemas.fields import Text, one_of
from procedures.schemas.outputs import ProcedureSummaryOut
from procedures.search import run_search

bp = Blueprint("api_search", __name__, description="Tìm kiếm thủ tục (không dấu cũng được)")


class SearchArgs(PageArgs):
    q = Text(load_default="", validate=validate.Length(max=10000))
    field = Text(load_default=None)
    level = Text(load_default=None, validate=one_of(enums.LEVELS))
    online_level = Text(load_default=None, validate=one_of(enums.ONLINE_LEVELS))
    unit = Text(load_default=None)
    subject = Text(load_default=None, validate=one_of(enums.SUBJECT_TAGS))


class HighlightOut(Schema):
    name = fields.String(metadata={"description": "HTML with <mark>, escaped"})
    body = fields.String(allow_none=True)


class SearchOut(Schema):
    items = fields.List(fields.Nested(ProcedureSummaryOut))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    pages = fields.Integer()
    facets = fields.Dict(keys=fields.String(), values=fields.Dict(
        keys=fields.String(), values=fields.Integer()))
    highlights = fields.Dict(keys=fields.String(), values=fields.Nested(HighlightOut))
    suggestion = fields.String(allow_none=True)
    corrected = fields.Boolean(metadata={
        "description": "nothing matched q: the items are the suggestion's results"})
    exact_code = fields.Boolean()


@bp.route("/search")
@bp.arguments(SearchArgs, location="query", as_kwargs=True)
@bp.response(200, SearchOut)
def search_procedures(q, field, level, online_level, unit, subject, page, per_page):
    """Find procedures by words (accents optional, typos tolerated) or by code."""
    filters = {"field_code": field, "level": level, "online_level": online_level,
               "unit_code": unit, "subject_tag": subject}
    return run_search(q, filters, page, per_page)
