"""What the reform office and a unit read of the accountability loop: each target's latest state
with the run that decided it, the overdue list across units, the year-end report per unit."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from procedures import services
from procedures.db import db
from procedures.indicators import INDICATORS_BY_CODE
from procedures.models import AuditRun, Commitment, TargetEvaluation, Unit
from procedures.models.commitments import COMMITMENT_KINDS, TARGET_STATES
from procedures.schemas.inputs import FINDING_KINDS


@dataclass
class TargetStatus:
    """One target and how it stands: its latest evaluation, and the first run that met it."""

    commitment: Commitment
    target: object
    state: str | None = None  # None: no audit run of its year has judged it yet
    value: Decimal | None = None
    run_id: int | None = None
    as_of: date | None = None
    first_met_run_id: int | None = None
    first_met_on: date | None = None
    runs: list = field(default_factory=list)  # [(run id, as_of, state, value)] oldest first

    @property
    def state_label(self) -> str:
        return TARGET_STATES.get(self.state, "Chưa được đánh giá")

    @property
    def measure_label(self) -> str:
        t = self.target
        if t.indicator:
            indicator = INDICATORS_BY_CODE.get(t.indicator)
            name = indicator.label if indicator else t.indicator
            return f"{name} ≥ {Decimal(t.threshold).normalize():f} %"
        what = FINDING_KINDS.get(t.finding)
        if what is None:
            from procedures.audit.rules import RULES_BY_ID

            rule = RULES_BY_ID.get(t.finding)
            what = f"Lỗi “{rule.title}” ({t.finding})" if rule else t.finding
        return f"{what}: tối đa {t.max_findings or 0}"

    @property
    def value_label(self) -> str:
        if self.value is None:
            return "—"
        if self.target.indicator:
            return f"{Decimal(self.value).quantize(Decimal('0.01')).normalize():f} %"
        return str(int(self.value))


def statuses(commitments) -> list[TargetStatus]:
    """Every target of these commitments with its evaluations (two queries)."""
    ids = [c.id for c in commitments]
    by_key = {}
    if ids:
        e = TargetEvaluation
        for row in db.session.scalars(select(e).where(e.commitment_id.in_(ids))
                                      .order_by(e.as_of, e.run_id)):
            by_key.setdefault((row.commitment_id, row.position), []).append(row)
    out = []
    for c in commitments:
        for t in c.targets:
            s = TargetStatus(c, t)
            rows = by_key.get((c.id, t.position), [])
            s.runs = [(r.run_id, r.as_of, r.state, r.value) for r in rows]
            if rows:
                last = rows[-1]
                s.state, s.value, s.run_id, s.as_of = last.state, last.value, last.run_id, last.as_of
                met = next((r for r in rows if r.state == "met"), None)
                if met is not None:
                    s.first_met_run_id, s.first_met_on = met.run_id, met.as_of
            out.append(s)
    return out


def unit_statuses(unit_code: str, year: int | None = None):
    """(unit, [TargetStatus]) of a unit (its editors and the office)."""
    unit = services.units.get(unit_code)
    return unit, statuses(services.commitments.of_unit(unit, year))


OVERDUE = ("overdue", "regressed")


def overdue(year: int | None = None) -> list[TargetStatus]:
    """Targets whose latest state is overdue, or regressed after their due date (the office)."""
    found = statuses(services.commitments.listing(year))
    return [s for s in found if s.state == "overdue" or (
        s.state == "regressed" and s.as_of is not None and s.as_of > s.target.due_on)]


def state_counts(items) -> dict:
    counts = {state: 0 for state in TARGET_STATES}
    counts[None] = 0
    for s in items:
        counts[s.state] = counts.get(s.state, 0) + 1
    return counts


REPORT_COLUMNS = [
    ("kind", "Loại"), ("document", "Văn bản"), ("head", "Người đứng đầu"), ("position", "STT"),
    ("title", "Chỉ tiêu"), ("measure", "Cách đo"), ("due_on", "Hạn"), ("state", "Tình trạng"),
    ("value", "Giá trị"), ("run", "Lần kiểm soát quyết định"), ("as_of", "Dữ liệu tính đến"),
    ("first_met", "Đạt lần đầu (lần kiểm soát, ngày)"),
]


def _vn(day):
    return day.strftime("%d/%m/%Y") if day else ""


def report_rows(items) -> list[dict]:
    """The year-end report's rows (text from users stays text: see exports.to_xlsx)."""
    return [{
        "kind": COMMITMENT_KINDS.get(s.commitment.kind, s.commitment.kind),
        "document": " ".join(x for x in (s.commitment.document_number,
                                         f"ký ngày {_vn(s.commitment.signed_on)}"
                                         if s.commitment.signed_on else "") if x),
        "head": ", ".join(x for x in (s.commitment.head_name, s.commitment.head_position) if x),
        "position": s.target.position, "title": s.target.title, "measure": s.measure_label,
        "due_on": _vn(s.target.due_on), "state": s.state_label, "value": s.value_label,
        "run": s.run_id, "as_of": _vn(s.as_of),
        "first_met": f"{s.first_met_run_id} ({_vn(s.first_met_on)})" if s.first_met_run_id else "",
    } for s in items]


def report_xlsx(unit: Unit, year: int, items) -> bytes:
    """The year-end report as a workbook: every text cell stored as text (a title typed as
    "=HYPERLINK(…)" stays that text, never a formula), a heading naming the unit and year."""
    import io

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"Cam kết {year}"
    _text(sheet.cell(1, 1), f"Báo cáo thực hiện cam kết, nhiệm vụ năm {year}: {unit.name} "
          f"({unit.code})", ILLEGAL_CHARACTERS_RE)
    sheet.cell(1, 1).font = Font(bold=True)
    for col, (_, label) in enumerate(REPORT_COLUMNS, start=1):
        _text(sheet.cell(3, col), label, ILLEGAL_CHARACTERS_RE)
        sheet.cell(3, col).font = Font(bold=True)
    for r, row in enumerate(report_rows(items), start=4):
        for col, (key, _) in enumerate(REPORT_COLUMNS, start=1):
            value = row.get(key)
            cell = sheet.cell(r, col)
            if isinstance(value, str):
                _text(cell, value, ILLEGAL_CHARACTERS_RE)
            else:
                cell.value = value
    sheet.freeze_panes = "A4"
    for col, width in enumerate((22, 24, 30, 6, 50, 40, 12, 22, 10, 12, 14, 20), start=1):
        sheet.column_dimensions[sheet.cell(3, col).column_letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(cell, value, illegal):
    cell.value = illegal.sub("", value)
    cell.data_type = "s"  # text, whatever it starts with


def run_dates(run_ids) -> dict:
    """{run id: (started_at, as_of)} for evidence links."""
    if not run_ids:
        return {}
    return {r.id: (r.started_at, r.as_of) for r in db.session.scalars(
        select(AuditRun).where(AuditRun.id.in_(list(run_ids))))}
