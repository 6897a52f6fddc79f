"""Working days (Mon–Fri) and quarter-day durations, in exact Decimal arithmetic."""
from datetime import date, timedelta
from decimal import Decimal

HOURS_PER_DAY = 8
QUARTER = Decimal("0.25")


def add_working_days(day: date, count: int) -> date:
    """The date `count` working days (Mon–Fri) after `day`; public holidays are not modelled."""
    result = day
    while count > 0:
        result += timedelta(days=1)
        if result.weekday() < 5:
            count -= 1
    return result


def at_least_working_days_before(earlier: date, later: date, count: int) -> bool:
    """Whether `earlier` lies at least `count` working days before `later`."""
    return add_working_days(earlier, count) <= later


def within_working_days(start: date, end: date, count: int) -> bool:
    """Whether `end` is no more than `count` working days after `start`."""
    return end <= add_working_days(start, count)


def quarters(value) -> int | None:
    """A quarter-day duration as an integer count of quarters (4.5 → 18)."""
    if value is None:
        return None
    return int((Decimal(str(value)) * 4).to_integral_value())


def days_from_quarters(count: int) -> Decimal:
    """Quarter count back to days, normalised (18 → 4.5)."""
    return (Decimal(count) * QUARTER).normalize() if count else Decimal(0)


def statutory_working_days(processing_time, time_unit: str) -> Decimal | None:
    """The statutory time in working days, or None when the unit cannot be compared."""
    if processing_time is None:
        return None
    value = Decimal(str(processing_time))
    if time_unit == "working_day":
        return value
    if time_unit == "hour":
        return value / HOURS_PER_DAY
    return None


def same_day_limit(statutory: Decimal) -> Decimal:
    """'Trong ngày' (0) allows the steps up to one working day; other times are as published."""
    return Decimal(1) if statutory == 0 else statutory


def format_days(value: Decimal) -> str:
    """Vietnamese notation of a day count: 4.5 → '4,5'."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")
