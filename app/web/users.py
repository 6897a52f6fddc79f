"""Accounts: the admin's user management and everyone's own password."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user

from app.web.blueprint import bp
from app.web.formdata import form_errors, text
from procedures import enums, services
from procedures.errors import Conflict, ValidationFailed
from procedures.services import accounts


def _unit_options():
    """Units an account can be bound to, as {code: "code · name"}."""
    return {u.code: f"{u.code} · {u.name}" for u in services.units.all()}


@bp.route("/admin/users")
def users():
    """Every account with its role, unit, state and tokens."""
    rows = [(user, accounts.tokens_of(user)) for user in accounts.list_users()]
    return render_template("admin/users.html", rows=rows)


def _user_form(form):
    return {"username": text(form, "username"), "full_name": text(form, "full_name"),
            "role": text(form, "role"), "unit_code": text(form, "unit_code"),
            "active": bool(form.get("active"))}


@bp.route("/admin/users/new", methods=["GET", "POST"])
@bp.route("/admin/users/<username>", methods=["GET", "POST"])
def edit_user(username=None):
    """Create an account, or change one's role, unit, name and whether it may sign in."""
    accounts.authorize_manage()
    user = accounts.account(username) if username else None
    if request.method == "GET":
        data = accounts.describe(user) if user else {"role": "unit_editor", "active": True}
        return _render_user(user, data, {})
    data = _user_form(request.form)
    try:
        if user is None:
            user = accounts.create_user(data["username"], request.form.get("password", ""),
                                        data["role"], data["unit_code"], data["full_name"])
            flash(f"Đã tạo tài khoản {user.username}.", "info")
        else:
            accounts.update_user(user.username, data["role"], data["unit_code"],
                                 data["full_name"], data["active"])
            flash(f"Đã lưu tài khoản {user.username}.", "info")
    except ValidationFailed as exc:
        flash("Dữ liệu chưa hợp lệ: xem thông báo ở từng ô bên dưới.", "error")
        return _render_user(user, data, form_errors(exc.errors), 422)
    except Conflict as exc:
        flash(exc.message, "error")
        return _render_user(user, data, form_errors(exc.errors), 409)
    return redirect(url_for("web.edit_user", username=user.username))


def _render_user(user, data, errors, status=200, token=None):
    return render_template(
        "admin/user.html", user=user, data=data, errors=errors, roles=enums.ROLES,
        units=_unit_options(), tokens=accounts.tokens_of(user) if user else [],
        revisions=services.history("user", user.username) if user else [], new_token=token,
    ), status


@bp.route("/admin/users/<username>/password", methods=["POST"])
def reset_password(username):
    """Set a new password for an account (and unlock it)."""
    user = accounts.account(username)
    try:
        changed = accounts.set_password(user.username, request.form.get("password", ""))
    except ValidationFailed as exc:
        flash("Mật khẩu mới chưa hợp lệ.", "error")
        return _render_user(user, accounts.describe(user), form_errors(exc.errors), 422)
    if changed.id == current_user.id:  # the admin's own other sessions end, not this one
        login_user(changed)
    flash(f"Đã đặt mật khẩu mới cho {user.username}; tài khoản được mở khóa và mọi phiên "
          "đăng nhập cũ đã kết thúc.", "info")
    return redirect(url_for("web.edit_user", username=user.username))


@bp.route("/admin/users/<username>/tokens", methods=["POST"])
def issue_token(username):
    """Issue an API token; its value is shown on this response only."""
    user = accounts.account(username)
    try:
        days = int(request.form.get("days") or 90)
    except ValueError:
        days = -1
    if not 0 <= days <= 3650:
        flash("Số ngày hiệu lực phải từ 0 đến 3650 (0: không hết hạn).", "error")
        return _render_user(user, accounts.describe(user), {"days": ["0–3650"]}, 422)
    _, clear = accounts.create_token(user.username, text(request.form, "name"), days)
    flash("Đã cấp mã truy cập. Hãy chép ngay: mã chỉ hiển thị một lần.", "info")
    return _render_user(user, accounts.describe(user), {}, 201, token=clear)


@bp.route("/admin/users/<username>/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(username, token_id):
    """Revoke one of the account's API tokens."""
    user = accounts.account(username)
    if token_id not in {t.id for t in accounts.tokens_of(user)}:
        abort(404)
    accounts.revoke_token(token_id)
    flash(f"Đã thu hồi mã truy cập #{token_id}.", "info")
    return redirect(url_for("web.edit_user", username=user.username))


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    """Any signed-in user changes their own password."""
    accounts.require_signed_in()
    errors, status = {}, 200
    if request.method == "POST":
        try:
            user = accounts.change_password(request.form.get("current_password"),
                                            request.form.get("password", ""),
                                            request.form.get("password_again", ""))
        except ValidationFailed as exc:
            errors, status = form_errors(exc.errors), 422
        else:
            login_user(user)  # this browser stays signed in; every other session ends
            flash("Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc.", "info")
            return redirect(url_for("web.home"))
        flash("Chưa đổi được mật khẩu: xem thông báo bên dưới.", "error")
    return render_template("account_password.html", errors=errors), status
