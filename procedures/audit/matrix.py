"""A province's matrix: its units × its catalogue, one cell kind per (unit, procedure), with the
counts per kind for each unit and each procedure (the reform office's view).

The cell rule is the inventory's (`procedures/audit/inventory.py`): a line of the province's
catalogue is required of a unit of its level (a commune-level unit: every line of the commune
level; a unit of another level: the lines of its level whose procedure it keeps). A required line
is `implements` (an assignment), `not_arising` (a "không phát sinh" record) or `missing`; a line
the unit is not asked to implement is `not_required`. A province with no catalogue falls back on
the national rule (procedures in force of the unit's level; owned ones above commune level).

Four queries whatever the size: the province's units, its catalogue lines (or the national
procedures), the assignments and the not-arising records of those units.
"""
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from procedures import policy, services
from procedures.audit.coverage import keeps_line
from procedures.db import db
from procedures.errors import ServiceError
from procedures.models import Assignment, CatalogueEntry, Decision, Field, NotArising, Procedure, Unit
from procedures.models.province_catalogue import CATALOGUE_LEVELS
from procedures.services.province_catalogue import get_province
from procedures.unit_tree import subtree

KINDS = ("implements", "not_arising", "missing", "not_required")
KIND_LABELS = {"implements": "Đang thực hiện", "not_arising": "Không phát sinh",
               "missing": "Chưa nhận thực hiện", "not_required": "Không thuộc phạm vi"}
KIND_MARKS = {"implements": "✓", "not_arising": "KPS", "missing": "✗", "not_required": "·"}
IN_FORCE = ("active", "amended")


@dataclass
class Column:
    id: int
    code: str
    name: str
    field: str | None
    levels: set = field(default_factory=set)  # catalogue levels it is listed at
    owner_id: int | None = None
    decision: str | None = None  # the publishing decision's number (catalogue source)
    counts: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))


@dataclass
class Row:
    id: int
    code: str
    name: str
    level: str
    cells: list = field(default_factory=list)  # one kind per column, in column order
    counts: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))


@dataclass
class Matrix:
    province: Unit
    source: str  # catalogue | national
    columns: list
    rows: list
    fields: list  # (code, name) of the fields in the unfiltered catalogue, for the filter
    totals: dict


def authorize_matrix() -> None:
    """Raise unless the acting user reads a whole province (the reform office, admins): the
    matrix holds every unit's row; a unit's editors read their own unit's inventory instead."""
    policy.authorize(services.current_actor(), "read", "province_matrix")


def province_matrix(code: str, field_code: str | None = None,
                    level: str | None = None) -> Matrix:
    """The matrix of the province `code`, optionally only one field (code) and one level."""
    authorize_matrix()
    province = get_province(code)
    if level and level not in CATALOGUE_LEVELS:
        raise ServiceError(f"Cấp '{level}' không hợp lệ.", code="invalid_level")
    ids = list(subtree(province.id).values())
    units = db.session.execute(select(Unit.id, Unit.code, Unit.name, Unit.level)
                               .where(Unit.id.in_(ids)).order_by(Unit.level, Unit.code)).all()
    if level:
        units = [u for u in units if u.level == level]
    columns = _catalogue_columns(province)
    source = "catalogue" if columns else "national"
    if not columns:
        columns = _national_columns({u.level for u in units}, [u.id for u in units])
    fields = sorted({(c.field_code, c.field) for c in columns if c.field_code},
                    key=lambda f: f[1] or "")
    if field_code:
        columns = [c for c in columns if c.field_code == field_code]
    if level:
        columns = [c for c in columns if level in c.levels]
    unit_ids, proc_ids = [u.id for u in units], [c.id for c in columns]
    assigned, skipped = set(), set()
    if unit_ids and proc_ids:
        assigned = set(db.session.execute(select(Assignment.unit_id, Assignment.procedure_id)
                                          .where(Assignment.unit_id.in_(unit_ids),
                                                 Assignment.procedure_id.in_(proc_ids))).all())
        skipped = set(db.session.execute(select(NotArising.unit_id, NotArising.procedure_id)
                                         .where(NotArising.unit_id.in_(unit_ids),
                                                NotArising.procedure_id.in_(proc_ids))).all())
    rows, totals = [], dict.fromkeys(KINDS, 0)
    for u in units:
        row = Row(u.id, u.code, u.name, u.level)
        for c in columns:
            kind = cell_kind(u.id, u.level, c, assigned, skipped)
            row.cells.append(kind)
            row.counts[kind] += 1
            c.counts[kind] += 1
            totals[kind] += 1
        rows.append(row)
    return Matrix(province, source, columns, rows, fields, totals)


def cell_kind(unit_id, unit_level, column, assigned, skipped) -> str:
    """The inventory's rule for one (unit, catalogue line)."""
    if not keeps_line(unit_id, unit_level, column.levels, column.owner_id):
        return "not_required"
    if (unit_id, column.id) in assigned:
        return "implements"
    if (unit_id, column.id) in skipped:
        return "not_arising"
    return "missing"


def _column(p, field_code, field_name, **extra) -> Column:
    col = Column(p.id, p.code, p.name, field_name, owner_id=p.owner_unit_id, **extra)
    col.field_code = field_code
    return col


def _catalogue_columns(province) -> list[Column]:
    rows = db.session.execute(
        select(Procedure.id, Procedure.code, Procedure.name, Procedure.owner_unit_id,
               Field.code.label("field_code"), Field.name.label("field_name"),
               CatalogueEntry.level, CatalogueEntry.position, Decision.number)
        .join(CatalogueEntry, CatalogueEntry.procedure_id == Procedure.id)
        .join(Decision, Decision.id == CatalogueEntry.decision_id)
        .outerjoin(Field, Field.id == Procedure.field_id)
        .where(CatalogueEntry.province_id == province.id)
        .order_by(Field.name, CatalogueEntry.position, Procedure.code)).all()
    by_id = {}
    for r in rows:
        col = by_id.get(r.id)
        if col is None:
            col = by_id[r.id] = _column(r, r.field_code, r.field_name, decision=r.number)
        col.levels.add(r.level)
    return list(by_id.values())


def _national_columns(levels, unit_ids) -> list[Column]:
    stmt = (select(Procedure.id, Procedure.code, Procedure.name, Procedure.owner_unit_id,
                   Procedure.level, Field.code.label("field_code"),
                   Field.name.label("field_name"))
            .outerjoin(Field, Field.id == Procedure.field_id)
            .where(Procedure.status.in_(IN_FORCE), Procedure.level.in_(list(levels)),
                   or_(Procedure.level == "commune", Procedure.owner_unit_id.in_(unit_ids)))
            .order_by(Field.name, Procedure.code))
    cols = []
    for r in db.session.execute(stmt):
        col = _column(r, r.field_code, r.field_name)
        col.levels.add(r.level)
        cols.append(col)
    return cols


HEAD = [("unit_code", "Mã đơn vị"), ("unit", "Đơn vị"), ("level", "Cấp")]


def export_rows(matrix: Matrix) -> tuple[list, list]:
    """(columns, rows) for the XLSX: one row per unit, one column per procedure, then counts."""
    from procedures.enums import LEVELS

    cols = HEAD + [(f"p{c.id}", c.code) for c in matrix.columns] + [
        (k, KIND_LABELS[k]) for k in KINDS]
    out = []
    for r in matrix.rows:
        item = {"unit_code": r.code, "unit": r.name, "level": LEVELS.get(r.level, r.level)}
        item.update({f"p{c.id}": KIND_MARKS[k] for c, k in zip(matrix.columns, r.cells)})
        item.update(r.counts)
        out.append(item)
    return cols, out
