"""Rows of one sheet as read: header matching, cell conversion, where each value came from."""
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from importers.examples import MARK, MARKED
from importers.sources import count_row
from importers.spec import ERROR_HEADER, INSTRUCTIONS_TITLE, LISTS_TITLE, SHEETS, SHEETS_BY_ID
from importers.values import TEXT_AS_IS, fold, is_blank, make_converter

SHEET_NAMES = {fold(name): s for s in SHEETS for name in (s.id, s.title)}
SHEET_NAMES.update({fold("dossier"): SHEETS_BY_ID["dossier_items"]})
IGNORED_SHEETS = {fold(INSTRUCTIONS_TITLE), fold(LISTS_TITLE), "instructions", "lists"}
HEADER_SCAN = 10


def sheet_for(name):
    """The sheet spec named by a tab or file name (Vietnamese title or id), or None."""
    return SHEET_NAMES.get(fold(name))


@dataclass
class SheetData:
    """One sheet's rows: values in `fields` order, with their row numbers and columns."""

    spec: object
    title: str
    fields: tuple = ()
    headers: dict = field(default_factory=dict)  # field → (header text, 0-based column)
    rows: list = field(default_factory=list)  # (row number, values tuple, json path or None)
    missing: set = field(default_factory=set)

    @property
    def absent(self) -> tuple:
        """The fields of the sheet's columns that the file does not have: left as they are."""
        return tuple(c.field for c in self.spec.columns if c.field not in self.headers)

    def record(self, index) -> dict:
        """The row as a dict of non-blank values."""
        values = self.rows[index][1]
        return {f: v for f, v in zip(self.fields, values) if v is not None}

    def positions(self, names) -> tuple:
        """((name, position in a row's values or None), …) for these fields (remembered)."""
        cache = self.__dict__.setdefault("_positions", {})
        found = cache.get(names)
        if found is None:
            found = cache[names] = tuple(
                (n, self.fields.index(n) if n in self.fields else None) for n in names)
        return found

    def value(self, index, name):
        try:
            return self.rows[index][1][self.fields.index(name)]
        except ValueError:
            return None

    def where(self, index=None, name=None) -> dict:
        """The location of a row (and a column) for an issue."""
        out = {"sheet": self.title, "sheet_id": self.spec.id}
        if index is not None:
            out["row"] = self.rows[index][0]
            if self.rows[index][2]:
                out["path"] = self.rows[index][2]
        if name is not None:
            out["field"] = name
            if name in self.headers:
                header, col = self.headers[name]
                out["column"] = header
                if index is not None:
                    out["cell"] = f"{get_column_letter(col + 1)}{out['row']}"
            else:
                out["column"] = name
        return out


def _lookup(spec):
    out = {}
    for column in spec.columns:
        out[fold(column.label)] = column
        out[fold(column.field)] = column
        for alias in column.aliases:
            out[fold(alias)] = column
    return out


def _header_row(buffered, lookup):
    best, best_score = None, 0
    for i, (_, values) in enumerate(buffered):
        score = sum(1 for v in values if isinstance(v, str) and fold(v) in lookup)
        if score > best_score:
            best, best_score = i, score
    return best


def _map_headers(data, row_no, values, lookup, report):
    columns, seen = [], {}
    for col, text in enumerate(values):
        if is_blank(text):
            continue
        header = str(text).strip()
        column = lookup.get(fold(header))
        where = {"sheet": data.title, "sheet_id": data.spec.id, "row": row_no, "column": header,
                 "cell": f"{get_column_letter(col + 1)}{row_no}"}
        if column is None:
            if fold(header) != fold(ERROR_HEADER):
                report.add("unknown_column", f"Cột '{header}' không có trong mẫu nên được bỏ qua.",
                           value=header, **where)
        elif column.field in seen:
            report.add("duplicate_column", f"Cột '{header}' lặp lại cột '{seen[column.field]}'; "
                       "chỉ cột đầu tiên được dùng.", field=column.field, value=header, **where)
        else:
            seen[column.field] = header
            data.headers[column.field] = (header, col)
            columns.append((col, column))
    data.fields = tuple(c.field for _, c in columns)
    return [(col, convert, convert in TEXT_AS_IS) for col, c in columns
            for convert in (make_converter(c),)]


def _example_check(spec, fields):
    """A test telling the template's example rows (marked "(Ví dụ)") from data rows."""
    name = MARKED.get(spec.id)
    if name not in fields:
        return None
    position = fields.index(name)
    return lambda cells: isinstance(cells[position], str) and cells[position].lstrip().startswith(
        MARK)


def read_rows(spec, title, numbered_rows, report, limits, counter, paths=None) -> SheetData:
    """Build a SheetData from (row number, cell values) pairs; header found in the first rows."""
    data = SheetData(spec, title)
    buffered, converters, examples = [], None, None
    for row_no, values in numbered_rows:
        count_row(counter, limits)
        if converters is None:
            buffered.append((row_no, values))
            if len(buffered) < HEADER_SCAN:
                continue
            converters, rest = _start(data, buffered, report)
            examples = _example_check(spec, data.fields)
            for item in rest:
                _add_row(data, item, converters, examples, report, paths, limits)
            continue
        _add_row(data, (row_no, values), converters, examples, report, paths, limits)
    if converters is None and buffered:
        converters, rest = _start(data, buffered, report)
        examples = _example_check(spec, data.fields)
        for item in rest:
            _add_row(data, item, converters, examples, report, paths, limits)
    if data.rows:
        _check_required(data, report)
    report.sheet_stats(spec.id, title)["rows"] += len(data.rows)
    return data


def _start(data, buffered, report):
    lookup = _lookup(data.spec)
    index = _header_row(buffered, lookup)
    if index is None:
        if any(not all(is_blank(v) for v in values) for _, values in buffered):
            report.add("missing_column", "Không tìm thấy hàng tiêu đề cột (hàng 1 phải là tên "
                       "các cột như trong mẫu).", sheet=data.title, sheet_id=data.spec.id)
        return [], []
    row_no, values = buffered[index]
    return _map_headers(data, row_no, values, lookup, report), buffered[index + 1:]


def _add_row(data, item, converters, examples, report, paths, limits):
    row_no, values = item
    if not converters:
        return
    width, out, longest = len(values), [], limits.max_cell_chars
    for col, convert, keeps_text in converters:  # the hot loop of a large file: kept plain
        value = values[col] if col < width else None
        if value.__class__ is str:
            if not value or value.isspace():
                out.append(None)
            elif len(value) > longest:
                return _too_long(data, row_no, col, value, report, longest)
            else:
                out.append(value if keeps_text else convert(value))
        elif value is None:
            out.append(None)
        else:
            out.append(convert(value))
    cells = tuple(out)
    if cells.count(None) == len(cells):
        return
    if examples is not None and examples(cells):
        report.add("example_row", "Dòng ví dụ của mẫu được bỏ qua; hãy ghi đè hoặc xóa dòng này.",
                   sheet=data.title, sheet_id=data.spec.id, row=row_no)
        return
    data.rows.append((row_no, cells, paths.get(row_no) if paths else None))


def _too_long(data, row_no, col, value, report, longest):
    """A cell longer than Excel holds: the row is not read (never cut silently)."""
    name = next((f for f, (_, c) in data.headers.items() if c == col), None)
    header = data.headers[name][0] if name else str(col + 1)
    size, limit = (f"{n:,}".replace(",", ".") for n in (len(value), longest))
    report.add("invalid_format", f"Ô {get_column_letter(col + 1)}{row_no} (cột '{header}') có "
               f"{size} ký tự, vượt giới hạn {limit} ký tự của một ô Excel; dòng này không được "
               "nhập. Hãy rút gọn nội dung.", value=value[:100] + "…",
               sheet=data.title, sheet_id=data.spec.id, row=row_no, column=header, field=name,
               cell=f"{get_column_letter(col + 1)}{row_no}")


def _check_required(data, report):
    absent = [c for c in data.spec.columns if c.field not in data.headers and not c.required]
    if absent:
        labels = ", ".join(f"'{c.label}'" for c in absent)
        report.add("absent_column", f"Trang không có cột {labels}: giá trị đã có của các cột này "
                   "được giữ nguyên (chỉ ô để trống trong một cột có mặt mới xóa giá trị).",
                   sheet=data.title, sheet_id=data.spec.id,
                   value=[c.field for c in absent])
    for column in data.spec.columns:
        if column.required and column.field not in data.headers:
            data.missing.add(column.field)
            report.add("missing_column", f"Thiếu cột bắt buộc '{column.label}' ({column.field}).",
                       sheet=data.title, sheet_id=data.spec.id, column=column.label,
                       field=column.field)
