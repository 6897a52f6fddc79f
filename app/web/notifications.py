"""Notifications: the log (the reform office), a person's mail settings, following a unit."""
from flask import flash, redirect, render_template, request, url_for

from app.http import page_arg
from app.web.blueprint import bp
from app.web.jobs import to_job_page
from jobs import submit
from procedures import services
from procedures.errors import ServiceError
from procedures.services import notifications


@bp.route("/notifications")
def notifications_log():
    """Every message: to whom, about what, when, delivered, failed or not sent (and its text)."""
    status = request.args.get("status") or None
    page = notifications.list_notifications(page_arg(), 50, status)
    return render_template("notifications/log.html", page=page, status=status,
                           labels=notifications.STATUS_LABELS,
                           mail_configured=notifications.mail_configured(),
                           pending=notifications.pending_count())


@bp.route("/notifications/send", methods=["POST"])
def notifications_send():
    """Send the pending messages now (also the daily digests when asked)."""
    try:
        job = submit("notify", {"digest": bool(request.form.get("digest"))})
    except ServiceError as exc:
        if exc.status in (401, 403):
            raise
        flash(exc.message, "error")
        return redirect(url_for("web.notifications_log"))
    return to_job_page(job)


@bp.route("/account/notifications", methods=["GET", "POST"])
def account_notifications():
    """The signed-in person's address for notices, and single mails or one daily digest."""
    email, digest = notifications.my_settings()
    error = None
    if request.method == "POST":
        email = request.form.get("email") or ""
        digest = bool(request.form.get("digest"))
        try:
            notifications.save_my_settings(email, digest)
        except ServiceError as exc:
            if exc.status in (401, 403):
                raise
            error = exc.errors[0]["messages"][0] if exc.errors else exc.message
        else:
            flash("Đã lưu cách nhận thông báo.", "info")
            return redirect(url_for("web.account_notifications"))
    return render_template("notifications/settings.html", email=email or "", digest=digest,
                           error=error), 422 if error else 200


@bp.route("/audit/units/<code>/follow", methods=["POST"])
def audit_follow(code):
    """The office follows (or stops following) a unit: its people get the unit's notices too."""
    unit = services.units.get(code)
    on = request.form.get("on") == "1"
    notifications.set_follow(unit, on)
    flash(f"Đã theo dõi {unit.name}: bạn sẽ nhận thông báo khi có lỗi chặn mới hoặc được sửa."
          if on else f"Đã thôi theo dõi {unit.name}.", "info")
    return redirect(url_for("web.audit_unit", code=unit.code))
