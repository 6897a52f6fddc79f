"""The per-process cache of search results: keyed by the index version, bounded, never HTML."""
import shutil

import pytest

from procedures import services
from procedures.search import get_sync
from procedures.search.queries import ResultCache, result_cache
from tests.factories import make_catalogue, procedure_data


@pytest.fixture
def catalogue(app, db):
    """Two procedures indexed after every commit, and an empty cache of the default size."""
    sync = get_sync()
    shutil.rmtree(sync.path, ignore_errors=True)
    app.extensions.pop("search_sync", None)
    app.extensions.pop("search_results", None)
    app.config["SEARCH_SYNC_ON_COMMIT"] = True
    make_catalogue()
    services.fields.create({"code": "cu-tru", "name": "Cư trú"})
    services.procedures.create(procedure_data())
    services.procedures.create(procedure_data(
        code="1.004222", name="Đăng ký thường trú", field_code="cu-tru"))
    yield get_sync()
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    app.config.pop("SEARCH_CACHE_SIZE", None)
    app.extensions.pop("search_results", None)


def page(client, q, **args):
    response = client.get("/", query_string={"q": q, **args})
    assert response.status_code == 200
    return response.headers["X-Search-Cache"], response.get_data(as_text=True)


def test_same_plan_shares_an_entry(client, catalogue):
    assert page(client, "dang ky")[0] == "miss"
    assert page(client, "dang ky")[0] == "hit"
    assert page(client, "Dang,  KY")[0] == "hit"          # case, spacing, punctuation
    assert page(client, "đăng ký")[0] == "miss"           # typed accents rank differently
    assert page(client, "dang k")[0] == "miss"            # an unfinished last word
    assert page(client, "dang ky", field="cu-tru")[0] == "miss"
    assert page(client, "dang ky", page=2)[0] == "miss"
    # The API reads the same entries.
    body = client.get("/api/v1/search", query_string={"q": "DANG KY"}).get_json()
    assert [item["code"] for item in body["items"]] == ["1.001193", "1.004222"]
    assert body["items"][1]["field"] == {"code": "cu-tru", "name": "Cư trú"}


def test_a_commit_to_the_index_invalidates(client, catalogue):
    state, html = page(client, "thuong tru")
    assert state == "miss" and "Đăng ký <mark>thường</mark> <mark>trú</mark>" in html
    services.procedures.update(("1.004222",), {"name": "Đăng ký thường trú cho người chưa thành niên"},
                               partial=True)
    state, html = page(client, "thuong tru")
    assert state == "miss" and "chưa thành niên" in html


def test_another_nodes_change_is_seen_once_the_feed_is_applied(app, client, catalogue):
    page(client, "thuong tru")
    # Another node commits: this node's index (and so its cache) moves with the feed.
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    services.procedures.delete("1.004222")
    state, html = page(client, "thuong tru")
    assert state == "hit" and "/procedures/1.004222" in html   # as stale as the index itself
    catalogue.sync()
    state, html = page(client, "thuong tru")
    assert state == "miss" and "/procedures/1.004222" not in html


def test_a_rebuild_invalidates(client, catalogue, runner):
    page(client, "khai sinh")
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert page(client, "khai sinh")[0] == "miss"


def test_a_field_renamed_relabels_the_facet(client, catalogue):
    assert "Cư trú" in page(client, "dang ky")[1]
    services.fields.update(("cu-tru",), {"name": "Cư trú và giấy tờ tùy thân"}, partial=True)
    state, html = page(client, "dang ky")
    assert state == "miss" and "Cư trú và giấy tờ tùy thân" in html


def test_the_page_around_cached_results_is_per_user(client, catalogue, make_user, login):
    page(client, "khai sinh")
    login(make_user("admin", username="quan-tri"))
    state, html = page(client, "khai sinh")
    assert state == "hit" and "quan-tri" in html and "Đăng xuất" in html
    client.post("/logout")
    state, html = page(client, "khai sinh")
    assert state == "hit" and "quan-tri" not in html and "Đăng nhập" in html


def test_size_bounds_the_cache(app, client, catalogue):
    app.config["SEARCH_CACHE_SIZE"] = 2
    app.extensions.pop("search_results", None)
    for q in ("khai sinh", "thuong tru", "dang ky"):
        assert page(client, q)[0] == "miss"
    assert len(result_cache()) == 2
    assert page(client, "dang ky")[0] == "hit"
    assert page(client, "khai sinh")[0] == "miss"          # the least recently used went first


def test_size_zero_keeps_nothing(app, client, catalogue):
    app.config["SEARCH_CACHE_SIZE"] = 0
    app.extensions.pop("search_results", None)
    assert page(client, "khai sinh")[0] == "miss"
    assert page(client, "khai sinh")[0] == "miss"
    assert len(result_cache()) == 0


def test_result_cache_is_lru():
    cache = ResultCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert (cache.hits, cache.misses) == (3, 1)
