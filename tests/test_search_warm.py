"""A node loads its search caches before the queries need them; the CLI rebuilds in two processes."""
import shutil
import time

import pytest

from procedures import services
from procedures.search import get_sync
from procedures.search import sync as sync_module
from search_index import SearchIndex, bitmaps
from tests.factories import make_catalogue, procedure_data


@pytest.fixture
def indexed(app, db):
    sync = get_sync()
    shutil.rmtree(sync.path, ignore_errors=True)
    app.extensions.pop("search_sync", None)
    app.config["SEARCH_SYNC_ON_COMMIT"] = True
    make_catalogue()
    yield get_sync()
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    app.config["SEARCH_WARM"] = False


def test_a_commit_that_changes_the_index_warms_it_in_the_background(app, indexed, monkeypatch):
    started = []
    monkeypatch.setattr(sync_module.SearchSync, "warm_in_background",
                        lambda self: started.append(self.index.version()))
    services.procedures.create(procedure_data())
    assert len(started) == 1
    services.fields.create({"code": "cu-tru", "name": "Cư trú"})  # nothing indexed changes
    assert len(started) == 1


def test_the_background_warm_up_fills_the_segment_caches(app, indexed):
    services.procedures.create(procedure_data())
    app.config["SEARCH_WARM"] = True
    bitmaps.clear_cache()
    thread = indexed.warm_in_background()
    thread.join(timeout=30)
    assert bitmaps._segment_cache and bitmaps._column_cache
    app.config["SEARCH_WARM"] = False
    assert indexed.warm_in_background() is None


def test_flask_search_rebuild_uses_one_process_unless_told(app, indexed, runner, monkeypatch):
    services.procedures.create(procedure_data())
    seen = []
    original = SearchIndex.rebuild

    def spy(self, docs, procs=1, limitmb=None):
        seen.append(procs)
        return original(self, docs, procs=procs, limitmb=limitmb)
    monkeypatch.setattr(SearchIndex, "rebuild", spy)
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "1 thủ tục" in result.output
    result = runner.invoke(args=["search", "rebuild", "--procs", "2"])
    assert result.exit_code == 0 and "1 thủ tục" in result.output
    assert seen == [1, 2]


def _gunicorn_conf():
    import os
    import runpy

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return runpy.run_path(os.path.join(root, "gunicorn.conf.py"))


class _Worker:
    def __init__(self, wsgi):
        import logging

        self.wsgi, self.log = wsgi, logging.getLogger("gunicorn.test")


def test_a_gunicorn_worker_keeps_its_search_caches_warm_before_it_serves(app, indexed):
    """post_worker_init (with or without preload_app) warms the index before the worker serves,
    and starts the thread that warms it again when another process changes it."""
    services.procedures.create(procedure_data())
    indexed.sync()
    conf = _gunicorn_conf()
    app.config["SEARCH_WARM"] = True
    bitmaps.clear_cache()
    try:
        conf["post_worker_init"](_Worker(app))
        index = indexed.index
        thread = index._warmer
        assert thread is not None and thread.is_alive()
        # Warmed before the hook returns, i.e. before the worker serves its first request.
        assert index.warmed_version == index.disk_version()
        assert bitmaps._segment_cache and bitmaps._column_cache
        services.procedures.create(procedure_data(code="1.000099", name="Đăng ký lưu trú"))
        indexed.sync()  # as another worker or the cron sync would
        deadline = time.monotonic() + 20
        while index.warmed_version != index.disk_version():  # the thread warms the change
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        indexed.index.stop_warming()
    app.config["SEARCH_WARM"] = False
    conf["post_worker_init"](_Worker(app))
    assert indexed.index._warmer is None
    conf["post_worker_init"](_Worker(lambda environ, start_response: []))  # not our app
