"""A copy of the uploaded file with its faults marked: red cells with comments, a "Lỗi" column."""
import csv
import io
import itertools
import os
import zipfile
from collections import defaultdict

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import column_index_from_string, get_column_letter

from importers.readers import read_json
from importers.report import Report
from importers.sources import FileRefused, Limits, open_zip
from importers.spec import ERROR_HEADER
from importers.template import ERROR_FILL, ERROR_FONT, comment_for, header_cell, write_workbook
from importers.values import fold
from procedures.cells import as_text, looks_like_formula

SCAN = 10
ANNOTATABLE = {"xlsx", "csv", "zip", "folder", "json"}


def index_issues(issues):
    """{sheet: {row: {column index or None: [messages]}}} of the issues that have a place."""
    marks = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for issue in issues:
        if not issue.get("sheet"):
            continue
        cell = issue.get("cell")
        col = column_index_from_string(cell.rstrip("0123456789")) if cell else None
        text = issue["message"] if col or not issue.get("column") else (
            f"{issue['column']}: {issue['message']}")
        marks[issue["sheet"]][issue.get("row") or 0][col].append(text)
    return marks


def _error_column(buffered):
    """(column of "Lỗi", row of the header): an existing "Lỗi" column is reused."""
    for row_no, values in buffered:
        for i, value in enumerate(values):
            if isinstance(value, str) and fold(value) == fold(ERROR_HEADER):
                return i + 1, row_no
    width = max((len(v) for _, v in buffered), default=0)
    header = next((n for n, v in buffered if any(x not in (None, "") for x in v)), 1)
    return width + 1, header


def _mark(ws, value, messages):
    cell = as_text(WriteOnlyCell(ws, value))
    cell.fill, cell.font = ERROR_FILL, ERROR_FONT
    if messages:
        cell.comment = comment_for("\n".join(messages))
    return cell


def copy_sheet(wb, title, rows, marks):
    """Stream rows into a new sheet, marking cells; the error column is added or reused."""
    ws = wb.create_sheet(title[:31])
    rows = iter(rows)
    buffered = [item for _, item in zip(range(SCAN), rows)]
    err_col, header_row = _error_column(buffered)
    ws.column_dimensions[get_column_letter(err_col)].width = 60
    for row_no, values in itertools.chain(buffered, rows):
        row_marks = marks.get(row_no, {})
        width = max([err_col, len(values)] + [c for c in row_marks if c])
        cells = [as_text(WriteOnlyCell(ws, v)) if looks_like_formula(v) else v for v in values]
        cells += [None] * (width - len(cells))
        notes = list(row_marks.get(None, []))
        for col, messages in row_marks.items():
            if col is not None:
                cells[col - 1] = _mark(ws, cells[col - 1], messages)
                notes.extend(messages)
        cells[err_col - 1] = None
        if row_no == header_row:
            cells[err_col - 1] = header_cell(ws, ERROR_HEADER)
            sheet_notes = marks.get(0, {}).get(None)
            if sheet_notes:
                cells[err_col - 1].comment = comment_for("\n".join(sheet_notes))
        elif notes:
            cells[err_col - 1] = _mark(ws, "\n".join(notes), None)
        ws.append(cells)


def _xlsx(path, marks, wb, limits):
    open_zip(path, limits, workbook=True).close()
    # The values the import read (cached results of formulas), never a formula to run.
    source = load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in source.worksheets:
            ws.reset_dimensions()
            rows = enumerate(ws.iter_rows(values_only=True), 1)
            copy_sheet(wb, ws.title, rows, marks.get(ws.title, {}))
    finally:
        source.close()


def _csv_files(path, fmt, limits):
    if fmt == "csv":
        with open(path, "rb") as f:
            yield os.path.basename(path), f
    elif fmt == "folder":
        for name in sorted(os.listdir(path)):
            if name.lower().endswith(".csv"):
                with open(os.path.join(path, name), "rb") as f:
                    yield name, f
    else:
        with open_zip(path, limits) as archive:
            for info in archive.infolist():
                if info.filename.lower().endswith(".csv") and not info.is_dir():
                    with archive.open(info) as f:
                        yield info.filename, f


def _csv(path, fmt, marks, wb, limits, filename):
    for name, binary in _csv_files(path, fmt, limits):
        stem = os.path.splitext(os.path.basename(filename if fmt == "csv" else name))[0]
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        sample = text.readline()
        delimiter = max((",", ";", "\t"), key=sample.count)
        reader = csv.reader(itertools.chain([sample], text), delimiter=delimiter)
        copy_sheet(wb, stem, enumerate((tuple(r) for r in reader), 1), marks.get(stem, {}))
        text.detach()


def _json(path, issues, target, limits):
    report = Report()
    sheets = list(read_json(path, report, limits))
    records, highlights = {}, {}
    for sheet in sheets:
        rows = records.setdefault(sheet.spec.id, [])
        offset = len(rows)
        by_row = {row[0]: offset + i for i, row in enumerate(sheet.rows)}
        rows.extend(sheet.record(i) for i in range(len(sheet.rows)))
        for issue in issues:
            if issue.get("sheet_id") == sheet.spec.id and issue.get("row") in by_row:
                key = (sheet.spec.id, by_row[issue["row"]], issue.get("field"))
                highlights[key] = "\n".join(filter(None, [highlights.get(key), issue["message"]]))
    write_workbook(target, records, highlights)


def annotate(path, fmt, report: dict, target, limits: Limits | None = None) -> bool:
    """Write the annotated copy to target (path or stream); False when the file cannot be read."""
    limits = limits or Limits()
    if fmt not in ANNOTATABLE or not os.path.exists(path):
        return False
    try:
        if fmt == "json":
            _json(path, report["issues"], target, limits)
            return True
        marks = index_issues(report["issues"])
        wb = Workbook(write_only=True)
        if fmt == "xlsx":
            _xlsx(path, marks, wb, limits)
        else:
            _csv(path, fmt, marks, wb, limits, report.get("filename") or path)
    except (UnicodeError, csv.Error, zipfile.BadZipFile, FileRefused, ValueError, KeyError,
            OSError, RecursionError):
        # The import refused the file for the same reason (wrong encoding, not a workbook…):
        # its report says why; there is no copy to mark.
        return False
    wb.save(target)
    return True
