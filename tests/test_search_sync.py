"""The index follows the database through the change feed; search page, API and CLI."""
import shutil
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procedures import services
from procedures.db import db as _db
from procedures.models import SearchChange
from procedures.search.sync import advance, get_sync
from tests.factories import make_catalogue, procedure_data


@pytest.fixture
def indexed(app, db):
    """Search index synced after every commit, emptied for each test."""
    sync = get_sync()
    shutil.rmtree(sync.path, ignore_errors=True)
    app.extensions.pop("search_sync", None)
    app.config["SEARCH_SYNC_ON_COMMIT"] = True
    yield get_sync()
    app.config["SEARCH_SYNC_ON_COMMIT"] = False


@pytest.fixture
def catalogue(indexed):
    make_catalogue()
    services.fields.create({"code": "cu-tru", "name": "Cư trú"})
    services.procedures.create(procedure_data())
    services.procedures.create(procedure_data(
        code="1.004222", name="Đăng ký thường trú", field_code="cu-tru",
        keywords="nhập hộ khẩu, chuyển khẩu", online_level="partial"))
    services.procedures.create(procedure_data(
        code="1.000894", name="Đăng ký kết hôn", keywords="cưới, giấy đăng ký kết hôn"))
    return indexed


def codes(client, q, **args):
    body = client.get("/api/v1/search", query_string={"q": q, **args}).get_json()
    return [item["code"] for item in body["items"]]


def test_commit_reaches_the_index(client, catalogue):
    assert codes(client, "dang ky khai sinh")[0] == "1.001193"
    assert codes(client, "thuong tru")[0] == "1.004222"
    assert codes(client, "1.000894") == ["1.000894"]


def test_update_abolish_and_delete_leave_the_index(client, catalogue):
    services.procedures.update(("1.004222",), {"name": "Đăng ký tạm trú"}, partial=True)
    assert codes(client, "tam tru")[0] == "1.004222"
    assert "1.004222" not in codes(client, "thuong tru")
    services.procedures.update(("1.004222",), {"status": "abolished"}, partial=True)
    assert codes(client, "tam tru") == []
    services.procedures.delete("1.000894")
    assert codes(client, "ket hon") == []


def test_rolled_back_change_never_reaches_the_index(client, catalogue):
    with pytest.raises(RuntimeError):
        with services.unit_of_work():
            services.procedures.update(("1.001193",), {"name": "Tên bị hủy"}, partial=True)
            raise RuntimeError("boom")
    assert codes(client, "ten bi huy") == []
    assert catalogue.check() == {"missing": [], "extra": [], "stale": [], "needs_rebuild": False}


def test_index_lost_updates_are_caught_up_from_the_feed(app, client, catalogue):
    # A worker killed between commit and indexing: the change is committed, the index is not.
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    services.procedures.update(("1.000894",), {"name": "Đăng ký kết hôn có yếu tố nước ngoài"},
                               partial=True)
    assert "1.000894" not in codes(client, "nuoc ngoai")
    assert catalogue.check()["stale"] == ["1.000894"]
    applied, rebuilt = catalogue.sync()
    assert applied == 1 and not rebuilt
    assert codes(client, "nuoc ngoai") == ["1.000894"]


def test_unit_filter_follows_assignments(client, catalogue):
    services.assignments.create({"unit_code": "22918", "procedure_code": "1.004222"})
    assert codes(client, "dang ky", unit="22918") == ["1.004222"]


def test_cursor_waits_for_a_gap_until_it_is_old():
    now = datetime.now(UTC)
    rows = [SimpleNamespace(id=11, created_at=now), SimpleNamespace(id=13, created_at=now),
            SimpleNamespace(id=14, created_at=now)]
    assert advance(10, rows, now) == 11          # 12 may still commit
    later = now + timedelta(minutes=11)
    assert advance(10, rows, later) == 14        # 12 was rolled back long ago


def test_search_cli(runner, catalogue, app):
    result = runner.invoke(args=["search", "query", "dang ky khai sinh"])
    assert result.exit_code == 0 and result.output.splitlines()[0].startswith("1.001193")
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    services.procedures.update(("1.001193",), {"name": "Khai sinh"}, partial=True)
    drift = runner.invoke(args=["search", "check"])
    assert drift.exit_code == 1 and "1.001193" in drift.output
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_search_page_and_facets(client, catalogue):
    html = client.get("/?q=dang+ky").get_data(as_text=True)
    assert 'href="/procedures/1.001193"' in html and "<mark>" in html
    assert "Cư trú" in html  # facet label
    only = client.get("/?q=dang+ky&field=cu-tru").get_data(as_text=True)
    assert "/procedures/1.004222" in only and "/procedures/1.001193" not in only


@pytest.mark.parametrize("q", ['"', "(", "a AND OR NOT", "*", "name:x", "x" * 10000,
                               "\x00\x01\x1f", "đ\u0300", "🙂 khai sinh", "1.", "?*~^"])
def test_hostile_queries_never_fail(client, catalogue, q):
    assert client.get("/api/v1/search", query_string={"q": q}).status_code == 200
    assert client.get("/", query_string={"q": q[:500]}).status_code == 200


def test_feed_rows_are_written_with_the_change(catalogue):
    before = _db.session.query(SearchChange).count()
    services.procedures.update(("1.001193",), {"name": "Đăng ký khai sinh lại"}, partial=True)
    assert _db.session.query(SearchChange).count() == before + 1


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(q=st.text(max_size=300))
def test_any_query_text_answers_200(client, catalogue, q):
    response = client.get("/api/v1/search", query_string={"q": q})
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] >= len(body["items"])


def test_subject_facet_and_filter(client, catalogue):
    services.procedures.update(("1.000894",), {"subjects": "Tổ chức, doanh nghiệp"}, partial=True)
    body = client.get("/api/v1/search", query_string={"q": "dang ky"}).get_json()
    assert body["facets"]["subjects_tags"] == {"citizen": 2, "organisation": 1}
    only = client.get("/api/v1/search", query_string={"q": "dang ky", "subject": "organisation"})
    assert [item["code"] for item in only.get_json()["items"]] == ["1.000894"]
    html = client.get("/?q=dang+ky&subject=organisation").get_data(as_text=True)
    assert "Tổ chức, doanh nghiệp" in html and "/procedures/1.000894" in html
    assert "/procedures/1.001193" not in html
    assert client.get("/api/v1/search?subject=nobody").status_code == 422
