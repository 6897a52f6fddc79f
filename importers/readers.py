"""Readers: XLSX (streaming), CSV (a file, a folder or a zip of files), JSON in the API's shape."""
import codecs
import csv
import io
import itertools
import json
import os

from importers import xlsxscan
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
    """Yield the workbook's record sheets, read by calamine (a native reader).

    Formulas give their cached values, never evaluated; error cells (#REF!, #N/A) read as their
    text. Before calamine expands anything, the zip's declared sizes, the shared-strings table
    and each sheet's extent are checked (importers/xlsxscan.py), so a small file cannot make it
    allocate a huge grid. Hidden sheets and hidden rows are imported and reported as warnings.
    """
    from python_calamine import CalamineWorkbook

    with open_zip(path, limits, workbook=True) as archive:
        xlsxscan.check_members(archive, limits)
        members = xlsxscan.sheet_paths(archive)
        try:
            wb = CalamineWorkbook.from_path(path)
            sheets = [(m.name, str(m.visible).rsplit(".", 1)[-1].lower() != "visible")
                      for m in wb.sheets_metadata]
        except Exception as exc:  # calamine raises its own kinds on a damaged workbook
            raise FileRefused("wrong_file_type", f"Không đọc được tệp Excel ({exc.__class__.__name__}"
                              "). Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.") from None
        counter = [0]
        try:
            for title, hidden in sheets:
                spec = sheet_for(title)
                if spec is None:
                    _unknown_sheet(report, title)
                    continue
                scan = xlsxscan.scan_sheet(archive, members[title]) if title in members else None
                if scan is not None and _check_extent(title, scan, limits):
                    rows = _openpyxl_rows(path, title)  # sparse: stream, never a dense grid
                else:
                    rows = _calamine_rows(wb.get_sheet_by_name(title), scan)
                data = read_rows(spec, title, rows, report, limits, counter)
                _report_hidden(report, data, hidden, scan)
                yield data
        except FileRefused:
            raise
        except Exception as exc:
            raise FileRefused("wrong_file_type", f"Tệp Excel bị hỏng, không đọc được "
                              f"({exc.__class__.__name__}).") from None
        finally:
            wb.close()


def _dotted(n):
    return f"{n:,}".replace(",", ".")


def _check_extent(title, scan, limits):
    """Refuse a sheet past the row limit; True when its grid is too large to build densely."""
    if scan.max_row > limits.max_rows + 1000:
        raise FileRefused("too_large", f"Trang '{title}' có dữ liệu tới dòng "
                          f"{_dotted(scan.max_row)}, vượt giới hạn {_dotted(limits.max_rows)} "
                          "dòng: hãy xóa các dòng thừa hoặc chia thành nhiều tệp.", sheet=title)
    return scan.max_row * (scan.max_col + 1) > limits.max_cells


def _openpyxl_rows(path, title):
    """A sheet whose cells lie far apart (one stray cell at XFD50000): streamed by openpyxl,
    which holds one row at a time, instead of calamine's grid of every cell in between."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[title]
        ws.reset_dimensions()
        yield from enumerate(ws.iter_rows(values_only=True), 1)
    finally:
        wb.close()


def _calamine_rows(sheet, scan):
    """(row number, cell values) from row 1 and column A, error cells given their text."""
    start_row, start_col = sheet.start or (0, 0)
    errors = scan.errors if scan is not None else {}
    if not start_col and not errors:  # calamine's rows as they are (its rows start at row 1)
        return enumerate(sheet.iter_rows(), 1)
    return _patched_rows(sheet, start_col, errors)


def _patched_rows(sheet, start_col, errors):
    pad = [""] * start_col
    for row_no, values in enumerate(sheet.iter_rows(), 1):
        if start_col:
            values = pad + values
        if row_no in errors:
            for col, text in errors[row_no]:
                if col < len(values):
                    values[col] = text
        yield row_no, values


def _ranges(numbers):
    out, first, last = [], None, None
    for n in numbers:
        if first is not None and n == last + 1:
            last = n
            continue
        if first is not None:
            out.append(f"{first}–{last}" if last > first else str(first))
        first = last = n
    if first is not None:
        out.append(f"{first}–{last}" if last > first else str(first))
    return out


def _report_hidden(report, data, hidden, scan):
    where = {"sheet": data.title, "sheet_id": data.spec.id}
    if hidden and data.rows:
        report.add("hidden_sheet", f"Trang tính '{data.title}' đang bị ẩn trong Excel nhưng "
                   f"vẫn được nhập ({len(data.rows)} dòng). Nếu không muốn nhập, hãy xóa trang này.",
                   **where)
    if scan is None or not scan.hidden_rows or not data.rows:
        return
    hidden_rows = set(scan.hidden_rows)
    rows = [row_no for row_no, _, _ in data.rows if row_no in hidden_rows]
    if rows:
        shown = _ranges(rows)
        listed = ", ".join(shown[:20]) + (", …" if len(shown) > 20 else "")
        report.add("hidden_rows", f"Trang '{data.title}' có {len(rows)} dòng bị ẩn vẫn được "
                   f"nhập (dòng {listed}). Nếu không muốn nhập, hãy xóa hẳn các dòng đó.",
                   row=rows[0], **where)


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
