"""Application factory."""
import os

from flask import Flask

from app.config import Config


def create_app(test_config=None):
    """Build the app: config, extensions, blueprints, error handlers, CLI."""
    # Static files are served by the web blueprint at /static (the app itself has none).
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    app.config.from_object(Config)
    if test_config:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        path = os.path.join(app.instance_path, "registry.sqlite3")
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    app.config["SQLALCHEMY_DATABASE_URI"] = _psycopg_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SEARCH_INDEX_DIR"):
        app.config["SEARCH_INDEX_DIR"] = os.path.join(app.instance_path, "search_index")
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from app import auth, cli, errors, observability, web
    from app.api import register_api
    from app.extensions import api, db, limit_login, migrate
    from procedures.db import dump_json, install_sqlite_pragmas

    install_sqlite_pragmas()
    # JSON columns (revisions, reports, job results) written with orjson: a 5,000-procedure
    # import serialises 10,000 revisions.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        "json_serializer": dump_json, **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})}
    observability.init_app(app)
    _install_host(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "..", "migrations"))
    auth.init_app(app)
    if app.config.get("PROXY_FIX_X_FOR"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"])
    api.init_app(app)
    register_api(api)
    web.init_app(app)
    limit_login(app)
    errors.init_app(app)
    cli.init_app(app)
    return app


def _install_host(app):
    """The domain reads settings, this app's resources and the user through these providers."""
    from flask import current_app

    from procedures import context
    from procedures.search import get_sync

    context.set_host(lambda: current_app.config, lambda: current_app.extensions)
    context.set_background_runner(_in_app_thread)
    app.extensions["app_context"] = app.app_context  # background job threads open their own
    app.config.setdefault("SEARCH_SYNC_ON_COMMIT", True)
    app.extensions.setdefault("readiness_probes", {})["search_index"] = (
        lambda: get_sync().readiness(current_app.config.get("SEARCH_REPAIR_WAIT", 5.0)))


def _in_app_thread(fn, name):
    """Run fn in a daemon thread inside the app of the caller (not the last app created)."""
    import threading

    from flask import current_app

    app = current_app._get_current_object()

    def run():
        with app.app_context():
            fn()
    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


def _psycopg_url(url: str) -> str:
    """postgresql:// URLs use psycopg 3, the driver we install."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
