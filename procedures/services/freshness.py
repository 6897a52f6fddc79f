"""The data version cached pages are keyed by: it moves whenever a change to any record commits.

Every write of a record goes through the services, and every one of them records a Revision in
the same transaction (imports too, in bulk). So the newest revision (its id and time, the time
so that a database emptied and filled again does not repeat a version) names the state of the
data. On SQLite writers take turns, so ids commit in order. On PostgreSQL a transaction may hold
a lower id than one committed after it: while the sequence has handed out an id that is not
visible yet (a writer still open, or one rolled back, until the next commit) there is no
trustworthy version, and nothing is cached or served from a cache.
"""
from sqlalchemy import select, text

from procedures.db import db
from procedures.models import Revision

_NEWEST = select(Revision.id, Revision.created_at).order_by(Revision.id.desc()).limit(1)
_SEQUENCE = {}


def _pg_newest():
    bind = db.session.get_bind()
    sequence = _SEQUENCE.get(bind.url)
    if sequence is None:
        sequence = _SEQUENCE[bind.url] = db.session.scalar(
            text("SELECT pg_get_serial_sequence('revisions', 'id')"))
    # One statement: the last id handed out (sequences ignore transactions) is read after the
    # statement's snapshot is taken, so an id handed out but not visible always shows.
    return db.session.execute(text(
        f"SELECT (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {sequence}),"
        " (SELECT id FROM revisions ORDER BY id DESC LIMIT 1),"
        " (SELECT CAST(created_at AS text) FROM revisions ORDER BY id DESC LIMIT 1)")).one()


def data_version():
    """A value that changes with every committed change of a record; None when unknown now."""
    if db.session.get_bind().dialect.name == "postgresql":
        handed_out, newest, at = _pg_newest()
        if (handed_out or 0) != (newest or 0):
            return None
        return (newest or 0, at or "")
    row = db.session.execute(_NEWEST).first()
    return (row[0], str(row[1])) if row else (0, "")
