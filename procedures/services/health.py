"""Readiness of this node's dependencies, for the load balancer's probe."""
from sqlalchemy import text

from procedures.db import db


def check_database() -> None:
    """Raise unless the database answers (the session is left clean either way)."""
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()
