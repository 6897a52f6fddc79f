"""Two web nodes with their own instance folders share one database: an upload previewed on one
is confirmed on the other (the stored file lives in the database, not in a node's folder)."""
import io
import re
import time

import pytest

from app import create_app
from tests.importers import helpers


@pytest.fixture
def node_b(app, db, tmp_path):
    """A second app: same database and secret, its own (empty) instance folder."""
    other = create_app({**{k: app.config[k] for k in (
        "TESTING", "SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "WTF_CSRF_ENABLED",
        "SEARCH_SYNC_ON_COMMIT", "PASSWORD_HASH_METHOD", "SEARCH_WARM")},
        "SEARCH_INDEX_DIR": str(tmp_path / "node-b" / "search_index"),
        "JOBS_BACKEND": "thread"})  # node B runs jobs in a thread: its page refreshes until done
    other.instance_path = str(tmp_path / "node-b")
    yield other
    with other.app_context():
        from procedures.db import db as _db

        _db.session.remove()
        _db.engine.dispose()


def follow_job(client, url, seconds=60):
    """Reload a job's page as its meta refresh would, until it sends us to the result."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get(url)
        if response.status_code == 302:
            return client.get(response.headers["Location"])
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and 'http-equiv="refresh"' in html, html
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def test_preview_on_one_node_confirm_on_the_other(app, admin, node_b, tmp_path):
    response = admin.post("/imports", data={"file": (io.BytesIO(helpers.xlsx_bytes()),
                                                     "ho-tich-tet-2027.xlsx"), "dry_run": "1"},
                          content_type="multipart/form-data")
    html = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Chỉ kiểm tra, chưa ghi gì" in html
    commit = re.search(r'action="([^"]+/commit)"', html).group(1)
    assert helpers.counts() == helpers.empty_counts()

    other = node_b.test_client()
    assert other.post("/login", data={"username": "quan-tri",
                                      "password": "mat-khau-123"}).status_code == 302
    response = other.post(commit)
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    page = follow_job(other, response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "Đã ghi vào sổ đăng ký: tạo mới 14" in html, html
    assert helpers.counts()["procedures"] == 2
    # Node B also makes the annotated copy of a batch node A received.
    batch_id = int(re.search(r"/imports/(\d+)/commit", commit).group(1))
    with node_b.app_context():
        from importers.batches import has_stored_upload
        from procedures.db import db
        from procedures.models import ImportBatch

        assert has_stored_upload(db.session.get(ImportBatch, batch_id))
    # Nothing was written to either node's instance folder.
    assert not (tmp_path / "node-b" / "imports").exists()
    import os

    assert not os.path.exists(os.path.join(app.instance_path, "imports"))
