"""Public pages: home, procedure, units."""
from datetime import date
from urllib.parse import urlencode

from flask import make_response, render_template, request, url_for

from app import pagecache
from app.http import download, moved_unit, page_arg
from app.web.blueprint import bp
from app.web.filters import label
from procedures import services
from procedures.audit.results import visible_latest_result
from procedures.search import run_search


def group_dossier(items):
    """Dossier items grouped by case (trường hợp), cases in order of first appearance."""
    groups = {}
    for item in items:
        groups.setdefault(item.case_name or "", []).append(item)
    return list(groups.items())


# Facets of the search page: (heading, facet, filter, query parameter, label of a value).
FACETS = (
    ("Lĩnh vực", "field_code", "field_code", "field", None),
    ("Cấp thực hiện", "level", "level", "level", "level"),
    ("Đối tượng thực hiện", "subjects_tags", "subject_tag", "subject", "subject_tag"),
    ("Dịch vụ công trực tuyến", "online_level", "online_level", "online_level", "online_level"),
)
_URL_SAFE = "!$'()*,/:;?@"  # what werkzeug's url_for leaves unquoted in a query string


def facet_groups(results, filters):
    """[(heading, [(label, count, href, active)])]: a link adds the value as a filter (from page 1)
    or, when it is the selected one, removes it."""
    base = url_for("web.home")
    current = dict(request.args)
    current.pop("page", None)
    groups = []
    for heading, facet, name, param, kind in FACETS:
        links = []
        for value, count in results.facets.get(facet, {}).items():
            args = dict(current)
            active = filters.get(name) == value
            if active:
                args.pop(param, None)
            else:
                args[param] = value
            query = urlencode(args, safe=_URL_SAFE)
            text = results.field_names.get(value, value) if kind is None else label(value, kind)
            links.append((text, count, base + "?" + query if query else base, active))
        groups.append((heading, links))
    return groups


def without(param):
    """The search page's address with one query parameter (and the page number) removed."""
    args = {k: v for k, v in request.args.items() if k not in (param, "page")}
    query = urlencode(args, safe=_URL_SAFE)
    base = url_for("web.home")
    return base + "?" + query if query else base


@bp.route("/")
def home():
    """Search (without accents is fine) with facets, or browse the procedures by field."""
    field_code = request.args.get("field") or None
    q = (request.args.get("q") or "").strip()[:500] or None
    filters = {"field_code": field_code, "level": request.args.get("level") or None,
               "online_level": request.args.get("online_level") or None,
               "unit_code": request.args.get("unit") or None,
               "subject_tag": request.args.get("subject") or None}
    if q or any(filters[k] for k in ("level", "online_level", "unit_code", "subject_tag")):
        results = run_search(q, filters, page_arg(), 20)
        unit = services.units.find((filters["unit_code"],)) if filters["unit_code"] else None
        response = make_response(render_template(
            "search.html", results=results, q=q or "", filters=filters,
            facet_groups=facet_groups(results, filters), unit_filter=unit,
            without_unit=without("unit")))
        response.headers["X-Search-Cache"] = results.cache
        return response
    counts = services.field_counts()
    stmt = services.search_procedures(q=q, field_code=field_code, published_only=True)
    page = services.paginate(stmt, page_arg(), 30)
    return render_template("home.html", field_counts=counts, page=page, q=q or "",
                           field_code=field_code)


PLACE_COOKIE = "xa"  # the citizen's ward or commune, kept for a year
PLACE_MAX_AGE = 365 * 24 * 3600


def chosen_assignment(assignments, place_code):
    """The assignment serving the citizen's ward or commune: its own, else its nearest parent's."""
    if not place_code:
        return None
    by_unit = {a.unit.code: a for a in assignments}
    unit = services.units.find((place_code,))
    seen = 0
    while unit is not None and seen < 8:
        if unit.code in by_unit:
            return by_unit[unit.code]
        unit, seen = unit.parent, seen + 1
    return by_unit.get(place_code)


@bp.route("/procedures/<code>")
@pagecache.cached("procedure_page", cookies=(PLACE_COOKIE,))
def procedure(code):
    """Everything about one procedure, in the order of a publishing decision's annex; where to go
    for the citizen's ward or commune (?xa=CODE, kept in a cookie), printable."""
    proc = services.procedures.get(code)
    units = services.assignments_of_procedure(proc) if proc.status != "abolished" else []
    can_edit = services.procedures.can_edit(proc)
    asked = (request.args.get("xa") or "").strip()[:64]
    place = asked or (request.cookies.get(PLACE_COOKIE) or "").strip()[:64]
    chosen = chosen_assignment(units, place) if units else None
    if chosen is None and len(units) == 1:
        chosen = units[0]
    case_name = request.args.get("truong_hop") or None
    replacement = None
    if proc.replaced_by_code:
        replacement = services.procedures.find((proc.replaced_by_code,))
    response = make_response(render_template(
        "procedure.html", p=proc, units=units, can_edit=can_edit,
        revisions=services.history("procedure", proc.code) if can_edit else [],
        dossier_groups=group_dossier(proc.dossier_items),
        current_decision=proc.current_decision(date.today()), today=date.today(),
        desk=services.citizen_desk(chosen) if chosen else None, place=place,
        totals=services.procedure_totals(proc, case_name), replacement=replacement,
        page_url=url_for("web.procedure", code=proc.code, xa=chosen.unit.code if chosen else None,
                         _external=True)))
    if asked and chosen is not None:
        response.set_cookie(PLACE_COOKIE, asked, max_age=PLACE_MAX_AGE, samesite="Lax",
                            httponly=True)
    return response


@bp.route("/procedures/<code>/forms/<path:name>")
def procedure_form(code, name):
    """A form (mẫu đơn, tờ khai) kept with the procedure, to download."""
    stored = services.procedures.form_file(code, name)
    return download(stored.content, stored.name, stored.content_type)


@bp.route("/units")
def units():
    """All units, grouped by level."""
    level = request.args.get("level") or None
    stmt = services.search_units(level=level)
    page = services.paginate(stmt, page_arg(), 100, max_per_page=100)
    return render_template("units.html", page=page, level=level)


@bp.route("/units/<code>")
def unit(code):
    """A unit: its one-stop desk, its officers and the procedures it implements."""
    record = services.units.get(code)
    moved = moved_unit(record, code)
    if moved is not None:
        return moved
    services.units.load_details(record)
    return render_template("unit.html", u=record,
                           can_edit=services.units.can_edit(record),
                           audit=visible_latest_result(record),
                           show_private=services.officers.can_see_contacts(record),
                           revisions=services.history("unit", record.code))
