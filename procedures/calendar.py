"""The working-day calendar: Vietnamese public holidays, decided swaps, and locally recorded days.

Public holidays (Labour Code 2019 Art. 112: Tết from the lunar calendar, Hùng Vương, 30/4, 1/5,
2/9 and its adjacent day), the observed days and the swaps the Prime Minister decided (days off
given in exchange for a make-up Saturday, such as 2/5/2025 for 26/4/2025) come from the `holidays`
package. Days decided later than that package's release are recorded by the office
(`CalendarDay`, see procedures/services/calendar.py) and win over the package on their date.

A calendar is built once per audit run: it keeps, for a contiguous range of years, the sorted
ordinals of the working days and for each day the number of working days up to it, so adding
working days or counting them between two dates is two list lookups.
"""
from dataclasses import dataclass
from datetime import date

import holidays

from procedures.enums import CALENDAR_DAY_KINDS

COUNTRY = "VN"
LIBRARY = f"holidays {holidays.__version__}"
DAY_OFF, WORKING_DAY = "day_off", "working_day"
KINDS = CALENDAR_DAY_KINDS
MARGIN_YEARS = 2  # built around the dates first asked for, grown when a date falls outside
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a calendar may cover (see covers())


@dataclass(frozen=True)
class LocalDay:
    """A day the office recorded: a day off or a make-up working day, with its reason."""

    day: date
    kind: str
    note: str | None = None


def library_days(first_year: int, last_year: int) -> tuple[dict, set]:
    """(holiday date → name, make-up working Saturdays) of the package for these years."""
    calendar = holidays.country_holidays(COUNTRY, years=range(first_year, last_year + 1))
    workdays = {d for d in calendar.weekend_workdays if first_year <= d.year <= last_year}
    return dict(calendar.items()), workdays


class WorkCalendar:
    """Working days: Monday–Friday less holidays, plus make-up days; local days win."""

    def __init__(self, local_days=(), around: date | None = None):
        self.local = {d.day: d for d in local_days}
        centre = min(max((around or date.today()).year, FIRST_YEAR + 10), LAST_YEAR - 2)
        self._build(centre - MARGIN_YEARS - 8, centre + MARGIN_YEARS)

    # --- building ---------------------------------------------------------------------------
    def _build(self, first_year: int, last_year: int):
        self.first_year, self.last_year = first_year, last_year
        self.holidays, workdays = library_days(first_year, last_year)
        self.start = date(first_year, 1, 1).toordinal()
        end = date(last_year, 12, 31).toordinal()
        working, rank, count = [], [], 0
        for ordinal in range(self.start, end + 1):
            day = date.fromordinal(ordinal)
            local = self.local.get(day)
            if local is not None:
                works = local.kind == WORKING_DAY
            else:
                works = (day.weekday() < 5 and day not in self.holidays) or day in workdays
            if works:
                working.append(ordinal)
                count += 1
            rank.append(count)
        self._working, self._rank = working, rank

    def _cover(self, *days: date):
        low = min(d.year for d in days)
        high = max(d.year for d in days)
        if low < self.first_year or high > self.last_year:
            self._build(min(low, self.first_year), max(high, self.last_year))

    # --- questions --------------------------------------------------------------------------
    @staticmethod
    def covers(*days: date) -> bool:
        """Whether these dates lie in the years a calendar may cover (a stray 0001-01-01 or
        9999-12-31 in the data is not counted, so it cannot make a calendar of millennia)."""
        return all(d is not None and FIRST_YEAR <= d.year <= LAST_YEAR for d in days)

    def is_working_day(self, day: date) -> bool:
        self._cover(day)
        index = day.toordinal() - self.start
        previous = self._rank[index - 1] if index else 0
        return self._rank[index] > previous

    def rank(self, day: date) -> int:
        """How many working days of the calendar's range fall on or before `day`."""
        self._cover(day)
        return self._rank[day.toordinal() - self.start]

    def add_working_days(self, day: date, count: int) -> date:
        """The date `count` working days after `day` (count 0: the day itself)."""
        if count <= 0:
            return day
        self._cover(day)
        target = self.rank(day) + count
        while target > len(self._working):  # past the built range: grow it
            self._build(self.first_year, self.last_year + MARGIN_YEARS + 1)
        return date.fromordinal(self._working[target - 1])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d ≤ end (0 when end ≤ start)."""
        if end <= start:
            return 0
        self._cover(start, end)
        return self.rank(end) - self.rank(start)

    def next_working_day(self, day: date) -> date:
        """The day itself when it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def days_off(self, year: int) -> list[tuple[date, str, str]]:
        """(date, name, source) of every weekday off and make-up day of a year, in date order."""
        self._cover(date(year, 1, 1))
        _, workdays = library_days(year, year)
        out = {}
        for day, name in self.holidays.items():
            if day.year == year and day.weekday() < 5:
                out[day] = (day, name, "library")
        for day in workdays:
            out[day] = (day, "Ngày làm việc bù", "library")
        for day, local in self.local.items():
            if day.year == year:
                out[day] = (day, local.note or KINDS[local.kind], local.kind)
        return [out[d] for d in sorted(out)]

    def describe(self) -> str:
        """What this calendar is made of, as stored with an audit run."""
        text = f"{LIBRARY} (Việt Nam)"
        if not self.local:
            return text + "; không có ngày do cơ quan khai báo thêm"
        listed = "; ".join(f"{d.day:%d/%m/%Y} {KINDS[d.kind].lower()}"
                           + (f" ({d.note})" if d.note else "")
                           for d in sorted(self.local.values(), key=lambda d: d.day))
        return f"{text}; {len(self.local)} ngày do cơ quan khai báo: {listed}"


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover

