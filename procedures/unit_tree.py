"""The unit register as a tree: a unit and everything below it, in one recursive query."""
from sqlalchemy import select

from procedures.db import db
from procedures.models import Unit


def subtree(unit_id: int) -> dict[str, int]:
    """{code: id} of the unit and its descendants (empty when the unit does not exist)."""
    tree = select(Unit.id, Unit.code).where(Unit.id == unit_id).cte("tree", recursive=True)
    tree = tree.union(select(Unit.id, Unit.code).join(tree, Unit.parent_id == tree.c.id))
    return {code: uid for uid, code in db.session.execute(select(tree.c.id, tree.c.code))}

