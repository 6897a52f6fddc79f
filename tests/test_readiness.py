"""Readiness that tells the truth: the schema the code expects, a search index that opens and
answers (rebuilt by the node itself when it is missing or broken), a proper error page when the
database is unreachable even for a signed-in user."""
import logging
import os
import shutil

import pytest
from sqlalchemy import text

from app import create_app
from procedures import services
from procedures.db import db as _db
from procedures.search.sync import get_sync
from tests.factories import make_catalogue, procedure_data


def separate_app(app, tmp_path, **config):
    """Another app (another node) with its own SQLite file and index folder."""
    return create_app({**app.config, "SQLALCHEMY_DATABASE_URI":
                       f"sqlite:///{tmp_path / 'node.sqlite3'}",
                       "SEARCH_INDEX_DIR": str(tmp_path / "index"), **config})


def test_readyz_refuses_an_empty_database_file(app, db, tmp_path):
    node = separate_app(app, tmp_path)
    with node.app_context():
        _db.create_all()
    assert node.test_client().get("/readyz").status_code == 200
    with node.app_context():
        _db.engine.dispose()
    (tmp_path / "node.sqlite3").unlink()
    (tmp_path / "node.sqlite3").write_bytes(b"")  # the file replaced by an empty one
    restarted = separate_app(app, tmp_path)
    response = restarted.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["schema"].startswith("error")
    page = restarted.test_client().get("/units")
    assert page.status_code == 503 and "cơ sở dữ liệu" in page.get_data(as_text=True)
    with restarted.app_context():
        _db.engine.dispose()


def test_readyz_compares_the_alembic_revision_with_the_code(app, db, tmp_path):
    node = separate_app(app, tmp_path)
    client = node.test_client()
    with node.app_context():
        _db.create_all()
        with _db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            conn.execute(text("INSERT INTO alembic_version VALUES ('b099976aadb5')"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "b099976aadb5" in response.get_json()["checks"]["schema"]
    head = node.extensions["migration_head"]
    with node.app_context(), _db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    assert client.get("/readyz").get_json()["checks"]["schema"] == "ok"
    with node.app_context():
        _db.engine.dispose()


@pytest.fixture
def indexed(app, db):
    sync = get_sync()
    shutil.rmtree(sync.path, ignore_errors=True)
    app.extensions.pop("search_sync", None)
    app.config["SEARCH_SYNC_ON_COMMIT"] = True
    make_catalogue()
    services.procedures.create(procedure_data())
    services.procedures.create(procedure_data(code="1.000894", name="Đăng ký kết hôn"))
    yield get_sync()
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    app.config.pop("SEARCH_REPAIR_WAIT", None)
    get_sync().wait_for_repair()


def found(client, q="khai sinh"):
    """(status, codes) of a search; both procedures mention the birth certificate (giấy khai
    sinh is in each one's dossier), the birth registration comes first."""
    response = client.get("/api/v1/search", query_string={"q": q})
    return response.status_code, [i["code"] for i in (response.get_json() or {}).get("items", [])]


class Messages(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_a_deleted_index_is_rebuilt_by_the_node_and_searches_still_find(app, client, indexed):
    assert found(client) == (200, ["1.001193", "1.000894"])
    assert client.get("/readyz").get_json()["checks"]["search_index"] == "ok"
    shutil.rmtree(indexed.path)
    logger, handler = logging.getLogger("procedures.search.sync"), Messages()
    logger.addHandler(handler)
    try:
        # rebuilt from the database, not "nothing found" (a query not answered before)
        assert found(client, "kết hôn") == (200, ["1.000894"])
    finally:
        logger.removeHandler(handler)
    assert any("rebuilding it from the database" in m for m in handler.messages)
    assert any("rebuilt from the database: 2 procedures" in m for m in handler.messages)
    ready = client.get("/readyz").get_json()
    assert ready["checks"]["search_index"] == "ok"
    assert "2 procedures" in ready["notes"]["search_index"]


def test_an_index_full_of_garbage_is_rebuilt(app, client, indexed):
    assert found(client, "kết hôn") == (200, ["1.000894"])
    for name in os.listdir(indexed.path):
        path = os.path.join(indexed.path, name)
        if os.path.isfile(path):
            with open(path, "wb") as handle:
                handle.write(os.urandom(512))
    assert found(client, "kết hôn") == (200, ["1.000894"])


def test_while_the_rebuild_runs_search_says_so_instead_of_nothing_found(app, client, indexed):
    app.config["SEARCH_REPAIR_WAIT"] = 0  # do not wait for the rebuild at all
    shutil.rmtree(indexed.path)
    response = client.get("/api/v1/search", query_string={"q": "khai sinh"})
    if response.status_code == 200:  # the rebuild was faster than this request
        assert [i["code"] for i in response.get_json()["items"]][0] == "1.001193"
    else:
        assert response.status_code == 503
        assert response.get_json()["code"] == "search_rebuilding"
        page = client.get("/", query_string={"q": "khai sinh"})
        assert page.status_code in (200, 503)
    indexed.wait_for_repair()
    assert found(client) == (200, ["1.001193", "1.000894"])
    assert client.get("/readyz").status_code == 200


def test_readyz_rebuilds_a_missing_index_and_says_so(app, client, indexed):
    shutil.rmtree(indexed.path)
    app.config["SEARCH_REPAIR_WAIT"] = 0
    first = client.get("/readyz").get_json()
    assert first["checks"]["search_index"] in ("rebuilding", "ok")
    indexed.wait_for_repair()
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["checks"]["search_index"] == "ok"
    assert "rebuilt" in ready.get_json()["notes"]["search_index"]


def test_an_unreachable_database_gives_a_signed_in_user_an_error_page(app, db):
    down = create_app({**app.config,
                       "SQLALCHEMY_DATABASE_URI": "postgresql://postgres@127.0.0.1:1/registry",
                       "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}}})
    client = down.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = "1.0", True
    page = client.get("/units")
    assert page.status_code == 503
    assert "cơ sở dữ liệu" in page.get_data(as_text=True)
    api = client.get("/api/v1/units")
    assert api.status_code == 503 and api.get_json()["code"] == "database_unavailable"
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["checks"]["database"].startswith("error")
