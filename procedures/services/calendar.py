"""The working-day calendar: the days the office records, and the calendar the audit counts with.

Everyone reads the calendar; only admins (and the system) write it (procedures/policy.py).
"""
from datetime import date

from sqlalchemy import select

from procedures.calendar import LocalDay, WorkCalendar
from procedures.db import db
from procedures.errors import ValidationFailed
from procedures.models import CalendarDay
from procedures.schemas.inputs import CalendarDayIn
from procedures.services.base import EntityService
from procedures.services.references import copy_fields, find_by

_CALENDARS: dict = {}  # local days → built calendar (building one takes ~25 ms)


def parse_day(value) -> date:
    """A date given as a date or as ISO text, or a field error."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationFailed([{"field": "day", "messages": [
            f"Ngày '{value}' không hợp lệ: chọn một ngày (dd/mm/yyyy)."]}]) from None


class CalendarDayService(EntityService):
    entity, label, model, schema_class = "calendar_day", "ngày trong lịch", CalendarDay, CalendarDayIn
    key_fields = ("day",)

    def normalise_key(self, key):
        return (parse_day(key[0]),)

    def key_text(self, key):
        return parse_day(key[0]).isoformat()

    def find(self, key):
        return find_by(CalendarDay, day=parse_day(key[0]))

    def list_order(self):
        return (CalendarDay.day,)

    def extract(self, record):
        return {"day": record.day, "kind": record.kind, "note": record.note}

    def apply(self, record, data):
        copy_fields(record, data, ("day", "kind", "note"))


calendar_days = CalendarDayService()


def local_days() -> tuple[LocalDay, ...]:
    """Every day the office recorded, in date order (one query)."""
    rows = db.session.execute(
        select(CalendarDay.day, CalendarDay.kind, CalendarDay.note).order_by(CalendarDay.day))
    return tuple(LocalDay(day, kind, note) for day, kind, note in rows)


def days_of_year(year: int) -> list[CalendarDay]:
    """The recorded days of one year."""
    return db.session.scalars(select(CalendarDay).where(
        CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
        .order_by(CalendarDay.day)).all()


def work_calendar(around: date | None = None) -> WorkCalendar:
    """The calendar in force now: the holidays package plus the recorded days."""
    days = local_days()
    calendar = _CALENDARS.get(days)
    if calendar is None:
        if len(_CALENDARS) > 16:
            _CALENDARS.clear()
        calendar = _CALENDARS[days] = WorkCalendar(days, around)
    return calendar


SOURCES = {"library": "lịch nghỉ lễ, tết (thư viện holidays)", "day_off": "cơ quan khai báo",
           "working_day": "cơ quan khai báo"}


def calendar_year(year: int) -> list[dict]:
    """The weekdays off and the make-up working days of a year, with where each comes from."""
    calendar = work_calendar()
    return [{"day": day, "name": name, "source": source, "source_label": SOURCES[source],
             "working": calendar.is_working_day(day)}
            for day, name, source in calendar.days_off(year)]


def can_edit_calendar() -> bool:
    """Whether the acting user may record days (to show the forms)."""
    from procedures import policy
    from procedures.services.uow import current_actor

    return policy.allowed(current_actor(), "create", "calendar_day", None, {})
