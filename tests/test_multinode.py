"""Two app processes share one database with separate index folders; each catches up from the feed."""
import os
import subprocess
import sys

import pytest

from procedures import services
from procedures.search import get_sync
from tests.factories import make_catalogue, procedure_data

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def node(app, index_dir, *args):
    """Run `flask ARGS` as another web node: same database, its own index folder."""
    env = {**os.environ, "FLASK_APP": "wsgi", "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SEARCH_INDEX_DIR": str(index_dir), "PYTHONPATH": ROOT}
    result = subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def node_a(app, db, tmp_path):
    """This process is node A, indexing after each of its commits."""
    app.extensions.pop("search_sync", None)
    app.config["SEARCH_INDEX_DIR"], saved = str(tmp_path / "node-a"), app.config["SEARCH_INDEX_DIR"]
    app.config["SEARCH_SYNC_ON_COMMIT"] = True
    yield get_sync()
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    app.config["SEARCH_INDEX_DIR"] = saved
    app.extensions.pop("search_sync", None)


def test_changes_on_one_node_reach_the_other(app, node_a, tmp_path):
    index_b = tmp_path / "node-b"
    make_catalogue()
    services.procedures.create(procedure_data())
    # Node B starts empty: its first sync builds its index from the database.
    assert node(app, index_b, "search", "query", "khai sinh").startswith("1.001193")
    # A change made on node A …
    services.procedures.update(("1.001193",), {"name": "Đăng ký khai sinh có yếu tố nước ngoài"},
                               partial=True)
    assert node_a.check()["stale"] == []
    # … is in node B's index after B applies the feed (its cron sync or its next write).
    assert "Đã cập nhật 1 thủ tục." in node(app, index_b, "search", "sync")
    assert node(app, index_b, "search", "query", "nuoc ngoai").startswith("1.001193")
    # Node B writes (the demo loader adds procedures); node A catches up from the feed.
    node(app, index_b, "registry", "demo")
    applied, rebuilt = node_a.sync()
    assert applied > 40 and not rebuilt
    assert node_a.check() == {"missing": [], "extra": [], "stale": [], "needs_rebuild": False}
    assert "0 thủ tục" in node(app, index_b, "search", "sync")
