"""Cached public pages: the anonymous procedure page and the API list, keyed by the data version.

A cached copy must never be stale (any committed change of any record moves the version) and
never another user's view (a signed-in user's page is never cached nor served from the cache).
"""
import pytest

from procedures import services
from tests import factories


@pytest.fixture
def data(db):
    factories.make_catalogue()
    factories.make_unit(code="22919", name="Phường Phú Thủy", desk_name="Bộ phận Một cửa phường Phú Thủy")
    factories.make_procedure()
    services.assignments.create({"unit_code": "22919", "procedure_code": "1.001193"})


def test_the_anonymous_procedure_page_is_served_from_the_cache_until_a_change(client, data):
    first = client.get("/procedures/1.001193")
    second = client.get("/procedures/1.001193")
    assert first.status_code == second.status_code == 200
    assert (first.headers["X-Page-Cache"], second.headers["X-Page-Cache"]) == ("miss", "hit")
    assert first.get_data() == second.get_data()
    assert second.headers["Content-Type"].startswith("text/html")
    services.procedures.update(("1.001193",), {"name": "Đăng ký khai sinh lưu động"}, partial=True)
    third = client.get("/procedures/1.001193")
    assert third.headers["X-Page-Cache"] == "miss"
    assert "Đăng ký khai sinh lưu động" in third.get_data(as_text=True)


def test_a_change_to_another_record_shown_on_the_page_is_not_missed(client, data):
    assert "Bộ phận Một cửa phường Phú Thủy" in client.get("/procedures/1.001193").get_data(
        as_text=True)
    assert client.get("/procedures/1.001193").headers["X-Page-Cache"] == "hit"
    # The unit's desk is not part of the procedure record (its version does not move).
    services.units.update(("22919",), {"desk_name": "Trung tâm Phục vụ hành chính công Phú Thủy"},
                          partial=True)
    page = client.get("/procedures/1.001193").get_data(as_text=True)
    assert "Trung tâm Phục vụ hành chính công Phú Thủy" in page


def test_a_signed_in_user_never_gets_or_leaves_a_cached_page(client, data, make_user, login):
    assert client.get("/procedures/1.001193").headers["X-Page-Cache"] == "miss"
    editor = make_user("admin", "quan-tri-tinh")
    login(editor)
    for _ in range(2):
        page = client.get("/procedures/1.001193")
        assert page.headers["X-Page-Cache"] == "off"
        assert "quan-tri-tinh" in page.get_data(as_text=True)
    client.post("/logout", data={})
    anonymous = client.get("/procedures/1.001193")
    assert "quan-tri-tinh" not in anonymous.get_data(as_text=True)


def test_the_api_list_is_cached_per_query_and_data_version(client, data):
    first = client.get("/api/v1/procedures?page=1")
    again = client.get("/api/v1/procedures?page=1")
    other = client.get("/api/v1/procedures?page=1&level=province")
    assert (first.headers["X-Page-Cache"], again.headers["X-Page-Cache"],
            other.headers["X-Page-Cache"]) == ("miss", "hit", "miss")
    assert first.get_json() == again.get_json() and first.get_json()["total"] == 1
    assert other.get_json()["total"] == 0
    factories.make_procedure(code="1.004222", name="Đăng ký kết hôn")
    assert client.get("/api/v1/procedures?page=1").get_json()["total"] == 2


def test_missing_pages_are_not_cached(client, data):
    for _ in range(2):
        response = client.get("/procedures/9.999999")
        assert response.status_code == 404 and response.headers.get("X-Page-Cache") != "hit"


def test_the_cache_can_be_turned_off(client, data, app):
    app.config["PAGE_CACHE_SIZE"] = 0
    try:
        for _ in range(2):
            assert client.get("/procedures/1.001193").headers["X-Page-Cache"] == "off"
    finally:
        app.config.pop("PAGE_CACHE_SIZE")


def test_no_version_while_a_writer_is_open_on_postgresql(app, data):
    """A transaction still open may hold a lower revision id than one committed after it."""
    from procedures.db import db
    from procedures.services.freshness import data_version

    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite writers take turns")
    db.session.rollback()
    before = data_version()
    assert before is not None
    with db.engine.connect() as other:  # an import still writing: its revision is not visible
        other.exec_driver_sql(
            "INSERT INTO revisions (entity, record_key, action, changes, created_at) "
            "VALUES ('procedure', '1.001193', 'update', '{}', now())")
        db.session.rollback()
        assert data_version() is None
        other.rollback()
    db.session.rollback()
    assert data_version() is None  # the id was handed out and never committed
    factories.make_procedure(code="1.004222", name="Đăng ký kết hôn")  # the next commit
    db.session.commit()
    assert data_version() not in (None, before)


def test_the_citizens_ward_cookie_is_part_of_the_key(app, client, data):
    """The page names the desk of the ward kept in the citizen's cookie: one ward's page must
    never be served to a citizen of another ward."""
    services.assignments.create({"unit_code": "22918", "procedure_code": "1.001193"})

    def page(ward, cache=True):
        other = app.test_client()
        other.set_cookie("xa", ward)
        if not cache:
            app.config["PAGE_CACHE_SIZE"] = 0
        try:
            return other.get("/procedures/1.001193")
        finally:
            app.config.pop("PAGE_CACHE_SIZE", None)

    for ward in ("22918", "22919"):
        page(ward)  # fill the cache for both
    for ward in ("22918", "22919"):
        cached = page(ward)
        assert cached.headers["X-Page-Cache"] == "hit"
        assert cached.get_data() == page(ward, cache=False).get_data()
    assert page("22918").get_data() != page("22919").get_data()
