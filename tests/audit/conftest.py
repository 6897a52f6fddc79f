"""Audit tests: no fsync on commit (the tests need no durability; commits dominate their time)."""
import pytest
from sqlalchemy import event

from procedures.db import db as _db

PRAGMAS = {
    "sqlite": ("PRAGMA synchronous=OFF", "PRAGMA journal_mode=MEMORY"),
    "postgresql": ("SET synchronous_commit TO OFF",),
}


@pytest.fixture(scope="package", autouse=True)
def fast_commits(app):
    """Skip waiting for the disk on each commit, for this package's tests only."""
    with app.app_context():
        engine = _db.engine
        statements = PRAGMAS.get(engine.dialect.name, ())

        def no_sync(dbapi_connection, connection_record):
            cursor = dbapi_connection.cursor()
            for statement in statements:
                cursor.execute(statement)
            cursor.close()
            if engine.dialect.name == "postgresql":
                dbapi_connection.commit()

        event.listen(engine, "connect", no_sync)
        engine.dispose()
    yield
    with app.app_context():
        event.remove(engine, "connect", no_sync)
        engine.dispose()  # later tests get ordinary connections


@pytest.fixture
def client(app, db, make_user, token_for):
    """The audit pages and API are for auditors: a client logged in (page) and with a token (API)."""
    auditor = make_user("auditor", "kiem-soat")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = token_for(auditor)["Authorization"]
    response = client.post("/login", data={"username": "kiem-soat", "password": "mat-khau-123"})
    assert response.status_code == 302
    return client
