"""Rows of one sheet as read: header matching, cell conversion, where each value came from."""
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from operator import itemgetter

from openpyxl.utils import get_column_letter

from importers.examples import MARK, MARKED
from importers.sources import count_rows, refuse_rows
from importers.spec import ERROR_HEADER, INSTRUCTIONS_TITLE, LISTS_TITLE, SHEETS, SHEETS_BY_ID
from importers.values import TEXT_AS_IS, convert_column, fold, is_blank, make_converter

SHEET_NAMES = {fold(name): s for s in SHEETS for name in (s.id, s.title)}
SHEET_NAMES.update({fold("dossier"): SHEETS_BY_ID["dossier_items"]})
IGNORED_SHEETS = {fold(INSTRUCTIONS_TITLE), fold(LISTS_TITLE), "instructions", "lists"}
HEADER_SCAN = 10
ROW_BLOCK = 4096  # rows converted together, a column at a time


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

    def record(self, index, drop=()) -> dict:
        """The row as a dict of non-blank values (without the fields in drop)."""
        values = self.rows[index][1]
        if not drop:
            return {f: v for f, v in zip(self.fields, values) if v is not None}
        return {f: values[i] for f, i in self._kept(drop) if values[i] is not None}

    def records(self, indexes, drop) -> list:
        """record(index, drop) of each of these rows (a record's part rows, in one call)."""
        kept, rows = self._kept(drop), self.rows
        return [{f: v for f, i in kept if (v := rows[index][1][i]) is not None}
                for index in indexes]

    def _kept(self, drop) -> tuple:
        cache = self.__dict__.setdefault("_kept_fields", {})
        found = cache.get(drop)
        if found is None:
            found = cache[drop] = tuple(
                (f, i) for i, f in enumerate(self.fields) if f not in drop)
        return found

    def positions(self, names) -> tuple:
        """((name, position in a row's values or None), …) for these fields (remembered)."""
        cache = self.__dict__.setdefault("_positions", {})
        found = cache.get(names)
        if found is None:
            found = cache[names] = tuple(
                (n, self.fields.index(n) if n in self.fields else None) for n in names)
        return found

    def value(self, index, name):
        position = self._index().get(name)
        return None if position is None else self.rows[index][1][position]

    def _index(self) -> dict:
        """{field: position in a row's values} (remembered; fields are set once, by the header)."""
        found = self.__dict__.get("_field_index")
        if found is None or found[0] is not self.fields:
            index = {}
            for i, f in enumerate(self.fields):
                index.setdefault(f, i)
            found = self.__dict__["_field_index"] = (self.fields, index)
        return found[1]

    def column(self, name) -> list:
        """One field's values in row order (all None when the sheet has no such column); asked
        once the sheet is read, and remembered."""
        try:
            return self.__dict__["_columns"][name]
        except KeyError:
            position = self._index().get(name)
            found = [None] * len(self.rows) if position is None else list(
                map(itemgetter(position), map(itemgetter(1), self.rows)))
            self.__dict__.setdefault("_columns", {})[name] = found
            return found

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


def _example_position(spec, fields):
    """The position of the column telling the template's example rows (marked "(Ví dụ)")."""
    name = MARKED.get(spec.id)
    return fields.index(name) if name in fields else None


def read_rows(spec, title, numbered_rows, report, limits, counter, paths=None) -> SheetData:
    """Build a SheetData from (row number, cell values) pairs; header found in the first rows.

    Past the header each row is cut to the cells of its known columns as it is read, and the
    rows are converted in blocks, a column at a time (importers/values.py: convert_column): the
    same cell → value rules as one cell at a time, at a fraction of the cost.
    """
    data = SheetData(spec, title)
    rows = iter(numbered_rows)
    block = list(islice(rows, HEADER_SCAN))
    if count_rows(counter, limits, len(block)) < len(block):
        refuse_rows(limits)
    converters, block = _start(data, block, report) if block else ([], [])
    if converters:
        cut = _cutter([col for col, _, _ in converters])
        marker = _example_position(spec, data.fields)
        block = cut(block)
    while True:
        if converters and block:
            _add_rows(data, block, converters, marker, report, paths, limits)
        block = list(islice(rows, ROW_BLOCK))
        if converters:
            block = cut(block)
        if not block:
            break
        within = count_rows(counter, limits, len(block))
        if within < len(block):
            if converters and within:
                _add_rows(data, block[:within], converters, marker, report, paths, limits)
            refuse_rows(limits)
    if data.rows:
        _check_required(data, report)
    report.sheet_stats(spec.id, title)["rows"] += len(data.rows)
    return data


def _cutter(positions):
    """(row number, values) pairs → (row number, the values at positions as a tuple); None past
    the end of a short CSV line."""
    get, width = itemgetter(*positions), max(positions) + 1

    def padded(values):
        return values if len(values) >= width else (*values, *(None,) * width)

    if len(positions) == 1:
        return lambda block: [(row_no, (padded(values)[positions[0]],))
                              for row_no, values in block]

    def cut(block):
        try:
            return [(row_no, get(values)) for row_no, values in block]
        except IndexError:  # a short line somewhere in the block
            return [(row_no, get(padded(values))) for row_no, values in block]
    return cut


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


def _add_rows(data, block, converters, marker, report, paths, limits):
    """Convert a block of (row number, cells of the known columns) pairs; keep the rows with a
    value.

    A row with a cell longer than Excel holds is refused (the first such cell, in column order),
    a blank row is skipped, an example row is skipped with a note; issues in row order."""
    numbers, rows = zip(*block)
    columns = list(zip(*rows))
    longest, too_long = limits.max_cell_chars, False
    converted = []
    for values, (_, convert, keeps_text) in zip(columns, converters):
        out, length = convert_column(values, convert, keeps_text)
        converted.append(out)
        too_long = too_long or length > longest
    cells = list(zip(*converted))
    if any(None not in values for values in converted):  # a column without a blank cell
        keep = [True] * len(cells)
    else:
        keep = list(map(len(converters).__ne__, map(tuple.count, cells, repeat(None))))
    issues = {}
    if too_long:
        for i, row in enumerate(rows):
            for (col, _, _), value in zip(converters, row):
                if value.__class__ is str and len(value) > longest and not value.isspace():
                    issues[i] = (col, value)
                    break
    if marker is not None and _has_mark(converted[marker]):
        for i, value in enumerate(converted[marker]):
            if keep[i] and i not in issues and isinstance(value, str) and value.lstrip(
                    ).startswith(MARK):
                issues[i] = None
    for i in sorted(issues):
        keep[i] = False
        if issues[i] is None:
            report.add("example_row", "Dòng ví dụ của mẫu được bỏ qua; hãy ghi đè hoặc xóa dòng "
                       "này.", sheet=data.title, sheet_id=data.spec.id, row=numbers[i])
        else:
            _too_long(data, numbers[i], *issues[i], report, longest)
    found = map(paths.get, numbers) if paths else repeat(None)
    data.rows.extend(compress(zip(numbers, cells, found), keep))


def _has_mark(values):
    """Whether any text among values contains the example mark (one search, not one per cell)."""
    return MARK in "\n".join(compress(values, map(isinstance, values, repeat(str))))


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
