"""gunicorn settings for `make serve` (override with GUNICORN_* environment variables)."""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))        # an import of a large workbook
graceful_timeout = 30
keepalive = 5
# The app is imported once by the master and the workers are forked from it: a recycled worker
# starts in milliseconds instead of re-importing Flask, SQLAlchemy and whoosh (about a second of
# CPU each time). No database connection or index searcher is opened at import, so none is shared
# across the fork. Code changes need a restart (not HUP). GUNICORN_PRELOAD=0 turns it off.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))  # recycle workers, bound memory
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
access_log_format = (
    '{"time":"%(t)s","remote":"%(h)s","request":"%(r)s","status":%(s)s,"bytes":"%(B)s",'
    '"duration_ms":%(M)s,"request_id":"%({x-request-id}o)s","agent":"%(a)s"}'
)
raw_env = ["LOG_JSON=1"]


def post_fork(server, worker):
    """A forked worker must never reuse a database connection of the master (SQLAlchemy's advice
    for forking: dispose of the inherited pool without closing the parent's connections)."""
    if not preload_app:
        return
    try:
        from procedures.db import db
        from wsgi import app
    except ImportError:  # another app module: nothing of ours was preloaded
        return
    with app.app_context():
        db.engine.dispose(close=False)


def post_worker_init(worker):
    """Load the search caches of this worker before it serves (its index's codes, columns,
    vocabulary and common term bitmaps: about a second of CPU at 50,000 procedures, while the
    other workers serve), then again after every change of the index on disk (another worker's
    commit, the cron sync, a merge, a rebuild) in one background thread, so that no query of a
    new index version decodes what the warm-up loads (SEARCH_WARM=0 turns it off). Runs with or
    without preload_app, after the worker has loaded the app."""
    app = getattr(worker, "wsgi", None)
    if not hasattr(app, "app_context"):  # another app: nothing of ours to warm
        return
    with app.app_context():
        try:
            from procedures.search import get_sync

            get_sync().keep_warm(wait=True)
        except Exception:  # noqa: BLE001 — no index yet: the first search builds it
            worker.log.warning("search warm-up not started", exc_info=True)
