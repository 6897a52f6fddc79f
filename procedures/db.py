"""The SQLAlchemy handle shared by the domain and the app."""
import json

import orjson
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

# Deterministic constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))


def dump_json(value) -> str:
    """JSON text of a column value: orjson (UTF-8 as is, about ten times json.dumps' speed);
    what orjson refuses (an integer past 64 bits) goes through json.dumps."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False)


def _enable_sqlite_foreign_keys(dbapi_connection, connection_record):
    """SQLite enforces foreign keys only when asked, per connection; a writer waits up to
    SQLITE_BUSY_TIMEOUT seconds (default 30) for another one to finish instead of failing."""
    import sqlite3

    from procedures import context

    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # Write-ahead log: pages (and a job's progress) are read while a job writes its one
        # long transaction; without it a big import's commit locks readers out. Kept by the file.
        cursor.execute("PRAGMA journal_mode=WAL")
        seconds = float(context.setting("SQLITE_BUSY_TIMEOUT", 30) or 0)
        cursor.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        cursor.close()


def begin_write() -> None:
    """On SQLite, take the write lock now (BEGIN IMMEDIATE), waiting for another writer.

    pysqlite begins a transaction only before the first write; a transaction that has read and
    then wants to write while another connection commits is refused at once ("database is
    locked", no waiting), which cut a concurrent import short after part of its writes. Taking
    the lock first makes the second import wait its turn (SQLITE_BUSY_TIMEOUT)."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_busy(exc) -> bool:
    """Whether a database error is SQLite's "database is locked" (another writer held on)."""
    return "database is locked" in str(getattr(exc, "orig", exc))


def install_sqlite_pragmas():
    """Register the listener once for every engine created afterwards."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    if not event.contains(Engine, "connect", _enable_sqlite_foreign_keys):
        event.listen(Engine, "connect", _enable_sqlite_foreign_keys)
