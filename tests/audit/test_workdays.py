"""Working days (Mon–Fri) and quarter-day sums in exact Decimal arithmetic."""
from datetime import date
from decimal import Decimal

from procedures.audit.workdays import (
    add_working_days,
    at_least_working_days_before,
    days_from_quarters,
    format_days,
    quarters,
    statutory_working_days,
    within_working_days,
)
from tests.audit.builders import assign, build_ready_ward, change_procedure, findings, process_steps

FRIDAY = date(2025, 6, 27)


def test_working_days_skip_weekends():
    assert add_working_days(FRIDAY, 1) == date(2025, 6, 30)
    assert add_working_days(FRIDAY, 5) == date(2025, 7, 4)
    assert add_working_days(date(2025, 6, 28), 1) == date(2025, 6, 30)  # from a Saturday


def test_index_1_1_and_1_2_boundaries():
    assert at_least_working_days_before(FRIDAY, date(2025, 7, 4), 5)
    assert not at_least_working_days_before(FRIDAY, date(2025, 7, 3), 5)
    assert within_working_days(FRIDAY, date(2025, 7, 4), 5)
    assert not within_working_days(FRIDAY, date(2025, 7, 5), 5)


def test_quarter_days_are_exact():
    total = sum(quarters(v) for v in ("0.25", "0.5", "1.75", 2, "0.25"))
    assert total == 19 and days_from_quarters(total) == Decimal("4.75")
    assert format_days(Decimal("4.50")) == "4,5" and format_days(Decimal("7.00")) == "7"


def test_statutory_time_conversion():
    assert statutory_working_days(Decimal("7"), "working_day") == 7
    assert statutory_working_days(Decimal("4"), "hour") == Decimal("0.5")
    assert statutory_working_days(Decimal("3"), "hour") == Decimal("0.375")
    assert statutory_working_days(Decimal("15"), "day") is None
    assert statutory_working_days(Decimal("1"), "month") is None


def test_four_and_a_half_days_against_five_is_a_warning(db):
    build_ready_ward()
    change_procedure(channels=[{"kind": "in_person", "processing_time": 5, "is_free": True}])
    assign(steps=process_steps(0.75, 2.5, 1))  # 0.25 + 0.75 + 2.5 + 1 = 4.5, return step free
    found = findings()
    assert "4,5 ngày làm việc" in found["assignment.process.duration_short"][0].message
    assert "assignment.process.duration_exceeds" not in found


def test_quarter_days_add_up_exactly_to_the_statutory_time(db):
    build_ready_ward()
    change_procedure(channels=[{"kind": "in_person", "processing_time": 3, "is_free": True}])
    assign(steps=process_steps(0.25, 0.75, 1.25, 0.5))  # 0.25 + 2.75 = 3
    found = findings()
    assert not {"assignment.process.duration_short", "assignment.process.duration_exceeds"} & set(
        found)


def test_hours_are_converted_and_each_channel_block_is_compared(db):
    build_ready_ward()
    change_procedure(channels=[
        {"kind": "in_person", "processing_time": 3, "is_free": True},
        {"kind": "online", "processing_time": 8, "time_unit": "hour", "is_free": True}])
    online = [dict(s, channel_kind="online") for s in process_steps(0.5, 0.5)]
    assign(steps=process_steps(2.75) + online)  # common block 3 days; online block 1.25 > 1
    exceeded = findings()["assignment.process.duration_exceeds"]
    assert len(exceeded) == 1 and "khối trực tuyến" in exceeded[0].message
    assert "1 ngày làm việc (8 giờ)" in exceeded[0].message
