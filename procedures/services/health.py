"""Readiness of this node's dependencies, for the load balancer's probe."""
from sqlalchemy import inspect, text

from procedures.db import db


def check_database() -> None:
    """Raise unless the database answers (the session is left clean either way)."""
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()


def check_schema(head: str | None) -> str:
    """"ok" when every table of the models exists and the database is at the code's Alembic
    head (a database made by create_all, without alembic_version, is checked by its tables);
    else "error: …" saying what differs (a SQLite file replaced by an empty one, a migration
    not run)."""
    try:
        present = set(inspect(db.engine).get_table_names())
        missing = sorted(set(db.metadata.tables) - present)
        if missing:
            return (f"error: {len(missing)} of {len(db.metadata.tables)} tables missing "
                    f"({', '.join(missing[:5])}{'…' if len(missing) > 5 else ''})")
        if head and "alembic_version" in present:
            versions = {row[0] for row in db.session.execute(
                text("SELECT version_num FROM alembic_version"))}
            if versions != {head}:
                return (f"error: database at {', '.join(sorted(versions)) or 'no revision'}, "
                        f"the code expects {head} (run flask db upgrade)")
        return "ok"
    finally:
        db.session.rollback()
