"""Jinja filters: Vietnamese labels, dates, money, durations, phone links."""
import re

from app.web.blueprint import bp
from importers.changes import revision_changes
from importers.spec import SHEETS_BY_ID
from procedures import enums
from procedures.durations import format_number

LABELS = {
    "unit_kind": enums.UNIT_KINDS, "level": enums.LEVELS, "decision_kind": enums.DECISION_KINDS,
    "doc_type": enums.DOC_TYPES, "online_level": enums.ONLINE_LEVELS,
    "status": enums.PROCEDURE_STATUSES, "channel": enums.CHANNEL_KINDS,
    "time_unit": enums.TIME_UNITS, "step_time_unit": enums.STEP_TIME_UNITS,
    "calendar_day": enums.CALENDAR_DAY_KINDS, "role": enums.ROLES, "subject_tag": enums.SUBJECT_TAGS,
    "fee_kind": enums.FEE_KINDS,
}


@bp.app_template_filter("label")
def label(value, kind):
    """The Vietnamese label of an enumerated code."""
    if value is None:
        return ""
    return LABELS.get(kind, {}).get(value, value)


@bp.app_template_filter("vndate")
def vndate(value):
    """dd/mm/yyyy, as Vietnamese documents write dates."""
    return value.strftime("%d/%m/%Y") if value else ""


@bp.app_template_filter("money")
def money(value):
    """20000 → 20.000 đồng."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", ".") + " đồng"


@bp.app_template_filter("days")
def days(value):
    """A quarter-day decimal in Vietnamese notation: 4.50 → 4,5."""
    return "" if value is None else format_number(value)


@bp.app_template_filter("tel")
def tel(value):
    """A phone number as a tel: link wants it: "0252 3822 123" → "02523822123" (+ kept).

    Of several numbers ("0252 1111 - 0909 222"), the first."""
    if not value:
        return ""
    first = re.split(r"[;,/]| - | – ", str(value))[0]
    return re.sub(r"[^\d+]", "", first)


@bp.app_template_filter("revision_changes")
def revision_changes_filter(revision):
    """A revision's changes field by field, Vietnamese labels, parts row by row."""
    return revision_changes(revision)


@bp.app_template_global("column_label")
def column_label(sheet_id, field):
    """The Vietnamese name of a nested row's input (its workbook column), for screen readers."""
    if field == "remove":
        return "Xóa dòng này"
    sheet = SHEETS_BY_ID.get(sheet_id)
    column = sheet.column(field) if sheet else None
    return column.label if column else field
