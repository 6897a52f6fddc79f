"""Failed sign-ins are limited per client address: in memory by default, in Redis when set."""
import pytest
import redis

from app import create_app
from procedures.db import db as _db
from procedures.services import accounts

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_app(app, db, make_user, tmp_path):
    """A second app on the same database whose limiter stores its counters in Redis."""
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    make_user("admin", "quan-tri")
    other = create_app({**app.config, "RATELIMIT_STORAGE_URI": REDIS_URL,
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    yield other, client
    client.flushdb()
    with other.app_context():
        _db.session.remove()


def wrong(client, address, username="quan-tri"):
    return client.post("/login", data={"username": username, "password": "doan-mo-123"},
                       environ_base={"REMOTE_ADDR": address})


def test_counters_live_in_redis_when_configured(redis_app):
    app, store = redis_app
    client = app.test_client()
    assert [wrong(client, "192.0.2.1").status_code for _ in range(6)] == [401] * 5 + [429]
    assert any(b"192.0.2.1" in key for key in store.keys("*"))
    # A second node with the same Redis sees the same count: the address stays stopped.
    again = create_app({**app.config})
    assert wrong(again.test_client(), "192.0.2.1").status_code == 429
    assert wrong(client, "192.0.2.2").status_code == 401  # another address is not affected


def test_sign_in_keeps_working_when_redis_is_down(app, db, make_user):
    make_user("admin", "quan-tri")
    down = create_app({**app.config, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"})
    client = down.test_client()
    ok = client.post("/login", data={"username": "quan-tri", "password": "mat-khau-123"})
    assert ok.status_code == 302
    assert wrong(client, "192.0.2.3").status_code == 401


def test_only_failures_count(client, make_user):
    make_user("admin", "quan-tri")
    for _ in range(8):  # more successful sign-ins than the limit allows failures
        ok = client.post("/login", data={"username": "quan-tri", "password": "mat-khau-123"})
        assert ok.status_code == 302
    assert accounts.get_user("quan-tri").locked_until is None
