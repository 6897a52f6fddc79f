"""Time limits as the law writes them, and internal-process step times, compared exactly.

Every step time is working time, held as whole minutes (a quarter day is 120 minutes, a quarter
hour 15), so sums are exact integers. A statutory limit becomes the working minutes the steps may
take: working days × 480 and working hours × 60 as they are (a working day is 8 working hours,
Labour Code 2019 Art. 105); calendar hours, calendar days and months are counted through the
working-day calendar for a dossier received on the audit's "as of" date, the way the Civil Code
2015 counts periods (Art. 147: a period in days starts the day after the event; Art. 148: a
period in months ends on the same day of the last month, or that month's last day; a period whose
last day is a day off ends at the end of the next working day).
"""
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from procedures.calendar import WorkCalendar, add_months
from procedures.enums import STEP_TIME_UNITS, TIME_UNITS

MINUTES_PER_HOUR = 60
WORKING_HOURS_PER_DAY = 8
WORKING_DAY = MINUTES_PER_HOUR * WORKING_HOURS_PER_DAY  # 480 minutes
STEP_MINUTES = {"working_day": WORKING_DAY, "working_hour": MINUTES_PER_HOUR, "minute": 1}
WORKING_UNITS = ("working_day", "working_hour")  # limits the steps should add up to exactly
DAYS_PER_MONTH_FRACTION = 30  # the days of a fractional month ("1,5 tháng" = 1 month 15 days)


def to_decimal(value) -> Decimal | None:
    """A number typed in a form or a cell ("0,5"), or None when it is not one."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def step_minutes(value, unit: str | None) -> int | None:
    """A step's time in working minutes (0,25 working day → 120)."""
    number = to_decimal(value)
    if number is None:
        return None
    return int((number * STEP_MINUTES.get(unit or "working_day", WORKING_DAY))
               .to_integral_value())


def working_days(value, unit: str | None):
    """A step's time as working days (a number for JSON; 30 minutes → 0.0625), or None."""
    minutes = step_minutes(value, unit)
    if minutes is None:
        return None
    days = Decimal(minutes) / WORKING_DAY
    return int(days) if days == days.to_integral_value() else float(days)


def format_number(value) -> str:
    """Vietnamese notation: 4.5 → '4,5'; 7.00 → '7'."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


def format_minutes(minutes: int, unit: str) -> str:
    """Working minutes in a unit: (2160, working_day) → '4,5 ngày làm việc'."""
    factor = STEP_MINUTES.get(unit, WORKING_DAY)
    value = (Decimal(minutes) / factor).quantize(Decimal("0.01")).normalize()
    return f"{format_number(value)} {STEP_TIME_UNITS.get(unit, TIME_UNITS.get(unit, unit))}"


def vn_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True, slots=True)
class Limit:
    """A statutory time as the working minutes its steps may take, and how to say it."""

    unit: str  # the statutory unit (TIME_UNITS)
    value: Decimal  # the statutory figure as published
    allowed: int  # most working minutes the steps may add up to
    statutory: int | None  # what they should add up to (working units, not same-day); None: no check
    received: date | None = None  # calendar units: the dossier received on this day …
    deadline: date | None = None  # … is due at the end of this day

    @property
    def same_day(self) -> bool:
        return self.value == 0

    @property
    def total_unit(self) -> str:
        """The unit a sum is shown in: the statutory one when it is working time."""
        return self.unit if self.unit in WORKING_UNITS else "working_day"

    def text(self) -> str:
        """'7 ngày làm việc', 'trong ngày (tối đa 1 ngày làm việc)', '15 ngày (… 11 ngày làm việc)'."""
        if self.same_day:
            return "trong ngày (tối đa 1 ngày làm việc)"
        text = f"{format_number(self.value)} {TIME_UNITS.get(self.unit, self.unit)}"
        if self.unit in WORKING_UNITS:
            return text
        if self.deadline == self.received:
            return f"{text} (tối đa {self.allowed_text()} trong ngày nhận hồ sơ)"
        return (f"{text} (hồ sơ nhận ngày {vn_date(self.received)} hết hạn ngày "
                f"{vn_date(self.deadline)}: {format_minutes(self.allowed, 'working_day')})")

    def allowed_text(self) -> str:
        return format_minutes(self.allowed, self.total_unit)

    def state(self, total: int) -> str:
        """over | under | ok: the one comparison the audit and the editing form make."""
        if total > self.allowed:
            return "over"
        if self.statutory is not None and total < self.statutory:
            return "under"
        return "ok"


def statutory_limit(value, unit: str, calendar: WorkCalendar, received: date) -> Limit | None:
    """The limit of a published time (None when there is no time or the unit is unknown)."""
    number = to_decimal(value)
    if number is None or number < 0:
        return None
    if unit in WORKING_UNITS:
        minutes = int((number * STEP_MINUTES[unit]).to_integral_value())
        if minutes == 0:  # same day: the steps may take the working day
            return Limit(unit, number, WORKING_DAY, None)
        return Limit(unit, number, minutes, minutes)
    if number == 0:
        return Limit(unit, number, WORKING_DAY, None)
    if unit == "hour":
        days, rest = divmod(number, 24)
        extra = int((min(rest, WORKING_HOURS_PER_DAY) * MINUTES_PER_HOUR).to_integral_value())
        if not days:  # under a day: the working hours of the day of receipt at most
            return Limit(unit, number, extra, None, received, received)
        end = received + timedelta(days=int(days))
    elif unit == "day":
        extra, end = 0, received + timedelta(days=int(number.to_integral_value(rounding="ROUND_CEILING")))
    elif unit == "month":
        months = int(number)
        extra = 0
        end = add_months(received, months) + timedelta(
            days=int(((number - months) * DAYS_PER_MONTH_FRACTION).to_integral_value()))
    else:
        return None
    deadline = calendar.next_working_day(end)
    allowed = calendar.working_days_between(received, deadline) * WORKING_DAY + extra
    return Limit(unit, number, allowed, None, received, deadline)


class Limits:
    """Statutory limits of one audit run (one calendar, one 'as of' day), each computed once."""

    def __init__(self, calendar: WorkCalendar, received: date):
        self.calendar, self.received = calendar, received
        self._cache = {}

    def get(self, value, unit) -> Limit | None:
        key = (value, unit)
        if key not in self._cache:
            self._cache[key] = statutory_limit(value, unit, self.calendar, self.received)
        return self._cache[key]
