"""Unit of work, the acting user, and revisions."""
import contextlib
import contextvars
import itertools
import logging

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, insert, select
from sqlalchemy import types as sa_types
from sqlalchemy.exc import IntegrityError

from procedures.context import current_user_or_none, in_request
from procedures.db import db, dump_json
from procedures.errors import Conflict
from procedures.models import Revision
from procedures.policy import ANONYMOUS, SYSTEM, Actor, forget_scopes

_actor = contextvars.ContextVar("actor", default=None)


def current_actor() -> Actor:
    """The explicit actor of acting_as, else the signed-in user of the request, else nobody (in a
    request) or the system itself (outside one: the CLI, scripts, tests)."""
    actor = _actor.get()
    if actor is not None:
        return actor
    user = current_user_or_none()
    if user is not None:
        return Actor.of_user(user)
    return ANONYMOUS if in_request() else SYSTEM


@contextlib.contextmanager
def acting_as(actor: Actor):
    """Attribute the changes made inside the block to the actor."""
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


_after_commit = []
log = logging.getLogger(__name__)


def on_commit(callback):
    """Call callback() after each outermost commit (the search index catches up this way)."""
    if callback not in _after_commit:
        _after_commit.append(callback)
    return callback


def _run_after_commit():
    for callback in list(_after_commit):
        try:
            callback()
        except Exception:  # noqa: BLE001 — the data is committed; the feed lets others catch up
            log.exception("after-commit hook %s failed", getattr(callback, "__name__", callback))


@contextlib.contextmanager
def unit_of_work():
    """Commit once at the outermost level; roll back everything on any error."""
    info = db.session.info
    depth = info.get("uow_depth", 0)
    info["uow_depth"] = depth + 1
    try:
        yield db.session
        if depth == 0:
            db.session.commit()
            info["uow_depth"] = 0
            _run_after_commit()
    except IntegrityError as exc:
        if depth == 0:
            db.session.rollback()
            raise Conflict(
                "Dữ liệu xung đột với bản ghi đã có (trùng mã hoặc đang được tham chiếu).",
                code="integrity_error",
            ) from exc
        raise
    except BaseException:
        if depth == 0:
            db.session.rollback()
        raise
    finally:
        info["uow_depth"] = depth
        if depth == 0:
            forget_scopes()  # the next unit of work reads the unit tree afresh


@contextlib.contextmanager
def bulk_writes():
    """Many records in one unit of work (an import): the caller flushes, references are cached.

    Inside the block the services do not flush after each record (the caller flushes in
    batches, before anything needs the new rows), and references looked up by natural key
    (a procedure's field, decisions, a unit's officers…) are remembered for the block. Use it
    only where nothing is rolled back to a savepoint inside the block.
    """
    info = db.session.info
    previous = info.get("bulk")
    cache = info["bulk"] = {}
    token = _bulk.set(cache)
    try:
        with db.session.no_autoflush:  # the caller flushes; a query must not flush half a record
            yield
            flush_bulk()
    finally:
        _bulk.reset(token)
        if previous is None:
            info.pop("bulk", None)
        else:
            info["bulk"] = previous


# The block's cache for this context (the session's info holds it too): asked a dozen times per
# record, the session proxy's lookup cost more than the rest of bulk_cache().
_bulk = contextvars.ContextVar("bulk_writes", default=None)


def bulk_cache() -> dict | None:
    """The reference cache of the current bulk_writes block, or None outside one."""
    return _bulk.get()


def flush_now():
    """Flush after a change, unless a bulk_writes block flushes in batches."""
    if _bulk.get() is None:
        db.session.flush()


class NewRow:
    """A record created in a bulk_writes block without an ORM object: its column values, the
    records its foreign keys point to (refs: column → record, ORM or NewRow), and its id once
    flush_bulk() has inserted it. Records created this way are the many new records of an
    import; each is inserted with one statement per batch, not by the ORM's unit of work."""

    __slots__ = ("model", "values", "refs", "id")

    def __init__(self, model, values, refs=None):
        self.model, self.values, self.refs, self.id = model, values, refs or {}, None

    def __getattr__(self, name):  # a column value, as on the ORM object (row.code)
        try:
            return object.__getattribute__(self, "values")[name]
        except KeyError:
            raise AttributeError(name) from None


def add_new(model, values, refs=None) -> NewRow:
    """Queue a new record's row (in a bulk_writes block); its id is known after flush_bulk()."""
    row = NewRow(model, values, refs)
    bulk_cache().setdefault("new", []).append(row)
    return row


def orm_record(model, record):
    """The ORM object of a record that may be a NewRow (flushed first when it is waiting)."""
    if not isinstance(record, NewRow):
        return record
    if record.id is None:
        flush_bulk()
    return db.session.get(model, record.id)


def pick(data, names) -> dict:
    """{name: data's value or None} for these names (a row of a table from validated data)."""
    return dict(zip(names, map(data.get, names)))


def add_rows(model, rows, parent=None, foreign_key=None, collection=None, names=None):
    """Rows to insert (dicts); in a bulk_writes block they wait for flush_bulk().

    model is a mapped class or a Table (an association table). parent and foreign_key: each
    row takes the parent's id once the parent is flushed (the parent may be a NewRow);
    collection names the parent's attribute that the rows belong to (reloaded afterwards).
    names: the columns to take from each row (a key it lacks is None), for rows that are
    validated data with other keys; they are read, never changed (with parent and foreign_key
    only). Without names the rows are the column values themselves, made for this insert.
    Outside a bulk block the rows are added to the session at once.
    """
    cache = bulk_cache()
    if cache is None:
        for row in rows:
            if names is not None:
                row = pick(row, names)
            if parent is not None:
                row = {**row, foreign_key: parent.id}
            db.session.add(model(**row))
        return
    if names is not None and parent is None:
        raise ValueError("add_rows: names needs parent and foreign_key")
    cache.setdefault("rows", []).append((model, rows, parent, foreign_key, collection, names))


def flush_bulk():
    """Flush the session, insert the new records (NewRow) and then the waiting rows, one
    statement per kind."""
    db.session.flush()
    cache = bulk_cache()
    if cache is None:
        return
    _insert_new(cache.pop("new", []))
    waiting = cache.pop("rows", [])
    by_model = {}  # model → {None: plain rows, (names, foreign key): [(parent id, rows)]}
    for model, rows, parent, foreign_key, collection, names in waiting:
        groups = by_model.setdefault(model, {})
        if names is not None:
            groups.setdefault((names, foreign_key), []).append((parent.id, rows))
        else:
            if parent is not None:
                parent_id = parent.id
                for row in rows:  # the services hand over rows made for this insert alone
                    row[foreign_key] = parent_id
            groups.setdefault(None, []).extend(rows)
        if collection and not isinstance(parent, NewRow) and collection in parent.__dict__:
            db.session.expire(parent, [collection])
    copy = db.session.get_bind().dialect.name == "postgresql"
    for model, groups in by_model.items():
        for group, rows in groups.items():
            if group is not None and not copy and _insert_taken(model, *group, rows):
                continue
            if group is not None:  # the column values of each row, as the plain rows are
                names, foreign_key = group
                rows = [{**pick(row, names), foreign_key: parent_id}
                        for parent_id, part in rows for row in part]
            if rows and copy:
                _copy_rows(model, rows)
            elif rows:
                _insert_rows(model, rows)


def _insert_new(new_rows):
    """Insert the new records and give each its id, one statement per kind and key set:
    INSERT … RETURNING id in order, or on SQLite the ids after the largest."""
    groups = {}
    for row in new_rows:
        groups.setdefault((row.model, tuple(row.values), tuple(row.refs)), []).append(row)
    connection = db.session.connection()
    for (model, _keys, _refs), rows in groups.items():
        for row in rows:  # a record inserted just before (in this group order) has its id now
            for column, target in row.refs.items():
                row.values[column] = None if target is None else target.id
        table = model.__table__
        if connection.dialect.name == "sqlite":
            # The transaction holds SQLite's only write lock (the import begins IMMEDIATE),
            # so the ids after the largest are free; RETURNING in order would cost one
            # statement per row there.
            last = connection.execute(select(func.max(table.c.id))).scalar() or 0
            for number, row in enumerate(rows, last + 1):
                row.id = row.values["id"] = number
            _insert_rows(model, [row.values for row in rows])
            continue
        ids = connection.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            [row.values for row in rows]).scalars().all()
        for row, new_id in zip(rows, ids, strict=True):
            row.id = new_id


def _insert_rows(model, rows):
    """Insert plain rows, one executemany per set of keys: on SQLite straight through the
    driver with the columns' own bind processors and Python-side defaults (SQLAlchemy's
    executemany spent more per row than SQLite itself), elsewhere with Core."""
    connection = db.session.connection()
    table = getattr(model, "__table__", model)
    by_keys = {}
    for row in rows:
        by_keys.setdefault(tuple(row), []).append(row)
    if connection.dialect.name != "sqlite":
        for group in by_keys.values():
            connection.execute(insert(table), group)
        return
    for keys, group in by_keys.items():
        statement = _sqlite_insert(table, keys, connection.dialect)
        if statement is None:  # a default made by SQL: let Core insert these
            connection.execute(insert(table), group)
            continue
        extra = tuple(default() for default in statement.defaults)  # one moment a statement
        _executemany(connection, statement, group, itertools.repeat(extra))


def _insert_taken(model, names, foreign_key, entries) -> bool:
    """SQLite: insert rows given with names (add_rows), each read through one generated
    function, its parent's id added; False when the table needs Core (a default made by SQL)."""
    connection = db.session.connection()
    table = getattr(model, "__table__", model)
    statement = _sqlite_insert(table, (*names, foreign_key), connection.dialect, taken=True)
    if statement is None:
        return False
    extra = tuple(default() for default in statement.defaults)
    rows = [row for _, part in entries for row in part]
    extras = [values for parent_id, part in entries  # one tuple per parent, shared by its rows
              for values in itertools.repeat((parent_id, *extra), len(part))]
    _executemany(connection, statement, rows, extras)
    return True


def _executemany(connection, statement, rows, extras):
    """Run a statement over the rows through the driver (its params_of(row, extra values));
    a value a column type refuses, or the driver's refusal, raised as SQLAlchemy raises it
    (the writer's record-by-record pass relies on it)."""
    try:
        params = list(map(statement.params_of, rows, extras))
    except (TypeError, ValueError) as error:  # a type's processor refused a value
        raise sa_exc.StatementError(str(error), statement.sql, None, error) from error
    width = len(params[0]) if params else 1
    per_statement = max(1, min(ROWS_PER_STATEMENT, MAX_VARIABLES // width))
    sql = statement.sql
    whole = len(params) // per_statement * per_statement if per_statement > 1 else 0
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        if whole:  # many rows a statement: SQLite's per-statement work done once per block
            chain = itertools.chain.from_iterable
            cursor.executemany(statement.for_rows(per_statement), [
                tuple(chain(params[i:i + per_statement])) for i in range(0, whole, per_statement)])
        if whole < len(params):
            cursor.executemany(sql, params[whole:])
    except connection.dialect.loaded_dbapi.Error as error:
        raise sa_exc.DBAPIError.instance(
            sql, None, error, connection.dialect.loaded_dbapi.Error) from error
    finally:
        cursor.close()


# Rows a statement on SQLite (INSERT … VALUES (…), (…), …): a third less CPU than one row a
# statement for an import's rows; MAX_VARIABLES is SQLite's oldest limit on parameters (999).
ROWS_PER_STATEMENT = 50
MAX_VARIABLES = 999


class _Insert:
    """An INSERT of some columns on SQLite: its statement, the function making a row's
    parameters (params_of(row, extra values)), and the default makers of the other columns."""

    __slots__ = ("head", "group", "sql", "params_of", "defaults", "_multi")

    def __init__(self, head, group, params_of, defaults):
        self.head, self.group, self.params_of, self.defaults = head, group, params_of, defaults
        self.sql, self._multi = f"{head} VALUES {group}", {}

    def for_rows(self, rows) -> str:
        """The statement for this many rows at once (INSERT … VALUES (…), (…), …)."""
        found = self._multi.get(rows)
        if found is None:
            found = self._multi[rows] = f"{self.head} VALUES {', '.join([self.group] * rows)}"
        return found


_SQLITE_INSERTS = {}


def _sqlite_insert(table, keys, dialect, taken=False):
    """The _Insert of these columns, or None when a column's default is made by SQL.

    taken: the last key (a foreign key) is not read from the row but comes first in the extra
    values, and the others are read with get (rows given with names: add_rows)."""
    found = _SQLITE_INSERTS.get((table, keys, taken), False)
    if found is False:
        columns = [table.c[key] for key in keys]
        defaulted = [c for c in table.columns if c.name not in keys and c.default is not None
                     and not c.primary_key]
        if any(not (c.default.is_scalar or c.default.is_callable) for c in defaulted):
            _SQLITE_INSERTS[(table, keys, taken)] = None
            return None
        quote = dialect.identifier_preparer.quote
        head = (f"INSERT INTO {quote(table.name)} "
                f"({', '.join(quote(c.name) for c in columns + defaulted)})")
        group = f"({', '.join('?' for _ in columns + defaulted)})"
        defaults = tuple(_default_maker(c.default, c.type._cached_bind_processor(dialect))
                         for c in defaulted)
        read = columns[:-1] if taken else columns
        found = _SQLITE_INSERTS[(table, keys, taken)] = _Insert(
            head, group, _parameters_function(read, dialect, taken), defaults)
    return found


def _parameters_function(columns, dialect, taken=False):
    """row, defaults → the statement's parameters: each column's value through its type's
    bind processor (None as it is), written out column by column. A Boolean column's True and
    False go to the driver as they are (sqlite3 stores them as 1 and 0, what the processor
    gives); any other value still meets the processor, which refuses it. taken: each value
    read with row.get (rows given with names)."""
    env, items = {}, []
    for i, column in enumerate(columns):
        process = column.type._cached_bind_processor(dialect)
        value = f"get({column.name!r})" if taken else f"row[{column.name!r}]"
        if process is None:
            items.append(value)
            continue
        env[f"P{i}"] = process
        keep = " or v.__class__ is bool" if isinstance(column.type, sa_types.Boolean) else ""
        items.append(f"(v if (v := {value}) is None{keep} else P{i}(v))")
    lines = ["def params(row, extra):", *(["    get = row.get"] if taken else []),
             f"    return ({', '.join(items)},) + extra"]
    exec(compile("\n".join(lines), "<insert parameters>", "exec"), env)  # noqa: S102 — ours
    return env["params"]


def _default_maker(default, process):
    """A column default's value, bound for the driver."""
    make = (lambda: default.arg(None)) if default.is_callable else (lambda: default.arg)
    if process is None:
        return make
    return lambda: None if (value := make()) is None else process(value)


def _copy_rows(model, rows):
    """PostgreSQL: load the rows with COPY in this transaction (psycopg would otherwise send
    one INSERT per row); Python-side column defaults (created_at…) are applied here."""
    table = getattr(model, "__table__", model)
    names = list(dict.fromkeys(key for row in rows for key in row))
    defaults = [column for column in table.columns if column.name not in names
                and column.default is not None and not column.primary_key]
    columns = names + [column.name for column in defaults]
    json_columns = {column.name for column in table.columns
                    if isinstance(column.type, sa_types.JSON)}
    quoted = ", ".join(f'"{name}"' for name in columns)
    connection = db.session.connection()
    sql = f'COPY "{table.name}" ({quoted}) FROM STDIN'
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(sql) as copy:
            for row in rows:
                values = [row.get(name) for name in names]
                values += [column.default.arg(None) if column.default.is_callable
                           else column.default.arg for column in defaults]
                copy.write_row([dump_json(value)
                                if name in json_columns and value is not None else value
                                for name, value in zip(columns, values)])
    except connection.dialect.loaded_dbapi.Error as error:  # as SQLAlchemy raises it
        raise sa_exc.DBAPIError.instance(
            sql, None, error, connection.dialect.loaded_dbapi.Error) from error


_SCALARS = frozenset((str, int, float, bool, type(None)))


def _jsonable(value):
    if value.__class__ in _SCALARS:  # most values of a canonical record: no isinstance chain
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def diff(before: dict | None, after: dict | None, json_ready=False) -> dict:
    """Field-level changes: {field: [before, after]} for fields that differ.

    json_ready: the values are JSON values already (a canonical record): a created record's
    changes are its non-empty fields as they are."""
    if json_ready and not before:
        return {key: [None, value] for key, value in (after or {}).items() if value is not None}
    before, after = before or {}, after or {}
    changes = {}
    for key in list(before) + [k for k in after if k not in before]:
        old, new = _jsonable(before.get(key)), _jsonable(after.get(key))
        if old != new:
            changes[key] = [old, new]
    return changes


def record_revision(entity: str, key: str, action: str, before, after,
                    json_ready=False) -> Revision | None:
    """Add a Revision for a change; None when nothing changed (or when it waits in a bulk block).
    json_ready: before and after are canonical records (see diff)."""
    changes = diff(before, after, json_ready)
    if action == "update" and not changes:
        return None
    actor = current_actor()
    values = dict(entity=entity, record_key=key, action=action, changes=changes,
                  user_id=actor.user_id, actor=actor.label,
                  batch_id=db.session.info.get("import_batch_id"))
    if bulk_cache() is not None:
        add_rows(Revision, [values])
        return None
    revision = Revision(**values)
    db.session.add(revision)
    return revision


def history(entity: str, record_key: str, limit: int = 50) -> list[Revision]:
    """The newest revisions of one record."""
    from sqlalchemy import select

    return db.session.scalars(
        select(Revision).where(Revision.entity == entity, Revision.record_key == record_key)
        .order_by(Revision.id.desc()).limit(limit)
    ).all()
