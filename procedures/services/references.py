"""Natural-key references and owned parts: what every record service shares."""
from sqlalchemy import func, select

from procedures.db import db
from procedures.errors import ValidationFailed, field_error
from procedures.services.uow import NewRow, add_rows, bulk_cache, orm_record, pick


def copy_fields(record, data, names):
    """Set plain attributes from validated data (absent means None)."""
    for name in names:
        setattr(record, name, data.get(name))


def count(stmt) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def find_by(model, **where):
    """One record by exact column values, or None."""
    return db.session.scalars(select(model).filter_by(**where)).first()


def require(model, column, value, field, label, new_row_ok=False):
    """The referenced record, or a field error naming what is missing.

    In a bulk_writes block the record may have been created in the same block without an ORM
    object (a NewRow): new_row_ok callers take it as it is (they only need its id, once
    flushed); the others get the ORM object.
    """
    if value is None:
        return None
    cache = bulk_cache()
    record = cache.get((model, column, value)) if cache is not None else None
    if record is None:
        record = find_by(model, **{column: value})
        if cache is not None and record is not None:
            cache[(model, column, value)] = record
    if record is None:
        raise field_error(field, f"Không tìm thấy {label} '{value}'.")
    if not new_row_ok and isinstance(record, NewRow):
        record = cache[(model, column, value)] = orm_record(model, record)
    return record


def values_of(record, names):
    return {name: getattr(record, name) for name in names}


def resolve_many(model, column, values, field, label):
    """Referenced records by key, with one error per missing key."""
    cache = bulk_cache()
    found = {}
    if cache is not None:
        found = {v: cache[(model, column, v)] for v in values or [] if (model, column, v) in cache}
    wanted = [v for v in values or [] if v not in found]
    if wanted:
        for record in db.session.scalars(select(model).where(getattr(model, column).in_(wanted))):
            found[getattr(record, column)] = record
            if cache is not None:
                cache[(model, column, getattr(record, column))] = record
    errors = [
        {"field": f"{field}.{i}", "messages": [f"Không tìm thấy {label} '{value}'."]}
        for i, value in enumerate(values or []) if value not in found
    ]
    if errors:
        raise ValidationFailed(errors)
    return [found[v] for v in dict.fromkeys(values or [])]


def replace_parts(record, name, model, items, names, foreign_key, extra=None):
    """Replace an owned collection; flush the deletes first so unique keys can be reused.

    In a bulk_writes block the new rows are inserted with the next batch (no ORM objects).
    """
    collection = getattr(record, name) if record.id else None
    if collection:
        collection.clear()
        db.session.flush()
    rows = [{**pick(item, names), **(extra(item) if extra else {})} for item in items]
    if bulk_cache() is not None:
        add_rows(model, rows, parent=record, foreign_key=foreign_key, collection=name)
    else:
        collection = getattr(record, name)
        for row in rows:
            collection.append(model(**row))


def officer_id(officer):
    """An officer's id (flushed first when new), or None."""
    if officer is None:
        return None
    if officer.id is None:
        db.session.flush()
    return officer.id
