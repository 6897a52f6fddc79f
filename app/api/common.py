"""Shared pieces of the API: query arguments and the page envelope."""
from marshmallow import EXCLUDE, Schema, pre_load, validate

from procedures import enums
from procedures.schemas.base import normalise_text
from procedures.schemas.fields import Int, Text, one_of


class PageArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _normalise(self, data, **kwargs):
        """Query text as input text is: NFC, trimmed, control characters (NUL…) removed;
        a parameter left empty takes its default."""
        values = {key: normalise_text(data.get(key)) for key in data}
        return {key: value for key, value in values.items() if value is not None}

    page = Int(load_default=1, validate=validate.Range(min=1, max=100000,
                                                       error="Số trang không hợp lệ."))
    per_page = Int(load_default=20, validate=validate.Range(
        min=1, max=200, error="Số bản ghi mỗi trang từ 1 đến 200."))


class ProcedureArgs(PageArgs):
    q = Text(load_default=None, validate=validate.Length(max=200))
    field = Text(load_default=None)
    level = Text(load_default=None, validate=one_of(enums.LEVELS))
    status = Text(load_default=None, validate=one_of(enums.PROCEDURE_STATUSES))
    online_level = Text(load_default=None, validate=one_of(enums.ONLINE_LEVELS))
    unit = Text(load_default=None)
    decision = Text(load_default=None, validate=validate.Length(max=64), metadata={
        "description": "Số quyết định công bố (vd. 2228/QĐ-UBND): thủ tục quyết định đó công bố, "
                       "sửa đổi, bãi bỏ hoặc đưa vào danh mục của tỉnh"})


class UnitArgs(PageArgs):
    q = Text(load_default=None, validate=validate.Length(max=200))
    level = Text(load_default=None, validate=one_of(enums.LEVELS))
    kind = Text(load_default=None, validate=one_of(enums.UNIT_KINDS))
    parent = Text(load_default=None)


def envelope(page):
    """A Page as the API's list body."""
    return {"items": page.items, "total": page.total, "page": page.page,
            "per_page": page.per_page, "pages": page.pages}
