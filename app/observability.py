"""Request ids, structured (JSON) logs, and the health endpoints."""
import json
import logging
import re
import time
import uuid

from flask import Blueprint, current_app, g, has_request_context, jsonify, request

from procedures.services import health

bp = Blueprint("health", __name__)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
log = logging.getLogger("registry.request")


def request_id() -> str | None:
    return getattr(g, "request_id", None) if has_request_context() else None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, exception."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id(),
        }
        for key in ("method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _start_request():
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish_request(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if current_app.config.get("LOG_REQUESTS"):
        elapsed = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
        log.info("request", extra={"method": request.method, "path": request.path,
                                   "status": response.status_code,
                                   "duration_ms": round(elapsed, 1)})
    return response


@bp.route("/healthz")
def healthz():
    """The process is up."""
    return jsonify(status="ok")


@bp.route("/readyz")
def readyz():
    """The database (and the search index, when configured) can be reached."""
    checks, notes = {}, {}
    for name, probe in current_app.extensions.get("readiness_probes", {}).items():
        try:
            outcome = probe()
        except Exception as exc:  # noqa: BLE001
            checks[name] = f"error: {type(exc).__name__}"
            continue
        if isinstance(outcome, tuple):  # (state, note)
            outcome, note = outcome
            if note:
                notes[name] = note
        checks[name] = outcome if isinstance(outcome, str) else "ok"
    ready = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if ready else "unavailable", "checks": checks}
    if notes:
        body["notes"] = notes
    return jsonify(body), 200 if ready else 503


def _migration_head():
    """The Alembic revision this code expects (None when the migrations cannot be read)."""
    import os

    from alembic.script import ScriptDirectory

    try:
        folder = os.path.join(os.path.dirname(__file__), "..", "migrations")
        return ScriptDirectory(folder).get_current_head()
    except Exception:  # noqa: BLE001 — an installation without migrations: tables only
        return None


def init_app(app):
    if app.config.get("LOG_JSON"):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        root = logging.getLogger()
        root.handlers[:] = [handler]
        root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    probes = app.extensions.setdefault("readiness_probes", {})
    probes["database"] = health.check_database
    app.extensions["migration_head"] = _migration_head()
    probes["schema"] = lambda: health.check_schema(current_app.extensions.get("migration_head"))
    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.register_blueprint(bp)
