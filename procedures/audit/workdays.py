"""The deadlines of Decision 766/QĐ-TTg indices 1.1 and 1.2, counted in the run's calendar."""
import re
from datetime import date

from procedures.calendar import WorkCalendar

PROVINCE_DAYS = {"1.1": 5, "1.2": 5}  # Decree 63/2010 Art. 15, as amended by 92/2017
MINISTRY_DAYS = {"1.1": 20, "1.2": 10}
# Issuer codes of ministries and ministry-level agencies after "QĐ-" (BTP, BCA, BLĐTBXH, NHNN…);
# "BQL…" (a provincial management board) is not one.
_MINISTRY_SUFFIX = re.compile(r"^(B(?!QL)[A-ZĐ]{1,9}|NHNN|TTCP|UBDT|VPCP)$")


def is_ministry_decision(number: str, issuer: str | None = None) -> bool:
    """Whether a publishing decision is a ministry's (by its number's issuer code or its issuer)."""
    suffix = number.rsplit("QĐ-", 1)[-1].split("-")[0] if "QĐ-" in number else ""
    if _MINISTRY_SUFFIX.match(suffix):
        return True
    return bool(issuer) and issuer.strip().casefold().startswith(("bộ ", "bộ trưởng"))


def deadline_days(index: str, number: str, issuer: str | None = None) -> int:
    """Working days allowed by index 1.1 or 1.2 for this decision's issuer."""
    table = MINISTRY_DAYS if is_ministry_decision(number, issuer) else PROVINCE_DAYS
    return table[index]


def at_least_working_days_before(calendar: WorkCalendar, earlier: date, later: date,
                                 count: int) -> bool:
    """Whether `earlier` lies at least `count` working days before `later`."""
    return calendar.add_working_days(earlier, count) <= later


def within_working_days(calendar: WorkCalendar, start: date, end: date, count: int) -> bool:
    """Whether `end` is no more than `count` working days after `start`."""
    return end <= calendar.add_working_days(start, count)
