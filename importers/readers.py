"""Readers: XLSX (streaming), CSV (a file, a folder or a zip of files), JSON in the API's shape."""
import codecs
import csv
import io
import itertools
import json
import os

from importers.jsonrows import json_sheets
from importers.sheetdata import IGNORED_SHEETS, read_rows, sheet_for
from importers.sources import FileRefused, open_zip
from importers.spec import SHEETS
from importers.values import fold

CSV_DELIMITERS = (",", ";", "\t")


def _unknown_sheet(report, name, kind="Trang tính"):
    if fold(name) not in IGNORED_SHEETS:
        report.add("unknown_sheet", f"{kind} '{name}' không thuộc mẫu nên được bỏ qua.",
                   sheet=name)


def read_xlsx(path, report, limits):
    """Yield the workbook's record sheets; formulas give their cached values, never evaluated."""
    import openpyxl

    open_zip(path, limits, workbook=True).close()
    counter = [0]
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise FileRefused("wrong_file_type", f"Không đọc được tệp Excel: {exc.__class__.__name__}."
                          " Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.") from None
    try:
        for ws in wb.worksheets:
            spec = sheet_for(ws.title)
            if spec is None:
                _unknown_sheet(report, ws.title)
                continue
            ws.reset_dimensions()
            rows = enumerate(ws.iter_rows(values_only=True), 1)
            yield read_rows(spec, ws.title, rows, report, limits, counter)
    except FileRefused:
        raise
    except Exception as exc:
        raise FileRefused("wrong_file_type", f"Tệp Excel bị hỏng, không đọc được "
                          f"({exc.__class__.__name__}).") from None
    finally:
        wb.close()


def _decoded_lines(binary, name):
    if binary.peek(4)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise FileRefused("bad_encoding", f"Tệp '{name}' mã hóa UTF-16 (Unicode text); hãy lưu lại "
                          "dưới dạng \"CSV UTF-8 (Comma delimited)\".", sheet=name)
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="strict", newline="")
    try:
        yield from text
    except UnicodeDecodeError:
        raise FileRefused("bad_encoding", f"Tệp '{name}' không phải mã UTF-8 (có thể là "
                          "Windows-1258, Windows-1252 hoặc TCVN3), tiếng Việt sẽ bị lỗi phông. Hãy "
                          "mở tệp trong Excel và lưu lại dưới dạng \"CSV UTF-8 (Comma delimited)\".",
                          sheet=name) from None
    finally:
        # Leave the binary file open for its owner; it may already be closed when a reader
        # stopped early (a row limit) and this generator is collected later.
        if not binary.closed:
            text.detach()


def _guess_sheet(line):
    """The sheet whose headers a lone CSV file's first line matches best (at least two)."""
    scores = [(max(_score(line, d, spec) for d in CSV_DELIMITERS), spec) for spec in SHEETS]
    best = max(scores, key=lambda s: s[0])
    return best[1] if best[0] >= 2 and [s[0] for s in scores].count(best[0]) == 1 else None


def _csv_sheet(binary, name, report, limits, counter, guess=False):
    stem = os.path.splitext(os.path.basename(name))[0]
    spec = sheet_for(stem)
    if spec is None and not guess:
        _unknown_sheet(report, os.path.basename(name), "Tệp")
        return None
    lines = _decoded_lines(binary, name)
    first = next(lines, "")
    spec = spec or _guess_sheet(first)
    if spec is None:
        _unknown_sheet(report, os.path.basename(name), "Tệp")
        return None
    delimiter = max(CSV_DELIMITERS, key=lambda d: _score(first, d, spec))
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    rows = ((i, tuple(r)) for i, r in enumerate(reader, 1))
    return read_rows(spec, stem, rows, report, limits, counter)


def _score(line, delimiter, spec):
    labels = {fold(c.label) for c in spec.columns} | {c.field for c in spec.columns} | {
        fold(a) for c in spec.columns for a in c.aliases}
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return sum(1 for c in cells if fold(c) in labels)


def read_csv(path, report, limits, fmt):
    """Yield the sheets of one CSV file, a folder of them or a zip of them."""
    counter = [0]
    if fmt == "csv":
        with open(path, "rb") as f:
            sheet = _csv_sheet(f, report.filename or path, report, limits, counter, guess=True)
            if sheet:
                yield sheet
        return
    if fmt == "folder":
        for name in sorted(os.listdir(path)):
            if name.lower().endswith(".csv"):
                with open(os.path.join(path, name), "rb") as f:
                    sheet = _csv_sheet(f, name, report, limits, counter)
                    if sheet:
                        yield sheet
        return
    with open_zip(path, limits) as archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or name.startswith("__MACOSX/") or "/." in "/" + name:
                continue
            if not name.lower().endswith(".csv"):
                _unknown_sheet(report, name, "Tệp")
                continue
            with archive.open(info) as f:
                sheet = _csv_sheet(f, name, report, limits, counter)
                if sheet:
                    yield sheet


def read_json(path, report, limits):
    """Yield the sheets of a JSON document shaped like the API ({"units": [...], ...})."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused("bad_encoding", "Tệp JSON phải mã hóa UTF-8.") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRefused("wrong_file_type", f"Tệp không phải JSON hợp lệ (dòng {exc.lineno}, "
                          f"cột {exc.colno}: {exc.msg}).") from None
    yield from json_sheets(document, report, limits)


def read_sheets(path, fmt, report, limits):
    """The sheets of a file of any supported format."""
    if fmt == "xlsx":
        return read_xlsx(path, report, limits)
    if fmt == "json":
        return read_json(path, report, limits)
    return read_csv(path, report, limits, fmt)
