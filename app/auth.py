"""Authentication: sessions for pages (Flask-Login), bearer tokens for the API, CSRF, headers."""
from flask import current_app, g, has_request_context, request
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from app.http import is_api_request
from procedures import context
from procedures.services import accounts

login_manager = LoginManager()
login_manager.login_view = "web.login"
login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."
login_manager.login_message_category = "warning"
csrf = CSRFProtect()

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@login_manager.user_loader
def load_user(user_id):
    return accounts.load_user(user_id)


def api_user():
    """The user of the request's bearer token (API requests never use the session cookie)."""
    if "api_user" not in g:
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header[:7].lower() == "bearer " else ""
        g.api_user = accounts.user_for_token(token) if token else None
    return g.api_user


def request_user():
    """The acting user: token user on the API, session user on pages, else None."""
    try:
        if is_api_request():
            return api_user()
        return current_user._get_current_object() if current_user.is_authenticated else None
    except RuntimeError:  # outside a request: CLI, jobs
        return None


def _add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _forget_previous_user():
    """Start each request without a user cached in g (g outlives requests in nested contexts)."""
    g.pop("_login_user", None)
    g.pop("api_user", None)


def _protect_forms():
    """CSRF on every state-changing page request; the token-only API cannot be forged."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and not is_api_request():
        csrf.protect()


def init_app(app):
    # Flask defines these keys (as None), so setdefault would keep None: set them unless chosen.
    for key, value in (("SESSION_COOKIE_HTTPONLY", True), ("SESSION_COOKIE_SAMESITE", "Lax"),
                       ("REMEMBER_COOKIE_HTTPONLY", True), ("REMEMBER_COOKIE_SAMESITE", "Lax")):
        if app.config.get(key) is None:
            app.config[key] = value
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    login_manager.init_app(app)
    csrf.init_app(app)
    app.before_request(_forget_previous_user)
    app.before_request(_protect_forms)
    context.set_user_provider(request_user)
    context.set_request_check(has_request_context)
    app.after_request(_add_security_headers)
