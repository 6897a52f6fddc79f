"""The working-day calendar page: holidays and swaps of a year; admins record later decisions."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for

from app.web.blueprint import bp
from app.web.formdata import form_errors, text
from procedures import enums, services
from procedures.calendar import LIBRARY
from procedures.errors import Conflict, ValidationFailed
from procedures.services.calendar import calendar_year, can_edit_calendar, days_of_year


def _year():
    try:
        year = int(request.args.get("year") or date.today().year)
    except ValueError:
        year = date.today().year
    return min(max(year, 2000), 2100)


def _render(year, data=None, errors=None, status=200):
    return render_template(
        "calendar.html", year=year, rows=calendar_year(year), recorded=days_of_year(year),
        library=LIBRARY, kinds=enums.CALENDAR_DAY_KINDS, editable=can_edit_calendar(),
        data=data or {}, errors=errors or {}), status


@bp.route("/calendar")
def work_calendar():
    """Every weekday off and make-up working day of a year, and where each comes from."""
    return _render(_year())


@bp.route("/calendar", methods=["POST"])
def add_calendar_day():
    """Record a day off or a make-up working day (admins)."""
    data = {"day": text(request.form, "day"), "kind": text(request.form, "kind"),
            "note": text(request.form, "note")}
    try:
        services.calendar_days.upsert(data)
    except (ValidationFailed, Conflict) as exc:
        flash("Dữ liệu chưa hợp lệ: xem thông báo bên dưới.", "error")
        return _render(_year(), data, form_errors(exc.errors), exc.status)
    flash(f"Đã ghi ngày {data['day']} vào lịch.", "info")
    year = (data["day"] or "")[:4]
    return redirect(url_for("web.work_calendar", year=year if year.isdigit() else None))


@bp.route("/calendar/<day>/delete", methods=["POST"])
def delete_calendar_day(day):
    """Remove a recorded day (admins)."""
    services.calendar_days.delete(day)
    flash(f"Đã xóa ngày {day} khỏi các ngày do cơ quan khai báo.", "info")
    return redirect(url_for("web.work_calendar", year=day[:4] if day[:4].isdigit() else None))
