"""The import report, frictionless-style: valid, stats, issues."""
import copy
from collections import Counter
from dataclasses import dataclass, field

WARNING_CODES = {"unknown_column", "unknown_sheet", "duplicate_column", "example_row",
                 "hidden_sheet", "hidden_rows", "absent_column"}
# Order of the groups on the result page: what blocks the file first.
CODE_ORDER = (
    "wrong_file_type", "bad_encoding", "too_large", "too_deep", "empty_file", "missing_column",
    "out_of_scope", "unknown_reference", "duplicate_key", "required", "invalid_choice",
    "invalid_format", "stale_version", "conflict", "reference_has_errors", "internal_error",
    "database_busy",
    "unknown_column", "absent_column", "duplicate_column", "unknown_sheet", "example_row",
    "hidden_sheet",
    "hidden_rows",
)
CODE_TITLES = {
    "wrong_file_type": "Tệp không đúng định dạng",
    "bad_encoding": "Tệp không phải mã UTF-8",
    "too_large": "Tệp quá lớn",
    "too_deep": "Tệp JSON lồng nhau quá sâu",
    "empty_file": "Tệp không có dữ liệu",
    "missing_column": "Thiếu cột bắt buộc",
    "out_of_scope": "Ngoài phạm vi đơn vị",
    "unknown_reference": "Tham chiếu không tồn tại",
    "duplicate_key": "Trùng mã trong tệp",
    "required": "Thiếu thông tin bắt buộc",
    "invalid_choice": "Giá trị không có trong danh mục",
    "invalid_format": "Sai định dạng hoặc giá trị",
    "conflict": "Xung đột với dữ liệu đã có",
    "stale_version": "Bản ghi đã được sửa sau khi tải bảng tính",
    "reference_has_errors": "Dẫn chiếu tới dòng bị lỗi",
    "internal_error": "Lỗi hệ thống",
    "database_busy": "Cơ sở dữ liệu đang bận (lượt nhập khác)",
    "unknown_column": "Cột không được nhận dạng (bỏ qua)",
    "absent_column": "Cột không có trong tệp (giữ nguyên giá trị đã có)",
    "duplicate_column": "Cột bị lặp (bỏ qua)",
    "unknown_sheet": "Trang tính không được nhận dạng (bỏ qua)",
    "example_row": "Dòng ví dụ của mẫu (bỏ qua)",
    "hidden_sheet": "Trang tính bị ẩn (vẫn được nhập)",
    "hidden_rows": "Dòng bị ẩn (vẫn được nhập)",
}
OUTCOMES = ("created", "updated", "unchanged", "failed")
MAX_CHANGES = 2000  # records listed in the change list (the counts stay exact)


@dataclass
class Report:
    """Issues and counts collected while a file is read, checked and written."""

    filename: str = ""
    file_format: str = ""
    sha256: str = ""
    options: dict = field(default_factory=dict)
    max_issues: int = 10000
    issues: list = field(default_factory=list)
    codes: Counter = field(default_factory=Counter)
    sheets: dict = field(default_factory=dict)
    outcome: str | None = None
    changes: list = field(default_factory=list)  # what the file changes, record by record
    changes_total: int = 0

    def add(self, code, message, severity=None, value=None, **where):
        """Record one issue; where holds sheet, sheet_id, row, column, field, cell, path."""
        severity = severity or ("warning" if code in WARNING_CODES else "error")
        self.codes[(code, severity)] += 1
        if len(self.issues) >= self.max_issues:
            return
        issue = {"sheet": None, "sheet_id": None, "row": None, "column": None, "field": None,
                 "cell": None}
        issue.update(where)
        issue.update(value=_json_value(value), code=code, severity=severity, message=message)
        self.issues.append(issue)

    def change(self, sheet_id, key, action, fields, where=None):
        """Record that a record is created or updated: its key, the fields before → after.

        fields and where may be functions giving them: past MAX_CHANGES records they are not
        called."""
        self.changes_total += 1
        if len(self.changes) >= MAX_CHANGES:
            return
        if callable(where):
            where = where()
        self.changes.append({"sheet_id": sheet_id, "key": " / ".join(map(str, key)),
                             "action": action, "fields": fields() if callable(fields) else fields,
                             **(where or {})})

    def forget_changes(self):
        self.changes, self.changes_total = [], 0

    def snapshot(self):
        """What restore() needs to forget everything recorded after this point."""
        return (len(self.issues), Counter(self.codes), copy.deepcopy(self.sheets),
                len(self.changes), self.changes_total)

    def restore(self, snapshot):
        count, codes, sheets, changes, changes_total = snapshot
        del self.issues[count:]
        del self.changes[changes:]
        self.codes, self.sheets = Counter(codes), copy.deepcopy(sheets)
        self.changes_total = changes_total

    def count(self, severity="error") -> int:
        return sum(n for (_, sev), n in self.codes.items() if sev == severity)

    @property
    def valid(self) -> bool:
        return self.count("error") == 0

    def sheet_stats(self, sheet_id, title=None) -> dict:
        stats = self.sheets.setdefault(sheet_id, {"title": title or sheet_id, "rows": 0})
        if title:
            stats["title"] = title
        return stats

    def tally(self, kind, outcome):
        stats = self.sheet_stats(kind)
        stats[outcome] = stats.get(outcome, 0) + 1

    def totals(self) -> dict:
        out = {"rows": sum(s["rows"] for s in self.sheets.values())}
        for outcome in OUTCOMES:
            out[outcome] = sum(s.get(outcome, 0) for s in self.sheets.values())
        out["errors"], out["warnings"] = self.count("error"), self.count("warning")
        return out

    def to_dict(self) -> dict:
        totals = self.totals()
        return {
            "valid": self.valid, "outcome": self.outcome, "filename": self.filename,
            "format": self.file_format, "sha256": self.sha256, **self.options,
            "stats": {"sheets": self.sheets, "totals": totals},
            "codes": {f"{code}:{sev}": n for (code, sev), n in sorted(self.codes.items())},
            "truncated": len(self.issues) < totals["errors"] + totals["warnings"],
            "issues": self.issues,
            "changes": self.changes,
            "changes_total": self.changes_total,
        }


def _json_value(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value if not isinstance(value, str) or len(value) <= 500 else value[:500] + "…"
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return str(value)


def group_issues(issues):
    """Issues grouped by code, errors before warnings, in CODE_ORDER: [(code, title, list)]."""
    groups = {}
    for issue in issues:
        groups.setdefault((issue["severity"] != "error", issue["code"]), []).append(issue)
    rank = {code: i for i, code in enumerate(CODE_ORDER)}
    keys = sorted(groups, key=lambda k: (k[0], rank.get(k[1], len(rank))))
    return [(code, CODE_TITLES.get(code, code), groups[(warn, code)]) for warn, code in keys]
