"""The unit register as a tree: a unit and everything below it, in one recursive query."""
from sqlalchemy import select
from sqlalchemy.orm import aliased

from procedures.db import db
from procedures.models import Unit


def subtree(unit_id: int) -> dict[str, int]:
    """{code: id} of the unit and its descendants (empty when the unit does not exist)."""
    tree = select(Unit.id, Unit.code).where(Unit.id == unit_id).cte("tree", recursive=True)
    tree = tree.union(select(Unit.id, Unit.code).join(tree, Unit.parent_id == tree.c.id))
    return {code: uid for uid, code in db.session.execute(select(tree.c.id, tree.c.code))}



def provinces_of(unit_ids=None) -> dict[int, tuple[int, str]]:
    """{unit id: (id, code) of its province}: the unit itself when it is a province, else the
    nearest ancestor of kind province (walking up `parent`). Units under no province are absent.
    One recursive query, for these units (or all)."""
    start = select(Unit.id.label("origin"), Unit.id, Unit.code, Unit.parent_id, Unit.kind)
    if unit_ids is not None:
        start = start.where(Unit.id.in_(list(unit_ids)))
    up = start.cte("up", recursive=True)
    parent = aliased(Unit)
    up = up.union(select(up.c.origin, parent.id, parent.code, parent.parent_id, parent.kind)
                  .join(parent, parent.id == up.c.parent_id).where(up.c.kind != "province"))
    rows = db.session.execute(select(up.c.origin, up.c.id, up.c.code).where(
        up.c.kind == "province"))
    return {origin: (pid, code) for origin, pid, code in rows}
