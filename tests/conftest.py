"""Fixtures: one app per session on SQLite (or PostgreSQL via TEST_DATABASE_URL), clean tables per test."""
import os

import pytest
from sqlalchemy import create_engine, text

from app import create_app
from procedures.db import db as _db


def _worker_database(url):
    """Under pytest-xdist each worker gets its own PostgreSQL database (created when missing)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    base, name = url.rsplit("/", 1)
    mine = f"{name}_{worker}"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": mine}).first():
            conn.execute(text(f'CREATE DATABASE "{mine}"'))
    admin.dispose()
    # Subprocesses started by tests (second nodes, CLI runs) read the same variable.
    os.environ["TEST_DATABASE_URL"] = f"{base}/{mine}"
    return os.environ["TEST_DATABASE_URL"]


PG_URL = _worker_database(os.environ.get("TEST_DATABASE_URL"))


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The app bound to a test database whose schema is built once."""
    base = tmp_path_factory.mktemp("instance")
    url = PG_URL or f"sqlite:///{base / 'test.sqlite3'}"
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SEARCH_INDEX_DIR": str(base / "search_index"),
        "SECRET_KEY": "test",
        # Forms are tested without tokens; tests/test_auth_web.py turns CSRF on to prove it.
        "WTF_CSRF_ENABLED": False,
        # Indexing after every commit is exercised by tests/test_search_sync.py, which turns it on.
        "SEARCH_SYNC_ON_COMMIT": False,
        # scrypt costs ~0.35 s per account; tests that count on it being slow say so.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # No background warm-up threads racing the tests' temporary index folders.
        "SEARCH_WARM": False,
        # Jobs run inside the request (tests/test_jobs*.py use the thread and RQ backends).
        "JOBS_BACKEND": "sync",
    })
    app.instance_path = str(base)
    with app.app_context():
        _db.drop_all()
        if PG_URL:
            with _db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()


def _clean(db):
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            names = ", ".join(t.name for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    with db.engine.connect() as conn:
        # Self-referencing rows (unit parents) make row-by-row deletes trip the FK check.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        for table in tables:
            conn.execute(table.delete())
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")


@pytest.fixture
def db(app):
    """An app context with empty tables; cleaned again afterwards."""
    with app.app_context():
        _clean(_db)
        yield _db
        _db.session.remove()
        _clean(_db)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    """Each test starts with no failed sign-ins counted against 127.0.0.1."""
    with app.app_context():
        app.extensions["login_limiter"].reset()
    yield


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


@pytest.fixture
def make_user(db):
    """Create an account: make_user("admin") or make_user("unit_editor", unit_code="22918")."""
    from procedures.services import accounts

    def make(role, username=None, unit_code=None, password="mat-khau-123"):
        return accounts.create_user(username or f"{role}-{unit_code or 'x'}", password, role,
                                    unit_code)
    return make


@pytest.fixture
def token_for(db):
    """A bearer header for a user: token_for(user) → {"Authorization": "Bearer …"}."""
    from procedures.services import accounts

    def make(user):
        _, clear = accounts.create_token(user.username, "test")
        return {"Authorization": f"Bearer {clear}"}
    return make


@pytest.fixture
def login(client):
    """Log the test client in through the login form."""
    def do(user, password="mat-khau-123"):
        response = client.post("/login", data={"username": user.username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return do


@pytest.fixture(scope="session")
def demo_snapshot():
    """The demo data module, loaded once (its records are plain dicts)."""
    from importers.seed import demo_data

    return demo_data


@pytest.fixture
def demo(db):
    """The demo dataset loaded through the services."""
    from importers.seed.demo import load_demo

    return load_demo()


# Files whose tests start other processes (web nodes, importers, index writers).
MULTIPROCESS_FILES = {"test_multinode.py", "test_concurrent.py", "test_concurrency.py",
                      "test_concurrent_sqlite.py"}
# Files whose tests use the local Redis: under pytest-xdist (`--dist loadgroup`) they all run on
# one worker, so two workers never flush each other's keys.
REDIS_FILES = {"test_login_limits.py", "test_jobs_worker.py"}


def pytest_collection_modifyitems(config, items):
    """Mark what `make test-fast` leaves out: generated cases (Hypothesis, schemathesis) as fuzz,
    tests that start other processes as multiprocess (browser tests mark themselves)."""
    for item in items:
        function = getattr(item, "obj", None)
        if getattr(function, "is_hypothesis_test", False) or "fuzz" in item.path.name:
            item.add_marker(pytest.mark.fuzz)
        if item.path.name in MULTIPROCESS_FILES:
            item.add_marker(pytest.mark.multiprocess)
        if item.path.name in REDIS_FILES:
            item.add_marker(pytest.mark.xdist_group("redis"))
