"""Login and logout."""
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from app.web.blueprint import bp
from app.web.forms import EmptyForm, LoginForm
from procedures import policy
from procedures.errors import ServiceError
from procedures.services import Actor, accounts


def _safe_next(target):
    """Only redirect to a path on this site: no scheme or host, no control character or
    backslash (a header split, or "/\\evil.example" that browsers read as another host)."""
    if not target or len(target) > 2000:
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target) or "\\" in target:
        return None
    try:
        parts = urlsplit(target)
    except ValueError:  # an invalid IPv6 host and the like
        return None
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _work_of(user) -> str:
    """Where a user lands after signing in: their work, as the policy sees their role (an
    editor their unit's page with its audit state, the office the audit, others the search)."""
    actor = Actor.of_user(user)
    unit_code = policy.home_unit_code(actor)
    if unit_code:
        return url_for("web.unit", code=unit_code)
    if policy.allowed(actor, "read", "league"):
        return url_for("web.audit_league")
    return url_for("web.home")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with a username and password (failures are limited per client address: see
    app.extensions.limit_login)."""
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.username.data, form.password.data)
        except ServiceError as exc:
            flash(exc.message, "error")
            return render_template("login.html", form=form), exc.status
        if user is not None:
            login_user(user)
            flash(f"Xin chào {user.full_name or user.username}.", "info")
            return redirect(_safe_next(request.args.get("next")) or _work_of(user))
        flash("Tên đăng nhập hoặc mật khẩu không đúng.", "error")
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST with the CSRF token)."""
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            accounts.sign_out(current_user.id)  # every copy of this session ends too
        logout_user()
        flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("web.home"))
