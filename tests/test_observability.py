"""Health endpoints, request ids and JSON logs."""
import json
import logging

from app.observability import JsonFormatter


def test_healthz_and_readyz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"]["database"] == "ok"


def test_readyz_reports_a_failing_probe(app, client):
    def broken():
        raise OSError("index missing")

    app.extensions["readiness_probes"]["broken"] = broken
    try:
        response = client.get("/readyz")
    finally:
        del app.extensions["readiness_probes"]["broken"]
    assert response.status_code == 503
    assert response.get_json()["checks"]["broken"] == "error: OSError"


def test_request_id_is_echoed_or_made(client):
    given = client.get("/healthz", headers={"X-Request-ID": "abc12345-req"})
    assert given.headers["X-Request-ID"] == "abc12345-req"
    made = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert len(made.headers["X-Request-ID"]) == 32


def test_json_log_line_carries_the_request_id(app):
    record = logging.LogRecord("registry", logging.ERROR, __file__, 1, "hỏng %s", ("x",), None)
    with app.test_request_context("/", headers={"X-Request-ID": "req-00000001"}):
        from flask import g
        g.request_id = "req-00000001"
        line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "hỏng x" and entry["request_id"] == "req-00000001"
