"""Exports of the league table and of findings as CSV and XLSX, safe to open in a spreadsheet."""
import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from procedures.audit.rules import RULES_BY_ID
from procedures.cells import FORMULA_STARTS, neutralise  # noqa: F401 (re-exported)
from procedures.enums import LEVELS, UNIT_KINDS
from procedures.indicators import INDICATORS

SEVERITY_LABELS = {"blocker": "Lỗi chặn", "warning": "Cảnh báo"}

LEAGUE_COLUMNS = [
    ("code", "Mã đơn vị"), ("name", "Tên đơn vị"), ("kind", "Loại đơn vị"), ("level", "Cấp"),
    ("ready", "Đủ điều kiện tích hợp"), ("score", "Điểm (%)"), ("blockers", "Lỗi chặn"),
    ("warnings", "Cảnh báo"), ("score_change", "Thay đổi điểm (điểm %)"),
    ("blockers_change", "Thay đổi lỗi chặn"), ("run_id", "Lần kiểm soát"),
    ("audited_at", "Thời điểm kiểm soát"), ("province", "Tỉnh"),
] + [column for i in INDICATORS for column in (
    (i.code, f"{i.short} (%)"), (f"{i.code}_change", f"{i.short}: thay đổi (điểm %)"))]
FINDING_COLUMNS = [
    ("unit", "Đơn vị"), ("severity", "Mức độ"), ("rule_id", "Mã quy tắc"), ("rule", "Quy tắc"),
    ("record_type", "Loại bản ghi"), ("record_key", "Bản ghi"), ("procedure_code", "Mã thủ tục"),
    ("field", "Trường"), ("message", "Nội dung"), ("hint", "Cách khắc phục"),
]


def league_rows(rows) -> list[dict]:
    """LeagueRow objects as export rows with Vietnamese labels."""
    return [{
        "code": r.code, "name": r.name, "kind": UNIT_KINDS.get(r.kind, r.kind),
        "level": LEVELS.get(r.level, r.level), "ready": "Có" if r.ready else "Không",
        "score": (Decimal(r.score) * 100).quantize(Decimal("0.01")), "blockers": r.blockers,
        "warnings": r.warnings, "score_change": r.score_change,
        "blockers_change": r.blockers_change, "run_id": r.run_id,
        "audited_at": r.audited_at.strftime("%d/%m/%Y %H:%M") if r.audited_at else None,
        "province": r.province[1] if r.province else None,
        **{key: value for i in INDICATORS for key, value in (
            (i.code, _percent(r.share(i.code))), (f"{i.code}_change", r.change(i.code)))},
    } for r in rows]


def _percent(value):
    return None if value is None else (Decimal(value) * 100).quantize(Decimal("0.01"))


def finding_rows(findings, unit_name: str) -> list[dict]:
    """Finding records as export rows."""
    return [{
        "unit": unit_name, "severity": SEVERITY_LABELS.get(f.severity, f.severity),
        "rule_id": f.rule_id, "rule": RULES_BY_ID[f.rule_id].title if f.rule_id in RULES_BY_ID
        else f.rule_id, "record_type": f.record_type, "record_key": f.record_key,
        "procedure_code": f.procedure_code, "field": f.field, "message": f.message,
        "hint": f.hint,
    } for f in findings]


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralise(value)


def to_csv(columns, rows) -> bytes:
    """UTF-8 CSV with a byte-order mark so Excel reads Vietnamese correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in columns])
    for row in rows:
        writer.writerow(["" if row.get(key) is None else _cell(row.get(key))
                         for key, _ in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(columns, rows, title="Kiểm soát") -> bytes:
    """One-sheet workbook, bold frozen header, every text cell neutralised."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([label for _, label in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row.get(key)) for key, _ in columns])
    sheet.freeze_panes = "A2"
    for i, (key, label) in enumerate(columns, start=1):
        width = max([len(label)] + [len(str(r.get(key) or "")) for r in rows[:200]])
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(60, width + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
