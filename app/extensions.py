"""Unbound Flask extensions, bound to the app in create_app."""
from flask import request
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_smorest import Api

from procedures.db import db
from procedures.schemas.outputs import ErrorOut


class RegistryApi(Api):
    """flask-smorest Api documenting our error shape."""

    ERROR_SCHEMA = ErrorOut


def client_address() -> str:
    """The client's address (behind a proxy, ProxyFix with PROXY_FIX_X_FOR sets it)."""
    return request.remote_addr or "unknown"


def limit_login(app) -> Limiter:
    """This app's rate limiter (one per app: its storage is RATELIMIT_STORAGE_URI), applied to
    failed sign-ins on the login form, per client address (LOGIN_RATE_LIMIT)."""
    limiter = Limiter(key_func=client_address)
    limiter.init_app(app)
    view = app.view_functions["web.login"]
    app.view_functions["web.login"] = limiter.limit(
        lambda: app.config["LOGIN_RATE_LIMIT"], methods=["POST"],
        deduct_when=lambda response: response.status_code in (400, 401),
        error_message="Quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau ít phút.",
    )(view)
    app.extensions["login_limiter"] = limiter
    return limiter


migrate = Migrate()
api = RegistryApi()

__all__ = ["api", "client_address", "db", "limit_login", "migrate"]
