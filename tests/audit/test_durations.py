"""Durations as the law writes them: working days and hours, "24 giờ", calendar days, months."""
from datetime import date
from decimal import Decimal

import pytest

from procedures import services
from procedures.calendar import WorkCalendar
from procedures.durations import statutory_limit, step_minutes
from procedures.errors import ValidationFailed
from tests.audit.builders import DESK_STEP, assign, build_ready_ward, change_procedure, findings

DESK = {k: v for k, v in DESK_STEP.items() if k != "duration_days"}
CALENDAR = WorkCalendar(around=date(2026, 6, 1))
DEC_1 = date(2026, 12, 1)  # a Tuesday far from any holiday
BEFORE_TET = date(2026, 2, 10)  # Tết Bính Ngọ: 16–20/2/2026


def _time(value, unit, kind="in_person"):
    change_procedure(channels=[{"kind": kind, "processing_time": value, "time_unit": unit,
                                "is_free": True}])


def _steps(*times):
    """Desk step (0,25 day) + steps of (value, unit) + the return step."""
    steps = [dict(DESK, duration=0.25)]
    for i, (value, unit) in enumerate(times, start=2):
        steps.append({"position": i, "task": "Xử lý", "department": "Tư pháp – Hộ tịch",
                      "position_title": "Công chức tư pháp – hộ tịch",
                      "officer_name": "Nguyễn Thị Lan", "duration": value,
                      "duration_unit": unit})
    steps.append({"position": len(steps) + 1, "task": "Trả kết quả",
                  "department": "Bộ phận Một cửa", "position_title": "Công chức một cửa",
                  "officer_name": "Nguyễn Thị Lan", "is_return_step": True})
    return steps


def test_step_times_are_exact_minutes():
    assert step_minutes("0,25", "working_day") == 120 and step_minutes(3, "working_hour") == 180
    assert step_minutes(30, "minute") == 30 and step_minutes(None, "minute") is None


def test_calendar_limits_follow_the_civil_code():
    def allowed(value, unit, received):
        return statutory_limit(Decimal(value), unit, CALENDAR, received).allowed

    assert allowed(24, "hour", DEC_1) == 480  # "24 giờ" is one working day, not three
    assert allowed(48, "hour", date(2026, 12, 4)) == 480  # Fri → Sun, ends Monday
    assert allowed(15, "day", DEC_1) == 11 * 480
    assert allowed(15, "day", BEFORE_TET) == 6 * 480
    assert allowed(1, "month", DEC_1) == 23 * 480  # due 1/1/2027 (a holiday) → Mon 4/1/2027
    assert statutory_limit(Decimal(1), "month", CALENDAR, DEC_1).deadline == date(2027, 1, 4)
    assert allowed(0, "day", DEC_1) == 480  # same day


def test_a_three_hour_certification_can_pass(db):
    # Chứng thực bản sao: "trong 03 giờ làm việc". Quarter days could never add up to 3 hours.
    build_ready_ward()
    _time(3, "working_hour")
    assign(steps=[dict(DESK, duration=30, duration_unit="minute")] + _steps(
        (2, "working_hour"), (30, "minute"))[1:])
    found = findings()
    assert not {"assignment.process.duration_short", "assignment.process.duration_exceeds"} & set(
        found)
    assign(steps=[dict(DESK, duration=45, duration_unit="minute")] + _steps(
        (2, "working_hour"), (30, "minute"))[1:])
    exceeded = findings()["assignment.process.duration_exceeds"][0]
    assert "3,25 giờ làm việc, vượt thời hạn 3 giờ làm việc" in exceeded.message


def test_24_hours_is_one_working_day(db):
    build_ready_ward()
    _time(24, "hour")
    assign(steps=_steps((0.75, "working_day")))  # 0,25 + 0,75 = 1 working day
    found = findings(as_of=DEC_1)
    assert not {"assignment.process.duration_short", "assignment.process.duration_exceeds"} & set(
        found)  # Mon–Fri hours ÷ 8 read "24 giờ" as 3 days: a false "less than" warning
    assign(steps=_steps((1.75, "working_day")))
    exceeded = findings(as_of=DEC_1)["assignment.process.duration_exceeds"][0]
    assert "2 ngày làm việc, vượt thời hạn 24 giờ" in exceeded.message


def test_a_15_day_permit_is_counted_through_the_calendar(db):
    build_ready_ward()
    _time(15, "day")
    assign(steps=_steps((10.75, "working_day")))  # 11 working days
    assert "assignment.process.duration_exceeds" not in findings(as_of=DEC_1)
    exceeded = findings(as_of=BEFORE_TET)["assignment.process.duration_exceeds"][0]
    assert "hồ sơ nhận ngày 10/02/2026 hết hạn ngày 25/02/2026: 6 ngày làm việc" in \
        exceeded.message


def test_a_month_limit_is_compared(db):
    build_ready_ward()
    _time(1, "month")
    assign(steps=_steps((23, "working_day")))
    exceeded = findings(as_of=DEC_1)["assignment.process.duration_exceeds"][0]
    assert "hết hạn ngày 04/01/2027" in exceeded.message


def test_a_time_on_the_return_step_is_reported_not_dropped(db):
    build_ready_ward()
    steps = _steps((0.5, "working_day"))
    steps[-1]["duration"] = 0.5
    assign(steps=steps)
    fail = findings()["assignment.process.return_step_timed"][0]
    assert "bước 3" in fail.message and "0,5 ngày làm việc" in fail.message


def test_step_times_are_validated_in_their_unit(db):
    build_ready_ward()
    for bad, field in (({"duration": "0,3"}, "duration"),
                       ({"duration": "2,5", "duration_unit": "minute"}, "duration"),
                       ({"duration": 1, "duration_days": 2}, "duration_days")):
        with pytest.raises(ValidationFailed) as caught:
            assign(steps=[dict(DESK, **bad)])
        assert caught.value.errors[0]["field"] == f"process_steps.0.{field}"
    record = assign(steps=[dict(DESK, duration="1,25", duration_unit="working_hour")])
    assert (record.process_steps[0].duration, record.process_steps[0].duration_unit) == (
        Decimal("1.25"), "working_hour")


def test_the_legacy_duration_days_still_loads_as_working_days(db):
    build_ready_ward()
    record = assign(steps=[dict(DESK, duration_days=0.5)])
    step = services.assignments.serialize(record)["process_steps"][0]
    assert (step["duration"], step["duration_unit"]) == (0.5, "working_day")
    assert "duration_days" not in {k for k, v in step.items() if v is not None}
