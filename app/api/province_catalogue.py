"""Province catalogues (GET a province's catalogue per level, with its findings; admins add and
remove lines) and a unit's "không phát sinh" records (the unit's editor or admins)."""
from flask import request
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema

from procedures import services
from procedures.errors import ServiceError
from procedures.schemas.fields import Date, Text, one_of
from procedures.schemas.inputs import CATALOGUE_LEVELS
from procedures.schemas.province_catalogue import CatalogueEntryOut, CatalogueOut, NotArisingOut, ProvinceOut
from procedures.services import province_catalogue as catalogue

bp = Blueprint("api_catalogues", __name__,
               description="Danh mục TTHC của tỉnh theo cấp; thủ tục không phát sinh ở đơn vị")
ERROR_REF = {"description": "Lỗi theo dạng chung {status, code, message, errors}."}
SECURED = {"security": [{"bearerAuth": []}]}


class CatalogueArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    level = Text(load_default=None, validate=one_of(CATALOGUE_LEVELS),
                 metadata={"description": "province, district, commune; bỏ trống = mọi cấp"})
    as_of = Date(load_default=None, metadata={
        "description": "Tính đến ngày (YYYY-MM-DD; mặc định hôm nay): dòng có quyết định chưa "
                       "có hiệu lực không tính là phát hiện."})


def _json() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError("Nội dung gửi lên phải là một đối tượng JSON (Content-Type: "
                           "application/json).", code="invalid_json", status=400)
    return data


@bp.route("/provinces")
@bp.response(200, ProvinceOut(many=True))
def list_provinces():
    """Every province with the number of catalogue lines recorded."""
    return [{"code": u.code, "name": u.name, "lines": n} for u, n in catalogue.provinces()]


@bp.route("/provinces/<code>/catalogue")
@bp.arguments(CatalogueArgs, location="query", as_kwargs=True)
@bp.response(200, CatalogueOut)
@bp.alt_response(404, **ERROR_REF)
def get_catalogue(code, level, as_of):
    """The province's catalogue (one level or all) as its annexes list it, with how many units of
    the level implement each line; a line in force no unit of its level implements is a finding."""
    return catalogue.catalogue_report(catalogue.get_province(code), level, as_of)


@bp.route("/provinces/<code>/catalogue", methods=["POST"])
@bp.doc(**SECURED)
@bp.response(201, CatalogueEntryOut)
def create_catalogue_entry(code):
    """Add a line to the province's catalogue (admins): level, procedure_code, decision_number,
    position (STT), note."""
    services.authorize_write()
    return services.catalogue_entries.create({**_json(), "province_code": code})


@bp.route("/provinces/<code>/catalogue/<level>/<procedure_code>", methods=["DELETE"])
@bp.doc(**SECURED)
@bp.response(204)
def delete_catalogue_entry(code, level, procedure_code):
    """Remove a line (admins): the procedure is no longer published at that level here."""
    services.authorize_write()
    services.catalogue_entries.delete(code, level, procedure_code)


@bp.route("/units/<code>/not-arising")
@bp.response(200, NotArisingOut(many=True))
@bp.alt_response(404, **ERROR_REF)
def list_not_arising(code):
    """What the unit recorded as not arising, with the reason, who and when (as its audit)."""
    return catalogue.not_arising_list(code)


@bp.route("/units/<code>/not-arising", methods=["POST"])
@bp.doc(**SECURED)
@bp.response(201, NotArisingOut)
def create_not_arising(code):
    """Record that a procedure does not arise in the unit: procedure_code and reason (the unit's
    editor, or admins)."""
    services.authorize_write()
    return services.not_arising.upsert({**_json(), "unit_code": code})[1]


@bp.route("/units/<code>/not-arising/<procedure_code>", methods=["DELETE"])
@bp.doc(**SECURED)
@bp.response(204)
def delete_not_arising(code, procedure_code):
    """Withdraw a not-arising record: the procedure is required of the unit again."""
    services.authorize_write()
    services.not_arising.delete(code, procedure_code)


class MatrixArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    level = Text(load_default=None, validate=one_of(CATALOGUE_LEVELS),
                 metadata={"description": "province, district, commune; bỏ trống = mọi cấp"})
    field = Text(load_default=None, metadata={"description": "Mã lĩnh vực; bỏ trống = mọi lĩnh vực"})


@bp.route("/provinces/<code>/matrix")
@bp.doc(**SECURED)
@bp.arguments(MatrixArgs, location="query", as_kwargs=True)
@bp.response(200, description="Ma trận đơn vị × danh mục của tỉnh: mỗi ô một loại (implements, "
             "not_arising, missing, not_required), số ô mỗi loại theo đơn vị và theo thủ tục.")
@bp.alt_response(403, **ERROR_REF)
@bp.alt_response(404, **ERROR_REF)
def get_matrix(code, level, field):
    """The province's units × catalogue (the reform office)."""
    from procedures.audit.matrix import province_matrix

    m = province_matrix(code, field, level)
    return {"province": {"code": m.province.code, "name": m.province.name}, "source": m.source,
            "totals": m.totals,
            "procedures": [{"code": c.code, "name": c.name, "field": c.field,
                            "levels": sorted(c.levels), "decision": c.decision,
                            "counts": c.counts} for c in m.columns],
            "units": [{"code": r.code, "name": r.name, "level": r.level, "counts": r.counts,
                       "cells": dict(zip((c.code for c in m.columns), r.cells))}
                      for r in m.rows]}
